// Policy types: from the CloudFormation resource that holds a policy, then from `.ecs-iam.json`, then from
// the content (issue 14 item 1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from '../../server/src/core/document';
import { POLICY_TYPE_SETTINGS, policyTypeLabel, type PolicyView } from '../../server/src/core/classify';
import { parseConfig } from '../../server/src/core/config';
import { loadedFrom } from '../../server/src/workspace/configLoader';
import { REPO_ROOT, lint, ruleTests } from '../helpers';
import { ACCESS_ANALYZER_CHECKS } from '../../server/src/iam/accessAnalyzerChecks';
import { ALL_RULES } from '../../server/src/rules/index';
import { hoverAt } from '../../server/src/features/hover';

const typeOf = (policy: PolicyView) => [policy.type, policy.resourceType?.id, policy.typeSource].filter(Boolean).join(' ');

const statement = (body: string) => `{"Version": "2012-10-17", "Statement": [${body}]}`;

test('a template policy takes its type from the resource that holds it', () => {
  const template = JSON.stringify({
    Resources: {
      Bucket: {
        Type: 'AWS::S3::BucketPolicy',
        Properties: {
          Bucket: 'b',
          PolicyDocument: JSON.parse(
            statement(
              '{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}',
            ),
          ),
        },
      },
      Key: {
        Type: 'AWS::KMS::Key',
        Properties: {
          KeyPolicy: JSON.parse(
            statement('{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}'),
          ),
        },
      },
      Scp: {
        Type: 'AWS::Organizations::Policy',
        Properties: {
          Type: 'SERVICE_CONTROL_POLICY',
          Name: 'x',
          Content: JSON.parse(statement('{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}')),
        },
      },
      Rcp: {
        Type: 'AWS::Organizations::Policy',
        Properties: {
          Type: 'RESOURCE_CONTROL_POLICY',
          Name: 'y',
          Content: JSON.parse(statement('{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}')),
        },
      },
      Tags: { Type: 'AWS::Organizations::Policy', Properties: { Type: 'TAG_POLICY', Name: 't', Content: { tags: {} } } },
      Boundary: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: { PolicyDocument: JSON.parse(statement('{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}')) },
      },
      Attached: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: { PolicyDocument: JSON.parse(statement('{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}')) },
      },
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: {
          PermissionsBoundary: { Ref: 'Boundary' },
          AssumeRolePolicyDocument: JSON.parse(
            statement('{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}'),
          ),
        },
      },
      Queue: {
        Type: 'AWS::SQS::QueuePolicy',
        Properties: {
          Queues: ['q'],
          PolicyDocument: JSON.parse(statement('{"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "*"}')),
        },
      },
      Topic: {
        Type: 'AWS::SNS::TopicPolicy',
        Properties: {
          Topics: ['t'],
          PolicyDocument: JSON.parse(statement('{"Effect": "Allow", "Principal": "*", "Action": "sns:Publish", "Resource": "*"}')),
        },
      },
      Domain: {
        Type: 'AWS::OpenSearchService::Domain',
        Properties: {
          AccessPolicies: JSON.parse(
            statement('{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "es:*", "Resource": "*"}'),
          ),
        },
      },
      Secret: {
        Type: 'AWS::SecretsManager::ResourcePolicy',
        Properties: {
          SecretId: 's',
          ResourcePolicy: JSON.parse(
            statement('{"Effect": "Deny", "Principal": "*", "Action": "secretsmanager:GetSecretValue", "Resource": "*"}'),
          ),
        },
      },
    },
  });
  const document = parseDocument(template, { policyType: 'scp' });
  assert.equal(document.kind, 'cloudformation-template');
  assert.deepEqual(Object.fromEntries(document.policies.map((policy) => [policy.resource, `${policy.kind}: ${typeOf(policy)}`])), {
    Bucket: 'resource: resource s3-bucket cloudformation',
    Key: 'resource: resource kms-key cloudformation',
    Scp: 'identity: scp cloudformation',
    Rcp: 'resource: rcp cloudformation',
    Boundary: 'identity: permissions-boundary cloudformation',
    Attached: 'identity: identity cloudformation',
    Role: 'trust: trust cloudformation',
    Queue: 'resource: resource sqs-queue cloudformation',
    Topic: 'resource: resource sns-topic cloudformation',
    Domain: 'resource: resource opensearch-domain cloudformation',
    Secret: 'resource: resource secretsmanager-secret cloudformation',
  });
});

