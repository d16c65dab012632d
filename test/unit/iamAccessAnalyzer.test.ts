// The IAM Access Analyzer checks that had no rule of ours (issue 14 item 2, the "not yet" rows of
// server/src/iam/accessAnalyzerChecks.ts): one table per rule or rule extension, valid and invalid cases, fixes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ACCESS_ANALYZER_CHECKS } from '../../server/src/iam/accessAnalyzerChecks';
import { ruleTests } from '../helpers';

const policy = (...statements: string[]) => `{"Version": "2012-10-17", "Statement": [${statements.join(', ')}]}`;
const allow = (action: string, resource = '"*"', extra = '') => `{"Effect": "Allow", "Action": ${action}, "Resource": ${resource}${extra}}`;
const condition = (block: string) => `, "Condition": ${block}`;
const template = (resources: Record<string, unknown>) =>
  JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources }, null, 2);
const bucketPolicy = (statement: Record<string, unknown>) =>
  template({
    Policy: {
      Type: 'AWS::S3::BucketPolicy',
      Properties: { Bucket: 'orders', PolicyDocument: { Version: '2012-10-17', Statement: [statement] } },
    },
  });
const trust = (principal: string, extra = '') =>
  `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": ${principal}, "Action": "sts:AssumeRole"${extra}}]}`;

test('every Access Analyzer check has a rule or a reason; none is pending', () => {
  assert.deepEqual(
    ACCESS_ANALYZER_CHECKS.filter((check) => check.pending).map((check) => check.name),
    [],
  );
  assert.ok(ACCESS_ANALYZER_CHECKS.some((check) => check.name === 'Pass role with star in resource and NotAction'));
  assert.ok(ACCESS_ANALYZER_CHECKS.some((check) => check.name === 'Unsupported symbol in variable'));
});

ruleTests('iam/create-service-linked-role', {
  valid: [
    {
      name: 'scoped to one service role',
      code: policy(
        allow('"iam:CreateServiceLinkedRole"', '"arn:aws:iam::*:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS*"'),
      ),
    },
    {
      name: 'on * with an iam:AWSServiceName condition',
      code: policy(
        allow('"iam:CreateServiceLinkedRole"', '"*"', condition('{"StringEquals": {"iam:AWSServiceName": "ecs.amazonaws.com"}}')),
      ),
    },
    { name: 'Action * is iam/admin-access', code: policy(allow('"*"')) },
    {
      name: 'NotAction that excludes it',
      code: policy('{"Effect": "Allow", "NotAction": ["iam:*"], "Resource": "*"}'),
    },
    { name: 'a Deny', code: policy('{"Effect": "Deny", "Action": "iam:CreateServiceLinkedRole", "Resource": "*"}') },
    {
      name: 'an SCP limits, it does not grant',
      code: policy(allow('"iam:CreateServiceLinkedRole"')),
      policyType: 'scp',
    },
  ],
  invalid: [
    {
      name: 'star in resource',
      code: policy(allow('"iam:CreateServiceLinkedRole"')),
      findings: [{ severity: 'warning', text: '"iam:CreateServiceLinkedRole"', messageIncludes: 'service-linked role of any AWS service' }],
    },
    {
      name: 'star in action and resource',
      code: policy(allow('"iam:Create*"')),
      findings: [{ messageIncludes: '`iam:Create*` (which includes `iam:CreateServiceLinkedRole`)' }],
    },
    {
      name: 'a wildcard role ARN is still every service',
      code: policy(allow('"iam:CreateServiceLinkedRole"', '"arn:aws:iam::*:role/aws-service-role/*"')),
      findings: [{ messageIncludes: 'on `arn:aws:iam::*:role/aws-service-role/*`' }],
    },
    {
      name: 'with NotResource',
      code: policy(
        '{"Effect": "Allow", "Action": "iam:CreateServiceLinkedRole", "NotResource": "arn:aws:iam::*:role/aws-service-role/ecs.amazonaws.com/*"}',
      ),
      findings: [{ messageIncludes: 'on `NotResource`' }],
    },
    {
      name: 'star in action and NotResource',
      code: policy('{"Effect": "Allow", "Action": "iam:*", "NotResource": "arn:aws:iam::*:user/*"}'),
      findings: [{ messageIncludes: '`iam:*` (which includes' }],
    },
    {
      name: 'NotAction and NotResource',
      code: policy('{"Effect": "Allow", "NotAction": "s3:*", "NotResource": "arn:aws:s3:::orders"}'),
      findings: [{ messageIncludes: '`NotAction` (which leaves `iam:CreateServiceLinkedRole` allowed)' }],
    },
    {
      name: 'star in resource and NotAction',
      code: policy('{"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}'),
      findings: [{ messageIncludes: 'on `*`' }],
    },
  ],
});

