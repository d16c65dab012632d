import { ruleTests } from '../helpers';

const conditioned = (condition: string, actions = '"s3:ListBucket"', effect = 'Allow') =>
  `{"Version": "2012-10-17", "Statement": [{"Effect": "${effect}", "Action": ${actions}, "Resource": "*", "Condition": ${condition}}]}`;

ruleTests('iam/condition-operator', {
  valid: [{ code: conditioned('{"StringLikeIfExists": {"s3:prefix": "a/*"}, "ForAnyValue:StringEquals": {"aws:TagKeys": "x"}, "Null": {"aws:MultiFactorAuthAge": "true"}}') }],
  invalid: [
    { name: 'missing s', code: conditioned('{"StringEqual": {"s3:prefix": "a"}}'), findings: [{ severity: 'error', text: '"StringEqual"' }], output: conditioned('{"StringEquals": {"s3:prefix": "a"}}') },
    { name: 'case', code: conditioned('{"stringlike": {"s3:prefix": "a"}}'), findings: [{}], output: conditioned('{"StringLike": {"s3:prefix": "a"}}') },
    { name: 'NullIfExists', code: conditioned('{"NullIfExists": {"aws:SourceIp": "true"}}'), findings: [{ messageIncludes: 'no `IfExists`' }], output: conditioned('{"Null": {"aws:SourceIp": "true"}}') },
  ],
});

ruleTests('iam/condition-key', {
  valid: [
    { name: 'global and supported', code: conditioned('{"StringLike": {"s3:prefix": "a/*", "aws:PrincipalTag/team": "x"}}') },
    { name: 'identity-provider keys are not checked', code: conditioned('{"StringLike": {"token.actions.githubusercontent.com:sub": "repo:o/r:*"}}') },
    { name: 'object tag keys', code: conditioned('{"StringEquals": {"s3:ExistingObjectTag/team": "x"}}', '"s3:GetObject"') },
  ],
  invalid: [
    { name: 'unknown global key', code: conditioned('{"IpAddress": {"aws:SourceIP4": "10.0.0.0/8"}}'), findings: [{ severity: 'warning', messageIncludes: 'aws:SourceIp' }], output: conditioned('{"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}') },
    { name: 'unknown service key', code: conditioned('{"StringLike": {"s3:prefixx": "a"}}'), findings: [{ messageIncludes: '`s3:prefix`' }] },
    { name: 'key of another service', code: conditioned('{"StringEquals": {"ec2:Vpc": "vpc-1"}}'), findings: [{ severity: 'info', messageIncludes: 'no `ec2` action' }] },
  ],
});

ruleTests('iam/condition-type', {
  valid: [{ code: conditioned('{"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}, "Bool": {"aws:SecureTransport": "true"}, "StringLike": {"aws:SourceArn": "arn:aws:ecs:*"}}') }],
  invalid: [
    { name: 'string operator on an IP key', code: conditioned('{"StringEquals": {"aws:SourceIp": "10.0.0.1"}}'), findings: [{ messageIncludes: 'IpAddress' }] },
    { name: 'ARN operator on a string key', code: conditioned('{"ArnLike": {"aws:SourceAccount": "210987654321"}}'), findings: [{ messageIncludes: 'string key' }] },
  ],
});

ruleTests('iam/condition-value', {
  valid: [{ code: conditioned('{"DateGreaterThan": {"aws:CurrentTime": "2025-01-31T00:00:00Z"}, "NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}') }],
  invalid: [
    { name: 'Bool True', code: conditioned('{"Bool": {"aws:SecureTransport": "True"}}'), findings: [{ text: '"True"' }], output: conditioned('{"Bool": {"aws:SecureTransport": "true"}}') },
    { name: 'bad CIDR', code: conditioned('{"IpAddress": {"aws:SourceIp": "10.0.0.0/33"}}'), findings: [{}] },
    { name: 'date', code: conditioned('{"DateLessThan": {"aws:CurrentTime": "next tuesday"}}'), findings: [{}] },
  ],
});

ruleTests('iam/set-operator', {
  valid: [{ code: conditioned('{"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}}') }],
  invalid: [
    {
      name: 'ForAllValues on a single-valued key',
      code: conditioned('{"ForAllValues:StringEquals": {"aws:SourceVpc": "vpc-1"}}'),
      findings: [{ messageIncludes: 'also true when the request lacks the key' }],
      output: conditioned('{"StringEquals": {"aws:SourceVpc": "vpc-1"}}'),
    },
  ],
});

ruleTests('iam/ecr-token-vpc-condition', {
  valid: [{ code: conditioned('{"StringEquals": {"aws:SourceVpce": "vpce-1"}}', '["ecr:BatchGetImage"]') }],
  invalid: [{ code: conditioned('{"StringEquals": {"aws:SourceVpce": "vpce-1"}}', '["ecr:GetAuthorizationToken", "ecr:BatchGetImage"]'), findings: [{ text: '"aws:SourceVpce"' }] }],
});
