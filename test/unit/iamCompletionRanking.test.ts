// Condition keys ranked by the statement's actions, principal and policy type and by the operator written;
// Principal completion (types, service principals, identity providers, account and role ARNs), in JSON and YAML.
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseDocument } from '../../server/src/core/document';
import { completionsAt } from '../../server/src/features/completion';
import type { CompletionSuggestion } from '../../server/src/features/completion';
import { SERVICE_PRINCIPALS } from '../../server/src/iam/principals';
import { applySuggestion, REPO_ROOT, visibleSuggestions } from '../helpers';

/** `|` marks the cursor. */
function at(textWithCursor: string): { text: string; offset: number } {
  const offset = textWithCursor.indexOf('|');
  return { text: textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1), offset };
}

const policy = (statement: string) => `{"Version": "2012-10-17", "Statement": [${statement}]}`;

async function shown(textWithCursor: string, fileName = 'policy.json'): Promise<{ text: string; items: CompletionSuggestion[] }> {
  const { text, offset } = at(textWithCursor);
  const items = await completionsAt(parseDocument(text, { fileName }), offset);
  return { text, items: visibleSuggestions(text, offset, items) };
}

const indexOf = (items: readonly CompletionSuggestion[], label: string) => {
  const index = items.findIndex((item) => item.label === label);
  assert.ok(index >= 0, `${label} is offered: ${items.map((item) => item.label).join(', ')}`);
  return index;
};

const GITHUB_TRUST = policy(
  '{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::731829465012:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringLike": {"|"}}}',
);
const ECS_TRUST = policy(
  '{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"|"}}}',
);
const BUCKET_POLICY = policy(
  '{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::731829465012:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"|"}}}',
);