ruleTests('iam/allow-with-not', {
  valid: [{ name: 'PassRole scoped to a role', code: policy(allow('"iam:PassRole"', '"arn:aws:iam::210987654321:role/app"')) }],
  invalid: [
    {
      name: 'Pass role with NotResource',
      code: policy('{"Effect": "Allow", "Action": "iam:PassRole", "NotResource": "arn:aws:iam::210987654321:role/admin"}'),
      findings: [
        {
          text: '"NotResource"',
          messageIncludes: '`iam:PassRole` with `NotResource` allows `iam:PassRole` on every role except those listed',
        },
      ],
    },
    {
      name: 'Pass role with star in action and NotResource',
      code: policy('{"Effect": "Allow", "Action": "iam:*", "NotResource": "arn:aws:iam::210987654321:role/admin"}'),
      findings: [{ messageIncludes: '`iam:*` with `NotResource`' }],
    },
    {
      name: 'Pass role with NotAction and NotResource: one PassRole finding, on NotResource',
      code: policy('{"Effect": "Allow", "NotAction": "s3:*", "NotResource": "arn:aws:iam::210987654321:role/admin"}'),
      findings: [
        { text: '"NotAction"', messageIncludes: 'allows every action except those listed' },
        { text: '"NotResource"', messageIncludes: '`NotAction` with `NotResource` allows `iam:PassRole`' },
      ],
    },
    {
      name: 'Pass role with star in resource and NotAction',
      code: policy('{"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}'),
      findings: [{ text: '"NotAction"', messageIncludes: '`NotAction` with `"Resource": "*"` allows `iam:PassRole` on every role' }],
    },
    {
      name: 'NotAction that excludes iam:PassRole keeps the generic message',
      code: policy('{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}'),
      findings: [{ messageIncludes: 'allows every action except those listed' }],
    },
  ],
});

ruleTests('iam/paired-condition-keys', {
  valid: [
    {
      name: 'aws:VpcSourceIp with aws:SourceVpc',
      code: policy(
        allow(
          '"s3:GetObject"',
          '"arn:aws:s3:::orders/*"',
          condition('{"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}, "StringEquals": {"aws:SourceVpc": "vpc-1a2b3c4d"}}'),
        ),
      ),
    },
    {
      name: 'aws:VpcSourceIp with aws:SourceVpce',
      code: policy(
        allow(
          '"s3:GetObject"',
          '"arn:aws:s3:::orders/*"',
          condition('{"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}, "StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}'),
        ),
      ),
    },
    {
      name: 'aws:SourceIp alone',
      code: policy(allow('"s3:GetObject"', '"*"', condition('{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}'))),
    },
  ],
  invalid: [
    {
      name: 'aws:VpcSourceIp alone',
      code: policy(allow('"s3:GetObject"', '"arn:aws:s3:::orders/*"', condition('{"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}}'))),
      findings: [
        { severity: 'warning', text: '"aws:VpcSourceIp"', messageIncludes: '`aws:SourceVpc`, `aws:SourceVpce` or `aws:SourceVpcArn`' },
      ],
    },
    {
      name: 'aws:Ec2InstanceSourcePrivateIPv4 alone',
      code: policy(
        '{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:Ec2InstanceSourcePrivateIPv4": "10.0.0.0/8"}}}',
      ),
      findings: [{ messageIncludes: '`aws:Ec2InstanceSourceVpc`' }],
    },
  ],
});

