// YAML benchmark: a 1 MB YAML CloudFormation template (the resources of test/fixtures/yaml/
// missing-secret-permission.yaml repeated with renamed logical ids: task definitions, roles with inline and
// attached policies, secrets, log groups; short-form tags throughout) through the analysis core, next to a
// bare parse of the same text with the same YAML library (`yaml`'s parseAllDocuments) in the same run.
// Target: lint ≤ 3× the bare parse.
// A second row does the same for a 1 MB SAM template (policy templates expanded for every function).
// Usage: npm run build && node bench/yaml.mjs [--out <compiled dir>] [--runs N] [--size MB]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const outDir = path.resolve(option('--out', path.join(root, 'out')));
const runs = Number(option('--runs', 9));
const targetBytes = Number(option('--size', 1)) * 1024 * 1024;
const { analyze } = require(path.join(outDir, 'server/src/analyzer.js'));
const { parseAllDocuments } = require('yaml');

const fixture = readFileSync(path.join(root, 'test', 'fixtures', 'yaml', 'missing-secret-permission.yaml'), 'utf8');
const resourcesAt = fixture.indexOf('\nResources:\n') + '\nResources:\n'.length;
const outputsAt = fixture.indexOf('\nOutputs:');
const head = fixture.slice(0, resourcesAt);
const resources = fixture.slice(resourcesAt, outputsAt + 1);
const ids = [...resources.matchAll(/^ {2}([A-Za-z0-9]+):$/gm)].map((match) => match[1]);
const renamed = (i) => ids.reduce((text, id) => text.replace(new RegExp(`(?<!::)\\b${id}\\b`, 'g'), `${id}${i}`), resources);
const parts = [head];
let size = head.length;
let copies = 0;
while (size < targetBytes) {
  const part = renamed(copies++);
  parts.push(part);
  size += part.length;
}
const text = parts.join('');

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
async function time(fn) {
  const values = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    values.push(performance.now() - start);
  }
  return median(values);
}

// Warm-up: the IAM catalogue and the code paths, for both.
const warm = await analyze(text, { fileName: 'template.yaml' });
parseAllDocuments(text);
const findings = warm.findings.length;
if (warm.document.kind !== 'cloudformation-template' || warm.document.taskDefinitions.length !== copies)
  throw new Error(`the generated template was not read as ${copies} task definitions`);

// Interleaved rounds, so a change in machine load hits both sides alike.
const lint = [];
const parse = [];
for (let round = 0; round < 3; round++) {
  parse.push(await time(() => parseAllDocuments(text)));
  lint.push(await time(() => analyze(text, { fileName: 'template.yaml' })));
}
const lintMs = median(lint);
const parseMs = median(parse);
console.log(
  `${(text.length / 1024 / 1024).toFixed(2)} MB YAML template, ${copies} copies of ${ids.length} resources, ${findings} findings`,
);
console.log(`lint (parse + convert + classify + rules): ${lintMs.toFixed(1)} ms`);
console.log(`bare parse with the yaml package:          ${parseMs.toFixed(1)} ms`);
console.log(`ratio: ${(lintMs / parseMs).toFixed(2)}x (target <= 3x)`);
console.log(`yaml summary: lint ${lintMs.toFixed(1)} ms, parse ${parseMs.toFixed(1)} ms, ${(text.length / 1024 / 1024).toFixed(2)} MB`);

// The same for a 1 MB SAM template: functions whose Policies give three policy templates (expanded from SAM's
// data for each function), a managed policy and an inline statement.
const samFunction = (i) =>
  [
    `  Worker${i}:`,
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      Handler: app.handler',
    '      Runtime: python3.12',
    '      Policies:',
    '        - SQSPollerPolicy:',
    '            QueueName: !Ref QueueName',
    '        - DynamoDBCrudPolicy:',
    `            TableName: orders-${i}`,
    '        - S3ReadPolicy:',
    "            BucketName: !Sub 'archive-${AWS::AccountId}'",
    '        - AmazonDynamoDBReadOnlyAccess',
    "        - Version: '2012-10-17'",
    '          Statement:',
    '            - Effect: Allow',
    '              Action: [sqs:SendMessage, sns:Publish]',
    '              Resource: !Ref Topic',
    '',
  ].join('\n');
const samParts = [
  'Transform: AWS::Serverless-2016-10-31\nParameters:\n  QueueName:\n    Type: String\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n',
];
let samSize = samParts[0].length;
let functions = 0;
while (samSize < targetBytes) {
  const part = samFunction(functions++);
  samParts.push(part);
  samSize += part.length;
}
const samText = samParts.join('');
const samWarm = await analyze(samText, { fileName: 'template.yaml' });
if (samWarm.document.policies.length !== functions * 4)
  throw new Error(`expected ${functions * 4} policies, got ${samWarm.document.policies.length}`);
const samLint = [];
const samParse = [];
for (let round = 0; round < 3; round++) {
  samParse.push(await time(() => parseAllDocuments(samText)));
  samLint.push(await time(() => analyze(samText, { fileName: 'template.yaml' })));
}
const samLintMs = median(samLint);
const samParseMs = median(samParse);
console.log(`${(samText.length / 1024 / 1024).toFixed(2)} MB SAM template, ${functions} functions, ${samWarm.findings.length} findings`);
console.log(
  `lint: ${samLintMs.toFixed(1)} ms, bare parse: ${samParseMs.toFixed(1)} ms, ratio ${(samLintMs / samParseMs).toFixed(2)}x (target <= 3x)`,
);
console.log(
  `sam summary: lint ${samLintMs.toFixed(1)} ms, parse ${samParseMs.toFixed(1)} ms, ${(samText.length / 1024 / 1024).toFixed(2)} MB`,
);
