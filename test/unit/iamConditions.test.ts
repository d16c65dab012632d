import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits, findingsOf, isStrictJson, ruleTests } from '../helpers';

const conditioned = (condition: string, actions = '"s3:ListBucket"', effect = 'Allow') =>
  `{"Version": "2012-10-17", "Statement": [{"Effect": "${effect}", "Action": ${actions}, "Resource": "*", "Condition": ${condition}}]}`;

ruleTests('iam/condition-operator', {
  valid: [
    {
      code: conditioned(
        '{"StringLikeIfExists": {"s3:prefix": "a/*"}, "ForAnyValue:StringEquals": {"aws:TagKeys": "x"}, "Null": {"aws:MultiFactorAuthAge": "true"}}',
      ),
    },
  ],
  invalid: [
    {
      name: 'missing s',
      code: conditioned('{"StringEqual": {"s3:prefix": "a"}}'),
      findings: [{ severity: 'error', text: '"StringEqual"' }],
      output: conditioned('{"StringEquals": {"s3:prefix": "a"}}'),
    },
    {
      name: 'swapped letters',
      code: conditioned('{"IpAdrdess": {"aws:SourceIp": "10.0.0.0/8"}}'),
      findings: [{}],
      output: conditioned('{"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}'),
    },
    {
      name: 'case',
      code: conditioned('{"stringlike": {"s3:prefix": "a"}}'),
      findings: [{}],
      output: conditioned('{"StringLike": {"s3:prefix": "a"}}'),
    },
    {
      name: 'NullIfExists',
      code: conditioned('{"NullIfExists": {"aws:SourceIp": "true"}}'),
      findings: [{ messageIncludes: 'no `IfExists`' }],
      output: conditioned('{"Null": {"aws:SourceIp": "true"}}'),
    },
  ],
});

ruleTests('iam/condition-key', {
  valid: [
    { name: 'global and supported', code: conditioned('{"StringLike": {"s3:prefix": "a/*", "aws:PrincipalTag/team": "x"}}') },
    {
      name: 'identity-provider keys are not checked',
      code: conditioned('{"StringLike": {"token.actions.githubusercontent.com:sub": "repo:o/r:*"}}'),
    },
    { name: 'object tag keys', code: conditioned('{"StringEquals": {"s3:ExistingObjectTag/team": "x"}}', '"s3:GetObject"') },
  ],
  invalid: [
    {
      name: 'unknown global key',
      code: conditioned('{"IpAddress": {"aws:SourceIP4": "10.0.0.0/8"}}'),
      findings: [{ severity: 'warning', messageIncludes: 'aws:SourceIp' }],
      output: conditioned('{"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}'),
    },
    {
      name: 'unknown service key',
      code: conditioned('{"StringLike": {"s3:prefixx": "a"}}'),
      findings: [{ messageIncludes: '`s3:prefix`' }],
    },
    // Issue 12: a swap of two letters is one edit, and the key's type must suit the operator and value
    // (Levenshtein put aws:SourceIp, an IP-address key, level with aws:SourceVpc and first in the list).
    {
      name: 'swapped letters: aws:SourceVcp is aws:SourceVpc',
      code: conditioned('{"StringEquals": {"aws:SourceVcp": "vpc-1a2b3c4d"}}'),
      findings: [{ messageIncludes: 'Did you mean `aws:SourceVpc`?' }],
      output: conditioned('{"StringEquals": {"aws:SourceVpc": "vpc-1a2b3c4d"}}'),
    },
    {
      name: 'a key whose type fits the operator wins a tie',
      code: conditioned('{"IpAddress": {"aws:SourceIx": "10.0.0.0/8"}}'),
      findings: [{ messageIncludes: 'Did you mean `aws:SourceIp`?' }],
    },
    {
      name: 'key of another service',
      code: conditioned('{"StringEquals": {"ec2:Vpc": "vpc-1"}}'),
      findings: [{ severity: 'info', messageIncludes: 'no `ec2` action' }],
    },
  ],
});

ruleTests('iam/condition-type', {
  valid: [
    {
      code: conditioned(
        '{"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}, "Bool": {"aws:SecureTransport": "true"}, "StringLike": {"aws:SourceArn": "arn:aws:ecs:*"}}',
      ),
    },
  ],
  invalid: [
    {
      name: 'string operator on an IP key',
      code: conditioned('{"StringEquals": {"aws:SourceIp": "10.0.0.1"}}'),
      findings: [{ messageIncludes: 'IpAddress' }],
    },
    {
      name: 'ARN operator on a string key',
      code: conditioned('{"ArnLike": {"aws:SourceAccount": "210987654321"}}'),
      findings: [{ messageIncludes: 'string key' }],
    },
  ],
});

