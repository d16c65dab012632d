// CloudFormation templates: task definitions in PascalCase through the same ECS rules, policies of
// roles and resources through the IAM rules, intrinsic functions, role links inside the template with
// fixes that edit the template, hover, outline, and the AWS-written templates of test/corpus.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { resolveStrings } from '../../server/src/core/intrinsics';
import { property } from '../../server/src/core/json';
import { parseDocument } from '../../server/src/core/document';
import { hoverAt } from '../../server/src/features/hover';
import { documentSymbols } from '../../server/src/features/symbols';
import { applyEdits, CORPUS, coveredText, FIXTURES, isStrictJson, jsonFilesBelow, lint, ruleTests } from '../helpers';

const fixture = (name: string) => readFileSync(path.join(FIXTURES, 'cloudformation', name), 'utf8');

/** A template with one AWS::ECS::TaskDefinition whose Properties are `properties`, plus `resources`. */
function template(
  properties: Record<string, unknown>,
  resources: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
): string {
  return JSON.stringify(
    {
      AWSTemplateFormatVersion: '2010-09-09',
      ...extra,
      Resources: { ...resources, TaskDefinition: { Type: 'AWS::ECS::TaskDefinition', Properties: properties } },
    },
    null,
    2,
  );
}
const container = (fields: Record<string, unknown> = {}) => ({
  Name: 'app',
  Image: 'public.ecr.aws/nginx/nginx:1.27',
  Essential: true,
  Memory: 512,
  ...fields,
});
const policyTemplate = (type: string, properties: Record<string, unknown>) =>
  JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { Thing: { Type: type, Properties: properties } } }, null, 2);
const doc = (statement: unknown[]) => ({ Version: '2012-10-17', Statement: statement });

describe('classification of templates', () => {
  test('task definitions and every kind of embedded policy become views', () => {
    const document = parseDocument(fixture('ecs-service.json'));
    assert.equal(document.kind, 'cloudformation-template');
    assert.equal(document.taskDefinitions.length, 1);
    assert.equal(document.taskDefinitions[0].format, 'cloudformation');
    assert.deepEqual(
      document.policies.map((policy) => `${policy.kind}:${policy.resource}`),
      ['trust:ExecutionRole', 'identity:ExecutionRole', 'trust:TaskRole', 'identity:TaskRolePolicy'],
    );
    const resources = JSON.stringify({
      Resources: {
        B: {
          Type: 'AWS::S3::BucketPolicy',
          Properties: { PolicyDocument: doc([{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }]) },
        },
        Q: { Type: 'AWS::SQS::QueuePolicy', Properties: { PolicyDocument: doc([]) } },
        T: { Type: 'AWS::SNS::TopicPolicy', Properties: { PolicyDocument: doc([]) } },
        R: { Type: 'AWS::ECR::Repository', Properties: { RepositoryPolicyText: doc([]) } },
        M: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: doc([]) } },
        P: { Type: 'AWS::IAM::Policy', Properties: { PolicyDocument: { 'Fn::If': ['C', doc([]), doc([])] } } },
      },
    });
    assert.deepEqual(
      parseDocument(resources).policies.map((policy) => `${policy.kind}:${policy.resource}`),
      ['resource:B', 'resource:Q', 'resource:T', 'resource:R', 'identity:M', 'identity:P', 'identity:P'],
    );
  });
});

