// The risk-class rules (issue 14, item 3): one table per rule, valid and invalid cases, fixes where one repair is obvious.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALL_RULES } from '../../server/src/rules';
import { TOOL_MAPPINGS } from '../../server/src/rules/toolMappings';
import { ruleTests } from '../helpers';

const policy = (...statements: string[]) => `{"Version": "2012-10-17", "Statement": [${statements.join(', ')}]}`;
const allow = (action: string, resource = '"*"', extra = '') => `{"Effect": "Allow", "Action": ${action}, "Resource": ${resource}${extra}}`;
const template = (resources: Record<string, unknown>) =>
  JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources }, null, 2);

ruleTests('iam/resource-star', {
  valid: [
    { name: 'scoped to an ARN', code: policy(allow('"dynamodb:GetItem"', '"arn:aws:dynamodb:eu-west-1:210987654321:table/orders"')) },
    { name: 'an action that works only on *', code: policy(allow('"ecr:GetAuthorizationToken"')) },
    { name: "service-wide grants are iam/service-wide-access's", code: policy(allow('"dynamodb:*"')) },
    { name: "iam:PassRole is iam/pass-role-any-role's", code: policy(allow('"iam:PassRole"')) },
    { name: 'a Deny', code: policy('{"Effect": "Deny", "Action": "dynamodb:DeleteTable", "Resource": "*"}') },
  ],
  invalid: [
    {
      name: 'one action: the fix narrows * to its ARN template',
      code: policy(allow('"dynamodb:GetItem"')),
      findings: [{ severity: 'hint', text: '"*"', messageIncludes: 'type `table`' }],
      output: policy(allow('"dynamodb:GetItem"', '"arn:aws:dynamodb:<Region>:<Account>:table/<TableName>"')),
    },
    {
      name: 'with a condition (parliament reports RESOURCE_STAR there too)',
      code: policy(allow('"dynamodb:GetItem"', '"*"', ', "Condition": {"StringEquals": {"aws:ResourceTag/team": "orders"}}')),
      findings: [{ messageIncludes: 'that its condition admits' }],
    },
    {
      name: 'a wildcard names the ARN types its actions take',
      code: policy(allow('["sqs:Receive*", "sqs:DeleteMessage"]')),
      findings: [{ text: '"*"', messageIncludes: '2 actions of this statement' }],
    },
  ],
});

ruleTests('iam/permissions-management', {
  valid: [
    { name: 'scoped to a bucket', code: policy(allow('"s3:PutBucketPolicy"', '"arn:aws:s3:::orders"')) },
    { name: 'read actions', code: policy(allow('"s3:ListAllMyBuckets"')) },
  ],
  invalid: [
    { code: policy(allow('"iam:PutRolePolicy"')), findings: [{ severity: 'hint', messageIncludes: 'permissions-management action' }] },
    { name: 'a wildcard', code: policy(allow('"s3:PutBucket*"')), findings: [{ messageIncludes: '`s3:PutBucketAcl`' }] },
  ],
});

const executionRoleTemplate = (policyActions: string[]) =>
  template({
    ExecutionRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
        Policies: [
          {
            PolicyName: 'pull',
            PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: policyActions, Resource: '*' }] },
          },
        ],
      },
    },
    TaskDefinition: {
      Type: 'AWS::ECS::TaskDefinition',
      Properties: {
        ExecutionRoleArn: { 'Fn::GetAtt': ['ExecutionRole', 'Arn'] },
        ContainerDefinitions: [{ Name: 'web', Image: '210987654321.dkr.ecr.eu-west-1.amazonaws.com/web:1' }],
      },
    },
  });