ruleTests('iam/tag-condition-coverage', {
  valid: [
    {
      name: 'every action supports aws:ResourceTag',
      code: policy(
        allow('["ec2:StartInstances", "ec2:StopInstances"]', '"*"', condition('{"StringEquals": {"aws:ResourceTag/team": "web"}}')),
      ),
    },
    {
      name: 'a negated operator is true without the key (another question)',
      code: policy(
        '{"Effect": "Deny", "Action": ["ec2:DescribeInstances"], "Resource": "*", "Condition": {"StringNotEquals": {"aws:ResourceTag/team": "web"}}}',
      ),
    },
    {
      name: 'IfExists is true without the key',
      code: policy(allow('"ec2:DescribeInstances"', '"*"', condition('{"StringEqualsIfExists": {"aws:ResourceTag/team": "web"}}'))),
    },
    {
      name: 'aws:PrincipalTag is about the caller',
      code: policy(allow('"ec2:DescribeInstances"', '"*"', condition('{"StringEquals": {"aws:PrincipalTag/team": "web"}}'))),
    },
  ],
  invalid: [
    {
      name: 'Allow with unsupported tag condition key: partly',
      code: policy(
        allow('["ec2:StartInstances", "ec2:DescribeInstances"]', '"*"', condition('{"StringEquals": {"aws:ResourceTag/team": "web"}}')),
      ),
      findings: [{ severity: 'info', text: '"aws:ResourceTag/team"', messageIncludes: '`ec2:DescribeInstances` does not support' }],
    },
    {
      name: 'Allow with unsupported tag condition key: none',
      code: policy(allow('"ec2:DescribeInstances"', '"*"', condition('{"StringEquals": {"aws:ResourceTag/team": "web"}}'))),
      findings: [{ severity: 'info', messageIncludes: "None of this statement's actions supports" }],
    },
    {
      name: 'Deny with unsupported tag condition key: access left open',
      code: policy(
        '{"Effect": "Deny", "Action": ["ec2:TerminateInstances", "ec2:DescribeInstances"], "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/env": "prod"}}}',
      ),
      findings: [{ severity: 'warning', messageIncludes: 'this Deny does not deny them' }],
    },
    {
      name: 'Deny NotAction with a tag condition key',
      code: policy(
        '{"Effect": "Deny", "NotAction": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/env": "prod"}}}',
      ),
      findings: [{ severity: 'warning', messageIncludes: 'so they are not denied' }],
    },
    {
      name: 'Allow NotAction with a tag condition key',
      code: policy(
        '{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/env": "dev"}}}',
      ),
      findings: [{ severity: 'info', messageIncludes: 'so they are never allowed' }],
    },
  ],
});

ruleTests('iam/resource-policy-service', {
  valid: [
    {
      name: "the bucket's own actions and ARNs",
      code: bucketPolicy({
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::210987654321:role/app' },
        Action: ['s3:GetObject'],
        Resource: 'arn:aws:s3:::orders/*',
      }),
    },
    {
      name: 'a policy typed from its content only (could be a VPC endpoint policy)',
      code: policy('{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:sqs:eu-west-1:210987654321:q"}'),
    },
    {
      name: 'a KMS key policy on "*"',
      code: policy('{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::210987654321:root"}, "Action": "kms:*", "Resource": "*"}'),
      policyType: 'kms-key',
    },
  ],
  invalid: [
    {
      name: 'iam:* in a bucket policy: the fix removes it',
      code: bucketPolicy({
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::210987654321:role/app' },
        Action: ['s3:GetObject', 'iam:*'],
        Resource: 'arn:aws:s3:::orders/*',
      }),
      findings: [{ severity: 'error', text: '"iam:*"', messageIncludes: 'an S3 bucket policy governs only `s3` requests' }],
      output: bucketPolicy({
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::210987654321:role/app' },
        Action: ['s3:GetObject'],
        Resource: 'arn:aws:s3:::orders/*',
      }),
    },
    {
      name: 'an ARN of another service in an SQS queue policy',
      code: policy(
        '{"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "arn:aws:sns:eu-west-1:210987654321:orders"}',
      ),
      policyType: 'sqs-queue',
      findings: [{ severity: 'error', messageIncludes: 'is an ARN of `sns`' }],
    },
  ],
});

ruleTests('iam/principal-element', {
  valid: [{ name: 'a role ARN', code: trust('{"AWS": "arn:aws:iam::210987654321:role/app"}') }],
  invalid: [
    {
      name: 'Unsupported wildcard in principal',
      code: trust('{"AWS": "arn:aws:iam::210987654321:role/app-*"}'),
      findings: [{ severity: 'error', text: '"arn:aws:iam::210987654321:role/app-*"', messageIncludes: 'aws:PrincipalArn' }],
    },
  ],
});

