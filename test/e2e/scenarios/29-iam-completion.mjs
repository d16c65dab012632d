// Issue 14, item 5 in the real editor: condition keys ranked for the statement's actions, and service
// principals under `Principal.Service`. VS Code filters and ranks what the server sends (by filterText from
// the edit range's start, then sortText), so these read the suggest widget's rows.
// Fixtures: test/e2e/workspace/iam-completion-29/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { T, page, workspace, note, scenario, editor, openFile, placeCursor, runCommand, dirtyTab } from '../harness.mjs';

const POLICY = 'iam-completion-29/report-reader-policy.json';
const TRUST = 'iam-completion-29/worker-trust-policy.json';

/** The suggest widget's rendered rows, top to bottom, once one of them holds `expected`. */
async function suggestionsShowing(expected) {
  const widget = page.locator('.suggest-widget');
  await widget.locator('.monaco-list-row', { hasText: expected }).first().waitFor({ timeout: T.diagnostic });
  return widget.locator('.monaco-list-row').evaluateAll((rows) =>
    rows
      .map((row) => ({
        index: Number(row.getAttribute('data-index')),
        label: (row.querySelector('.label-name')?.textContent ?? row.innerText.split('\n')[0]).trim(),
      }))
      .sort((a, b) => a.index - b.index)
      .map((row) => row.label),
  );
}

/** Leaves `file` as it was on disk, and closed: later scenarios see no unsaved editor of ours. */
async function revertAndClose(file) {
  await page.keyboard.press('Escape').catch(() => {});
  await runCommand('View: Revert and Close Editor').catch(() => {});
  await dirtyTab(file)
    .waitFor({ state: 'detached', timeout: T.ui })
    .catch(() => {});
}

async function closeSuggestions() {
  await page.keyboard.press('Escape');
  await page.locator('.suggest-widget.visible').waitFor({ state: 'hidden' });
}

/** 1-based line number and text of the first line of `file` matching `pattern`. */
function lineOf(file, pattern) {
  const lines = fs.readFileSync(path.join(workspace, file), 'utf8').split('\n');
  const index = lines.findIndex((line) => pattern.test(line));
  assert.ok(index >= 0, `${file} has ${pattern}`);
  return { line: index + 1, text: lines[index] };
}

scenario("G1. condition keys in a statement with s3:GetObject: the suggest widget lists the action's s3 keys first", async () => {
  await openFile(POLICY);
  try {
    // The empty line inside "StringEquals": { ... }: a new key, typed as two quotes with the cursor between them.
    const { line, text } = lineOf(POLICY, /^\s*$/);
    await placeCursor(line, text.length + 1, text);
    await page.keyboard.type('""');
    await editor(POLICY)
      .locator('.view-line', { hasText: /^\s*""\s*$/ })
      .waitFor();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Control+Space');
    const rows = await suggestionsShowing('s3:');
    // VS Code's JSON support may add values it saw elsewhere in the file, quoted; ours are the bare keys.
    const keys = rows.filter((label) => !label.startsWith('"'));
    note(`G1 rows: ${JSON.stringify(keys.slice(0, 6))}`);
    assert.ok(keys.length >= 5, `condition keys shown: ${rows}`);
    assert.ok(
      keys.slice(0, 5).every((label) => label.startsWith('s3:')),
      `the first rows are s3:GetObject's own keys: ${keys.slice(0, 8)}`,
    );
    // Typing narrows the list and keeps the ranking: `aws:` keys, the ones s3:GetObject lists first.
    await page.keyboard.type('aws:');
    const narrowed = (await suggestionsShowing('aws:')).filter((label) => !label.startsWith('"'));
    note(`G1 after aws: ${JSON.stringify(narrowed.slice(0, 4))}`);
    assert.equal(narrowed[0], 'aws:ResourceTag/${TagKey}', `the key s3:GetObject supports first: ${narrowed.slice(0, 5)}`);
    await closeSuggestions();
  } finally {
    await revertAndClose(POLICY);
  }
});

scenario(
  'G2. `"Service": "ecs` in a trust policy: the suggest widget lists ecs-tasks.amazonaws.com, and choosing it writes it',
  async () => {
    await openFile(TRUST);
    try {
      const { line, text } = lineOf(TRUST, /"Service": ""/);
      await placeCursor(line, text.indexOf('""') + 2, text);
      await page.keyboard.type('ecs');
      await editor(TRUST)
        .locator('.view-line', { hasText: /"Service":\s"ecs"/ })
        .waitFor();
      await page.keyboard.press('Control+Space');
      const rows = (await suggestionsShowing('ecs-tasks.amazonaws.com')).filter((label) => !label.startsWith('"'));
      note(`G2 rows: ${JSON.stringify(rows.slice(0, 5))}`);
      assert.ok(rows.includes('ecs-tasks.amazonaws.com'), `${rows}`);
      assert.ok(
        rows.every((label) => label.endsWith('.amazonaws.com')),
        `service principals only: ${rows}`,
      );
      const focused = page.locator('.suggest-widget .monaco-list-row.focused', { hasText: 'ecs-tasks.amazonaws.com' });
      for (let i = 0; i < 30 && !(await focused.count()); i++) await page.keyboard.press('ArrowDown');
      await focused.waitFor();
      await page.keyboard.press('Enter');
      await editor(TRUST)
        .locator('.view-line', { hasText: /"Service":\s"ecs-tasks\.amazonaws\.com"/ })
        .waitFor();
    } finally {
      await revertAndClose(TRUST);
    }
  },
);