ruleTests('iam/credentials-exposure', {
  valid: [
    {
      name: 'ecr:GetAuthorizationToken of an execution role (the roles engine links it)',
      code: executionRoleTemplate(['ecr:GetAuthorizationToken']),
    },
    {
      name: 'scoped',
      code: policy(allow('"redshift:GetClusterCredentials"', '"arn:aws:redshift:eu-west-1:210987654321:dbuser:main/app"')),
    },
    { name: "sts:AssumeRole is iam/assume-any-role's", code: policy(allow('"sts:AssumeRole"')) },
  ],
  invalid: [
    {
      name: 'a standalone policy with ecr:GetAuthorizationToken: a hint',
      code: policy(allow('"ecr:GetAuthorizationToken"')),
      findings: [{ severity: 'hint', messageIncludes: 'execution role' }],
    },
    { name: 'iam:CreateAccessKey on *', code: policy(allow('"iam:CreateAccessKey"')), findings: [{ messageIncludes: 'Scope it' }] },
    {
      name: 'other actions of an execution role are still reported',
      code: executionRoleTemplate(['ecr:GetAuthorizationToken', 'ec2:GetPasswordData']),
      findings: [{ text: '"ec2:GetPasswordData"' }],
    },
  ],
});

ruleTests('iam/data-exfiltration', {
  valid: [
    { name: 'one bucket', code: policy(allow('"s3:GetObject"', '"arn:aws:s3:::orders/*"')) },
    { name: 'metadata reads', code: policy(allow('"s3:GetBucketLocation"')) },
  ],
  invalid: [
    { code: policy(allow('"secretsmanager:GetSecretValue"')), findings: [{ severity: 'hint', messageIncludes: 'every secret' }] },
    { name: 'a wildcard', code: policy(allow('"ssm:GetParameter*"')), findings: [{ messageIncludes: '`ssm:GetParametersByPath`' }] },
  ],
});

ruleTests('iam/privilege-escalation', {
  valid: [
    {
      name: 'PassRole scoped to a role',
      code: policy(allow('["iam:PassRole", "ec2:RunInstances"]', '"arn:aws:iam::210987654321:role/web"')),
    },
    {
      name: 'PassRole with a condition',
      code: policy(
        allow('"iam:PassRole"', '"*"', ', "Condition": {"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}'),
        allow('"ec2:RunInstances"'),
      ),
    },
    {
      name: 'denied',
      code: policy(allow('"iam:CreatePolicyVersion"'), '{"Effect": "Deny", "Action": "iam:CreatePolicyVersion", "Resource": "*"}'),
    },
    { name: "administrator access is iam/admin-access's", code: policy(allow('"*"')) },
    { name: 'half a method', code: policy(allow('"lambda:CreateFunction"'), allow('"lambda:InvokeFunction"')) },
  ],
  invalid: [
    {
      name: 'one action',
      code: policy(allow('"iam:CreatePolicyVersion"')),
      findings: [{ severity: 'info', text: '"iam:CreatePolicyVersion"', messageIncludes: 'CreateNewPolicyVersion' }],
    },
    {
      name: 'across statements: PassRole + lambda create and invoke',
      code: policy(allow('"iam:PassRole"'), allow('["lambda:CreateFunction", "lambda:InvokeFunction"]')),
      findings: [{ text: '"iam:PassRole"', messageIncludes: 'PassExistingRoleToNewLambdaThenInvoke' }],
    },
    {
      name: 'across the policies of one role in a template',
      code: template({
        Deployer: {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole' }],
            },
            Policies: [
              {
                PolicyName: 'pass',
                PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] },
              },
            ],
          },
        },
        Compute: {
          Type: 'AWS::IAM::Policy',
          Properties: {
            PolicyName: 'compute',
            Roles: [{ Ref: 'Deployer' }],
            PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' }] },
          },
        },
      }),
      findings: [{ text: '"Deployer"', messageIncludes: 'CreateEC2WithExistingIP' }],
    },
  ],
});

ruleTests('iam/resource-policy-privilege-escalation', {
  valid: [
    { name: 'the policy grants the whole service', code: policy(allow('["s3:*"]', '"arn:aws:s3:::orders"')) },
    { name: "on *: iam/permissions-management's", code: policy(allow('"s3:PutBucketPolicy"')) },
  ],
  invalid: [
    {
      code: policy(allow('["s3:GetObject", "s3:PutBucketPolicy"]', '["arn:aws:s3:::orders", "arn:aws:s3:::orders/*"]')),
      findings: [{ severity: 'info', text: '"s3:PutBucketPolicy"' }],
    },
  ],
});

