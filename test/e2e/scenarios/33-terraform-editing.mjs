// Issue 17, editing Terraform in the real editor. Fixture: test/e2e/workspace/terraform-27/hcl-33/main.tf, a
// Fargate task definition whose container definitions are `jsonencode([{ ... }])` (with an empty line inside
// the container object) and whose network_mode is "bridge". No Terraform extension is installed: the file
// opens as plain text and the extension takes it by its name.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chooseQuickFix, dirtyTab, editor, note, openFile, page, placeCursor, runCommand, scenario, T, workspace } from '../harness.mjs';

const FILE = 'terraform-27/hcl-33/main.tf';

/** 1-based line number and text of the first line of the fixture matching `pattern`. */
function lineOf(pattern) {
  const lines = fs.readFileSync(path.join(workspace, FILE), 'utf8').split('\n');
  const index = lines.findIndex((line) => pattern.test(line));
  assert.ok(index >= 0, `${FILE} has ${pattern}`);
  return { line: index + 1, text: lines[index] };
}

/** The suggest widget's rows (label and the detail VS Code shows next to it), once one holds `expected`. */
async function suggestionRows(expected) {
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

/** Leaves the fixture as it was on disk, and closed. */
async function revertAndClose() {
  await page.keyboard.press('Escape').catch(() => {});
  await runCommand('View: Revert and Close Editor').catch(() => {});
  await dirtyTab(FILE)
    .waitFor({ state: 'detached', timeout: T.ui })
    .catch(() => {});
}

scenario('H1. completion in a .tf inside jsonencode: HCL `name = value` items in the suggest widget, HCL text inserted', async () => {
  await openFile(FILE);
  try {
    // The empty line inside the container object: a field typed half-way (no `=` yet: not valid HCL for now).
    const inside = lineOf(/essential = true/);
    const line = inside.line + 1;
    const text = fs.readFileSync(path.join(workspace, FILE), 'utf8').split('\n')[line - 1];
    assert.equal(text.trim(), '', 'an empty line inside the container object');
    await placeCursor(line, text.length + 1, text);
    await page.keyboard.type('      memoryRes');
    await editor(FILE)
      .locator('.view-line', { hasText: /^\s*memoryRes\s*$/ })
      .waitFor();
    await page.keyboard.press('Control+Space');
    const rows = await suggestionRows('memoryReservation');
    note(`H1 rows: ${JSON.stringify(rows.slice(0, 5))}`);
    assert.equal(rows[0], 'memoryReservation', `the API field first: ${rows}`);
    assert.ok(!rows.some((label) => label.startsWith('"')), `no JSON-quoted keys: ${rows}`);
    await page.keyboard.press('Enter');
    // HCL object syntax, as jsonencode keeps the API's names: `memoryReservation = 0`, no quotes, no colon.
    await editor(FILE)
      .locator('.view-line', { hasText: /^\s*memoryReservation\s=\s0\s*$/ })
      .waitFor({ timeout: T.ui });
    await page.keyboard.press('Escape');

    // In the resource body: Terraform's argument name, snake_case, with its value skeleton.
    const memory = lineOf(/^ {2}memory /);
    await placeCursor(memory.line, memory.text.length + 1, memory.text);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('execution_ro');
    await page.keyboard.press('Control+Space');
    const body = await suggestionRows('execution_role_arn');
    note(`H1 body rows: ${JSON.stringify(body.slice(0, 4))}`);
    assert.equal(body[0], 'execution_role_arn', `${body}`);
    assert.ok(!body.includes('executionRoleArn'), `${body}`);
    await page.keyboard.press('Enter');
    await editor(FILE)
      .locator('.view-line', { hasText: /^\s*execution_role_arn\s=\s*$/ })
      .waitFor({ timeout: T.ui });
  } finally {
    await revertAndClose();
  }
});

scenario('H2. the lightbulb menu of a .tf names Terraform arguments: "Set network_mode to awsvpc", applied in place', async () => {
  await openFile(FILE);
  try {
    const { line, text } = lineOf(/network_mode += "bridge"/);
    await placeCursor(line, text.indexOf('bridge') + 2, text);
    await editor(FILE).locator('.squiggly-error').first().waitFor({ timeout: T.firstDiagnostic });
    let titles = [];
    await chooseQuickFix(/Set network_mode to "awsvpc"/, async () => {
      titles = await page.locator('.action-widget .monaco-list-row').allInnerTexts();
    });
    note(`H2 menu: ${JSON.stringify(titles)}`);
    assert.ok(!titles.some((title) => /networkMode/.test(title)), `no API name in the menu: ${titles}`);
    await editor(FILE)
      .locator('.view-line', { hasText: /^\s*network_mode\s+=\s"awsvpc"\s*$/ })
      .waitFor({ timeout: T.ui });
  } finally {
    await revertAndClose();
  }
});