ruleTests('iam/condition-value', {
  valid: [
    {
      code: conditioned(
        '{"DateGreaterThan": {"aws:CurrentTime": "2025-01-31T00:00:00Z"}, "NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}',
      ),
    },
  ],
  invalid: [
    {
      name: 'Bool True',
      code: conditioned('{"Bool": {"aws:SecureTransport": "True"}}'),
      findings: [{ text: '"True"' }],
      output: conditioned('{"Bool": {"aws:SecureTransport": "true"}}'),
    },
    { name: 'bad CIDR', code: conditioned('{"IpAddress": {"aws:SourceIp": "10.0.0.0/33"}}'), findings: [{}] },
    { name: 'date', code: conditioned('{"DateLessThan": {"aws:CurrentTime": "next tuesday"}}'), findings: [{}] },
  ],
});

ruleTests('iam/set-operator', {
  valid: [
    { code: conditioned('{"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}}') },
    {
      name: 'a multivalued key with ForAnyValue',
      code: conditioned('{"ForAnyValue:StringEquals": {"aws:CalledVia": "cloudformation.amazonaws.com"}}', '"s3:GetObject"', 'Deny'),
    },
    {
      name: 'Null needs no set operator',
      code: conditioned('{"Null": {"aws:TagKeys": "false"}, "ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}}'),
    },
    {
      name: 'a single-valued key with a plain operator',
      code: conditioned('{"StringEquals": {"aws:SourceVpc": "vpc-1", "aws:RequestTag/team": ["a", "b"]}}'),
    },
    {
      name: 'identity-provider keys are not typed by the catalogue',
      code: conditioned('{"StringEquals": {"cognito-identity.amazonaws.com:amr": "authenticated"}}', '"sts:AssumeRoleWithWebIdentity"'),
    },
    { name: 'an unknown global key', code: conditioned('{"StringEquals": {"aws:TagKey": "team"}}') },
    { name: 'a wildcard the catalogue does not resolve', code: conditioned('{"StringLike": {"events:detail*": "x"}}', '"events:PutRule"') },
  ],
  invalid: [
    {
      name: 'ForAllValues on a single-valued key',
      code: conditioned('{"ForAllValues:StringEquals": {"aws:SourceVpc": "vpc-1"}}'),
      findings: [{ messageIncludes: 'also true when the request lacks the key' }],
      output: conditioned('{"StringEquals": {"aws:SourceVpc": "vpc-1"}}'),
    },
    {
      name: 'a plain operator on aws:TagKeys in an Allow statement: both set operators offered',
      code: conditioned('{"StringEquals": {"aws:TagKeys": ["team"]}}', '"ec2:CreateTags"'),
      findings: [{ severity: 'warning', text: '"StringEquals"', messageIncludes: '`aws:TagKeys` is multivalued' }],
      output: conditioned('{"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}}', '"ec2:CreateTags"'),
    },
    {
      name: 'in a Deny statement: ForAnyValue',
      code: conditioned('{"StringEquals": {"aws:TagKeys": ["secret"]}}', '"ec2:CreateTags"', 'Deny'),
      findings: [{ messageIncludes: 'In a Deny statement use `ForAnyValue:StringEquals`' }],
      output: conditioned('{"ForAnyValue:StringEquals": {"aws:TagKeys": ["secret"]}}', '"ec2:CreateTags"', 'Deny'),
    },
    {
      name: 'a negated operator in an Allow statement: ForAllValues',
      code: conditioned('{"StringNotLike": {"aws:TagKeys": ["aws:*"]}}', '"ec2:CreateTags"'),
      findings: [{ messageIncludes: 'Use `ForAllValues:StringNotLike`' }],
      output: conditioned('{"ForAllValues:StringNotLike": {"aws:TagKeys": ["aws:*"]}}', '"ec2:CreateTags"'),
    },
    {
      name: 'IfExists is kept; key names are case-insensitive',
      code: conditioned('{"StringEqualsIfExists": {"aws:calledvia": "athena.amazonaws.com"}}', '"s3:GetObject"', 'Deny'),
      findings: [{ messageIncludes: '`aws:calledvia` is multivalued' }],
      output: conditioned('{"ForAnyValue:StringEqualsIfExists": {"aws:calledvia": "athena.amazonaws.com"}}', '"s3:GetObject"', 'Deny'),
    },
    {
      name: 'a service key typed ArrayOfString',
      code: conditioned('{"StringEquals": {"events:detail-type": "Tag Change on Resource"}}', '"events:PutRule"', 'Deny'),
      findings: [{ messageIncludes: '`events:detail-type` is multivalued' }],
      output: conditioned('{"ForAnyValue:StringEquals": {"events:detail-type": "Tag Change on Resource"}}', '"events:PutRule"', 'Deny'),
    },
    {
      name: 'an ARN-list key with an Arn operator',
      code: conditioned(
        '{"ArnLike": {"autoscaling:TargetGroupARNs": "arn:aws:elasticloadbalancing:*:*:targetgroup/app/*"}}',
        '"autoscaling:CreateAutoScalingGroup"',
        'Deny',
      ),
      findings: [{ messageIncludes: '`ForAnyValue:ArnLike`' }],
      output: conditioned(
        '{"ForAnyValue:ArnLike": {"autoscaling:TargetGroupARNs": "arn:aws:elasticloadbalancing:*:*:targetgroup/app/*"}}',
        '"autoscaling:CreateAutoScalingGroup"',
        'Deny',
      ),
    },
    {
      name: 'a key that shares its operator is moved to a new one',
      code: conditioned('{"StringEquals": {"aws:TagKeys": "secret", "aws:RequestTag/team": "a"}}', '"ec2:CreateTags"', 'Deny'),
      findings: [{}],
      output: conditioned(
        '{"StringEquals": {"aws:RequestTag/team": "a"}, "ForAnyValue:StringEquals": {"aws:TagKeys": "secret"}}',
        '"ec2:CreateTags"',
        'Deny',
      ),
    },
    {
      name: 'a key alone in its operator joins the qualified operator that exists',
      code: conditioned(
        '{"StringEquals": {"aws:TagKeys": "secret"}, "ForAnyValue:StringEquals": {"aws:CalledVia": "x"}}',
        '"ec2:CreateTags"',
        'Deny',
      ),
      findings: [{}],
      output: conditioned('{"ForAnyValue:StringEquals": {"aws:CalledVia": "x", "aws:TagKeys": "secret"}}', '"ec2:CreateTags"', 'Deny'),
    },
    {
      name: 'a Null check on the key: no advice to add one',
      code: conditioned('{"StringLike": {"aws:TagKeys": "app-*"}, "Null": {"aws:TagKeys": "false"}}', '"ec2:CreateTags"'),
      findings: [{ messageIncludes: '(also true when the request has none), or `ForAnyValue:StringLike`' }],
    },
  ],
});