const bucketPolicy = (principal: string, condition = '') =>
  policy(`{"Effect": "Allow", "Principal": ${principal}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::orders/*"${condition}}`);

ruleTests('iam/public-resource-policy', {
  valid: [
    { name: 'an account', code: bucketPolicy('{"AWS": "arn:aws:iam::210987654321:root"}') },
    {
      name: 'restricted to an organization',
      code: bucketPolicy('"*"', ', "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}'),
    },
    {
      name: 'restricted to a VPC endpoint',
      code: bucketPolicy('{"AWS": "*"}', ', "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}'),
    },
    {
      name: 'KMS: every principal of the account, for usage actions',
      code: policy(
        '{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["kms:Decrypt", "kms:GenerateDataKey*"], "Resource": "*", "Condition": {"StringEquals": {"kms:CallerAccount": "210987654321", "kms:ViaService": "s3.eu-west-1.amazonaws.com"}}}',
      ),
    },
    {
      name: 'a Deny',
      code: policy(
        '{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::orders/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}',
      ),
    },
    {
      name: 'in a template, the account as a Ref',
      code: template({
        QueuePolicy: {
          Type: 'AWS::SQS::QueuePolicy',
          Properties: {
            Queues: ['https://sqs.eu-west-1.amazonaws.com/210987654321/orders'],
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: '*',
                  Action: 'sqs:SendMessage',
                  Resource: '*',
                  Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
                },
              ],
            },
          },
        },
      }),
    },
  ],
  invalid: [
    { name: 'Principal "*"', code: bucketPolicy('"*"'), findings: [{ severity: 'warning', text: '"*"', messageIncludes: 'S3 bucket' }] },
    { name: 'AWS "*" in a list', code: bucketPolicy('{"AWS": ["*"]}'), findings: [{ severity: 'warning' }] },
    {
      name: 'an IfExists condition does not restrict',
      code: bucketPolicy('"*"', ', "Condition": {"StringEqualsIfExists": {"aws:SourceAccount": "210987654321"}}'),
      findings: [{ severity: 'warning' }],
    },
    {
      name: 'KMS: kms:* to every principal of the account',
      code: policy(
        '{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:*", "Resource": "*", "Condition": {"StringEquals": {"kms:CallerAccount": "210987654321"}}}',
      ),
      findings: [{ severity: 'info', messageIncludes: '`kms:*`' }],
    },
    {
      name: 'an SNS topic policy in a template',
      code: template({
        TopicPolicy: {
          Type: 'AWS::SNS::TopicPolicy',
          Properties: {
            Topics: [{ Ref: 'Topic' }],
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sns:Publish', Resource: '*' }],
            },
          },
        },
      }),
      findings: [{ messageIncludes: 'SNS topic' }],
    },
  ],
});

const trust = (principal: string, condition = '') =>
  policy(`{"Effect": "Allow", "Principal": ${principal}, "Action": "sts:AssumeRole"${condition}}`);

ruleTests('iam/trust-whole-account', {
  valid: [
    {
      name: 'with an external id',
      code: trust('{"AWS": "arn:aws:iam::210987654321:root"}', ', "Condition": {"StringEquals": {"sts:ExternalId": "a8f1c2"}}'),
    },
    { name: 'with MFA', code: trust('{"AWS": "210987654321"}', ', "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}') },
    { name: 'a named role', code: trust('{"AWS": "arn:aws:iam::210987654321:role/deployer"}') },
    { name: 'a service', code: trust('{"Service": "ecs-tasks.amazonaws.com"}') },
  ],
  invalid: [
    {
      name: ':root',
      code: trust('{"AWS": "arn:aws:iam::210987654321:root"}'),
      findings: [{ severity: 'info', messageIncludes: 'sts:ExternalId' }],
    },
    { name: 'a bare account id', code: trust('{"AWS": ["210987654321"]}'), findings: [{ text: '"210987654321"' }] },
  ],
});

ruleTests('iam/assume-any-role', {
  valid: [{ code: policy(allow('"sts:AssumeRole"', '"arn:aws:iam::210987654321:role/reader"')) }],
  invalid: [
    { code: policy(allow('["sts:AssumeRole", "s3:ListAllMyBuckets"]')), findings: [{ severity: 'hint', text: '"sts:AssumeRole"' }] },
  ],
});

