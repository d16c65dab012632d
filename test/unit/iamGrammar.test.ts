import { ruleTests } from '../helpers';

const policy = (statements: string, version = '"Version": "2012-10-17", ') => `{${version}"Statement": [${statements}]}`;
const allow = (body: string) => `{"Effect": "Allow", ${body}}`;
const trust = (statement: string) => `{"Version": "2012-10-17", "Statement": [${statement}]}`;

ruleTests('iam/version', {
  valid: [{ code: policy(allow('"Action": "s3:GetObject", "Resource": "*"')) }],
  invalid: [
    {
      name: 'missing Version',
      code: policy(allow('"Action": "s3:GetObject", "Resource": "*"'), ''),
      findings: [{ severity: 'warning', messageIncludes: 'no `Version`' }],
      output: `{"Version": "2012-10-17", "Statement": [${allow('"Action": "s3:GetObject", "Resource": "*"')}]}`,
    },
    {
      name: 'missing Version with a policy variable',
      code: policy(allow('"Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}/*"'), ''),
      findings: [{ severity: 'error', messageIncludes: '${aws:username}' }],
    },
    {
      name: '2008 with a variable',
      code: policy(allow('"Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}"'), '"Version": "2008-10-17", '),
      findings: [{ severity: 'error', text: '"2008-10-17"' }],
    },
    {
      name: 'a date of your own',
      code: policy(allow('"Action": "s3:GetObject", "Resource": "*"'), '"Version": "2024-01-01", '),
      findings: [{ severity: 'error' }],
      output: policy(allow('"Action": "s3:GetObject", "Resource": "*"')),
    },
  ],
});

ruleTests('iam/statement', {
  valid: [{ code: '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}' }],
  invalid: [
    {
      name: 'empty list',
      code: '{"Version": "2012-10-17", "Statement": []}',
      findings: [{ severity: 'warning', messageIncludes: 'empty' }],
    },
    {
      name: 'a string among statements',
      code: policy(`${allow('"Action": "s3:GetObject", "Resource": "*"')}, "oops"`),
      findings: [{ text: '"oops"' }],
    },
  ],
});

ruleTests('iam/effect', {
  valid: [{ code: policy('{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}') }],
  invalid: [
    {
      name: 'lower-case allow',
      code: policy('{"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}'),
      findings: [{ text: '"allow"', messageIncludes: 'case-sensitive' }],
      output: policy('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}'),
    },
    { name: 'missing', code: policy('{"Action": "s3:GetObject", "Resource": "*"}'), findings: [{ messageIncludes: 'no `Effect`' }] },
    {
      name: 'nonsense',
      code: policy('{"Effect": "Permit", "Action": "s3:GetObject", "Resource": "*"}'),
      findings: [{ messageIncludes: '"Allow" or "Deny"' }],
    },
  ],
});

ruleTests('iam/unknown-key', {
  valid: [{ code: policy(allow('"Sid": "A1", "Action": "s3:GetObject", "Resource": "*", "Condition": {}')) }],
  invalid: [
    {
      name: 'lower-case statement key',
      code: policy(allow('"action": "s3:GetObject", "Resource": "*"')),
      findings: [{ text: '"action"', messageIncludes: 'Did you mean `Action`' }],
      output: policy(allow('"Action": "s3:GetObject", "Resource": "*"')),
    },
    {
      name: 'typo at the top',
      code: `{"Version": "2012-10-17", "Statment2": 1, "Statement": [${allow('"Action": "s3:GetObject", "Resource": "*"')}]}`,
      findings: [{ messageIncludes: 'Statement' }],
    },
  ],
});

