// Policies written as JSON strings inside templates: parsed, checked by every IAM rule with ranges in the
// string (escape sequences mapped), hover inside them, and fixes re-escaped so the template stays valid.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument } from '../../server/src/core/document';
import { hoverAt } from '../../server/src/features/hover';
import { applyEdits, coveredText, isStrictJson, lint } from '../helpers';

const policy = (statement: object, version = true) =>
  JSON.stringify({ ...(version ? { Version: '2012-10-17' } : {}), Statement: [statement] });
const role = (document: unknown) =>
  JSON.stringify(
    {
      Resources: {
        Role: {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
            },
            Policies: [{ PolicyName: 'p', PolicyDocument: document }],
          },
        },
      },
    },
    null,
    2,
  );

const cases: Array<{ name: string; document: unknown; rule: string; covered: string; fixed?: (value: string) => void }> = [
  {
    name: 'an unknown action in a plain string: the fix renames it inside the escaped string',
    document: policy({ Effect: 'Allow', Action: 's3:GetObjekt', Resource: '*' }),
    rule: 'iam/unknown-action',
    covered: '\\"s3:GetObjekt\\"'.slice(2, -2),
    fixed: (value) => assert.equal(JSON.parse(value).Statement[0].Action, 's3:GetObject'),
  },
  {
    name: 'a missing Version: the fix inserts it, quotes escaped',
    document: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, false),
    rule: 'iam/version',
    covered: '',
    fixed: (value) => assert.equal(JSON.parse(value).Version, '2012-10-17'),
  },
  {
    name: 'a wrong Effect inside Fn::Join of literal strings',
    document: {
      'Fn::Join': ['', ['{"Version": "2012-10-17", "Statement": [{"Effect": "Alow", ', '"Action": "s3:GetObject", "Resource": "*"}]}']],
    },
    rule: 'iam/effect',
    covered: '\\"Alow\\"',
  },
];

for (const { name, document, rule, covered, fixed } of cases) {
  test(`string policy: ${name}`, async () => {
    const text = role(document);
    const { findings } = await lint(text, { fileName: 'template.json' });
    const finding = findings.find((candidate) => candidate.ruleId === rule);
    assert.ok(finding, JSON.stringify(findings.map((f) => f.ruleId)));
    if (covered) assert.ok(coveredText(text, finding).includes(covered.replace(/^\\"|\\"$/g, '')), coveredText(text, finding));
    if (fixed) {
      const fix = finding.fixes[0];
      assert.ok(fix, 'a fix');
      const after = applyEdits(text, fix.edits);
      assert.ok(isStrictJson(after), after);
      fixed(JSON.parse(after).Resources.Role.Properties.Policies[0].PolicyDocument);
      const again = await lint(after, { fileName: 'template.json' });
      assert.ok(!again.findings.some((candidate) => candidate.ruleId === rule), 'the fix removes the finding');
    }
  });
}

test('string policy: the finding covers the escaped text of the value, and hover works inside the string', async () => {
  const text = role(policy({ Effect: 'Allow', Action: 's3:GetObjekt', Resource: '*' }));
  const { findings } = await lint(text, { fileName: 'template.json' });
  const unknown = findings.find((finding) => finding.ruleId === 'iam/unknown-action')!;
  assert.equal(coveredText(text, unknown), '\\"s3:GetObjekt\\"');
  const hover = await hoverAt(parseDocument(text, { fileName: 'template.json' }), text.indexOf('s3:GetObjekt') + 4);
  assert.ok(hover, 'a hover inside the string');
  assert.equal(text.slice(hover.span.offset, hover.span.offset + hover.span.length), '\\"s3:GetObjekt\\"');
});

test('string policy in YAML: a block scalar is checked with ranges in the YAML text', async () => {
  const yaml = [
    'Resources:',
    '  Policy:',
    '    Type: AWS::IAM::ManagedPolicy',
    '    Properties:',
    '      PolicyDocument: |',
    '        {"Version": "2012-10-17",',
    '         "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"}]}',
    '',
  ].join('\n');
  const { findings } = await lint(yaml, { fileName: 'template.yaml' });
  const unknown = findings.find((finding) => finding.ruleId === 'iam/unknown-action');
  assert.ok(unknown, JSON.stringify(findings.map((f) => f.ruleId)));
  assert.equal(coveredText(yaml, unknown), '"s3:GetObjekt"');
});