ruleTests('iam/redundant-resource', {
  valid: [
    { name: 'distinct ARNs', code: policy(allow('"s3:GetObject"', '["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"]')) },
    { name: 'ARNs compare case-sensitively', code: policy(allow('"s3:GetObject"', '["arn:aws:s3:::Orders*", "arn:aws:s3:::orders/x"]')) },
  ],
  invalid: [
    {
      name: "the reference's example: two roles and role/jane*",
      code: policy(
        allow(
          '"iam:PassRole"',
          '["arn:aws:iam::111122223333:role/jane-admin", "arn:aws:iam::111122223333:role/jane-s3only", "arn:aws:iam::111122223333:role/jane*"]',
        ),
      ),
      findings: [
        { severity: 'info', text: '"arn:aws:iam::111122223333:role/jane-admin"' },
        { text: '"arn:aws:iam::111122223333:role/jane-s3only"' },
      ],
      output: policy(allow('"iam:PassRole"', '["arn:aws:iam::111122223333:role/jane-s3only", "arn:aws:iam::111122223333:role/jane*"]')),
    },
    {
      name: 'the same ARN twice',
      code: policy(allow('"s3:GetObject"', '["arn:aws:s3:::a/*", "arn:aws:s3:::a/*"]')),
      findings: [{ messageIncludes: 'appears twice' }],
    },
  ],
});

ruleTests('iam/redundant-statement', {
  valid: [
    {
      name: 'different resources',
      code: policy(allow('"s3:GetObject"', '"arn:aws:s3:::a/*"'), allow('"s3:GetObject"', '"arn:aws:s3:::b/*"')),
    },
  ],
  invalid: [
    {
      name: 'the same statement under another Sid and key order: the fix removes it',
      code: policy(
        '{"Sid": "One", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*"}',
        '{"Sid": "Two", "Resource": "*", "Action": ["s3:ListBucket", "s3:GetObject"], "Effect": "Allow"}',
      ),
      findings: [{ severity: 'info', messageIncludes: 'Statement `Two` repeats statement `One`' }],
      output: policy('{"Sid": "One", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*"}'),
    },
  ],
});

ruleTests('iam/redundant-principal', {
  valid: [{ name: 'two roles', code: trust('{"AWS": ["arn:aws:iam::111122223333:role/a", "arn:aws:iam::111122223333:role/b"]}') }],
  invalid: [
    {
      name: 'an assumed-role session next to its role',
      code: trust('{"AWS": ["arn:aws:iam::111122223333:role/app", "arn:aws:sts::111122223333:assumed-role/app/ci"]}'),
      findings: [
        { severity: 'info', text: '"arn:aws:sts::111122223333:assumed-role/app/ci"', messageIncludes: 'already covered by its role' },
      ],
      output: trust('{"AWS": ["arn:aws:iam::111122223333:role/app"]}'),
    },
    {
      name: 'a service listed twice',
      code: trust(
        '{"Service": ["ecs-tasks.amazonaws.com", "ecs-tasks.amazonaws.com"]}',
        ', "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}',
      ),
      findings: [{ messageIncludes: 'listed twice' }],
    },
  ],
});

ruleTests('iam/wildcard-service-name', {
  valid: [
    { name: 'a named service', code: policy(allow('"s3:Get*"')) },
    { name: '* alone means every service, and says so', code: policy(allow('"*:Get*"')) },
  ],
  invalid: [
    { name: 's*:GetObject', code: policy(allow('"s*:GetObject"')), findings: [{ severity: 'hint', text: 's*' }] },
    {
      name: "the reference's ARN example",
      code: policy(allow('"codecommit:GitPull"', '"arn:aws:*code*::111122223333:*"')),
      findings: [{ messageIncludes: 'The service `*code*` of this ARN' }],
    },
  ],
});

ruleTests('iam/sid', {
  valid: [{ name: 'a named statement', code: policy('{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}') }],
  invalid: [
    {
      name: 'Empty Sid value: the fix removes it',
      code: policy('{"Sid": "", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}'),
      findings: [{ severity: 'hint', messageIncludes: 'empty' }],
      output: policy('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}'),
    },
  ],
});