ruleTests('iam/value-type', {
  valid: [{ code: policy(allow('"Action": ["s3:GetObject"], "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": true}}')) }],
  invalid: [
    { name: 'number in Action', code: policy(allow('"Action": [42], "Resource": "*"')), findings: [{ text: '42' }] },
    {
      name: 'Condition as a list',
      code: policy(allow('"Action": "s3:GetObject", "Resource": "*", "Condition": []')),
      findings: [{ messageIncludes: '`Condition` must be an object' }],
    },
    {
      name: 'Resource object',
      code: policy(allow('"Action": "s3:GetObject", "Resource": {"a": 1}')),
      findings: [{ messageIncludes: 'string or an array' }],
    },
  ],
});

ruleTests('iam/empty-value', {
  valid: [{ code: policy(allow('"Action": "s3:GetObject", "Resource": "*"')) }],
  invalid: [
    { name: 'empty Action list', code: policy(allow('"Action": [], "Resource": "*"')), findings: [{ text: '[]' }] },
    { name: 'empty string resource', code: policy(allow('"Action": "s3:GetObject", "Resource": ["", "*"]')), findings: [{ text: '""' }] },
  ],
});

ruleTests('iam/action-element', {
  valid: [{ code: policy(allow('"NotAction": "iam:*", "Resource": "*"')) }],
  invalid: [
    { name: 'neither', code: policy(allow('"Resource": "*"')), findings: [{ messageIncludes: 'no `Action`' }] },
    {
      name: 'both',
      code: policy(allow('"Action": "s3:GetObject", "NotAction": "s3:PutObject", "Resource": "*"')),
      findings: [{ messageIncludes: 'both' }],
    },
  ],
});

ruleTests('iam/resource-element', {
  valid: [
    { name: 'identity with Resource', code: policy(allow('"Action": "s3:GetObject", "Resource": "*"')) },
    {
      name: 'trust without Resource',
      code: trust(
        '{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:SourceAccount": "210987654321"}}}',
      ),
    },
  ],
  invalid: [
    {
      name: 'identity without Resource',
      code: policy(allow('"Action": "s3:GetObject"')),
      findings: [{ messageIncludes: 'no `Resource`' }],
    },
    {
      name: 'trust with Resource',
      code: trust('{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole", "Resource": "*"}'),
      findings: [{ messageIncludes: 'prohibited' }],
      output: trust('{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}'),
    },
  ],
});

ruleTests('iam/principal-element', {
  valid: [
    {
      code: trust(
        '{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::210987654321:root", "210987654321"]}, "Action": "sts:AssumeRole"}',
      ),
    },
    {
      name: 'resource policy',
      code: policy('{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}'),
    },
  ],
  invalid: [
    {
      name: 'principal type spelt wrong',
      code: trust('{"Effect": "Allow", "Principal": {"service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}'),
      findings: [{ text: '"service"' }],
      output: trust('{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}'),
    },
    {
      name: 'a bare role name',
      code: trust('{"Effect": "Allow", "Principal": {"AWS": "deployer"}, "Action": "sts:AssumeRole"}'),
      findings: [{ messageIncludes: 'full ARN' }],
    },
    {
      name: 'service without domain',
      code: trust('{"Effect": "Allow", "Principal": {"Service": "ecs-tasks"}, "Action": "sts:AssumeRole"}'),
      findings: [{ text: '"ecs-tasks"' }],
      output: trust('{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}'),
    },
  ],
});

ruleTests('iam/sid', {
  valid: [
    { code: policy(`{"Sid": "Read1", ${'"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"'}}`) },
    {
      name: 'resource policies accept more characters',
      code: policy(
        '{"Sid": "Allow public read", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}',
      ),
    },
  ],
  invalid: [
    {
      name: 'dashes',
      code: policy('{"Sid": "read-app-bucket", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}'),
      findings: [{ messageIncludes: 'letters and digits' }],
      output: policy('{"Sid": "readAppBucket", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}'),
    },
    {
      name: 'duplicates',
      code: policy(
        '{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, {"Sid": "A", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}',
      ),
      findings: [{ messageIncludes: 'unique' }],
    },
  ],
});
