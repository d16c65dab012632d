// The CloudFormation property schema (generated from @aws-cdk/aws-service-spec) and the cfn/* rules that
// read it: table-driven, through the analysis core; intrinsic functions are never reported.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { propertyTypeSchema, resourceSchema } from '../../server/src/cloudformation/propertySchema';
import { parseDocument } from '../../server/src/core/document';
import { hoverAt } from '../../server/src/features/hover';
import { lint, REPO_ROOT, ruleTests } from '../helpers';

test('propertySchema.generated.json is up to date (run node scripts/generate-cfn-schema.mjs)', async () => {
  const generator = await import(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'generate-cfn-schema.mjs')).toString());
  const schema = generator.generate();
  assert.equal(readFileSync(generator.SCHEMA_FILE, 'utf8'), generator.serialize(schema), 'propertySchema.generated.json is stale');
  assert.match(schema.$comment, /do not edit/);
});

test('the schema holds what the rules rely on', () => {
  const role = resourceSchema('AWS::IAM::Role')!;
  assert.equal(role.properties.AssumeRolePolicyDocument.required, true);
  assert.equal(role.properties.RoleName.maxLength, 64);
  assert.deepEqual(role.properties.Policies.type, { array: { ref: 'AWS::IAM::Role.Policy' } });
  assert.equal(propertyTypeSchema('AWS::IAM::Role.Policy')!.properties.PolicyName.required, true);
  assert.deepEqual(resourceSchema('AWS::ECS::Service')!.properties.LaunchType.type, { enum: ['EC2', 'FARGATE', 'EXTERNAL'] });
  assert.ok(resourceSchema('AWS::ECS::Service')!.properties.LaunchType.doc!.includes('launch type'));
  for (const type of [
    'AWS::S3::BucketPolicy',
    'AWS::KMS::Key',
    'AWS::OpenSearchService::Domain',
    'AWS::Organizations::Policy',
    'AWS::Lambda::Permission',
  ]) {
    assert.ok(resourceSchema(type), type);
  }
  assert.equal(resourceSchema('AWS::EC2::Instance'), undefined);
});

const TRUST =
  '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]}';
const template = (resources: Record<string, string>) =>
  `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {${Object.entries(resources)
    .map(([id, body]) => `"${id}": ${body}`)
    .join(', ')}}}`;
const role = (properties: string) =>
  `{"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": ${TRUST}${properties ? `, ${properties}` : ''}}}`;

ruleTests('cfn/unknown-property', {
  valid: [
    { name: 'known properties', code: template({ R: role('"RoleName": "app", "Path": "/"') }) },
    { name: 'a type outside the scope', code: template({ I: '{"Type": "AWS::EC2::Instance", "Properties": {"Whatever": 1}}' }) },
    {
      name: 'a template run through a macro',
      code: `{"Transform": "MyMacro", ${template({ R: '{"Type": "AWS::IAM::Role", "Properties": {"Made": "up"}}' }).slice(1)}`,
    },
    {
      name: 'task definitions are left to ecs/unknown-field',
      code: template({ T: '{"Type": "AWS::ECS::TaskDefinition", "Properties": {"Famly": "x"}}' }),
    },
  ],
  invalid: [
    {
      name: 'misspelt, renamed by the fix',
      code: template({ R: role('"RoleNme": "app"') }),
      findings: [{ messageIncludes: 'Did you mean `RoleName`?', text: '"RoleNme"' }],
      output: template({ R: role('"RoleName": "app"') }),
    },
    {
      name: 'inside a property type',
      code: template({ R: role('"Policies": [{"PolicyName": "p", "PolicyDocument": {}, "Extra": 1}]') }),
      findings: [{ messageIncludes: 'a `Policy` of `AWS::IAM::Role`', text: '"Extra"' }],
    },
  ],
});