ruleTests('iam/irrelevant-condition-key', {
  valid: [
    {
      name: 'in an identity policy',
      code: policy(allow('"s3:GetObject"', '"*"', condition('{"StringEquals": {"aws:ResourceAccount": "111122223333"}}'))),
    },
    {
      name: 'a resource policy typed from content only (could be a VPC endpoint policy)',
      code: policy(
        '{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceAccount": "111122223333"}}}',
      ),
    },
  ],
  invalid: [
    {
      name: 's3:ResourceAccount in a bucket policy',
      code: bucketPolicy({
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: 'arn:aws:s3:::orders/*',
        Condition: { StringNotEquals: { 's3:ResourceAccount': '111122223333' } },
      }),
      findings: [{ severity: 'info', text: '"s3:ResourceAccount"', messageIncludes: 'in an S3 bucket policy it never changes' }],
    },
    {
      name: 'aws:ResourceOrgID in a trust policy',
      code: trust('{"AWS": "arn:aws:iam::111122223333:root"}', ', "Condition": {"StringEquals": {"aws:ResourceOrgID": "o-abc123"}}'),
      findings: [{ messageIncludes: 'role trust policy' }],
    },
  ],
});

ruleTests('iam/confused-deputy', {
  valid: [
    {
      name: 'a bucket policy for CloudTrail with aws:SourceArn',
      code: bucketPolicy({
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: 'arn:aws:s3:::orders/AWSLogs/111122223333/*',
        Condition: { StringEquals: { 'aws:SourceArn': 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/main' } },
      }),
    },
    { name: 'a Lambda trust policy (Lambda sends no aws:SourceAccount when assuming)', code: trust('{"Service": "lambda.amazonaws.com"}') },
  ],
  invalid: [
    {
      name: 'Restrict access to service principal: a bucket policy for CloudTrail without source conditions',
      code: bucketPolicy({
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: 'arn:aws:s3:::orders/AWSLogs/111122223333/*',
      }),
      findings: [{ severity: 'info', messageIncludes: 'use this resource on behalf of any AWS account' }],
    },
  ],
});

ruleTests('iam/policy-variable', {
  valid: [
    { name: 'a quoted default', code: policy(allow('"s3:GetObject"', `"arn:aws:s3:::orders/\${aws:username, 'anonymous'}/*"`)) },
    {
      name: 'a variable under StringEquals',
      code: policy(allow('"s3:GetObject"', '"*"', condition('{"StringEquals": {"aws:PrincipalTag/team": "${aws:username}"}}'))),
    },
  ],
  invalid: [
    {
      name: 'Missing quote in variable',
      code: policy(allow('"s3:GetObject"', '"arn:aws:s3:::orders/${aws:username, anonymous}/*"')),
      findings: [{ severity: 'error', messageIncludes: 'without single quotes' }],
      output: policy(allow('"s3:GetObject"', `"arn:aws:s3:::orders/\${aws:username, 'anonymous'}/*"`)),
    },
    {
      name: 'Invalid variable for operator',
      code: policy(allow('"s3:GetObject"', '"*"', condition('{"NumericLessThan": {"aws:MultiFactorAuthAge": "${aws:TokenIssueTime}"}}'))),
      findings: [{ severity: 'error', messageIncludes: 'only under String and ARN operators' }],
    },
    {
      name: 'Unsupported symbol in variable',
      code: policy(allow('"s3:GetObject"', '"arn:aws:s3:::orders/${aws:user#name}/*"')),
      findings: [{ messageIncludes: 'has `#` inside' }],
    },
  ],
});

ruleTests('iam/condition-key', {
  valid: [
    {
      name: 'aws:PrincipalArn',
      code: policy(allow('"s3:GetObject"', '"*"', condition('{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/app"}}'))),
    },
  ],
  invalid: [
    {
      name: 'Deprecated global condition key aws:ARN',
      code: policy(allow('"s3:GetObject"', '"*"', condition('{"ArnLike": {"aws:ARN": "arn:aws:iam::*:role/app"}}'))),
      findings: [{ severity: 'warning', messageIncludes: '`aws:PrincipalArn`' }],
      output: policy(allow('"s3:GetObject"', '"*"', condition('{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/app"}}'))),
    },
  ],
});

ruleTests('iam/unknown-action', {
  valid: [{ name: 'a real action', code: policy(allow('"s3:GetObject"')) }],
  invalid: [
    {
      name: 'no service prefix: IAM rejects the policy',
      code: policy(allow('"GetObject"')),
      findings: [{ severity: 'error', messageIncludes: 'has no service prefix' }],
    },
    {
      name: 'a misspelt action: IAM accepts it, it grants nothing',
      code: policy(allow('"s3:GetObjekt"')),
      findings: [{ severity: 'warning', messageIncludes: 'IAM accepts it' }],
    },
  ],
});