test('string policy: an invalid JSON string, a non-policy string and a Fn::Sub variable outside a string or in a key are left alone', async () => {
  for (const document of [
    '{"Statement": [',
    'just text',
    { 'Fn::Sub': '{"Statement": [{"Effect": "Alow", "Action": "s3:GetObject", "Resource": ${Arns}}]}' },
    {
      'Fn::Sub':
        '{"Statement": [{"Effect": "Alow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/${Key}": "x"}}}]}',
    },
  ]) {
    const { findings } = await lint(role(document), { fileName: 'template.json' });
    assert.ok(
      !findings.some((finding) => finding.ruleId === 'iam/effect' || finding.severity === 'error'),
      JSON.stringify(findings.map((f) => f.message)),
    );
  }
});

// Issue 15: a Fn::Sub with variables is parsed; each `${...}` is a value known at deployment only.
const subCases: Array<{ name: string; document: unknown; rule: string; covered: string; message?: RegExp }> = [
  {
    name: 'one argument: a wrong Effect next to a Resource built from ${Bucket}',
    document: {
      'Fn::Sub':
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Alow", "Action": "s3:GetObject", "Resource": "arn:${AWS::Partition}:s3:::${Bucket}/*"}]}',
    },
    rule: 'iam/effect',
    covered: 'Alow',
  },
  {
    name: 'two arguments: an unknown action, the variable given by Fn::GetAtt',
    document: {
      'Fn::Sub': [
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "${BucketArn}/*"}]}',
        { BucketArn: { 'Fn::GetAtt': ['Bucket', 'Arn'] } },
      ],
    },
    rule: 'iam/unknown-action',
    covered: 's3:GetObjekt',
  },
  {
    name: 'an IAM policy variable written ${!aws:username} is the literal ${aws:username}: Version 2012-10-17 is needed',
    document: {
      'Fn::Sub':
        '{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::${Bucket}/home/${!aws:username}/*"}, {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::home-${!aws:username}"}]}',
    },
    rule: 'iam/version',
    covered: '',
    message: /leaves `\$\{aws:username\}` as literal text/,
  },
];

for (const { name, document, rule, covered, message } of subCases) {
  test(`string policy in Fn::Sub: ${name}`, async () => {
    const text = role(document);
    const { findings } = await lint(text, { fileName: 'template.json' });
    const finding = findings.find((candidate) => candidate.ruleId === rule);
    assert.ok(finding, JSON.stringify(findings.map((f) => f.ruleId)));
    if (covered) assert.equal(coveredText(text, finding), `\\"${covered}\\"`);
    if (message) assert.match(finding.message, message);
    // Nothing is said about a value built from a variable: no finding covers one.
    for (const other of findings) {
      assert.ok(!/\$\{(?!!)/.test(coveredText(text, other)) || other.span.length > 200, `${other.ruleId}: ${coveredText(text, other)}`);
    }
  });
}

test('string policy in Fn::Sub: the fix renames the action inside the two-argument form, which stays a Fn::Sub', async () => {
  const text = role(subCases[1].document);
  const { findings } = await lint(text, { fileName: 'template.json' });
  const fix = findings.find((finding) => finding.ruleId === 'iam/unknown-action')!.fixes[0];
  const after = applyEdits(text, fix.edits);
  assert.ok(isStrictJson(after), after);
  const sub = JSON.parse(after).Resources.Role.Properties.Policies[0].PolicyDocument['Fn::Sub'];
  assert.equal(JSON.parse(sub[0]).Statement[0].Action, 's3:GetObject');
  assert.deepEqual(sub[1], { BucketArn: { 'Fn::GetAtt': ['Bucket', 'Arn'] } });
});

test('string policy in Fn::Sub: no finding on values built from variables, in JSON and in a YAML !Sub block', async () => {
  const json = role({
    'Fn::Sub':
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:ListBucket", "s3:GetObject"], "Resource": ["arn:aws:s3:::${Bucket}", "arn:aws:s3:::${Bucket}/*"]}, {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:${Env}-jobs", "Condition": {"StringEquals": {"aws:SourceAccount": "${AWS::AccountId}"}}}]}',
  });
  const yaml = [
    'Resources:',
    '  Policy:',
    '    Type: AWS::IAM::ManagedPolicy',
    '    Properties:',
    '      PolicyDocument: !Sub |',
    '        {"Version": "2012-10-17",',
    '         "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "arn:aws:s3:::${Bucket}/*"},',
    '                       {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "arn:aws:kms:${AWS::Region}:${AWS::AccountId}:key/${KeyId}"}]}',
    '',
  ].join('\n');
  const fromJson = await lint(json, { fileName: 'template.json' });
  assert.deepEqual(
    fromJson.findings.filter((finding) => finding.severity === 'error' || finding.severity === 'warning').map((finding) => finding.ruleId),
    [],
  );
  const fromYaml = await lint(yaml, { fileName: 'template.yaml' });
  assert.deepEqual(
    fromYaml.findings.filter((finding) => finding.severity === 'error' || finding.severity === 'warning').map((finding) => finding.ruleId),
    ['iam/unknown-action'],
  );
  assert.equal(
    coveredText(
      yaml,
      fromYaml.findings.find((finding) => finding.ruleId === 'iam/unknown-action')!,
    ),
    '"s3:GetObjekt"',
  );
});

test('string policy in Fn::Sub: hover on an action and on a condition key inside the string', async () => {
  const text = role(subCases[1].document);
  const document = parseDocument(text, { fileName: 'template.json' });
  const hover = await hoverAt(document, text.indexOf('s3:GetObjekt') + 4);
  assert.ok(hover, 'a hover inside the string');
  assert.equal(coveredTextOf(text, hover.span), '\\"s3:GetObjekt\\"');
  const json = role({
    'Fn::Sub':
      '{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::${Bucket}/*", "Condition": {"StringEquals": {"aws:SourceAccount": "${AWS::AccountId}"}}}]}',
  });
  const keyHover = await hoverAt(parseDocument(json, { fileName: 'template.json' }), json.indexOf('aws:SourceAccount') + 4);
  assert.match(keyHover?.markdown ?? '', /aws:SourceAccount/);
});

test('a role whose inline policy is a Fn::Sub string: the execution role is judged by that policy', async () => {
  const template = (actions: string[]) =>
    JSON.stringify({
      Resources: {
        ExecRole: {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
            },
            Policies: [
              {
                PolicyName: 'logs',
                PolicyDocument: {
                  'Fn::Sub': `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ${JSON.stringify(actions)}, "Resource": "arn:aws:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/ecs/web:*"}]}`,
                },
              },
            ],
          },
        },
        Task: {
          Type: 'AWS::ECS::TaskDefinition',
          Properties: {
            Family: 'web',
            RequiresCompatibilities: ['FARGATE'],
            NetworkMode: 'awsvpc',
            Cpu: '256',
            Memory: '512',
            ExecutionRoleArn: { 'Fn::GetAtt': ['ExecRole', 'Arn'] },
            ContainerDefinitions: [
              {
                Name: 'web',
                Image: 'nginx:1.27',
                LogConfiguration: {
                  LogDriver: 'awslogs',
                  Options: { 'awslogs-group': '/ecs/web', 'awslogs-region': { Ref: 'AWS::Region' }, 'awslogs-stream-prefix': 'web' },
                },
              },
            ],
          },
        },
      },
    });
  const granted = await lint(template(['logs:CreateLogStream', 'logs:PutLogEvents']), { fileName: 'template.json' });
  assert.ok(!granted.findings.some((finding) => finding.ruleId === 'ecs/execution-role-missing-permission'));
  const missing = await lint(template(['s3:GetObject']), { fileName: 'template.json' });
  assert.ok(missing.findings.some((finding) => finding.ruleId === 'ecs/execution-role-missing-permission'));
  // A policy document the linter cannot read may grant anything: no missing-permission claim.
  const unreadable = JSON.parse(template(['s3:GetObject']));
  unreadable.Resources.ExecRole.Properties.Policies[0].PolicyDocument = { Ref: 'PolicyParameter' };
  const opaque = await lint(JSON.stringify(unreadable), { fileName: 'template.json' });
  assert.ok(!opaque.findings.some((finding) => finding.ruleId === 'ecs/execution-role-missing-permission'));
});

function coveredTextOf(text: string, span: { offset: number; length: number }): string {
  return text.slice(span.offset, span.offset + span.length);
}