test('a policy file takes its type from .ecs-iam.json over its content, and from its content otherwise', () => {
  const scp = statement('{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}');
  const cases: Array<[string, string | undefined, string, string]> = [
    [scp, 'scp', 'iam-identity-policy', 'scp config'],
    [scp, 'permissions-boundary', 'iam-identity-policy', 'permissions-boundary config'],
    [scp, undefined, 'iam-identity-policy', 'identity content'],
    [statement('{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}'), 'rcp', 'iam-resource-policy', 'rcp config'],
    [
      statement('{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}'),
      undefined,
      'iam-resource-policy',
      'resource s3-bucket content',
    ],
    [
      statement('{"Effect": "Allow", "Principal": "*", "Action": "sns:Publish", "Resource": "*"}'),
      'sqs-queue',
      'iam-resource-policy',
      'resource sqs-queue config',
    ],
    [
      statement('{"Effect": "Allow", "Principal": "*", "Action": ["sns:Publish", "sqs:SendMessage"], "Resource": "*"}'),
      undefined,
      'iam-resource-policy',
      'resource content',
    ],
    [
      statement('{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}'),
      undefined,
      'iam-trust-policy',
      'trust content',
    ],
    // A policy with no Statement yet is still a policy (iam/statement reports it), with or without a mapping.
    ['{"Version": "2012-10-17"}', undefined, 'iam-identity-policy', 'identity content'],
    ['{"Version": "2012-10-17", "Id": "x"}', 'sns-topic', 'iam-resource-policy', 'resource sns-topic config'],
  ];
  for (const [text, policyType, kind, expected] of cases) {
    const document = parseDocument(text, { policyType });
    assert.equal(document.kind, kind, text);
    assert.equal(typeOf(document.policies[0]), expected, text);
  }
  // An unrelated file stays unrelated unless a mapping names it; a bare version of another kind is not a policy.
  assert.equal(parseDocument('{"Version": "1.0.0", "name": "x"}').kind, 'unrelated');
  assert.equal(parseDocument('{"Version": "2012-10-17", "name": "x"}').kind, 'unrelated');
});

test('policyTypeLabel names each type as messages and the hover say it', () => {
  assert.equal(policyTypeLabel({ type: 'scp' }), 'service control policy (SCP)');
  assert.equal(
    policyTypeLabel({ type: 'resource', resourceType: { id: 's3-bucket', service: 's3', label: 'S3 bucket policy' } }),
    'S3 bucket policy',
  );
  assert.equal(policyTypeLabel({ type: 'resource' }), 'resource-based policy');
});

test('.ecs-iam.json policyTypes: glob -> type, first match wins; unknown types and outside globs are problems', () => {
  const text = JSON.stringify({
    policyTypes: { 'org/scp-*.json': 'scp', 'org/**': 'rcp', 'buckets/*.json': 's3-bucket', 'x/*': 'scpp', '../up/*': 'scp' },
  });
  const { config, problems } = parseConfig(text);
  assert.deepEqual(config.policyTypes, [
    { pattern: 'org/scp-*.json', type: 'scp' },
    { pattern: 'org/**', type: 'rcp' },
    { pattern: 'buckets/*.json', type: 's3-bucket' },
  ]);
  assert.equal(problems.length, 2);
  assert.match(problems[0].message, /`scpp` is not a policy type\. Did you mean `scp`\?/);
  assert.match(problems[1].message, /leads outside/);
  const loaded = loadedFrom('/ws/.ecs-iam.json', text);
  assert.equal(loaded.policyTypeOf('/ws/org/scp-deny.json'), 'scp');
  assert.equal(loaded.policyTypeOf('/ws/org/deep/rcp.json'), 'rcp');
  assert.equal(loaded.policyTypeOf('/ws/buckets/logs.json'), 's3-bucket');
  assert.equal(loaded.policyTypeOf('/ws/other.json'), undefined);
  assert.equal(loaded.policyTypeOf('/elsewhere/org/a.json'), undefined);
});

