import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lint, ruleTests } from '../helpers';

const statement = (actions: string, resource: string) =>
  `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ${actions}, "Resource": ${resource}}]}`;

ruleTests('iam/arn-syntax', {
  valid: [
    { code: statement('"s3:GetObject"', '["arn:aws:s3:::b/*", "arn:aws-cn:s3:::b/*", "arn:${aws:Partition}:s3:::b/*"]') },
    {
      name: "placeholders are the placeholder rule's",
      code: statement('"logs:PutLogEvents"', '"arn:aws:logs:<region>:<account>:log-group:x:*"'),
    },
    { name: 'an IAM managed policy ARN', code: statement('"iam:AttachRolePolicy"', '"arn:aws:iam::aws:policy/ReadOnlyAccess"') },
    {
      // Beyond any real ARN's length, matching is not attempted (the search grows with length × pattern).
      name: 'an ARN of megabytes is not judged',
      code: statement('"s3:GetObject"', JSON.stringify(`arn:aws:s3:::${'arn:aws:s3:::'.repeat(100_000)}`)),
    },
  ],
  invalid: [
    {
      name: 'S3 ARNs have no region or account',
      code: statement('"s3:GetObject"', '"arn:aws:s3:us-east-1:210987654321:b/*"'),
      findings: [{ severity: 'error', messageIncludes: 'no region or account' }],
      output: statement('"s3:GetObject"', '"arn:aws:s3:::b/*"'),
    },
    { name: 'not an ARN', code: statement('"s3:GetObject"', '"my-bucket"'), findings: [{ messageIncludes: 'not an ARN' }] },
    {
      name: 'partition typo',
      code: statement('"s3:GetObject"', '"arn:asw:s3:::b/*"'),
      findings: [{ text: 'asw' }],
      output: statement('"s3:GetObject"', '"arn:aws:s3:::b/*"'),
    },
    {
      name: 'account',
      code: statement('"logs:PutLogEvents"', '"arn:aws:logs:us-east-1:12345:log-group:x"'),
      findings: [{ text: '12345' }],
    },
    { name: 'too few fields', code: statement('"s3:GetObject"', '"arn:aws:s3"'), findings: [{ messageIncludes: 'too few fields' }] },
    {
      // Issue 12: a table name without `table/` got no fix, and the message showed the catalogue's raw patterns.
      name: 'a DynamoDB ARN without table/: the fix adds it; the message shows readable ARN shapes',
      code: statement('"dynamodb:GetItem"', '"arn:aws:dynamodb:us-east-1:210987654321:Orders"'),
      findings: [
        {
          severity: 'warning',
          messageIncludes:
            'ARNs look like `arn:aws:dynamodb::210987654321:global-table/<GlobalTableName>`, `arn:aws:dynamodb:us-east-1:210987654321:table/<TableName>`',
        },
      ],
      output: statement('"dynamodb:GetItem"', '"arn:aws:dynamodb:us-east-1:210987654321:table/Orders"'),
    },
  ],
});

test('no message of the IAM rules shows a raw catalogue pattern (${Partition}, ${Region}, ...)', async () => {
  const cases = [
    statement('"dynamodb:GetItem"', '"arn:aws:dynamodb:us-east-1:210987654321:Orders"'),
    statement('"s3:ListBucket"', '"arn:aws:s3:::b/*"'),
    statement('"sqs:SendMessage"', '"arn:aws:sns:us-east-1:210987654321:topic"'),
  ];
  for (const code of cases) {
    const { findings } = await lint(code);
    assert.ok(findings.length > 0, code);
    for (const finding of findings) assert.doesNotMatch(finding.message, /\$\{(Partition|Region|Account)\}/, finding.message);
  }
});

ruleTests('iam/resource-mismatch', {
  valid: [
    {
      name: 'the classic, done right',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b"}, {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::b/*"}]}`,
    },
    { name: 'both forms in one statement', code: statement('["s3:ListBucket", "s3:GetObject"]', '["arn:aws:s3:::b", "arn:aws:s3:::b/*"]') },
    { name: 'a wildcard that matches some', code: statement('"s3:Get*"', '"arn:aws:s3:::b"') },
    {
      name: 'log streams',
      code: statement('["logs:CreateLogStream", "logs:PutLogEvents"]', '"arn:aws:logs:us-east-1:210987654321:log-group:/ecs/app:*"'),
    },
  ],
  invalid: [
    {
      name: 'ListBucket on objects',
      code: statement('["s3:ListBucket", "s3:GetObject"]', '"arn:aws:s3:::b/*"'),
      findings: [{ text: '"s3:ListBucket"', messageIncludes: '`arn:aws:s3:::b`' }],
      output: statement('["s3:ListBucket", "s3:GetObject"]', '["arn:aws:s3:::b/*", "arn:aws:s3:::b"]'),
    },
    {
      name: 'GetObject on the bucket',
      code: statement('"s3:GetObject"', '["arn:aws:s3:::b"]'),
      findings: [{ text: '"s3:GetObject"' }],
      output: statement('"s3:GetObject"', '["arn:aws:s3:::b", "arn:aws:s3:::b/*"]'),
    },
    {
      name: 'another service',
      code: statement('"sqs:SendMessage"', '"arn:aws:sns:us-east-1:210987654321:topic"'),
      findings: [{ messageIncludes: 'queue' }],
    },
  ],
});

ruleTests('iam/wildcard-only-action', {
  valid: [
    { code: statement('["s3:ListAllMyBuckets", "ecr:GetAuthorizationToken"]', '"*"') },
    { name: 'scoped actions', code: statement('"ecr:BatchGetImage"', '"arn:aws:ecr:us-east-1:210987654321:repository/app"') },
  ],
  invalid: [
    {
      name: 'ECR token on a repository (the single action)',
      code: statement('"ecr:GetAuthorizationToken"', '"arn:aws:ecr:us-east-1:210987654321:repository/app"'),
      findings: [{ severity: 'warning', messageIncludes: '"Resource": "*"' }],
      output: statement('"ecr:GetAuthorizationToken"', '"*"'),
    },
    {
      name: 'split out of a list',
      code: statement('["ecr:BatchGetImage", "ecr:GetAuthorizationToken"]', '"arn:aws:ecr:us-east-1:210987654321:repository/app"'),
      findings: [{ text: '"ecr:GetAuthorizationToken"' }],
      output: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["ecr:BatchGetImage"], "Resource": "arn:aws:ecr:us-east-1:210987654321:repository/app"}, {"Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"}]}`,
    },
    {
      name: 'broad patterns are information',
      code: statement('"s3:ListAllMyBuckets"', '"arn:aws:s3:::*"'),
      findings: [{ severity: 'info' }],
    },
  ],
});
