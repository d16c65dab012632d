// Pathological input through the real server: every document is answered (diagnostics published) or
// skipped with one clear message, and the server's memory stays bounded. Loose bounds only, no timing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { LspTestClient } from '../protocol/lspClient';
import { useServerSession } from './serverHelpers';

/** Resident and peak memory of a process, MB (Linux /proc; undefined elsewhere). */
function memoryOf(pid: number | undefined): { rss: number; peak: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

const MB = 1024 * 1024;
/** Far above what the server needs (about 60 MB idle, a few hundred with a 50 MB message), far below trouble. */
const MEMORY_BOUND_MB = 1500;

let client: LspTestClient;

useServerSession((started) => (client = started));

async function openAndWait(name: string, text: string) {
  const uri = `file:///pathological/${name}.json`;
  await client.open(uri, text);
  const diagnostics = await client.diagnosticsFor(uri, () => true, 120_000);
  const memory = memoryOf(client.process.pid);
  if (memory) {
    console.log(
      `${name}: ${(text.length / MB).toFixed(1)} MB of text, server RSS ${memory.rss.toFixed(0)} MB, peak ${memory.peak.toFixed(0)} MB`,
    );
    assert.ok(memory.peak < MEMORY_BOUND_MB, `${name}: peak RSS ${memory.peak} MB`);
  }
  await client.close(uri);
  return diagnostics;
}

function assertSkipped(diagnostics: Array<{ code?: number | string; message: unknown }>, pattern: RegExp) {
  assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics.map((d) => d.message)));
  assert.equal(diagnostics[0].code, 'file/skipped');
  assert.match(String(diagnostics[0].message), pattern);
}

test('a 50 MB file is skipped with one message', async () => {
  const text = JSON.stringify({ family: 'huge', containerDefinitions: [{ name: 'a', image: 'b', command: ['x'.repeat(50 * MB)] }] });
  assertSkipped(await openAndWait('50mb', text), /above the 5\.0 MB limit.*maxFileSizeKB/);
});

test('100,000-deep nesting is skipped with one message', async () => {
  assertSkipped(await openAndWait('deep', '['.repeat(100_000) + ']'.repeat(100_000)), /nests 100000 levels deep/);
});

test('a 1,000,000-element array is answered', async () => {
  const diagnostics = await openAndWait('array', '[' + '0,'.repeat(999_999) + '0]');
  assert.deepEqual(diagnostics, []); // not a task definition or policy: nothing to report
});

test('a 10 MB string is skipped at the default limit', async () => {
  const text = JSON.stringify({ family: 'x'.repeat(10 * MB), containerDefinitions: [] });
  assertSkipped(await openAndWait('string-10mb', text), /above the 5\.0 MB limit/);
});

test('binary bytes are skipped with one message', async () => {
  const bytes = Array.from({ length: 64 * 1024 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('');
  assertSkipped(await openAndWait('binary', bytes), /binary data/);
});

test('a 10 MB string with the limit raised is analysed (no rule fails)', async () => {
  const raised = new LspTestClient();
  await raised.initialize({ initializationOptions: { settings: { maxFileSizeKB: 20 * 1024 } } });
  const uri = 'file:///pathological/string-10mb-raised.json';
  await raised.open(uri, JSON.stringify({ family: 'x'.repeat(10 * MB), containerDefinitions: [] }));
  const diagnostics = await raised.diagnosticsFor(uri, () => true, 120_000);
  assert.ok(
    !diagnostics.some((d) => d.code === 'file/skipped' || d.code === 'internal/rule-failed'),
    JSON.stringify(diagnostics.map((d) => `${d.code}: ${String(d.message).slice(0, 120)}`)),
  );
  const memory = memoryOf(raised.process.pid);
  if (memory) assert.ok(memory.peak < MEMORY_BOUND_MB, `peak RSS ${memory.peak} MB`);
  assert.equal(await raised.shutdown(), 0, raised.stderr);
});