test('the configuration schema offers exactly the policy types the parser accepts', () => {
  const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas', 'ecs-iam-config.schema.json'), 'utf8'));
  const values = schema.properties.policyTypes.additionalProperties;
  assert.deepEqual(values.enum, POLICY_TYPE_SETTINGS);
  assert.equal(values.markdownEnumDescriptions.length, POLICY_TYPE_SETTINGS.length);
});

// ---- rules that depend on the policy type ----

const scpFull = statement('{"Sid": "FullAWSAccess", "Effect": "Allow", "Action": "*", "Resource": "*"}');
const boundary = statement(
  '{"Effect": "Allow", "Action": ["s3:*", "ecs:*"], "Resource": "*"}, {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}',
);

test('SCPs, RCPs and permissions boundaries grant nothing: the grant-judging rules stay silent on them', async () => {
  for (const [code, policyType] of [
    [scpFull, 'scp'],
    [boundary, 'permissions-boundary'],
    [
      statement(
        '{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-abcd1234ef"}}}',
      ),
      'rcp',
    ],
  ] as const) {
    const findings = (await lint(code, { policyType })).findings.filter((finding) => finding.ruleId !== 'placeholder');
    assert.deepEqual(
      findings.map((finding) => `${finding.ruleId}: ${finding.message}`),
      [],
      policyType,
    );
  }
  // The same documents as identity policies are reported.
  assert.ok((await lint(scpFull)).findings.some((finding) => finding.ruleId === 'iam/admin-access'));
  assert.ok((await lint(boundary)).findings.some((finding) => finding.ruleId === 'iam/allow-with-not'));
});

ruleTests('iam/organizations-policy', {
  valid: [
    { name: 'FullAWSAccess SCP', code: scpFull, policyType: 'scp' },
    {
      name: 'an SCP with the 2025 language: Allow with NotAction, NotResource and Condition',
      policyType: 'scp',
      code: statement(
        '{"Effect": "Allow", "NotAction": "iam:*", "NotResource": "arn:aws:s3:::audit/*", "Condition": {"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}}',
      ),
    },
    {
      name: 'an RCP that denies insecure transport',
      policyType: 'rcp',
      code: statement(
        '{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"BoolIfExists": {"aws:SecureTransport": "false"}}}',
      ),
    },
    { name: 'an identity policy is not an SCP', code: statement('{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}') },
  ],
  invalid: [
    {
      name: 'Principal in an SCP',
      policyType: 'scp',
      code: statement('{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}'),
      findings: [{ severity: 'error', text: '"Principal"', messageIncludes: 'an SCP cannot have' }],
      output: statement('{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}'),
    },
    {
      name: 'a specific principal in an RCP',
      policyType: 'rcp',
      code: statement('{"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "s3:*", "Resource": "*"}'),
      findings: [{ severity: 'error', messageIncludes: 'must be `"*"`' }],
      output: statement('{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}'),
    },
    {
      name: 'NotPrincipal, NotAction and Allow in an RCP',
      policyType: 'rcp',
      code: statement(
        '{"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::123456789012:root"}, "NotAction": "s3:GetObject", "Resource": "*"}',
      ),
      findings: [{ text: '"Allow"', messageIncludes: 'RCPFullAWSAccess' }, { text: '"NotPrincipal"' }, { text: '"NotAction"' }],
    },
    {
      name: 'an Organizations policy in a template',
      code: JSON.stringify({
        Resources: {
          Scp: {
            Type: 'AWS::Organizations::Policy',
            Properties: {
              Type: 'SERVICE_CONTROL_POLICY',
              Name: 'n',
              Content: JSON.parse(statement('{"Effect": "Deny", "NotPrincipal": {"AWS": "*"}, "Action": "s3:*", "Resource": "*"}')),
            },
          },
        },
      }),
      findings: [{ text: '"NotPrincipal"' }],
    },
  ],
});

