// YAML documents parse into the tree JSON documents have: same node kinds, values, key nodes and UTF-16
// offsets; CloudFormation's short-form tags become the long forms; YAML's own problems are reported by
// yaml/syntax; the size, depth and binary limits hold; unrelated YAML gets no finding.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getNodeValue } from 'jsonc-parser';
import { MAX_NESTING_DEPTH, documentFormat, parseDocument } from '../../server/src/core/document';
import { nodeAtOffset, property, type Node } from '../../server/src/core/json';
import { innerSpan } from '../../server/src/core/rule';
import { lint } from '../helpers';

/** The plain value of a node (getNodeValue builds objects without a prototype). */
const valueOf = (node: Node | undefined): unknown => JSON.parse(JSON.stringify(getNodeValue(node!)));

const yaml = (text: string, fileName = 'template.yaml') => parseDocument(text, { fileName });

/** Every node lies inside its parent, children in order, and a property's first child is its key. */
function assertWellFormed(root: Node | undefined, text: string): void {
  const stack = root ? [root] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    assert.ok(node.offset >= 0 && node.offset + node.length <= text.length, `${node.type} at ${node.offset}+${node.length}`);
    for (const child of node.children ?? []) {
      assert.equal(child.parent, node);
      assert.ok(
        child.offset >= node.offset && child.offset + child.length <= node.offset + node.length,
        `${child.type} at ${child.offset}+${child.length} outside ${node.type} at ${node.offset}+${node.length}`,
      );
      stack.push(child);
    }
    if (node.type === 'property') {
      assert.equal(node.children?.length, 2);
      assert.equal(node.children![0].type, 'string');
    }
  }
}

test('a block YAML template gives the same values as its JSON form, with key nodes on the keys', () => {
  const text = [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Resources:',
    '  Task:',
    '    Type: AWS::ECS::TaskDefinition',
    '    Properties:',
    '      Cpu: 256',
    "      NetworkMode: 'awsvpc'",
    '      RequiresCompatibilities: [FARGATE]',
    '      ContainerDefinitions:',
    '        - Name: app',
    '          Essential: true',
    '          Image: nginx:1.27',
    '          Command:',
    '          Empty: ~',
    '',
  ].join('\n');
  const document = yaml(text);
  assert.equal(document.format, 'yaml');
  assert.equal(document.kind, 'cloudformation-template');
  assert.equal(document.taskDefinitions.length, 1);
  assertWellFormed(document.root, text);
  assert.deepEqual(valueOf(document.root), {
    AWSTemplateFormatVersion: '2010-09-09',
    Resources: {
      Task: {
        Type: 'AWS::ECS::TaskDefinition',
        Properties: {
          Cpu: 256,
          NetworkMode: 'awsvpc',
          RequiresCompatibilities: ['FARGATE'],
          ContainerDefinitions: [{ Name: 'app', Essential: true, Image: 'nginx:1.27', Command: null, Empty: null }],
        },
      },
    },
  });
  const image = property(property(property(property(document.root, 'Resources'), 'Task'), 'Properties'), 'ContainerDefinitions')!
    .children![0];
  const imageValue = property(image, 'Image')!;
  assert.equal(text.slice(imageValue.offset, imageValue.offset + imageValue.length), 'nginx:1.27');
  const key = imageValue.parent!.children![0];
  assert.equal(text.slice(key.offset, key.offset + key.length), 'Image');
  // A plain scalar has no quotes: its inner span is all of it; a quoted one loses its quotes.
  assert.deepEqual(innerSpan(imageValue), { offset: imageValue.offset, length: imageValue.length });
  const mode = property(property(property(property(document.root, 'Resources'), 'Task'), 'Properties'), 'NetworkMode')!;
  assert.equal(text.slice(innerSpan(mode).offset, innerSpan(mode).offset + innerSpan(mode).length), 'awsvpc');
});

