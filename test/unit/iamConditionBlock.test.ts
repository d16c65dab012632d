// iam/condition-block and iam/policy-variable: the Condition-block and policy-variable checks of IAM Access
// Analyzer (issue 14 item 2), valid and invalid cases each.
import { ruleTests } from '../helpers';

const policy = (statement: string) => `{"Version": "2012-10-17", "Statement": [${statement}]}`;
const withCondition = (condition: string) =>
  policy(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": ${condition}}`);

ruleTests('iam/condition-block', {
  valid: [
    { name: 'a plain condition', code: withCondition('{"StringEquals": {"aws:PrincipalTag/team": ["dev", "ops"]}}') },
    { name: 'wildcards under StringLike', code: withCondition('{"StringLike": {"s3:prefix": "home/*"}}') },
    { name: 'the ${*} escape under StringEquals', code: withCondition('{"StringEquals": {"s3:prefix": "literal-${*}"}}') },
    { name: 'one Boolean value', code: withCondition('{"Bool": {"aws:SecureTransport": "true"}}') },
    {
      name: 'a network address and a single address',
      code: withCondition('{"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "198.51.100.7/32", "198.51.100.8"]}}'),
    },
    { name: 'StringLike with a pattern, not "*" alone', code: withCondition('{"StringLike": {"aws:PrincipalTag/team": "dev-*"}}') },
    { name: 'a public range', code: withCondition('{"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "198.51.100.7"]}}') },
    { name: 'a private range under aws:VpcSourceIp', code: withCondition('{"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}}') },
    {
      name: 'identity provider keys have a prefix',
      code: withCondition('{"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}'),
    },
    {
      name: 'the same key in two operators',
      code: withCondition('{"StringEquals": {"aws:PrincipalTag/team": "dev"}, "StringLike": {"aws:principaltag/team": "d*"}}'),
    },
  ],
  invalid: [
    {
      name: 'duplicate keys with different case',
      code: withCondition('{"StringEquals": {"aws:PrincipalTag/team": "dev", "aws:principaltag/team": "ops"}}'),
      findings: [{ severity: 'error', text: '"aws:principaltag/team"' }],
    },
    {
      name: 'a key without prefix',
      code: withCondition('{"StringEquals": {"team": "dev"}}'),
      findings: [{ severity: 'error', text: '"team"' }],
    },
    {
      name: 'two values for a Boolean',
      code: withCondition('{"Bool": {"aws:SecureTransport": ["true", "false"]}}'),
      findings: [{ severity: 'error', messageIncludes: 'one Boolean' }],
    },
    {
      name: 'Null with a set qualifier',
      code: withCondition('{"ForAnyValue:Null": {"aws:TagKeys": "false"}}'),
      findings: [{ severity: 'info', text: '"ForAnyValue:Null"' }],
      output: withCondition('{"Null": {"aws:TagKeys": "false"}}'),
    },
    {
      name: 'an empty list of values',
      code: withCondition('{"StringEquals": {"aws:PrincipalTag/team": [], "aws:PrincipalTag/env": "prod"}}'),
      findings: [{ severity: 'info', text: '[]' }],
      output: withCondition('{"StringEquals": {"aws:PrincipalTag/env": "prod"}}'),
    },
    {
      name: 'an empty operator',
      code: withCondition('{"ForAnyValue:StringEquals": {}, "Bool": {"aws:SecureTransport": "true"}}'),
      findings: [{ severity: 'info', text: '"ForAnyValue:StringEquals"' }],
      output: withCondition('{"Bool": {"aws:SecureTransport": "true"}}'),
    },
    {
      name: 'a wildcard under StringEquals',
      code: withCondition('{"StringEquals": {"s3:prefix": "home/*"}}'),
      findings: [{ severity: 'warning', text: '"home/*"' }],
      output: withCondition('{"StringLike": {"s3:prefix": "home/*"}}'),
    },
    {
      name: 'a repeated value',
      code: withCondition('{"StringEquals": {"aws:PrincipalTag/team": ["dev", "dev"]}}'),
      findings: [{ severity: 'hint' }],
      output: withCondition('{"StringEquals": {"aws:PrincipalTag/team": ["dev"]}}'),
    },
    {
      name: 'only private ranges in aws:SourceIp: never matches',
      code: withCondition('{"IpAddress": {"aws:SourceIp": ["10.1.0.0/16", "192.168.0.0/16"]}}'),
      findings: [{ severity: 'error', text: '"10.1.0.0/16"' }],
    },
    {
      name: 'a private range next to a public one (Private IP address subset)',
      code: withCondition('{"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "10.1.0.0/16"]}}'),
      findings: [{ severity: 'hint', text: '"10.1.0.0/16"', messageIncludes: 'the public ranges next to it still apply' }],
      output: withCondition('{"IpAddress": {"aws:SourceIp": ["203.0.113.0/24"]}}'),
    },
    {
      name: 'a private range next to a public one under NotIpAddress (Private NotIpAddress subset)',
      code: withCondition('{"NotIpAddress": {"aws:SourceIp": ["203.0.113.0/24", "172.16.0.0/12"]}}'),
      findings: [{ severity: 'hint', messageIncludes: 'excludes nothing' }],
    },
    {
      name: 'Improve IP range: bits set after the prefix',
      code: withCondition('{"IpAddress": {"aws:SourceIp": "203.0.113.5/24"}}'),
      findings: [{ severity: 'hint', text: '"203.0.113.5/24"', messageIncludes: '`203.0.113.0/24`' }],
      output: withCondition('{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}'),
    },
    {
      name: 'Equivalent to null false: StringLike "*"',
      code: withCondition('{"StringLike": {"aws:PrincipalTag/team": "*"}}'),
      findings: [{ severity: 'hint', messageIncludes: '"Null": {"aws:PrincipalTag/team": "false"}' }],
    },
    {
      name: 'Equivalent to null true: StringNotLike "*"',
      code: withCondition('{"StringNotLike": {"aws:PrincipalTag/team": "*"}}'),
      findings: [{ severity: 'hint', messageIncludes: '"true"' }],
    },
    {
      name: 'a private range under NotIpAddress',
      code: withCondition('{"NotIpAddress": {"aws:SourceIp": "192.168.0.0/16"}}'),
      findings: [{ severity: 'warning', messageIncludes: 'always true' }],
    },
  ],
});

ruleTests('iam/policy-variable', {
  valid: [
    {
      name: 'a variable in Resource',
      code: policy('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/home/${aws:username}/*"}'),
    },
    {
      name: 'a variable with a default in a condition',
      code: withCondition(`{"StringEquals": {"aws:PrincipalTag/team": "\${aws:PrincipalTag/dept, 'none'}"}}`),
    },
    { name: 'the ${*} escape', code: policy('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${*}"}') },
  ],
  invalid: [
    {
      name: 'missing brace',
      code: policy('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username/*"}'),
      findings: [{ severity: 'error', messageIncludes: 'without its closing' }],
      output: policy('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}/*"}'),
    },
    {
      name: 'a space inside',
      code: withCondition('{"StringEquals": {"aws:PrincipalTag/team": "${ aws:username }"}}'),
      findings: [{ severity: 'error', messageIncludes: 'spaces' }],
      output: withCondition('{"StringEquals": {"aws:PrincipalTag/team": "${aws:username}"}}'),
    },
    {
      name: 'empty',
      code: policy('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${}"}'),
      findings: [{ messageIncludes: 'empty' }],
    },
    {
      name: 'a variable in Action',
      code: policy('{"Effect": "Allow", "Action": "s3:${aws:username}", "Resource": "*"}'),
      findings: [{ severity: 'error', messageIncludes: 'only in `Resource`' }],
    },
  ],
});