ruleTests('iam/policy-size', {
  valid: [{ name: 'a small SCP', code: scpFull, policyType: 'scp' }],
  invalid: [
    {
      name: 'an SCP above 5,120 characters only with its whitespace',
      policyType: 'scp',
      code: statement(
        `{"Effect": "Deny", "Action": [${Array.from({ length: 150 }, (_, i) => `"s3:GetObject${i}"`).join(',                 ')}], "Resource": "*"}`,
      ),
      findings: [{ severity: 'warning', messageIncludes: 'counts whitespace' }],
    },
    {
      name: 'an SCP above 5,120 characters without whitespace',
      policyType: 'scp',
      code: statement(
        `{"Effect": "Deny", "Action": [${Array.from({ length: 400 }, (_, i) => `"s3:GetObject${i}"`).join(',')}], "Resource": "*"}`,
      ),
      findings: [{ severity: 'error', messageIncludes: 'at most 5,120' }],
    },
  ],
});

const dup = (principal: string) =>
  statement(
    `{"Sid": "A", "Effect": "Allow", ${principal}"Action": "sns:Publish", "Resource": "*"}, {"Sid": "A", "Effect": "Allow", ${principal}"Action": "sns:Subscribe", "Resource": "*"}`,
  );

ruleTests('iam/sid', {
  valid: [
    {
      name: 'an S3 bucket policy accepts repeated Sids',
      policyType: 's3-bucket',
      code: statement(
        '{"Sid": "A", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}, {"Sid": "A", "Effect": "Allow", "Principal": "*", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b"}',
      ),
    },
    {
      name: 'an SCP accepts other characters in a Sid',
      policyType: 'scp',
      code: statement('{"Sid": "Deny-Regions", "Effect": "Deny", "Action": "s3:*", "Resource": "*"}'),
    },
  ],
  invalid: [
    {
      name: 'SNS topic policies reject repeated Sids',
      policyType: 'sns-topic',
      code: dup('"Principal": "*", '),
      findings: [{ severity: 'error', messageIncludes: 'SNS topic policy rejects' }],
    },
    { name: 'identity policies: a hint', code: dup(''), findings: [{ severity: 'hint', messageIncludes: 'recommends' }] },
  ],
});

ruleTests('iam/principal-element', {
  valid: [
    {
      name: 'an SCP principal is left to iam/organizations-policy',
      policyType: 'scp',
      code: statement('{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}'),
    },
  ],
  invalid: [
    {
      name: 'Principal in a policy mapped as an identity policy',
      policyType: 'identity',
      code: statement('{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Resource": "*"}'),
      findings: [{ severity: 'error', text: '"Principal"', messageIncludes: 'an identity-based policy' }],
      output: statement('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}'),
    },
    {
      name: 'Principal in an AWS::IAM::Policy of a template',
      code: JSON.stringify({
        Resources: {
          P: {
            Type: 'AWS::IAM::Policy',
            Properties: {
              PolicyName: 'p',
              PolicyDocument: JSON.parse(statement('{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}')),
            },
          },
        },
      }),
      findings: [{ text: '"Principal"', messageIncludes: 'check the resource that holds it' }],
    },
    {
      name: 'a bucket policy needs a Principal',
      policyType: 's3-bucket',
      code: statement('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}'),
      findings: [{ messageIncludes: 'has no `Principal`' }],
    },
  ],
});