ruleTests('cfn/missing-property', {
  valid: [
    { name: 'trust policy given', code: template({ R: role('') }) },
    {
      name: 'given through an intrinsic',
      code: template({ R: '{"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Fn::If": ["C", {}, {}]}}}' }),
    },
  ],
  invalid: [
    {
      name: 'a role without a trust policy',
      code: template({ R: '{"Type": "AWS::IAM::Role", "Properties": {"RoleName": "app"}}' }),
      findings: [{ messageIncludes: 'needs the property `AssumeRolePolicyDocument`', text: '"Properties"' }],
    },
    {
      name: 'AWS::NoValue removes it',
      code: template({ R: '{"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Ref": "AWS::NoValue"}}}' }),
      findings: [{ messageIncludes: 'AssumeRolePolicyDocument' }],
    },
    {
      name: 'no Properties at all',
      code: template({ P: '{"Type": "AWS::Lambda::Permission"}' }),
      findings: [{ messageIncludes: '`Action`' }, { messageIncludes: '`FunctionName`' }, { messageIncludes: '`Principal`' }],
    },
    {
      name: 'an IAM policy attached to nothing',
      code: template({ P: '{"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "p", "PolicyDocument": {}}}' }),
      findings: [{ messageIncludes: 'at least one of `Roles`, `Users`, `Groups`' }],
    },
  ],
});

ruleTests('cfn/invalid-value', {
  valid: [
    {
      name: 'intrinsic role name',
      code: template({
        R: role('"RoleName": {"Fn::Sub": "${AWS::StackName}-a-very-long-suffix-that-would-not-fit-in-sixty-four-characters"}'),
      }),
    },
    { name: 'dynamic reference', code: template({ R: role('"RoleName": "{{resolve:ssm:/role/name}}"') }) },
    { name: 'numbers as strings', code: template({ R: role('"MaxSessionDuration": "7200"') }) },
    {
      name: 'a JSON string policy document',
      code: template({ R: `{"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": ${JSON.stringify(TRUST)}}}` }),
    },
    {
      name: 'both Fn::If branches fit',
      code: template({ S: '{"Type": "AWS::ECS::Service", "Properties": {"LaunchType": {"Fn::If": ["C", "EC2", "FARGATE"]}}}' }),
    },
  ],
  invalid: [
    {
      name: 'RoleName over 64 characters',
      code: template({ R: role(`"RoleName": "${'r'.repeat(65)}"`) }),
      findings: [{ messageIncludes: 'at most 64 characters long; it has 65', severity: 'error' }],
    },
    {
      name: 'RoleName with a space',
      code: template({ R: role('"RoleName": "my role"') }),
      findings: [{ messageIncludes: 'letters, digits and _+=,.@-' }],
    },
    { name: 'Path without slashes', code: template({ R: role('"Path": "app"') }), findings: [{ messageIncludes: 'between two slashes' }] },
    {
      name: 'MaxSessionDuration below an hour',
      code: template({ R: role('"MaxSessionDuration": 60') }),
      findings: [{ messageIncludes: 'between 3600 and 43200' }],
    },
    {
      name: 'a single value where a list is needed, wrapped by the fix',
      code: template({ R: role('"ManagedPolicyArns": "arn:aws:iam::aws:policy/ReadOnlyAccess"') }),
      findings: [{ messageIncludes: 'must be a list of strings' }],
      output: template({ R: role('"ManagedPolicyArns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"]') }),
    },
    {
      name: 'an enum in the wrong case, corrected by the fix',
      code: template({ S: '{"Type": "AWS::ECS::Service", "Properties": {"LaunchType": "fargate"}}' }),
      findings: [{ messageIncludes: 'Did you mean `FARGATE`?', text: '"fargate"' }],
      output: template({ S: '{"Type": "AWS::ECS::Service", "Properties": {"LaunchType": "FARGATE"}}' }),
    },
    {
      name: 'one Fn::If branch outside the enum',
      code: template({ S: '{"Type": "AWS::ECS::Service", "Properties": {"LaunchType": {"Fn::If": ["C", "EC2", "SPOT"]}}}' }),
      findings: [{ text: '"SPOT"' }],
    },
    {
      name: 'launch type and capacity provider strategy',
      code: template({
        S: '{"Type": "AWS::ECS::Service", "Properties": {"LaunchType": "EC2", "CapacityProviderStrategy": [{"CapacityProvider": "FARGATE"}]}}',
      }),
      findings: [{ messageIncludes: 'exclude each other', text: '"CapacityProviderStrategy"' }],
    },
  ],
});

