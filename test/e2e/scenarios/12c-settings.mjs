// Issue 12, the settings: what a user sees in the Settings editor (titles, the table of contents) and the rule
// ids VS Code completes in `.ecs-iam.json` and in the `ecsIam.rules` setting (both from the generated schema).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { T, dirtyTab, workspace, page, scenario, openFile, runCommand, waitFor, note, screenshot } from '../harness.mjs';

async function screenshotSettings() {
  await screenshot('settings');
}

scenario(
  'D15. the Settings editor lists our four settings in order with their descriptions, counted right in its table of contents',
  async () => {
    // A panel left open by the scenario before (the Output) halves the Settings editor, and its list renders
    // only the rows in view: close it first.
    if (await page.locator('.part.panel').isVisible()) {
      await page.keyboard.press('Control+J');
      await page.locator('.part.panel').waitFor({ state: 'hidden', timeout: T.ui });
    }
    await runCommand('Preferences: Open Settings (UI)');
    try {
      await settingsEditorChecks();
    } finally {
      // The Settings editor must not stay in front of the next scenario's editors.
      await page.keyboard.press('Escape').catch(() => {});
      await page
        .locator('.tab', { hasText: /^Settings/ })
        .locator('.codicon-close')
        .click({ timeout: 3_000 })
        .catch(() => {});
    }
  },
);

async function settingsEditorChecks() {
  // The search box has the focus when the Settings editor opens. Our settings, found by the extension filter:
  const search = page.locator('.settings-editor .settings-header .suggest-input-container .monaco-editor textarea');
  await search.waitFor({ timeout: T.ui });
  await page.keyboard.press('Control+A');
  await page.keyboard.type('@ext:ecs-iam-tools.ecs-iam-tools');
  const titles = page.locator('.settings-editor .settings-tree-container .setting-item-contents .setting-item-title');
  await waitFor(async () => (await titles.count()) === 4, T.ui, 'our four settings listed');
  const found = (await titles.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
  note(`settings found by @ext: ${JSON.stringify(found)}`);
  const tocRows = page.locator('.settings-editor .settings-toc-container .monaco-list-row');
  await tocRows.filter({ hasText: 'ECS & IAM Tools' }).first().waitFor({ timeout: T.ui });
  const toc = (await tocRows.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
  note(`table of contents: ${JSON.stringify(toc)}`);
  assert.ok(toc.includes('ECS & IAM Tools (4)'), toc.join(' | '));
  await screenshotSettings();
  // VS Code derives a setting's title from its key (`ecsIam.enable` reads "Ecs Iam: Enable"; a contribution
  // has no title field of its own): what the extension controls is the order (`order`) and the descriptions.
  const ours = found.filter((title) => /Enable|Rules|Max File Size|Trace/.test(title));
  assert.deepEqual(
    ours.map((title) => title.replace(/^Ecs Iam(: | › )/, '')),
    ['Enable', 'Rules', 'Max File Size KB', 'Trace: Server'],
  );
  const descriptions = await page.locator('.settings-editor .settings-tree-container .setting-item-description').allInnerTexts();
  assert.ok(
    descriptions.some((text) => /Severity per rule id/.test(text)),
    descriptions.join(' | '),
  );
}

scenario('D16. in .ecs-iam.json, the keys of "rules" complete with our rule ids and their titles', async () => {
  const file = 'settings-demo/.ecs-iam.json';
  fs.writeFileSync(path.join(workspace, file), '{\n  "rules": {}\n}\n');
  try {
    await openFile(file);
    const lines = fs.readFileSync(path.join(workspace, file), 'utf8').split('\n');
    const { placeCursor } = await import('../harness.mjs');
    await placeCursor(2, 13, lines[1]);
    await page.keyboard.type('"place');
    await page.keyboard.press('Control+Space');
    const rows = page.locator('.editor-widget.suggest-widget.visible .monaco-list-row');
    await rows.first().waitFor({ timeout: T.diagnostic });
    const shown = await rows.allInnerTexts();
    note(`rules completion: ${JSON.stringify(shown.slice(0, 5))}`);
    assert.ok(
      shown.some((row) => row.includes('placeholder')),
      shown.join(' | '),
    );
    await page.keyboard.press('Escape');
  } finally {
    // Revert, then close: an unsaved .ecs-iam.json left open (its file deleted below) would stay in the editor
    // for every later scenario, and a "Don't Save" dialog that comes late would block them.
    await page.keyboard.press('Escape').catch(() => {});
    await runCommand('File: Revert File').catch(() => {});
    await dirtyTab(file)
      .waitFor({ state: 'detached', timeout: T.ui })
      .catch(() => {});
    await page.keyboard.press('Control+W').catch(() => {});
    await page
      .locator('.monaco-dialog-box button', { hasText: /Don.t Save/ })
      .click({ timeout: 3_000 })
      .catch(() => {});
    fs.rmSync(path.join(workspace, file), { force: true });
  }
});
