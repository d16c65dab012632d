// Text from a document is looked up in many tables (schema members, resource types, operators, log
// drivers, managed policies, aliases). Names of Object.prototype members must find nothing there: every
// rule, hover and completion must treat them as the unknown words they are. (Two rule failures and a
// crash of the template classifier came from such names.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/analyzer';
import { completionsAt } from '../../server/src/features/completion';
import { hoverAt } from '../../server/src/features/hover';

const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

/** An object with an own property named `name` (an object literal would set the prototype for `__proto__`). */
function withKey(name: string, value: unknown, rest: Record<string, unknown> = {}): Record<string, unknown> {
  return Object.defineProperty({ ...rest }, name, { value, enumerable: true, configurable: true, writable: true });
}

function documentsFor(name: string): Record<string, string> {
  const taskDefinition = withKey(name, 1, {
    family: 'web',
    networkMode: name,
    requiresCompatibilities: [name],
    executionRoleArn: name,
    containerDefinitions: [
      withKey(name, withKey(name, 2), {
        name: 'web',
        image: 'nginx:1.27',
        memory: 256,
        logConfiguration: { logDriver: name, options: withKey(name, 'x') },
        firelensConfiguration: { type: name, options: withKey(name, 'x') },
      }),
    ],
  });
  const statement = {
    Effect: name,
    Action: [`${name}:${name}`, `s3:${name}`, `${name}*`],
    Resource: [`arn:aws:${name}:::${name}`, `arn:aws:s3:::${name}`],
    Principal: withKey(name, name, { Service: `${name}.amazonaws.com` }),
    Condition: withKey(name, withKey(name, 'x', { [`aws:${name}`]: 'y' }), { [`ForAnyValue:${name}`]: { 'aws:TagKeys': 'x' } }),
  };
  const template = {
    Parameters: withKey(name, { Type: name }),
    Resources: withKey(
      name,
      { Type: name, Properties: withKey(name, 1) },
      {
        Task: {
          Type: 'AWS::ECS::TaskDefinition',
          Properties: withKey(name, 1, {
            ContainerDefinitions: [withKey(name, 1, { Name: 'a', Image: 'b' })],
            ExecutionRoleArn: { 'Fn::GetAtt': [name, 'Arn'] },
            TaskRoleArn: { Ref: name },
          }),
        },
        Role: {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: name }, Action: name }] },
            ManagedPolicyArns: [`arn:aws:iam::aws:policy/${name}`, name],
          },
        },
        Other: { Type: `AWS::${name}::${name}`, Properties: { PolicyDocument: { Statement: [statement] } } },
      },
    ),
  };
  return {
    'task definition': JSON.stringify(taskDefinition, null, 1),
    policy: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }, null, 1),
    template: JSON.stringify(template, null, 1),
  };
}

for (const name of NAMES) {
  test(`"${name}" as a key and a value everywhere: no rule fails, hover and completion answer`, async () => {
    for (const [kind, text] of Object.entries(documentsFor(name))) {
      const { document, findings } = await analyze(text);
      assert.deepEqual(
        findings.filter((finding) => finding.ruleId === 'internal/rule-failed').map((finding) => finding.message),
        [],
        `${kind}`,
      );
      for (let offset = 0; offset <= text.length; offset += 3) {
        await hoverAt(document, offset);
        completionsAt(document, offset);
      }
    }
  });
}