/** Ranking cases: `before` lists labels in the order they must appear (not necessarily adjacent). */
const RANKING: Array<{ name: string; code: string; first?: string; before: string[]; absent?: RegExp; detail?: Record<string, RegExp> }> = [
  {
    name: "identity policy, s3:GetObject under StringEquals: the action's s3 keys, then its aws: keys, then globals",
    code: policy('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"|"}}}'),
    first: 's3:',
    before: ['s3:authType', 'aws:ResourceTag/${TagKey}', 'aws:SourceVpce', 'aws:SourceArn', 's3:signatureAge'],
    absent: /^(ec2|sqs|gitlab\.com):/,
    detail: {
      's3:authType': /^String · supported by s3:GetObject/,
      'aws:SourceArn': /present only when an AWS service calls/,
      's3:signatureAge': /^Numeric .*not compared by StringEquals/,
    },
  },
  {
    name: 'under ArnLike, ARN-typed keys first',
    code: policy('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"ArnLike": {"|"}}}'),
    first: 's3:AccessGrantsInstanceArn',
    before: ['s3:DataAccessPointArn', 'aws:PrincipalArn', 's3:authType'],
  },
  {
    name: 'under NumericLessThan, numeric keys first',
    code: policy('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"NumericLessThan": {"|"}}}'),
    first: 's3:signatureAge',
    before: ['s3:signatureAge', 'aws:MultiFactorAuthAge', 's3:authType'],
  },
  {
    name: "GitHub OIDC trust: the provider's aud and sub first, other providers' claims last",
    code: GITHUB_TRUST,
    first: 'token.actions.githubusercontent.com:aud',
    before: [
      'token.actions.githubusercontent.com:aud',
      'token.actions.githubusercontent.com:sub',
      'token.actions.githubusercontent.com:repository',
      'sts:RoleSessionName',
      'aws:SourceVpce',
      'gitlab.com:project_id',
    ],
    detail: { 'gitlab.com:project_id': /another identity provider/ },
  },
  {
    name: 'service trust: sts keys, then the confused-deputy keys before the other globals',
    code: ECS_TRUST,
    first: 'sts:',
    before: ['sts:ExternalId', 'aws:SourceAccount', 'aws:SourceArn', 'aws:SourceVpce', 'accounts.google.com:aud'],
    detail: { 'aws:SourceAccount': /confused deputy for ecs-tasks\.amazonaws\.com/ },
  },
  {
    name: "resource policy: the caller's organization before the resource's own account",
    code: BUCKET_POLICY,
    first: 's3:',
    before: ['s3:authType', 'aws:PrincipalOrgID', 'aws:SourceVpce', 'aws:ResourceAccount'],
    detail: { 'aws:ResourceAccount': /the resource is this policy's own/ },
  },
  {
    name: 'identity policy: the principal is its own, so aws:PrincipalOrgID comes last',
    code: policy('{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*", "Condition": {"StringEquals": {"|"}}}'),
    first: 'aws:',
    before: ['aws:ResourceTag/${TagKey}', 'aws:SourceVpce', 'aws:PrincipalOrgID'],
  },
  {
    name: 'tag keys none of the actions supports come last',
    code: policy('{"Effect": "Allow", "Action": "sts:GetCallerIdentity", "Resource": "*", "Condition": {"StringEquals": {"|"}}}'),
    before: ['aws:SourceVpce', 'aws:RequestTag/${TagKey}'],
    detail: { 'aws:RequestTag/${TagKey}': /none of the statement's actions supports/ },
  },
];

for (const { name, code, first, before, absent, detail } of RANKING) {
  test(`condition keys: ${name}`, async () => {
    const { items } = await shown(code);
    if (first) assert.ok(items[0].label.startsWith(first), `first is ${items[0].label}, expected ${first}`);
    const positions = before.map((label) => indexOf(items, label));
    for (let i = 1; i < positions.length; i++) {
      assert.ok(positions[i - 1] < positions[i], `${before[i - 1]} (#${positions[i - 1]}) before ${before[i]} (#${positions[i]})`);
    }
    if (absent) {
      assert.deepEqual(
        items.filter((item) => absent.test(item.label)).map((item) => item.label),
        [],
      );
    }
    for (const [label, pattern] of Object.entries(detail ?? {})) assert.match(items[indexOf(items, label)].detail ?? '', pattern);
    // Every key says its type, and the catalogue's keys their description.
    for (const item of items) assert.match(item.detail ?? '', /^(String|ArrayOf\w+|ARN|Bool|Numeric|Date|IPAddress|Binary) · /, item.label);
    assert.ok(items.filter((item) => item.documentation).length > items.length / 2);
  });
}

test('condition keys: typing narrows but keeps the ranking (VS Code filters by filterText, orders by sortText)', async () => {
  const { items } = await shown(
    policy('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:S|"}}}'),
  );
  assert.ok(items.length > 0);
  assert.ok(items.every((item) => item.filterText?.startsWith('"')));
  assert.ok(indexOf(items, 'aws:SourceVpce') < indexOf(items, 'aws:SourceArn'));
});

test('condition keys in YAML: the operator under the cursor ranks them, the key is inserted as a YAML key', async () => {
  const yaml = [
    'Version: "2012-10-17"',
    'Statement:',
    '  - Effect: Allow',
    '    Action: s3:GetObject',
    '    Resource: "*"',
    '    Condition:',
    '      ArnLike:',
    '        s3|',
    '',
  ].join('\n');
  const { text, items } = await shown(yaml, 'policy.yaml');
  assert.equal(items[0].label, 's3:AccessGrantsInstanceArn');
  assert.ok(indexOf(items, 's3:DataAccessPointArn') < indexOf(items, 's3:authType'));
  const applied = applySuggestion(text, items[indexOf(items, 's3:DataAccessPointArn')]);
  assert.match(applied, /\n {6}ArnLike:\n {8}s3:DataAccessPointArn: \n/);
});

test('principal types in JSON: the four keys, and choosing one writes its value', async () => {
  const { text, items } = await shown(policy('{"Effect": "Allow", "Principal": {"|"}, "Action": "sts:AssumeRole"}'));
  assert.deepEqual(
    items.map((item) => item.label),
    ['AWS', 'Service', 'Federated', 'CanonicalUser'],
  );
  const service = items[1];
  assert.ok(service.retrigger, 'the service principals open next');
  assert.match(applySuggestion(text, service), /"Principal": \{"Service": ""\}/);
});

test('service principals: from the AWS managed policies, each with where AWS names it; ecs narrows to ECS', async () => {
  const { text, items } = await shown(policy('{"Effect": "Allow", "Principal": {"Service": "ecs|"}, "Action": "sts:AssumeRole"}'));
  const labels = items.map((item) => item.label);
  assert.ok(labels.includes('ecs-tasks.amazonaws.com'), labels.join(', '));
  const ecs = items[indexOf(items, 'ecs-tasks.amazonaws.com')];
  assert.match(ecs.documentation ?? '', /iam:PassedToService in \w+/);
  assert.match(applySuggestion(text, ecs), /"Service": "ecs-tasks\.amazonaws\.com"/);
  // An array item too.
  const array = await shown(
    policy('{"Effect": "Allow", "Principal": {"Service": ["lambda.amazonaws.com", "|"]}, "Action": "sts:AssumeRole"}'),
  );
  assert.ok(array.items.some((item) => item.label === 'states.amazonaws.com'));
});

test('the service principal list is generated from the managed policies and up to date', async () => {
  const generator = await import(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'generate-service-principals.mjs')).toString());
  assert.equal(readFileSync(generator.OUTPUT, 'utf8'), generator.generate(), 'run node scripts/generate-service-principals.mjs');
  const names = Object.keys(SERVICE_PRINCIPALS);
  assert.ok(names.length > 50);
  for (const name of [
    'ecs-tasks.amazonaws.com',
    'lambda.amazonaws.com',
    'ec2.amazonaws.com',
    'states.amazonaws.com',
    'events.amazonaws.com',
  ]) {
    assert.ok(names.includes(name), name);
  }
  assert.ok(names.every((name) => /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com$/.test(name)));
  assert.ok(Object.values(SERVICE_PRINCIPALS).every((source) => /^(iam:PassedToService|Principal\.Service) in \w/.test(source)));
});