test('iam/set-operator: no fix when the qualified operator already holds the key', async () => {
  const code = conditioned(
    '{"StringEquals": {"aws:TagKeys": "secret"}, "ForAnyValue:StringEquals": {"aws:TagKeys": "other"}}',
    '"ec2:CreateTags"',
    'Deny',
  );
  const findings = await findingsOf(code, 'iam/set-operator');
  assert.deepEqual(
    findings.map((finding) => [finding.message.slice(0, 28), finding.fixes.length]),
    [['`aws:TagKeys` is multivalued', 0]],
  );
});

test('iam/set-operator: both set operators offered, neither preferred, each titled with what it means', async () => {
  const code = conditioned('{"StringEquals": {"aws:TagKeys": ["team"]}}', '"ec2:CreateTags"');
  const [finding] = await findingsOf(code, 'iam/set-operator');
  assert.deepEqual(
    finding.fixes.map((fix) => [fix.title, fix.isPreferred]),
    [
      ['Change to "ForAllValues:StringEquals" (every value must match; also true when there is none)', false],
      ['Change to "ForAnyValue:StringEquals" (at least one value must match)', false],
    ],
  );
  assert.match(finding.message, /IAM Access Analyzer reports it as an error/);
  assert.match(finding.message, /add a `Null` check/);
  assert.equal(
    finding.docsUrl,
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html',
  );
  for (const fix of finding.fixes) assert.deepEqual(await findingsOf(applyEdits(code, fix.edits), 'iam/set-operator'), []);
});

test('iam/set-operator: a moved key keeps the layout of a multi-line Condition (CRLF)', async () => {
  const code = [
    '{',
    '  "Version": "2012-10-17",',
    '  "Statement": [{',
    '    "Effect": "Deny",',
    '    "Action": "events:PutRule",',
    '    "Resource": "*",',
    '    "Condition": {',
    '      "StringEquals": {',
    '        "events:detail-type": [',
    '          "A",',
    '          "B"',
    '        ],',
    '        "aws:ResourceAccount": "123456789012"',
    '      }',
    '    }',
    '  }]',
    '}',
  ].join('\r\n');
  const [finding] = await findingsOf(code, 'iam/set-operator');
  assert.equal(finding.fixes.length, 1);
  assert.equal(finding.fixes[0].title, 'Move "events:detail-type" to "ForAnyValue:StringEquals"');
  assert.equal(finding.fixes[0].isPreferred, true);
  const fixed = applyEdits(code, finding.fixes[0].edits);
  assert.ok(isStrictJson(fixed));
  assert.ok(
    fixed.includes(
      [
        '      "StringEquals": {',
        '        "aws:ResourceAccount": "123456789012"',
        '      },',
        '      "ForAnyValue:StringEquals": {',
        '        "events:detail-type": [',
        '          "A",',
        '          "B"',
        '        ]',
        '      }',
        '    }',
      ].join('\r\n'),
    ),
    fixed,
  );
  assert.deepEqual(await findingsOf(fixed, 'iam/set-operator'), []);
});

ruleTests('iam/ecr-token-vpc-condition', {
  valid: [{ code: conditioned('{"StringEquals": {"aws:SourceVpce": "vpce-1"}}', '["ecr:BatchGetImage"]') }],
  invalid: [
    {
      code: conditioned('{"StringEquals": {"aws:SourceVpce": "vpce-1"}}', '["ecr:GetAuthorizationToken", "ecr:BatchGetImage"]'),
      findings: [{ text: '"aws:SourceVpce"' }],
    },
  ],
});
