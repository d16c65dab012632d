// npm run bench: speed and memory of the analysis and the server, each next to a reference measured
// in the same run. Prints a table and writes docs/performance.md. Run after `npm run build`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { coldStartToFirstDiagnostics, formatMs, median, require, ROOT, timeMedian } from './lib.mjs';

const { analyze } = require(path.join(ROOT, 'out', 'server', 'src', 'core', 'analyze.js'));
const { parseTree } = require('jsonc-parser');

const TYPICAL = path.join(ROOT, 'test', 'corpus', 'firelens-examples', 'examples', 'fluent-bit', 'cloudwatchlogs', 'task-definition-cloudwatch_logs.json');
const typicalText = readFileSync(TYPICAL, 'utf8');

/** A task definition of about `bytes` bytes: many containers, each with environment, secrets, ports and logs. */
function largeTaskDefinition(bytes) {
  const containers = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const container = {
      name: `worker-${i}`,
      image: `210987654321.dkr.ecr.eu-west-1.amazonaws.com/worker-${i % 17}:1.${i}.0`,
      essential: i === 0,
      memoryReservation: 128,
      portMappings: [{ containerPort: 8000 + (i % 1000), protocol: 'tcp' }],
      environment: Array.from({ length: 8 }, (_, j) => ({ name: `SETTING_${j}`, value: `value-${i}-${j}-🚀` })),
      secrets: [{ name: 'DB_PASSWORD', valueFrom: `arn:aws:secretsmanager:eu-west-1:210987654321:secret:worker-${i}-AbCdEf` }],
      logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': `/ecs/worker-${i}`, 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'w' } },
    };
    containers.push(container);
    size += JSON.stringify(container, null, 2).length;
  }
  return JSON.stringify(
    { family: 'large', taskRoleArn: 'arn:aws:iam::210987654321:role/app', executionRoleArn: 'arn:aws:iam::210987654321:role/ecsTaskExecutionRole', containerDefinitions: containers },
    null,
    2,
  );
}

const rows = [];
function row(measurement, ours, reference, referenceName, unit = 'ms') {
  const ratio = reference ? ours / reference : undefined;
  rows.push({ measurement, ours, reference, referenceName, ratio, unit });
  const show = (value) => (unit === 'ms' ? formatMs(value) : value === undefined ? '—' : `${value.toFixed(1)} ${unit}`);
  console.log(`${measurement.padEnd(52)} ${show(ours).padStart(10)}   ${referenceName ? `${referenceName}: ${show(reference)}`.padEnd(44) : ''.padEnd(44)} ${ratio ? `${ratio.toFixed(2)}×` : ''}`);
}

console.log(`ecs-iam-tools benchmark — ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, Node ${process.version}\n`);

// 1. Linting through the analysis core vs merely parsing the same bytes.
for (const [name, text, runs] of [
  ['typical task definition', typicalText, 200],
  ['large task definition (1 MB)', largeTaskDefinition(1024 * 1024), 10],
  ['large task definition (4 MB)', largeTaskDefinition(4 * 1024 * 1024), 5],
]) {
  const ours = await timeMedian(() => analyze(text), { runs, warmup: Math.min(5, runs) });
  const parse = await timeMedian(() => parseTree(text, [], { allowTrailingComma: true }), { runs, warmup: Math.min(5, runs) });
  row(`lint ${name} (${(text.length / 1024).toFixed(0)} KB)`, ours, parse, 'jsonc-parser parse');
}

// 2. Cold start: spawn to first diagnostics, our server vs VS Code's JSON language server.
const server = path.join(ROOT, 'dist', 'server.js');
const jsonServer = require.resolve('vscode-langservers-extracted/bin/vscode-json-language-server');
const oursCold = [];
const theirsCold = [];
const rss = [];
for (let i = 0; i < 5; i++) {
  const ours = await coldStartToFirstDiagnostics(process.execPath, [server, '--stdio'], { text: typicalText });
  oursCold.push(ours.elapsed);
  rss.push(ours.rss);
  const theirs = await coldStartToFirstDiagnostics(process.execPath, [jsonServer, '--stdio'], { text: typicalText, initializationOptions: { provideFormatter: false } });
  theirsCold.push(theirs.elapsed);
}
row('server cold start to first diagnostics', median(oursCold), median(theirsCold), 'vscode-json-language-server');
row('server RSS at first diagnostics', median(rss), undefined, undefined, 'MB');

// 3. Domain benchmarks that other parts of the project add (each prints its own table).
const extra = [];
for (const script of ['ecs.mjs', 'iam.mjs', 'roles.mjs', 'cloudformation.mjs']) {
  const file = path.join(ROOT, 'bench', script);
  if (!existsSync(file)) continue;
  console.log(`\n--- bench/${script}`);
  const result = spawnSync(process.execPath, [file], { cwd: ROOT, encoding: 'utf8' });
  process.stdout.write(result.stdout);
  if (result.status !== 0) process.stderr.write(result.stderr);
  extra.push(`### bench/${script}\n\n\`\`\`\n${result.stdout.trim()}\n\`\`\``);
}

const table = [
  '| Measurement | ecs-iam-tools | Reference (same run) | Ratio |',
  '|---|---|---|---|',
  ...rows.map((r) => {
    const show = (value) => (r.unit === 'ms' ? formatMs(value) : value === undefined ? '—' : `${value.toFixed(1)} ${r.unit}`);
    return `| ${r.measurement} | ${show(r.ours)} | ${r.referenceName ? `${r.referenceName}: ${show(r.reference)}` : '—'} | ${r.ratio ? `${r.ratio.toFixed(2)}×` : '—'} |`;
  }),
].join('\n');
writeFileSync(
  path.join(ROOT, 'docs', 'performance.md'),
  [
    '<!-- generated by npm run bench (bench/run.mjs); do not edit -->',
    '# Performance',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus()[0]?.model ?? 'unknown cpu'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}.`,
    'Times are medians of repeated runs; each reference is measured in the same run on the same input.',
    '',
    table,
    '',
    ...extra,
    '',
  ].join('\n'),
);
console.log('\nwrote docs/performance.md');
