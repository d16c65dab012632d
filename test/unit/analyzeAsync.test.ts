// The cooperative rule loop (analyzeDocumentAsync, used by the server) against the synchronous one
// (analyzeDocument, used by the CLI): the same findings on every fixture and corpus file, turns given to
// the event loop between rules, and cancellation at a turn. Ordering only; no timing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { AnalysisCancelled, analyzeDocument, analyzeDocumentAsync } from '../../server/src/analyzer';
import { parseDocument } from '../../server/src/core/document';
import { prepareDocument } from '../../server/src/core/prepare';
import type { SeveritySetting } from '../../server/src/core/types';
import { ConfigLoader } from '../../server/src/workspace/configLoader';
import { WorkspaceIndex } from '../../server/src/workspace/index';
import { CORPUS, FIXTURES, jsonFilesBelow } from '../helpers';

async function prepared(file: string, text = readFileSync(file, 'utf8')) {
  const document = parseDocument(text, { fileName: path.basename(file) });
  await prepareDocument(document);
  return document;
}

/** A turn after every rule (yieldEveryMs: 0) interleaves the most; the default slice the way the server runs. */
const SLICES = [0, undefined];

describe('analyzeDocumentAsync finds exactly what analyzeDocument finds', () => {
  const files = [...jsonFilesBelow(FIXTURES), ...jsonFilesBelow(CORPUS)];

  test('on every fixture and corpus file (task definitions, policies, CloudFormation templates)', async () => {
    const kinds = new Set<string>();
    for (const file of files) {
      const document = await prepared(file);
      kinds.add(document.kind);
      const expected = analyzeDocument(document, {}, { filePath: file });
      for (const yieldEveryMs of SLICES) {
        assert.deepEqual(
          await analyzeDocumentAsync(document, {}, { filePath: file }, { yieldEveryMs }),
          expected,
          `${path.relative(FIXTURES, file)}, yieldEveryMs ${yieldEveryMs}`,
        );
      }
    }
    // The comparison must have covered the kinds the rules differ on.
    for (const kind of ['ecs-task-definition', 'iam-identity-policy', 'iam-trust-policy', 'cloudformation-template']) {
      assert.ok(kinds.has(kind), `no ${kind} among the files`);
    }
  });

  test('with rule severities, a workspace index (cross-file role rules) and a CloudFormation template', async () => {
    const severities: Record<string, SeveritySetting> = {
      'ecs/readonly-root-filesystem': 'off',
      placeholder: 'error',
      'iam/service-wide-access': 'info',
    };
    const folder = path.join(FIXTURES, 'roles', 'convention');
    const index = new WorkspaceIndex({
      roots: [folder],
      configs: new ConfigLoader(undefined, () => [folder]),
      maxFileSize: 5 * 1024 * 1024,
    });
    await index.build();
    const cases = [
      ...jsonFilesBelow(folder).map((file) => ({ file, run: { filePath: file, workspace: index } })),
      { file: path.join(FIXTURES, 'cloudformation', 'ecs-service.json'), run: { filePath: undefined } },
      { file: path.join(FIXTURES, 'cloudformation', 'missing-secret-permission.json'), run: { filePath: undefined } },
    ];
    let withRoleFindings = 0;
    for (const { file, run } of cases) {
      const document = await prepared(file);
      const expected = analyzeDocument(document, severities, run);
      if (expected.some((finding) => finding.ruleId.includes('role'))) withRoleFindings++;
      for (const yieldEveryMs of SLICES) {
        assert.deepEqual(await analyzeDocumentAsync(document, severities, run, { yieldEveryMs }), expected, path.basename(file));
      }
    }
    assert.ok(withRoleFindings > 0, 'the cases must include role findings');
  });

  test('analyses running interleaved do not mix their findings', async () => {
    const chosen = [
      path.join(FIXTURES, 'ecs', 'mistakes.json'),
      path.join(FIXTURES, 'iam', 'many-problems.json'),
      path.join(FIXTURES, 'cloudformation', 'ecs-service.json'),
      path.join(FIXTURES, 'cloudformation', 'missing-secret-permission.json'),
    ];
    const documents = await Promise.all(chosen.map((file) => prepared(file)));
    const expected = documents.map((document) => analyzeDocument(document, {}));
    // Fresh parses as well: per-document caches (template views) are built while the others run.
    const fresh = await Promise.all(chosen.map((file) => prepared(file)));
    const actual = await Promise.all(
      [...documents, ...fresh].map((document) => analyzeDocumentAsync(document, {}, {}, { yieldEveryMs: 0 })),
    );
    assert.deepEqual(actual, [...expected, ...expected]);
  });

  test('a skipped document (above the size limit) gets the same single finding', async () => {
    const document = parseDocument('{"family": "x"}', { maxFileSize: 4 });
    assert.ok(document.skipped);
    assert.deepEqual(await analyzeDocumentAsync(document, {}, {}, { yieldEveryMs: 0 }), analyzeDocument(document, {}));
  });
});

describe('analyzeDocumentAsync shares the event loop', () => {
  const mistakes = path.join(FIXTURES, 'ecs', 'mistakes.json');

  test('work queued before the analysis runs between its rules', async () => {
    const document = await prepared(mistakes);
    const order: string[] = [];
    setImmediate(() => order.push('other work'));
    const analysis = analyzeDocumentAsync(document, {}, {}, { yieldEveryMs: 0 }).then(() => order.push('analysis done'));
    await analysis;
    assert.deepEqual(order, ['other work', 'analysis done']);
  });

  test('isCancelled is asked at each turn; true stops the analysis with AnalysisCancelled and no further rules run', async () => {
    const document = await prepared(mistakes);
    let asked = 0;
    await assert.rejects(
      analyzeDocumentAsync(document, {}, {}, { yieldEveryMs: 0, isCancelled: () => ++asked === 2 }),
      (error: unknown) => error instanceof AnalysisCancelled,
    );
    assert.equal(asked, 2);
    // Nothing keeps running after the rejection: later turns never ask again.
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(asked, 2);
  });

  test('an analysis never cancelled completes, having asked once per turn', async () => {
    const document = await prepared(mistakes);
    let asked = 0;
    const findings = await analyzeDocumentAsync(document, {}, {}, { yieldEveryMs: 0, isCancelled: () => (asked++, false) });
    assert.deepEqual(findings, analyzeDocument(document, {}));
    assert.ok(asked > 1, `turns: ${asked}`);
  });
});