describe('intrinsic functions', () => {
  const valueOf = (expression: unknown, mode: 'exact' | 'pattern' = 'exact', extra: Record<string, unknown> = {}) => {
    const document = parseDocument(
      JSON.stringify({
        AWSTemplateFormatVersion: '2010-09-09',
        Parameters: { Env: { Type: 'String', Default: 'dev' }, NoDefault: { Type: 'String' } },
        ...extra,
        Resources: { X: { Type: 'AWS::SNS::Topic', Properties: { V: expression } } },
      }),
    );
    return resolveStrings(property(property(property(property(document.root, 'Resources'), 'X'), 'Properties'), 'V'), mode);
  };
  test('Fn::Sub with pseudo parameters resolves to valid stand-ins', () => {
    assert.deepEqual(valueOf({ 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/app-${Env}' }), [
      'arn:aws:iam::123456789012:role/app-dev',
    ]);
    assert.deepEqual(valueOf({ 'Fn::Sub': ['${Name}-x', { Name: { Ref: 'Env' } }] }), ['dev-x']);
    assert.deepEqual(valueOf({ 'Fn::Sub': 'price ${!Literal}' }), ['price ${Literal}']);
  });
  test('unknown values: undefined when exact, * as a pattern', () => {
    assert.equal(valueOf({ Ref: 'NoDefault' }), undefined);
    assert.equal(valueOf({ 'Fn::ImportValue': 'x' }), undefined);
    assert.deepEqual(valueOf({ 'Fn::Sub': 'arn:aws:s3:::${NoDefault}/*' }, 'pattern'), ['arn:aws:s3:::*/*']);
    assert.deepEqual(valueOf({ 'Fn::GetAtt': ['X', 'Arn'] }, 'pattern'), ['*']);
  });
  test('Fn::If gives both branches, Fn::Join joins', () => {
    assert.deepEqual(valueOf({ 'Fn::If': ['C', 'a', { Ref: 'Env' }] }), ['a', 'dev']);
    assert.deepEqual(valueOf({ 'Fn::If': ['C', 'a', { Ref: 'AWS::NoValue' }] }), ['a']);
    assert.deepEqual(valueOf({ 'Fn::Join': [':', ['arn', { Ref: 'AWS::Partition' }, 'sns']] }), ['arn:aws:sns']);
  });
});

describe('the ECS rules on AWS::ECS::TaskDefinition (PascalCase)', () => {
  ruleTests('ecs/unknown-field', {
    valid: [
      {
        name: 'PascalCase fields and CloudFormation spellings',
        code: template({
          Family: 'f',
          ContainerDefinitions: [container({ MountPoints: [{ SourceVolume: 'data', ContainerPath: '/data' }] })],
          Volumes: [
            {
              Name: 'data',
              EFSVolumeConfiguration: {
                FilesystemId: 'fs-12345678',
                TransitEncryption: 'ENABLED',
                AuthorizationConfig: { IAM: 'ENABLED', AccessPointId: 'fsap-1' },
              },
            },
            { Name: 'files', S3FilesVolumeConfiguration: { FileSystemArn: 'arn:aws:s3files:us-east-1:123456789012:file-system/fs-1' } },
          ],
          Tags: [{ Key: 'team', Value: 'orders' }],
        }),
      },
      {
        name: 'map keys stay as written',
        code: template({
          ContainerDefinitions: [
            container({
              DockerLabels: { 'com.example': 'x' },
              LogConfiguration: { LogDriver: 'json-file', Options: { 'max-size': '10m' } },
            }),
          ],
        }),
      },
      {
        name: 'intrinsics as values',
        code: template({ ContainerDefinitions: { 'Fn::If': ['C', [container()], [container({ Name: 'b' })]] }, Cpu: { Ref: 'Cpu' } }),
      },
    ],
    invalid: [
      {
        name: 'a misspelt field suggests the PascalCase name',
        code: template({ ContainerDefinitions: [container({ Essental: true })] }),
        findings: [{ messageIncludes: 'Did you mean `Essential`?', text: '"Essental"' }],
      },
      {
        name: 'camelCase is not a CloudFormation property',
        code: template({ containerDefinitions: [container()] }),
        findings: [{ messageIncludes: 'Did you mean `ContainerDefinitions`?' }],
      },
      {
        name: 'the suggestion follows the structure: FSx spells FileSystemId, EFS FilesystemId',
        code: template({
          ContainerDefinitions: [container()],
          Volumes: [
            { Name: 'a', FSxWindowsFileServerVolumeConfiguration: { FileSytemId: 'fs-1', RootDirectory: 'share' } },
            { Name: 'b', EFSVolumeConfiguration: { FilesytemId: 'fs-2' } },
          ],
        }),
        findings: [{ messageIncludes: 'Did you mean `FileSystemId`?' }, { messageIncludes: 'Did you mean `FilesystemId`?' }],
      },
    ],
  });
  ruleTests('ecs/invalid-type', {
    valid: [
      {
        name: 'CloudFormation converts "512" to an integer',
        code: template({ ContainerDefinitions: [container({ Memory: '512', Essential: 'true' })] }),
      },
    ],
    invalid: [
      {
        name: 'an object where an integer belongs',
        code: template({ ContainerDefinitions: [container({ Memory: { Size: 512 } })] }),
        findings: [{ messageIncludes: 'must be an integer' }],
      },
    ],
  });
  ruleTests('ecs/invalid-enum-value', {
    valid: [{ code: template({ NetworkMode: { 'Fn::If': ['C', 'awsvpc', 'bridge'] }, ContainerDefinitions: [container()] }) }],
    invalid: [
      {
        name: 'both branches of a Fn::If are checked',
        code: template({ NetworkMode: { 'Fn::If': ['C', 'awsvpc', 'bridged'] }, ContainerDefinitions: [container()] }),
        findings: [{ text: 'bridged' }],
      },
    ],
  });
  ruleTests('ecs/missing-required-field', {
    valid: [{ name: 'Family is optional in CloudFormation', code: template({ ContainerDefinitions: [container()] }) }],
    invalid: [
      {
        name: 'a secret without ValueFrom',
        code: template({ ContainerDefinitions: [container({ Secrets: [{ Name: 'X' }] })] }),
        // Named as the template spells it.
        findings: [{ messageIncludes: 'has no `ValueFrom`' }],
      },
    ],
  });
  ruleTests('ecs/read-only-field', { valid: [{ code: template({ ContainerDefinitions: [container()], Status: 'ACTIVE' }) }], invalid: [] });
  ruleTests('ecs/fargate-network-mode', {
    valid: [
      {
        code: template({
          RequiresCompatibilities: ['FARGATE'],
          NetworkMode: 'awsvpc',
          Cpu: '256',
          Memory: '512',
          ContainerDefinitions: [container()],
        }),
      },
    ],
    invalid: [
      {
        name: 'the fix inserts PascalCase',
        code: template({ RequiresCompatibilities: ['FARGATE'], Cpu: '256', Memory: '512', ContainerDefinitions: [container()] }),
        findings: [{ severity: 'error' }],
        output: template({
          RequiresCompatibilities: ['FARGATE'],
          NetworkMode: 'awsvpc',
          Cpu: '256',
          Memory: '512',
          ContainerDefinitions: [container()],
        }),
      },
    ],
  });
  ruleTests('ecs/fargate-task-size', {
    valid: [
      {
        name: 'a Ref to a parameter with a valid Default',
        code: template(
          {
            RequiresCompatibilities: ['FARGATE'],
            NetworkMode: 'awsvpc',
            Cpu: { Ref: 'Cpu' },
            Memory: '512',
            ContainerDefinitions: [container()],
          },
          {},
          { Parameters: { Cpu: { Type: 'Number', Default: 256 } } },
        ),
      },
      {
        name: 'a Ref without Default is not judged',
        code: template(
          {
            RequiresCompatibilities: ['FARGATE'],
            NetworkMode: 'awsvpc',
            Cpu: { Ref: 'Cpu' },
            Memory: { Ref: 'Memory' },
            ContainerDefinitions: [container()],
          },
          {},
          { Parameters: { Cpu: { Type: 'Number' }, Memory: { Type: 'Number' } } },
        ),
      },
    ],
    invalid: [
      {
        name: 'a Default that Fargate does not accept',
        code: template(
          {
            RequiresCompatibilities: ['FARGATE'],
            NetworkMode: 'awsvpc',
            Cpu: { Ref: 'Cpu' },
            Memory: '512',
            ContainerDefinitions: [container()],
          },
          {},
          { Parameters: { Cpu: { Type: 'Number', Default: 300 } } },
        ),
        findings: [{ messageIncludes: 'no task size' }],
      },
    ],
  });
  ruleTests('ecs/role-arn-format', {
    valid: [
      {
        name: 'Fn::Sub with ${AWS::AccountId} is a valid account',
        code: template({
          ExecutionRoleArn: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/exec' },
          ContainerDefinitions: [container()],
        }),
      },
      {
        name: 'Fn::GetAtt and Fn::ImportValue cannot be known',
        code: template({
          ExecutionRoleArn: { 'Fn::ImportValue': 'x' },
          TaskRoleArn: { 'Fn::GetAtt': ['Role', 'Arn'] },
          ContainerDefinitions: [container()],
        }),
      },
    ],
    invalid: [
      {
        name: 'a Fn::Sub that is not a role ARN',
        code: template({
          ExecutionRoleArn: { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:user/exec' },
          ContainerDefinitions: [container()],
        }),
        findings: [{ severity: 'error' }],
      },
    ],
  });
  ruleTests('ecs/no-essential-container', {
    valid: [{ code: template({ ContainerDefinitions: [container()] }) }],
    invalid: [{ code: template({ ContainerDefinitions: [container({ Essential: false })] }), findings: [{ severity: 'error' }] }],
  });
  ruleTests('ecs/same-task-and-execution-role', {
    valid: [
      {
        code: template({
          TaskRoleArn: { 'Fn::GetAtt': ['A', 'Arn'] },
          ExecutionRoleArn: { 'Fn::GetAtt': ['B', 'Arn'] },
          ContainerDefinitions: [container()],
        }),
      },
    ],
    invalid: [
      {
        code: template({ TaskRoleArn: 'arn:aws:iam::123456789012:role/app', ExecutionRoleArn: 'app', ContainerDefinitions: [container()] }),
        findings: [{ severity: 'warning' }],
      },
    ],
  });
});

describe('the IAM rules on template policies', () => {
  ruleTests('iam/value-type', {
    valid: [
      {
        name: 'intrinsics in Resource, Principal and Condition',
        code: policyTemplate('AWS::S3::BucketPolicy', {
          PolicyDocument: doc([
            {
              Effect: 'Allow',
              Principal: { AWS: { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:root' } },
              Action: 's3:GetObject',
              Resource: [{ 'Fn::Sub': 'arn:aws:s3:::${B}/*' }],
              Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
            },
          ]),
        }),
      },
    ],
    invalid: [
      {
        code: policyTemplate('AWS::IAM::ManagedPolicy', {
          PolicyDocument: doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: [42] }]),
        }),
        findings: [{ text: '42' }],
      },
    ],
  });
  ruleTests('iam/unknown-action', {
    valid: [
      { code: policyTemplate('AWS::IAM::Policy', { PolicyDocument: doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]) }) },
    ],
    invalid: [
      {
        code: policyTemplate('AWS::IAM::Role', {
          AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }]),
          Policies: [{ PolicyName: 'p', PolicyDocument: doc([{ Effect: 'Allow', Action: 's3:GetObjekt', Resource: '*' }]) }],
        }),
        findings: [{ text: '"s3:GetObjekt"' }],
      },
    ],
  });
  ruleTests('iam/resource-element', {
    valid: [
      {
        name: 'trust policies have no Resource; bucket policies may',
        code: policyTemplate('AWS::IAM::Role', {
          AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }]),
        }),
      },
    ],
    invalid: [
      {
        name: 'identity policy without Resource',
        code: policyTemplate('AWS::IAM::ManagedPolicy', { PolicyDocument: doc([{ Effect: 'Allow', Action: 's3:GetObject' }]) }),
        findings: [{ severity: 'error' }],
      },
    ],
  });
  ruleTests('iam/version', {
    valid: [
      {
        name: "${...} in a Fn::Sub is CloudFormation's, not a policy variable",
        code: policyTemplate('AWS::IAM::ManagedPolicy', {
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::b/*' } }],
          },
        }),
      },
    ],
    invalid: [
      {
        name: 'no Version, but the Sub variables are not IAM variables: a warning',
        code: policyTemplate('AWS::IAM::ManagedPolicy', {
          PolicyDocument: {
            Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::b/*' } }],
          },
        }),
        findings: [{ severity: 'warning' }],
      },
    ],
  });
  ruleTests('iam/trust-any-principal', {
    valid: [
      {
        name: 'runs on trust policies only',
        code: policyTemplate('AWS::S3::BucketPolicy', {
          PolicyDocument: doc([{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }]),
        }),
      },
    ],
    invalid: [
      {
        code: policyTemplate('AWS::IAM::Role', {
          AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }]),
        }),
        findings: [{ severity: 'warning' }],
      },
    ],
  });
});

test('iam/confused-deputy in a template: the fix uses the stack account, not a placeholder', async () => {
  const text = policyTemplate('AWS::IAM::Role', {
    AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }]),
  });
  const [finding] = (await lint(text)).findings.filter((f) => f.ruleId === 'iam/confused-deputy');
  const fixed = JSON.parse(applyEdits(text, finding.fixes[0].edits));
  assert.deepEqual(fixed.Resources.Thing.Properties.AssumeRolePolicyDocument.Statement[0].Condition, {
    StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
    ArnLike: { 'aws:SourceArn': { 'Fn::Sub': 'arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:*' } },
  });
});

describe('roles linked inside a template', () => {
  test('a correct ECS + roles template lints clean', async () => {
    const { findings } = await lint(fixture('ecs-service.json'));
    assert.deepEqual(
      findings.map((finding) => `${finding.ruleId}: ${finding.message}`),
      [],
    );
  });

  test('a missing secrets permission is caught at the secret, with a fix that edits the execution role policy in the template', async () => {
    const text = fixture('missing-secret-permission.json');
    const { findings } = await lint(text, { filePath: '/ws/stack.json' });
    const missing = findings.filter((finding) => finding.ruleId === 'ecs/execution-role-missing-permission');
    assert.equal(missing.length, 1, JSON.stringify(findings.map((f) => f.message)));
    assert.equal(missing[0].severity, 'error');
    assert.equal(coveredText(text, missing[0]), '{ "Ref": "DbPassword" }');
    assert.match(
      missing[0].message,
      /execution role `ExecutionRole` \(`ExecutionRole inline policy ReadSecrets` \+ AmazonECSTaskExecutionRolePolicy\) does not allow `secretsmanager:GetSecretValue`/,
    );
    const fix = missing[0].fixes[0];
    assert.equal(fix.otherFiles, undefined);
    const fixed = applyEdits(text, fix.edits);
    assert.ok(isStrictJson(fixed));
    const policy = JSON.parse(fixed).Resources.ExecutionRole.Properties.Policies[0].PolicyDocument;
    assert.deepEqual(policy.Statement.at(-1).Resource, { Ref: 'DbPassword' });
    // What remains: the hint that no task definition creates log groups, so that statement is not needed.
    assert.deepEqual(
      (await lint(fixed)).findings.map((finding) => `${finding.ruleId} ${finding.severity}`),
      ['iam/unneeded-execution-role-permission hint'],
    );
  });

  test('a role with only managed policies gets an inline policy from the fix', async () => {
    const source = JSON.parse(fixture('missing-secret-permission.json'));
    delete source.Resources.ExecutionRole.Properties.Policies;
    const text = JSON.stringify(source, null, 2);
    const [finding] = (await lint(text)).findings.filter((f) => f.ruleId === 'ecs/execution-role-missing-permission');
    assert.ok(finding);
    const fixed = applyEdits(text, finding.fixes[0].edits);
    assert.ok(isStrictJson(fixed));
    assert.equal(JSON.parse(fixed).Resources.ExecutionRole.Properties.Policies[0].PolicyName, 'ExecutionRolePolicy');
    assert.deepEqual(
      (await lint(fixed)).findings.map((f) => f.ruleId),
      [],
    );
  });

  test('AWS::IAM::Policy resources attached with Roles, and task role needs', async () => {
    const source = JSON.parse(fixture('ecs-service.json'));
    // Without the X-Ray statement the task role misses what the daemon sidecar needs.
    source.Resources.TaskRolePolicy.Properties.PolicyDocument.Statement.pop();
    const text = JSON.stringify(source, null, 2);
    const findings = (await lint(text)).findings.filter((f) => f.ruleId === 'ecs/task-role-missing-permission');
    assert.equal(findings.length, 1);
    assert.match(
      findings[0].message,
      /task role `TaskRole` \(`TaskRolePolicy \(AWS::IAM::Policy\)`\) does not allow `xray:PutTraceSegments`/,
    );
    const fixed = applyEdits(text, findings[0].fixes[0].edits);
    assert.deepEqual(
      (await lint(fixed)).findings.map((f) => f.ruleId),
      [],
    );
  });

  test('a literal role ARN is not linked inside the template (workspace linking applies)', async () => {
    const source = JSON.parse(fixture('missing-secret-permission.json'));
    source.Resources.TaskDefinition.Properties.ExecutionRoleArn = 'arn:aws:iam::123456789012:role/ExecutionRole';
    const findings = (await lint(JSON.stringify(source, null, 2))).findings.filter(
      (f) => f.ruleId === 'ecs/execution-role-missing-permission',
    );
    assert.deepEqual(findings, []);
  });

  test('the policy-side role checks run on the template picture', async () => {
    const source = JSON.parse(fixture('ecs-service.json'));
    const execution = source.Resources.ExecutionRole.Properties;
    execution.Policies[0].PolicyDocument.Statement.push({ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: '*' });
    source.Resources.TaskRolePolicy.Properties.PolicyDocument.Statement.push({
      Effect: 'Allow',
      Action: 'ecr:BatchGetImage',
      Resource: '*',
    });
    source.Resources.TaskRole.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service = 'lambda.amazonaws.com';
    const text = JSON.stringify(source, null, 2);
    const findings = (await lint(text)).findings.filter((f) =>
      ['iam/application-permission-on-execution-role', 'iam/execution-permission-on-task-role', 'iam/trust-policy-not-ecs'].includes(
        f.ruleId,
      ),
    );
    assert.deepEqual(
      findings.map((f) => `${f.ruleId} ${f.severity} ${coveredText(text, f).split('\n')[0]}`),
      [
        'iam/application-permission-on-execution-role warning "dynamodb:PutItem"',
        'iam/trust-policy-not-ecs error "Statement": [',
        'iam/execution-permission-on-task-role warning "ecr:BatchGetImage"',
      ],
    );
    const trust = findings[1];
    const fixed = applyEdits(text, trust.fixes[0].edits);
    assert.equal(
      JSON.parse(fixed).Resources.TaskRole.Properties.AssumeRolePolicyDocument.Statement.at(-1).Principal.Service,
      'ecs-tasks.amazonaws.com',
    );
    assert.deepEqual(
      (await lint(fixed)).findings.filter((f) => f.ruleId === 'iam/trust-policy-not-ecs'),
      [],
    );
  });

  test('a trust policy whose service principal is written with intrinsics', async () => {
    const source = JSON.parse(fixture('ecs-service.json'));
    const principal = source.Resources.TaskRole.Properties.AssumeRolePolicyDocument.Statement[0].Principal;
    const trustFindings = async () =>
      (await lint(JSON.stringify(source, null, 2))).findings.filter((f) => f.ruleId === 'iam/trust-policy-not-ecs').length;
    principal.Service = { 'Fn::Sub': 'ecs-tasks.${AWS::URLSuffix}' };
    assert.equal(await trustFindings(), 0, 'the URL suffix of ecs-tasks');
    source.Parameters = { ...source.Parameters, Principal: { Type: 'String' } };
    principal.Service = [{ Ref: 'Principal' }];
    assert.equal(await trustFindings(), 0, 'a parameter without a default may be ECS tasks: not an error');
    principal.Service = { 'Fn::Sub': 'lambda.${AWS::URLSuffix}' };
    assert.equal(await trustFindings(), 1, 'another service');
  });

  test('hover on ExecutionRoleArn shows the linked role and its needs', async () => {
    const text = fixture('missing-secret-permission.json');
    const document = parseDocument(text);
    const hover = await hoverAt(document, text.indexOf('"ExecutionRoleArn"') + 2);
    assert.ok(hover);
    assert.match(hover.markdown, /\*\*Task execution role\*\* — `ExecutionRole`/);
    assert.match(hover.markdown, /Defined in this template\*\* as the resource `ExecutionRole`/);
    assert.match(hover.markdown, /\*\*Linked policies\*\* \(in this template\).*\*\*2 of 3 needs met\*\*/);
    assert.match(hover.markdown, /missing: `secretsmanager:GetSecretValue`/);
    const taskHover = await hoverAt(document, text.indexOf('"TaskRoleArn"') + 2);
    assert.match(taskHover!.markdown, /\*\*Task role\*\* — `TaskRole`/);
  });
});

test('document symbols: resources with their types, policies with statements by Sid', () => {
  const document = parseDocument(fixture('ecs-service.json'));
  const [resources] = documentSymbols(document);
  assert.equal(resources.name, 'Resources');
  assert.deepEqual(
    resources.children.map((symbol) => `${symbol.name} ${symbol.detail}`),
    [
      'DbPassword AWS::SecretsManager::Secret',
      'LogGroup AWS::Logs::LogGroup',
      'ExecutionRole AWS::IAM::Role',
      'TaskRole AWS::IAM::Role',
      'TaskRolePolicy AWS::IAM::Policy',
      'TaskDefinition AWS::ECS::TaskDefinition',
    ],
  );
  const role = resources.children[2];
  assert.deepEqual(
    role.children.map((symbol) => `${symbol.name} (${symbol.detail}): ${symbol.children.map((s) => s.name).join(', ')}`),
    ['AssumeRolePolicyDocument (trust policy): Statement 1', 'ReadSecrets (identity policy): ReadDbPassword'],
  );
  assert.deepEqual(
    resources.children[5].children.map((symbol) => symbol.name),
    ['app', 'xray'],
  );
  const text = document.text;
  assert.equal(text.slice(role.selectionSpan.offset, role.selectionSpan.offset + role.selectionSpan.length), '"ExecutionRole"');
  const policy = parseDocument(JSON.stringify(doc([{ Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' }])));
  assert.deepEqual(
    documentSymbols(policy).map((symbol) => `${symbol.name}: ${symbol.detail}`),
    ['Read: Allow s3:GetObject'],
  );
});

/**
 * Unknown actions in the AWS-written templates, each checked by hand: all are real mistakes.
 * `s3:ReplicationTags` does not exist (the replication permission is `s3:ReplicateTags`), so the statement
 * grants nothing for it. IAM accepts the policy, so `iam/unknown-action` reports them as warnings.
 */
const CORPUS_UNKNOWN_ACTIONS: Record<string, string[]> = {
  'CloudFormation/StackSets/common-resources-pkg.json': ['iam/unknown-action s3:ReplicationTags'],
  'S3/compliant-bucket.json': ['iam/unknown-action s3:ReplicationTags'],
  'S3/compliant-static-website.json': ['iam/unknown-action s3:ReplicationTags', 'iam/unknown-action s3:ReplicationTags'],
  'Solutions/WebApp/webapp.json': ['iam/unknown-action s3:ReplicationTags', 'iam/unknown-action s3:ReplicationTags'],
};

test('AWS-written templates: no error-level finding; the real mistakes found as warnings', async () => {
  const root = path.join(CORPUS, 'cloudformation-templates');
  const files = jsonFilesBelow(root);
  assert.equal(files.length, 67);
  const errors: Record<string, string[]> = {};
  const unknownActions: Record<string, string[]> = {};
  let taskDefinitions = 0;
  let policies = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const { document, findings } = await lint(text, { filePath: file });
    assert.equal(document.kind, 'cloudformation-template', file);
    taskDefinitions += document.taskDefinitions.length;
    policies += document.policies.length;
    const relative = path.relative(root, file).split(path.sep).join('/');
    for (const finding of findings) {
      assert.notEqual(finding.ruleId, 'internal/rule-failed', `${relative}: ${finding.message}`);
      if (finding.severity === 'error') (errors[relative] ??= []).push(`${finding.ruleId} ${coveredText(text, finding)}`);
      if (finding.ruleId === 'iam/unknown-action') {
        (unknownActions[relative] ??= []).push(`${finding.severity} ${finding.ruleId} ${JSON.parse(coveredText(text, finding))}`);
      }
    }
  }
  assert.deepEqual(errors, {});
  assert.deepEqual(
    unknownActions,
    Object.fromEntries(Object.entries(CORPUS_UNKNOWN_ACTIONS).map(([file, entries]) => [file, entries.map((entry) => `warning ${entry}`)])),
  );
  assert.ok(taskDefinitions >= 6, `task definitions: ${taskDefinitions}`);
  assert.ok(policies >= 100, `policies: ${policies}`);
});