test('a CloudFormation dynamic reference is a resolved value: no ARN, role or secret-reference finding on it', async () => {
  const template = JSON.stringify({
    Resources: {
      P: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: {
          PolicyDocument: JSON.parse(
            statement(
              '{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": ["{{resolve:ssm:/app/secret-arn}}", "{{resolve:secretsmanager:arn-holder:SecretString:arn}}"]}',
            ),
          ),
        },
      },
      T: {
        Type: 'AWS::ECS::TaskDefinition',
        Properties: {
          Family: 'web',
          ExecutionRoleArn: '{{resolve:ssm:/roles/exec}}',
          TaskRoleArn: '{{resolve:ssm:/roles/task:2}}',
          ContainerDefinitions: [
            {
              Name: 'a',
              Image: 'nginx:1.27',
              Essential: true,
              Memory: 512,
              Secrets: [{ Name: 'S', ValueFrom: '{{resolve:ssm:/secret-arn}}' }],
            },
          ],
        },
      },
    },
  });
  const findings = (await lint(template)).findings.filter((finding) => finding.severity === 'error' || finding.severity === 'warning');
  assert.deepEqual(
    findings.map((finding) => `${finding.ruleId}: ${finding.message}`),
    [],
  );
  // The same values written plainly are reported (the filter is about dynamic references only).
  const plain = (await lint(template.replace(/\{\{resolve:[^}]*\}\}/g, 'not-an-arn'))).findings.map((finding) => finding.ruleId);
  assert.ok(plain.includes('iam/arn-syntax'));
  assert.ok(plain.includes('ecs/role-arn-format'));
});

test('hover on a statement shows its policy type and what decided it', async () => {
  const bucket = JSON.stringify(
    {
      Resources: {
        Logs: {
          Type: 'AWS::S3::BucketPolicy',
          Properties: {
            Bucket: 'b',
            PolicyDocument: JSON.parse(
              statement('{"Sid": "Read", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}'),
            ),
          },
        },
      },
    },
    null,
    2,
  );
  const hover = await hoverAt(parseDocument(bucket), bucket.indexOf('"Effect"') + 2);
  assert.match(hover!.markdown, /Policy type: S3 bucket policy/);
  assert.match(hover!.markdown, /`Logs`, `AWS::S3::BucketPolicy`/);
  const scp = await hoverAt(parseDocument(scpFull, { policyType: 'scp' }), scpFull.indexOf('"Sid"') + 2);
  assert.match(scp!.markdown, /Policy type: service control policy \(SCP\)/);
  assert.match(scp!.markdown, /`policyTypes` mapping in `.ecs-iam.json`/);
  // An action inside the statement keeps its own hover.
  const action = await hoverAt(parseDocument(scpFull, { policyType: 'scp' }), scpFull.indexOf('"*"') + 1);
  assert.doesNotMatch(action!.markdown, /Policy type/);
});

test('the IAM Access Analyzer table names only rules that exist, and says "not yet" rather than "missing"', () => {
  const ids = new Set(ALL_RULES.map((rule) => rule.meta.id));
  for (const check of ACCESS_ANALYZER_CHECKS) {
    for (const id of check.rules ?? []) assert.ok(ids.has(id), `${check.name}: no rule ${id}`);
    assert.ok((check.rules?.length ?? 0) > 0 || check.note, `${check.name}: neither a rule nor a reason`);
    assert.doesNotMatch(check.note ?? '', /missing/i, check.name);
    if (check.pending) assert.equal(check.rules, undefined, `${check.name}: pending with a rule`);
  }
  const names = ACCESS_ANALYZER_CHECKS.map((check) => `${check.type}: ${check.name}`);
  assert.equal(new Set(names).size, names.length, 'a check is listed twice');
});