const SHORT_FORMS: Array<[string, unknown]> = [
  ['!Ref Param', { Ref: 'Param' }],
  ['!GetAtt Role.Arn', { 'Fn::GetAtt': ['Role', 'Arn'] }],
  ['!GetAtt [Role, Arn]', { 'Fn::GetAtt': ['Role', 'Arn'] }],
  ['!GetAtt Stack.Outputs.Name', { 'Fn::GetAtt': ['Stack', 'Outputs.Name'] }],
  ['!Sub "arn:${AWS::Partition}:s3:::b/*"', { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::b/*' }],
  ['!Sub ["${A}-x", {A: !Ref P}]', { 'Fn::Sub': ['${A}-x', { A: { Ref: 'P' } }] }],
  ['!Join ["", [a, !Ref B]]', { 'Fn::Join': ['', ['a', { Ref: 'B' }]] }],
  ['!If [IsProd, a, !Ref "AWS::NoValue"]', { 'Fn::If': ['IsProd', 'a', { Ref: 'AWS::NoValue' }] }],
  ['!Select [0, !GetAZs ""]', { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }],
  ['!Split [",", !ImportValue Out]', { 'Fn::Split': [',', { 'Fn::ImportValue': 'Out' }] }],
  ['!FindInMap [M, !Ref "AWS::Region", K]', { 'Fn::FindInMap': ['M', { Ref: 'AWS::Region' }, 'K'] }],
  ['!Base64 text', { 'Fn::Base64': 'text' }],
  ['!Cidr [10.0.0.0/16, 4, 8]', { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] }],
  ['!Equals [!Ref E, prod]', { 'Fn::Equals': [{ Ref: 'E' }, 'prod'] }],
  [
    '!And [!Condition A, !Not [!Condition B], !Or [!Condition C, !Condition D]]',
    { 'Fn::And': [{ Condition: 'A' }, { 'Fn::Not': [{ Condition: 'B' }] }, { 'Fn::Or': [{ Condition: 'C' }, { Condition: 'D' }] }] },
  ],
  [
    '!Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}',
    { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } },
  ],
];

for (const [source, expected] of SHORT_FORMS) {
  test(`short form ${source.split(' ')[0]}: ${source}`, () => {
    const text = `Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n      Value: ${source}\n`;
    const document = yaml(text);
    assertWellFormed(document.root, text);
    const value = property(property(property(property(document.root, 'Resources'), 'R'), 'Properties'), 'Value')!;
    assert.deepEqual(valueOf(value), expected);
    // The intrinsic spans tag and argument; its key node spans the tag.
    assert.equal(text.slice(value.offset, value.offset + value.length), source);
    const key = value.children![0].children![0];
    assert.equal(text.slice(key.offset, key.offset + key.length), source.split(' ')[0]);
    assert.deepEqual(document.yamlProblems, []);
  });
}

test('the block form of !Sub (a list on the next lines) and !GetAtt parts with their own spans', () => {
  const text = 'Value: !Sub\n  - "${Name}-log"\n  - Name: !GetAtt Bucket.Arn\n';
  const document = yaml(text, 'x.yaml');
  assertWellFormed(document.root, text);
  assert.deepEqual(valueOf(document.root), { Value: { 'Fn::Sub': ['${Name}-log', { Name: { 'Fn::GetAtt': ['Bucket', 'Arn'] } }] } });
  const arn = nodeAtOffset(document.root, text.indexOf('Arn') + 1)!;
  assert.equal(arn.value, 'Arn');
  assert.equal(text.slice(arn.offset, arn.offset + arn.length), 'Arn');
});

test('offsets are UTF-16 code units with astral characters, CRLF line ends and a byte order mark', () => {
  const text =
    '\uFEFFVersion: "2012-10-17"\r\n# 🚀 rocket\r\nStatement:\r\n  - Sid: "é🚀"\r\n    Effect: Allow\r\n    Action: s3:GetObject\r\n    Resource: "*"\r\n';
  const document = parseDocument(text, { fileName: 'policy.yml' });
  assert.equal(document.kind, 'iam-identity-policy');
  const action = nodeAtOffset(document.root, text.indexOf('s3:GetObject'))!;
  assert.equal(action.value, 's3:GetObject');
  assert.equal(action.offset, text.indexOf('s3:GetObject'));
  const position = document.lines.positionAt(action.offset);
  assert.deepEqual(position, { line: 5, character: 12 });
});

test('the format comes from the editor, else from the file name; .template by its first character', () => {
  assert.equal(documentFormat('{}', { fileName: 'a.json' }), 'json');
  assert.equal(documentFormat('a: 1', { fileName: 'a.YML' }), 'yaml');
  assert.equal(documentFormat('Resources: {}', { fileName: 'stack.template' }), 'yaml');
  assert.equal(documentFormat('  {"Resources": {}}', { fileName: 'stack.template' }), 'json');
  assert.equal(documentFormat('a: 1', { fileName: 'a.json', format: 'yaml' }), 'yaml');
  assert.equal(
    parseDocument('Resources:\n  R:\n    Type: AWS::IAM::Role\n', { fileName: 'stack.cfn.yaml' }).kind,
    'cloudformation-template',
  );
});

const PROBLEMS: Array<{ name: string; text: string; message: RegExp; severity: string; kind: string }> = [
  {
    name: 'a syntax error',
    text: 'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: {a: 1\n',
    message: /^YAML syntax error: .*CloudFormation cannot read the file/,
    severity: 'error',
    kind: 'syntax',
  },
  {
    name: 'a duplicate key',
    text: 'Resources:\n  R:\n    Type: AWS::IAM::Role\n  R:\n    Type: AWS::IAM::Role\n',
    message: /Duplicate key `R`.*CloudFormation rejects/,
    severity: 'error',
    kind: 'duplicate-key',
  },
  {
    name: 'an alias',
    text: 'Resources:\n  R: &role\n    Type: AWS::IAM::Role\n  S: *role\n',
    message: /alias.*CloudFormation does not support aliases/,
    severity: 'error',
    kind: 'alias',
  },
  {
    name: 'two documents',
    text: 'Resources:\n  R:\n    Type: AWS::IAM::Role\n---\nResources: {}\n',
    message: /2 YAML documents.*Only the first is checked/,
    severity: 'error',
    kind: 'multiple-documents',
  },
  {
    name: 'an unknown tag',
    text: 'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: !Reff Name\n',
    message: /`!Reff` is not a CloudFormation function tag/,
    severity: 'warning',
    kind: 'unknown-tag',
  },
];

for (const problem of PROBLEMS) {
  test(`yaml/syntax reports ${problem.name} in a template`, async () => {
    const { findings, document } = await lint(problem.text, { fileName: 'template.yaml' });
    assert.equal(document.kind, 'cloudformation-template');
    const syntax = findings.filter((finding) => finding.ruleId === 'yaml/syntax');
    assert.equal(syntax.length, 1, JSON.stringify(findings));
    assert.match(syntax[0].message, problem.message);
    assert.equal(syntax[0].severity, problem.severity);
    assert.equal(syntax[0].data?.syntaxProblem, problem.kind);
    assert.ok(syntax[0].span.offset < problem.text.length);
    assert.ok(!findings.some((finding) => finding.ruleId === 'json/syntax'));
  });
}

test('an alias is fine in a task definition (the AWS CLI reads aliases) and is expanded for the rules', async () => {
  const text =
    'family: web\nrequiresCompatibilities: [FARGATE]\nnetworkMode: awsvpc\ncpu: "256"\nmemory: "512"\ncontainerDefinitions:\n  - name: a\n    image: nginx:1.27\n    essential: true\n    environment: &env\n      - {name: A, value: "1"}\n  - name: b\n    image: nginx:1.27\n    environment: *env\n';
  const { findings, document } = await lint(text, { fileName: 'taskdef.yaml' });
  assert.equal(document.kind, 'ecs-task-definition');
  assert.ok(!findings.some((finding) => finding.ruleId === 'yaml/syntax'), JSON.stringify(findings));
  const second = document.taskDefinitions[0].node;
  assert.deepEqual(valueOf(property(property(second, 'containerDefinitions')!.children![1], 'environment')), [{ name: 'A', value: '1' }]);
});

test('a billion-laughs file stays small: aliases beyond the budget become null', () => {
  const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 10; i++) {
    lines.push(
      `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
        .fill(`*${String.fromCharCode(96 + i)}`)
        .join(', ')}]`,
    );
  }
  const document = yaml(lines.join('\n'), 'bomb.yaml');
  let count = 0;
  const stack = [document.root!];
  while (stack.length > 0) {
    const node = stack.pop()!;
    count++;
    stack.push(...(node.children ?? []));
  }
  assert.ok(count < 100_000, `${count} nodes`);
});

const UNRELATED: Array<[string, string]> = [
  [
    '.github/workflows/ci.yml',
    'name: CI\non:\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n        env:\n          AWS_ROLE: arn:aws:iam::123456789012:role/<ROLE>\n',
  ],
  [
    'deployment.yaml',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx\n          env:\n            - name: PASSWORD\n              value: hunter2\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\n',
  ],
  [
    'docker-compose.yml',
    'services:\n  web:\n    image: nginx:latest\n    environment:\n      - AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n    ports: ["80:80"]\n  web:\n    image: x\n',
  ],
  ['broken.yaml', 'key: [unclosed\n  - : :\n\t tab\n'],
  ['values.yml', 'a: &x 1\nb: *x\nc: !Custom tag\n'],
];

for (const [fileName, text] of UNRELATED) {
  test(`unrelated YAML gets no finding at all: ${fileName}`, async () => {
    const { findings, document } = await lint(text, { fileName });
    assert.equal(document.kind, 'unrelated');
    assert.deepEqual(findings, []);
  });
}

test('depth limit: deep flow and block nesting are skipped before the YAML parser sees them', () => {
  for (const text of [
    '['.repeat(100_000),
    '['.repeat(20_000) + ']'.repeat(20_000),
    '- '.repeat(20_000) + 'x',
    '{a: '.repeat(20_000),
    Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n'),
  ]) {
    const document = yaml(text, 'deep.yaml');
    assert.equal(document.skipped?.reason, 'too-deep', text.slice(0, 20));
    assert.match(document.skipped!.message, new RegExp(`beyond the ${MAX_NESTING_DEPTH} levels`));
  }
});

test('depth limit: brackets inside quoted and plain scalars, comments and long real documents do not count', () => {
  const text = `Statement:\n  - Sid: "${'['.repeat(2000)}"\n    Note: '${'{'.repeat(2000)}'\n    Plain: a${'['.repeat(2000)}\n    # ${'['.repeat(2000)}\n    Effect: Allow\n`;
  const document = yaml(text, 'policy.yaml');
  assert.equal(document.skipped, undefined);
  assert.equal(document.kind, 'iam-identity-policy');
});

test('binary and oversized YAML are skipped with one message', () => {
  assert.equal(yaml('a: 1\n\u0000\u0001').skipped?.reason, 'binary');
  assert.equal(parseDocument('a: 1\n'.repeat(100), { fileName: 'a.yaml', maxFileSize: 100 }).skipped?.reason, 'too-large');
});