test('federated principals: the GitHub OIDC provider ARN with the account the document uses, built-in providers, SAML', async () => {
  const { text, items } = await shown(
    policy(
      '{"Effect": "Allow", "Principal": {"Federated": "|"}, "Action": "sts:AssumeRoleWithWebIdentity"}, {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:us-east-1:731829465012:accesspoint/a"}',
    ),
  );
  const labels = items.map((item) => item.label);
  assert.equal(labels[0], 'arn:aws:iam::731829465012:oidc-provider/token.actions.githubusercontent.com');
  for (const provider of ['cognito-identity.amazonaws.com', 'accounts.google.com', 'www.amazon.com', 'graph.facebook.com']) {
    assert.ok(labels.includes(provider), provider);
  }
  const saml = items.find((item) => item.label.includes(':saml-provider/'))!;
  assert.match(saml.detail ?? '', /sts:AssumeRoleWithSAML/);
  assert.match(
    applySuggestion(text, items[0]),
    /"Federated": "arn:aws:iam::731829465012:oidc-provider\/token\.actions\.githubusercontent\.com"/,
  );
  // Without a known account, the account is a placeholder to fill in.
  const unknown = await shown(policy('{"Effect": "Allow", "Principal": {"Federated": "|"}, "Action": "sts:AssumeRoleWithWebIdentity"}'));
  assert.match(unknown.items[0].insertText, /^"arn:aws:iam::\$\{1:ACCOUNT\}:oidc-provider\/token\.actions\.githubusercontent\.com"$/);
});

test("AWS principals in a YAML template: the template's roles by !GetAtt, the account root and a role ARN", async () => {
  const yaml = [
    'Resources:',
    '  TaskRole:',
    '    Type: AWS::IAM::Role',
    '    Properties:',
    '      AssumeRolePolicyDocument:',
    '        Version: "2012-10-17"',
    '        Statement:',
    '          - Effect: Allow',
    '            Principal:',
    '              AWS: |',
    '            Action: sts:AssumeRole',
    '  Bucket:',
    '    Type: AWS::S3::Bucket',
    '',
  ].join('\n');
  const { text, items } = await shown(yaml, 'template.yaml');
  const labels = items.map((item) => item.label);
  assert.equal(labels[0], '!GetAtt TaskRole.Arn');
  assert.ok(labels.includes('arn:aws:iam::ACCOUNT:root'), labels.join(', '));
  assert.ok(!labels.some((label) => label.includes('Bucket')));
  assert.match(applySuggestion(text, items[0]), /\n {14}AWS: !GetAtt TaskRole\.Arn\n/);
});

test('principal types and service principals in YAML, as plain scalars', async () => {
  const keyYaml = [
    'Version: "2012-10-17"',
    'Statement:',
    '  - Effect: Allow',
    '    Action: sts:AssumeRole',
    '    Principal:',
    '      Ser|',
    '',
  ].join('\n');
  const keys = await shown(keyYaml, 'trust.yaml');
  assert.equal(keys.items[0].label, 'Service');
  assert.match(applySuggestion(keys.text, keys.items[0]), /\n {6}Service: \n/);
  const valueYaml = [
    'Version: "2012-10-17"',
    'Statement:',
    '  - Effect: Allow',
    '    Action: sts:AssumeRole',
    '    Principal:',
    '      Service: ecs|',
    '',
  ].join('\n');
  const values = await shown(valueYaml, 'trust.yaml');
  const ecs = values.items.find((item) => item.label === 'ecs-tasks.amazonaws.com')!;
  assert.match(applySuggestion(values.text, ecs), /\n {6}Service: ecs-tasks\.amazonaws\.com\n/);
});