ruleTests('iam/all-actions', {
  valid: [
    { name: 'on * it is iam/admin-access', code: policy(allow('"*"')) },
    { name: 'a list of actions', code: policy(allow('"s3:GetObject"', '"arn:aws:s3:::orders/*"')) },
  ],
  invalid: [{ code: policy(allow('"*"', '"arn:aws:s3:::orders/*"')), findings: [{ severity: 'hint', text: '"*"' }] }],
});

const tlsDeny =
  '{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::orders", "arn:aws:s3:::orders/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}';
const publicRead =
  '{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::210987654321:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::orders/*"}';

ruleTests('iam/s3-deny-insecure-transport', {
  valid: [
    { code: policy(publicRead, tlsDeny) },
    {
      name: 'a queue policy',
      code: policy(
        '{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::210987654321:root"}, "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:eu-west-1:210987654321:orders"}',
      ),
    },
    { name: 'an identity policy', code: policy(allow('"s3:GetObject"', '"arn:aws:s3:::orders/*"')) },
  ],
  invalid: [
    {
      code: policy(publicRead),
      findings: [{ severity: 'hint', text: '"Statement"' }],
      output: policy(
        publicRead,
        '{"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::orders", "arn:aws:s3:::orders/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}',
      ),
    },
  ],
});

const mfaDeny = (operator: string, keys: string) =>
  policy(`{"Effect": "Deny", "NotAction": "iam:ChangePassword", "Resource": "*", "Condition": {"${operator}": {${keys}}}}`);

ruleTests('iam/mfa-bool-false', {
  valid: [
    { name: 'BoolIfExists', code: mfaDeny('BoolIfExists', '"aws:MultiFactorAuthPresent": "false"') },
    {
      name: 'an Allow with Bool true',
      code: policy(allow('"ec2:StopInstances"', '"*"', ', "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}')),
    },
  ],
  invalid: [
    {
      code: mfaDeny('Bool', '"aws:MultiFactorAuthPresent": "false"'),
      findings: [{ severity: 'info', text: '"Bool"' }],
      output: mfaDeny('BoolIfExists', '"aws:MultiFactorAuthPresent": "false"'),
    },
    {
      name: 'with another key: no fix that would change it',
      code: mfaDeny('Bool', '"aws:MultiFactorAuthPresent": "false", "aws:SecureTransport": "true"'),
      findings: [{}],
    },
  ],
});

ruleTests('iam/principal-element', {
  valid: [
    {
      name: 'an OIDC provider ARN',
      code: policy(
        '{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::210987654321:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}',
      ),
    },
    {
      name: 'a web identity provider',
      code: policy(
        '{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}',
      ),
    },
  ],
  invalid: [
    {
      name: 'an unknown federation source (parliament UNKNOWN_FEDERATION_SOURCE)',
      code: policy(
        '{"Effect": "Allow", "Principal": {"Federated": "token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}',
      ),
      findings: [{ severity: 'warning', messageIncludes: 'oidc-provider/token.actions.githubusercontent.com' }],
    },
  ],
});

test('every parliament, Cloudsplaining, checkov and KICS row names existing rules or says why it does not apply', () => {
  const ids = new Set(ALL_RULES.map((rule) => rule.meta.id));
  for (const row of TOOL_MAPPINGS) {
    for (const id of row.rules) assert.ok(ids.has(id), `${row.tool} ${row.id}: no rule ${id}`);
    assert.ok(row.rules.length > 0 || (row.note ?? '').length > 20, `${row.tool} ${row.id}: neither a rule nor a reason`);
    assert.doesNotMatch(`${row.note ?? ''}`, /missing/i);
  }
  const count = (tool: string) => TOOL_MAPPINGS.filter((row) => row.tool === tool).length;
  // parliament: 22 issues of config.yaml, 7 of the community auditors' config, 3 of the aws-cloudsaga auditors.
  assert.equal(count('parliament'), 32);
  assert.equal(count('Cloudsplaining'), 10);
  assert.ok(count('checkov') >= 14 && count('KICS') >= 17);
});