ruleTests('cfn/duplicate-item', {
  valid: [
    { name: 'distinct', code: template({ R: role('"ManagedPolicyArns": ["arn:aws:iam::aws:policy/A", "arn:aws:iam::aws:policy/B"]') }) },
  ],
  invalid: [
    {
      name: 'the same ARN twice',
      code: template({ R: role('"ManagedPolicyArns": ["arn:aws:iam::aws:policy/A", "arn:aws:iam::aws:policy/A"]') }),
      findings: [{ severity: 'warning', messageIncludes: '`ManagedPolicyArns[1]`' }],
      output: template({ R: role('"ManagedPolicyArns": ["arn:aws:iam::aws:policy/A"]') }),
    },
    {
      name: 'the same Fn::Sub twice',
      code: template({
        R: role(
          '"ManagedPolicyArns": [{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/A"}, {"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/A"}]',
        ),
      }),
      findings: [{ messageIncludes: 'repeats an earlier entry' }],
    },
  ],
});

ruleTests('cfn/ref-role-with-path', {
  valid: [
    {
      name: 'GetAtt Arn',
      code: template({
        R: role('"Path": "/app/"'),
        S: '{"Type": "AWS::ECS::Service", "Properties": {"Role": {"Fn::GetAtt": ["R", "Arn"]}}}',
      }),
    },
    {
      name: 'Ref to a role at /',
      code: template({ R: role('"Path": "/"'), S: '{"Type": "AWS::ECS::Service", "Properties": {"Role": {"Ref": "R"}}}' }),
    },
  ],
  invalid: [
    {
      name: 'a service role with a path',
      code: template({ R: role('"Path": "/app/"'), S: '{"Type": "AWS::ECS::Service", "Properties": {"Role": {"Ref": "R"}}}' }),
      findings: [{ messageIncludes: 'has the path `/app/`', text: '"Role"', severity: 'warning' }],
      output: template({
        R: role('"Path": "/app/"'),
        S: '{"Type": "AWS::ECS::Service", "Properties": {"Role": {"Fn::GetAtt":["R","Arn"]}}}',
      }),
    },
  ],
});

test('the same template in YAML gets the same cfn findings', async () => {
  const yaml = [
    'Resources:',
    '  R:',
    '    Type: AWS::IAM::Role',
    '    Properties:',
    `      RoleName: ${'r'.repeat(70)}`,
    '      AssumeRolePolicyDocument: !Sub "{}"',
    '      ManagedPolicyArns: !Ref Policies',
    '      MaxSessionDuration: !Ref Duration',
    '  S:',
    '    Type: AWS::ECS::Service',
    '    Properties:',
    '      LaunchType: !If [C, EC2, fargate]',
    '',
  ].join('\n');
  const { findings } = await lint(yaml, { fileName: 'template.yaml' });
  assert.deepEqual(
    findings
      .filter((finding) => finding.ruleId.startsWith('cfn/'))
      .map((finding) => `${finding.ruleId} ${yaml.slice(finding.span.offset, finding.span.offset + finding.span.length)}`),
    [`cfn/invalid-value ${'r'.repeat(70)}`, 'cfn/invalid-value fargate'],
  );
});

test('hover on a property of an IAM or ECS resource shows its type, constraints and documentation', async () => {
  const text = template({
    R: role('"RoleName": "app", "Policies": [{"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17", "Statement": []}}]'),
    E: '{"Type": "AWS::ECR::Repository", "Properties": {"ImageTagMutability": "IMMUTABLE"}}',
  });
  const document = parseDocument(text, { fileName: 'template.json' });
  const at = async (needle: string) => (await hoverAt(document, text.indexOf(needle) + 2))?.markdown ?? '';
  const roleName = await at('"RoleName"');
  assert.match(roleName, /\*\*RoleName\*\* — `AWS::IAM::Role`/);
  assert.match(roleName, /1–64 characters/);
  assert.match(roleName, /up to 64 characters in length/);
  assert.match(roleName, /aws-resource-iam-role\.html/);
  assert.match(await at('"PolicyName"'), /`Policy` of `AWS::IAM::Role`[\s\S]*required/);
  assert.match(await at('"ImageTagMutability"'), /one of `MUTABLE`, `IMMUTABLE`/);
});
