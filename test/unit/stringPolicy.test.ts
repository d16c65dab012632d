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

test('string policy: a Fn::Sub with variables, an invalid JSON string and a non-policy string are left alone', async () => {
  for (const document of [
    { 'Fn::Sub': '{"Statement": [{"Effect": "Alow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::${Bucket}/*"}]}' },
    '{"Statement": [',
    'just text',
  ]) {
    const { findings } = await lint(role(document), { fileName: 'template.json' });
    assert.ok(
      !findings.some((finding) => finding.ruleId === 'iam/effect' || finding.severity === 'error'),
      JSON.stringify(findings.map((f) => f.message)),
    );
  }
});
