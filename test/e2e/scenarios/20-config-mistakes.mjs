// Issue 20: a `.ecs-iam.json` role mapping with a typo'd path. The mistake is an error on that string in
// `.ecs-iam.json` (it used to be silent, and the task definition's missing-permission error vanished with
// it); its quick fix corrects the path, and the task definition's error is back. Fixtures: config-typo/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  MISSING_PERMISSION,
  PLACEHOLDER,
  T,
  page,
  workspace,
  scenario,
  editor,
  openFile,
  filterProblems,
  problemRow,
  placeCursor,
  chooseQuickFix,
  parsedFile,
  waitFor,
} from '../harness.mjs';

const CONFIG = 'config-typo/.ecs-iam.json';
const TASK = 'config-typo/task-definition.json';
const TYPO = 'iam/execution-permisions.json';
const RIGHT = 'iam/execution-permissions.json';

scenario(
  'S1. a typo in a .ecs-iam.json role mapping: the error on the path, its quick fix, and the task definition error back',
  async () => {
    const lines = fs.readFileSync(path.join(workspace, CONFIG), 'utf8').split('\n');
    const lineIndex = lines.findIndex((line) => line.includes(TYPO));
    assert.ok(lineIndex >= 0, 'the fixture maps the misspelt path');

    // Before: the task definition has no missing-permission error (the mapping links nothing). The placeholder
    // row says the server has analysed it.
    await openFile(TASK);
    await filterProblems(TASK);
    await problemRow(PLACEHOLDER).waitFor({ timeout: T.firstDiagnostic });
    assert.equal(await problemRow(MISSING_PERMISSION).count(), 0, 'no policy linked, nothing checked');

    // The mapping's mistake, in the configuration file: an error squiggle and a Problems row that says what to do.
    await openFile(CONFIG);
    await editor(CONFIG).locator('.squiggly-error').first().waitFor({ timeout: T.firstDiagnostic });
    await filterProblems(CONFIG);
    const row = problemRow('config/invalid');
    await row.waitFor({ timeout: T.diagnostic });
    const text = await row.innerText();
    assert.match(text, /iam\/execution-permisions\.json`? does not exist\. Did you mean `?iam\/execution-permissions\.json`?\?/, text);
    assert.match(text, /no permission policy is linked to `?config-typo-execution`?/, text);

    // The quick fix, from the lightbulb menu with the cursor in the path.
    await placeCursor(lineIndex + 1, lines[lineIndex].indexOf(TYPO) + 5, lines[lineIndex]);
    await chooseQuickFix(/Change to .?iam\/execution-permissions\.json/);
    await editor(CONFIG)
      .locator('.view-line', { hasText: `"${RIGHT}"` })
      .waitFor();
    await editor(CONFIG).locator('.squiggly-error').first().waitFor({ state: 'detached', timeout: T.diagnostic });
    await problemRow('config/invalid').waitFor({ state: 'detached', timeout: T.diagnostic });
    await page.keyboard.press('Control+S');
    const saved = await waitFor(
      () => parsedFile(CONFIG, (json) => JSON.stringify(json).includes(RIGHT)),
      T.ui,
      `${CONFIG} on disk to have the corrected path`,
    );
    assert.deepEqual(saved.roles['config-typo-execution'].policies, [RIGHT]);

    // After: the task definition is checked against the mapped policy, which lacks ssm:GetParameters.
    await openFile(TASK);
    await filterProblems(TASK);
    const missing = problemRow(MISSING_PERMISSION);
    await missing.waitFor({ timeout: T.diagnostic });
    const missingText = await missing.innerText();
    assert.match(missingText, /ssm:GetParameters/, missingText);
    assert.match(missingText, /execution-permissions\.json/, missingText);
    await editor(TASK).locator('.squiggly-error').first().waitFor({ timeout: T.diagnostic });
  },
);
