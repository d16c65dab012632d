// Incremental work, proven without timing: one analysis per version shared by diagnostics, hover,
// completion and code actions; an edit that restores the same text is not re-analysed; stale versions
// never publish. The server counts analyses for tests (ECS_IAM_TEST_HOOKS=1, request ecsIam/internal/stats).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import type { LspTestClient } from '../protocol/lspClient';
import { enableTestHooks, serverStats, useServerSession } from './serverHelpers';

const TASK = `{
  "family": "web",
  "taskRoleArn": "arn:aws:iam::210987654321:role/app",
  "executionRoleArn": "arn:aws:iam::210987654321:role/app",
  "containerDefinitions": [{ "name": "web", "image": "nginx:1.27", "memory": 512, "essential": true }]
}`;

enableTestHooks();
let client: LspTestClient;
const published: PublishDiagnosticsParams[] = [];

useServerSession((started) => (client = started));

test('hover, completion and code actions reuse the analysis of the version; unchanged text is not re-analysed', async () => {
  const uri = 'file:///incremental/task.json';
  await client.open(uri, TASK);
  const diagnostics = await client.diagnosticsForVersion(uri, 1);
  const afterOpen = (await serverStats(client)).analyses;
  assert.equal(afterOpen, 1);
  for (let i = 0; i < 3; i++) {
    await client.hover(uri, { line: 3, character: 6 });
    await client.completion(uri, { line: 4, character: 30 });
    await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } }, diagnostics);
  }
  assert.equal((await serverStats(client)).analyses, afterOpen, 'requests on an unchanged version must not re-analyse');

  // An edit that leaves the same text (e.g. type then undo, as one change) publishes for the new version without analysing.
  const same = await client.change(uri, TASK);
  const sameDiagnostics = await client.diagnosticsForVersion(uri, same);
  assert.deepEqual(sameDiagnostics, diagnostics);
  assert.equal((await serverStats(client)).analyses, afterOpen, 'the same text must not be analysed again');

  // A real change is analysed (once, however many requests follow).
  const changed = await client.change(uri, TASK.replace('"family": "web"', '"family": "api"'));
  await client.diagnosticsForVersion(uri, changed);
  const afterChange = (await serverStats(client)).analyses;
  assert.equal(afterChange, afterOpen + 1);
  await client.hover(uri, { line: 2, character: 6 });
  assert.equal((await serverStats(client)).analyses, afterChange);
});

test('a burst of edits publishes the last version; no older version is published after a newer one', async () => {
  const uri = 'file:///incremental/burst.json';
  const before = (await serverStats(client)).analyses;
  // A large document (above the large-document threshold) so its analysis takes a while and yields.
  const big = JSON.stringify(
    {
      family: 'big',
      containerDefinitions: Array.from({ length: 2500 }, (_, i) => ({
        name: `c${i}`,
        image: `img:${i}`,
        memory: 128,
        readonlyRootFilesystem: true,
        environment: [{ name: 'A', value: 'v'.repeat(100) }],
      })),
    },
    null,
    2,
  );
  await client.open(uri, big);
  let version = 1;
  for (let i = 0; i < 5; i++) version = await client.change(uri, big.replace('"big"', `"big-${i}"`));
  // Sees every publication for the document once, in order, up to the one for the last version.
  await client.diagnosticsFor(uri, (params) => (published.push(params), params.version === version), 120_000);
  const versions = published.map((params) => params.version ?? 0);
  assert.deepEqual(
    versions,
    [...versions].sort((a, b) => a - b),
    `published versions out of order: ${versions}`,
  );
  assert.equal(versions[versions.length - 1], version);
  const analyses = (await serverStats(client)).analyses - before;
  assert.ok(analyses >= 1 && analyses <= 6, `analyses: ${analyses}`);
});
