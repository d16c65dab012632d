// The bounded fuzz pass of `npm test` (deterministic seed, a few seconds): mutations of every corpus
// document through the core, a sample through the real server over stdio, and the regression fixtures.
// The long pass is `npm run fuzz` (scripts/fuzz.mjs). No timed assertions here.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { LineIndex } from '../../server/src/core/lineIndex';
import { CORPUS, FIXTURES, jsonFilesBelow, REPO_ROOT } from '../helpers';
import { yamlFilesBelow } from '../yaml/twins';
import { LspTestClient } from '../protocol/lspClient';
import { collectLogErrors } from './serverHelpers';
import { checkDocument, createRng, fuzzCore, mutate, percentile, readSeeds, type FuzzStats } from './fuzzer';
import { readRegressions } from './regressions';

const SEED = 20_261_128;

function report(stats: FuzzStats): string {
  return stats.problems
    .slice(0, 10)
    .map((p) => `${p.source} (${p.mutation}): ${p.problem}\n  input starts: ${JSON.stringify(p.text.slice(0, 300))}`)
    .join('\n');
}

test('fuzz (bounded): mutated corpus documents through analyze, hover, completion and every fix', async () => {
  const seeds = readSeeds(jsonFilesBelow(CORPUS), REPO_ROOT);
  assert.ok(seeds.length > 100, 'the corpus should hold the AWS documents');
  const stats = await fuzzCore(seeds, { seed: SEED, perDocument: 1, hugeStringLength: 5_000, probes: 2 });
  console.log(
    `fuzz: ${stats.documents} documents, ${stats.calls} core calls, p99 ${percentile(stats.durations, 99).toFixed(2)} ms, ${stats.problems.length} problems`,
  );
  assert.equal(stats.problems.length, 0, report(stats));
});

test('fuzz (bounded): mutated YAML templates, task definitions and policies through analyze, hover, completion and every fix', async () => {
  const files = [...yamlFilesBelow(CORPUS), ...yamlFilesBelow(path.join(FIXTURES, 'yaml'))];
  const seeds = readSeeds(files, REPO_ROOT);
  assert.ok(seeds.length >= 15, 'the YAML corpus and fixtures');
  const stats = await fuzzCore(seeds, { seed: SEED + 16, perDocument: 2, hugeStringLength: 5_000, probes: 2 });
  console.log(`fuzz YAML: ${stats.documents} documents, ${stats.calls} core calls, ${stats.problems.length} problems`);
  assert.equal(stats.problems.length, 0, report(stats));
});

test('fuzz (bounded): mutated .tf.json modules (Terraform JSON syntax) through analyze, hover, completion and every fix', async () => {
  const files = [
    path.join(FIXTURES, 'terraform', 'secrets.tf.json'),
    path.join(CORPUS, 'terraform-aws-ecs-json', 'service-task-exec.tf.json'),
    path.join(REPO_ROOT, 'test', 'e2e', 'workspace', 'terraform-27', 'json-32', 'main.tf.json'),
  ];
  const seeds = readSeeds(files, REPO_ROOT);
  const stats = await fuzzCore(seeds, { seed: SEED + 32, perDocument: 40, hugeStringLength: 5_000, probes: 4 });
  console.log(`fuzz .tf.json: ${stats.documents} documents, ${stats.calls} core calls, ${stats.problems.length} problems`);
  assert.equal(stats.problems.length, 0, report(stats));
});

for (const fixture of readRegressions()) {
  // A fixture with `reportedTo` is a failure in another part's rules, reported to its owner: it stays a
  // to-do (shown, not failing) until fixed there; every other fixture must pass.
  test(`regression ${path.basename(fixture.file)}: no rule failure, exception or out-of-range span`, async (t) => {
    const stats: FuzzStats = { documents: 0, calls: 0, problems: [], durations: [] };
    await checkDocument(fixture.text, fixture.source, `regression ${fixture.file}`, createRng(SEED), stats);
    if (stats.problems.length > 0 && fixture.reportedTo) {
      t.todo(`still failing, reported to ${fixture.reportedTo}: ${stats.problems[0].problem.split('\n')[0]}`);
      return;
    }
    assert.equal(stats.problems.length, 0, report(stats));
  });
}

test('fuzz (bounded) over stdio: every request answered, every diagnostic inside its document, nothing escapes', async () => {
  const seeds = readSeeds(jsonFilesBelow(CORPUS), REPO_ROOT);
  const rng = createRng(SEED + 1);
  const client = new LspTestClient();
  const logErrors = collectLogErrors(client);
  await client.initialize();
  try {
    for (let i = 0; i < 12; i++) {
      const seed = seeds[rng.int(seeds.length)];
      const uri = `file:///fuzz/doc-${i}.json`;
      const first = mutate(seed.text, rng, { hugeStringLength: 20_000 }).text;
      await client.open(uri, first);
      let text = first;
      let version = 1;
      // Several edits in a row (most superseded before they are analysed), then wait for the last.
      for (let edit = 0; edit < 3; edit++) {
        text = mutate(text, rng, { hugeStringLength: 20_000 }).text;
        version = await client.change(uri, text);
      }
      const diagnostics = await client.diagnosticsForVersion(uri, version);
      const lines = new LineIndex(text);
      const lineTexts = text.split(/\r\n|\r|\n/);
      for (const diagnostic of diagnostics) {
        assert.notEqual(diagnostic.code, 'internal/rule-failed', `${seed.source}: ${diagnostic.message}`);
        for (const position of [diagnostic.range.start, diagnostic.range.end]) {
          assert.ok(position.line >= 0 && position.line < lines.lineCount, `${seed.source}: line ${position.line} of ${lines.lineCount}`);
          assert.ok(
            position.character >= 0 && position.character <= lineTexts[position.line].length,
            `${seed.source}: character ${position.character} on line ${position.line}`,
          );
        }
      }
      for (let probe = 0; probe < 4; probe++) {
        const line = rng.int(lines.lineCount);
        const position = { line, character: rng.int(lineTexts[line].length + 1) };
        await client.hover(uri, position);
        await client.completion(uri, position);
        await client.codeActions(uri, { start: position, end: position }, diagnostics);
      }
      await client.close(uri);
    }
  } finally {
    const code = await client.shutdown();
    assert.equal(code, 0, client.stderr);
  }
  assert.doesNotMatch(client.stderr, /uncaught|unhandled|failed:/i);
  assert.deepEqual(logErrors, []);
});
