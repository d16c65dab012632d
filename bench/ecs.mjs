// ECS task-definition benchmark: for each task definition in test/corpus, the median time of our
// analyze() (parse + every rule) next to vscode-json-languageservice's parse + doValidation against the
// JSON Schema generated from the same ECS API model (server/src/ecs/taskDefinition.schema.generated.json),
// measured in the same run. Run after `npm run build`: node bench/ecs.mjs [--runs N]
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { analyze } = require(path.join(ROOT, 'out', 'server', 'src', 'analyzer.js'));
const { getLanguageService } = require('vscode-json-languageservice');
const { TextDocument } = require('vscode-languageserver-textdocument');

const runsArgument = process.argv.indexOf('--runs');
const RUNS = runsArgument > 0 ? Number(process.argv[runsArgument + 1]) : 30;
const WARMUP = 10;

const schema = JSON.parse(readFileSync(path.join(ROOT, 'server', 'src', 'ecs', 'taskDefinition.schema.generated.json'), 'utf8'));
const service = getLanguageService({});
service.configure({
  validate: true,
  allowComments: false,
  schemas: [{ uri: 'inmemory://ecs-task-definition.schema.json', fileMatch: ['*.json'], schema }],
});

function jsonFilesBelow(folder) {
  const result = [];
  for (const name of readdirSync(folder)) {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) result.push(...jsonFilesBelow(full));
    else if (name.endsWith('.json')) result.push(full);
  }
  return result.sort();
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const corpus = path.join(ROOT, 'test', 'corpus');
const files = [
  ...jsonFilesBelow(path.join(corpus, 'firelens-examples')),
  ...jsonFilesBelow(path.join(corpus, 'containers-task-definitions')),
];
const subjects = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const { document, findings } = await analyze(text);
  if (document.kind !== 'ecs-task-definition') continue;
  // The wrapped describe form is validated against the inner object, as our rules do.
  const textDocument = TextDocument.create('file:///bench/task-definition.json', 'json', 1, text);
  const theirFindings = (await service.doValidation(textDocument, service.parseJSONDocument(textDocument))).length;
  subjects.push({
    file: path.relative(corpus, file),
    text,
    textDocument,
    ourFindings: findings.length,
    theirFindings,
    ours: [],
    theirs: [],
  });
}

const now = () => process.hrtime.bigint();
const elapsed = (start) => Number(now() - start) / 1e6;
// Rounds interleave the two tools file by file, so drift in machine load (the machine is shared) hits
// both alike; a round's total is the sum over the corpus, and the ratio is the median of round ratios.
const roundRatios = [];
const roundOurs = [];
const roundTheirs = [];
for (let round = 0; round < WARMUP + RUNS; round++) {
  let ours = 0;
  let theirs = 0;
  for (const subject of subjects) {
    let start = now();
    await analyze(subject.text);
    const ourTime = elapsed(start);
    start = now();
    await service.doValidation(subject.textDocument, service.parseJSONDocument(subject.textDocument));
    const theirTime = elapsed(start);
    if (round < WARMUP) continue;
    subject.ours.push(ourTime);
    subject.theirs.push(theirTime);
    ours += ourTime;
    theirs += theirTime;
  }
  if (round < WARMUP) continue;
  roundOurs.push(ours);
  roundTheirs.push(theirs);
  roundRatios.push(ours / theirs);
}
const rows = subjects.map((subject) => ({
  ...subject,
  bytes: subject.text.length,
  ours: median(subject.ours),
  theirs: median(subject.theirs),
}));

const pad = (value, width) => String(value).padEnd(width);
const fmt = (ms) => `${ms.toFixed(3)} ms`;
const width = Math.max(...rows.map((row) => row.file.length));
console.log(
  `${pad('task definition', width)}  ${pad('bytes', 6)}  ${pad('ours', 10)}  ${pad('json-ls', 10)}  ratio  findings ours/json-ls`,
);
for (const row of rows) {
  console.log(
    `${pad(row.file, width)}  ${pad(row.bytes, 6)}  ${pad(fmt(row.ours), 10)}  ${pad(fmt(row.theirs), 10)}  ${(row.ours / row.theirs).toFixed(2)}x  ${row.ourFindings}/${row.theirFindings}`,
  );
}
const totalOurs = rows.reduce((sum, row) => sum + row.ours, 0);
const totalTheirs = rows.reduce((sum, row) => sum + row.theirs, 0);
const ratios = rows.map((row) => row.ours / row.theirs);
console.log('');
console.log(`${rows.length} task definitions, ${RUNS} runs each after ${WARMUP} warm-up runs, Node ${process.version}`);
console.log(
  `median per file: ours ${fmt(median(rows.map((row) => row.ours)))}, vscode-json-languageservice ${fmt(median(rows.map((row) => row.theirs)))}`,
);
console.log(
  `sum of medians:  ours ${fmt(totalOurs)}, vscode-json-languageservice ${fmt(totalTheirs)} — ratio ${(totalOurs / totalTheirs).toFixed(2)}x (target <= 1x)`,
);
console.log(
  `whole corpus per round: ours ${fmt(median(roundOurs))}, vscode-json-languageservice ${fmt(median(roundTheirs))} — median round ratio ${median(roundRatios).toFixed(2)}x (target <= 1x)`,
);
console.log(`ratio per file:  median ${median(ratios).toFixed(2)}x, worst ${Math.max(...ratios).toFixed(2)}x`);
