// End-to-end suite: the packaged extension (dist-vsix/ecs-iam-tools.vsix) in a real VS Code.
//
// VS Code is code-server 4.100.3 (VS Code 1.100.3, installed by scripts/e2e/install.sh into a cache
// outside the repository), driven by Debian's Chromium through playwright-core. One code-server and
// one browser page serve the whole suite; each scenario is a node:test test, so the output ends with
// node's test-runner summary.
//
//   npm run test:e2e            # install.sh, npm run package, then this file
//   node test/e2e/run.mjs       # this file only (needs the .vsix and the code-server cache)
//
// Environment:
//   ECS_IAM_E2E_CACHE        code-server cache root (default: ~/.cache/ecs-iam-tools), as in install.sh
//   ECS_IAM_E2E_VSIX         the .vsix to test (default: dist-vsix/ecs-iam-tools.vsix)
//   ECS_IAM_E2E_KEEP=1       keep the temporary folder (workspace, user data, logs) after the run
//   ECS_IAM_E2E_DOC_IMAGES=0 do not copy the screenshots to docs/images/
//   ECS_IAM_E2E_ONLY=<regex>  run only the scenarios whose name matches (skip the others)
//
// Every wait is on a real signal (a selector, the status bar, a file's contents, a log line) with a
// generous timeout; there are no fixed sleeps. Screenshots go to .e2e-artifacts/ (gitignored); on a
// failure the page, code-server's output and VS Code's logs are saved there too.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  EXTENSION_ID,
  SOURCE,
  SAME_ROLE,
  PLACEHOLDER,
  UNKNOWN_ACTION,
  MISSING_PERMISSION,
  T,
  workspace,
  userData,
  page,
  note,
  seconds,
  scenario,
  editor,
  tokenLocator,
  openFile,
  filterProblems,
  clearProblemsFilter,
  problemRow,
  goToLine,
  placeCursor,
  chooseQuickFix,
  runCommand,
  hoverOver,
  parsedFile,
  cursorAt,
  screenshot,
  readExtensionLogs,
  waitFor,
} from './harness.mjs';

// ------------------------------------------------------------------------------------------------
// Scenarios. Each opens the files it needs itself, so one failing does not cascade.

scenario('1. same role in taskRoleArn and executionRoleArn: warning squiggle and a Problems row', async (t) => {
  const file = 'same-role-task-definition.json';
  const opened = await openFile(file);
  await editor(file).locator('.squiggly-warning').first().waitFor({ timeout: T.firstDiagnostic });
  const firstSquiggle = Date.now() - opened;
  note(`scenario 1: opening ${file} -> first squiggle ${seconds(firstSquiggle)} (includes extension activation and server start)`);
  t.diagnostic(`time to first squiggle: ${seconds(firstSquiggle)}`);

  await filterProblems(file);
  const row = problemRow(SAME_ROLE);
  await row.waitFor({ timeout: T.diagnostic });
  const text = await row.innerText();
  assert.match(text, new RegExp(SOURCE), `the Problems row names the source ${SOURCE}: ${text}`);
  assert.match(text, /same role/i, `the Problems row explains the finding: ${text}`);

  await clearProblemsFilter();
  // A click on the row reveals the finding in the editor (and takes the focus out of the filter box).
  const line =
    fs
      .readFileSync(path.join(workspace, file), 'utf8')
      .split('\n')
      .findIndex((l) => l.includes('"executionRoleArn"')) + 1;
  await problemRow(SAME_ROLE).click();
  await page.locator('[id="status.editor.selection"]', { hasText: new RegExp(`Ln ${line}, Col \\d+ \\(\\d+ selected\\)`) }).waitFor();
  // Mouse to an empty spot of the panel, so no tooltip (shown or not, depending on timing) is in the picture.
  await page.mouse.move(800, 720);
  await page.locator('.workbench-hover').waitFor({ state: 'hidden' });
  // The role fields' CodeLenses come a little after the diagnostics: wait for them, so the picture is
  // the same on every run.
  await editor(file).locator('.codelens-decoration', { hasText: 'execution role' }).waitFor({ timeout: T.diagnostic });
  await editor(file).locator('.codelens-decoration', { hasText: 'task role' }).waitFor({ timeout: T.diagnostic });
  await screenshot('same-role-warning');
});

scenario('2. hovering the executionRoleArn key explains the task execution role', async () => {
  const file = 'same-role-task-definition.json';
  await openFile(file);
  const key = tokenLocator(file, '"executionRoleArn"');
  const hover = page.locator('.monaco-hover-content', { hasText: 'Task execution role' });
  await key.waitFor();
  // A person moves the mouse over the key. Move away first so a hover from before does not count.
  await page.mouse.move(5, 400);
  const box = await key.boundingBox();
  assert.ok(box, 'the executionRoleArn key is on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
  try {
    await hover.waitFor({ timeout: T.diagnostic });
  } catch {
    // Fallback: the keyboard route, "Show or Focus Hover" with the cursor on the key.
    console.log('# scenario 2: mouse hover did not show; retrying with "Show or Focus Hover"');
    await key.click();
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    await hover.waitFor({ timeout: T.diagnostic });
  }
  const text = await hover.innerText();
  assert.match(text, /Task execution role/, text);
  // For the picture only: the hover's scrollbar fades out once the content has settled.
  await page
    .locator('.monaco-hover', { hasText: 'Task execution role' })
    .locator('.scrollbar.vertical.invisible')
    .first()
    .waitFor({ state: 'attached', timeout: 5_000 })
    .catch(() => {});
  await screenshot('execution-role-hover');
  await page.mouse.move(5, 400);
  await page.keyboard.press('Escape');
});

scenario('3. trailing comma: built-in JSON error, our quick fix removes it, the saved file parses', async () => {
  const file = 'task-role-policy.json';
  const original = fs.readFileSync(path.join(workspace, file), 'utf8');
  assert.throws(() => JSON.parse(original), 'the fixture starts out invalid');
  const lines = original.split('\n');
  const lineIndex = lines.findIndex((line) => line.includes('"s3:ListBucket",'));
  assert.ok(lineIndex >= 0, 'fixture has the trailing comma line');
  const commaColumn = lines[lineIndex].lastIndexOf(',') + 1; // 1-based column of the comma

  await openFile(file);
  // The squiggle comes from VS Code's own JSON support.
  await editor(file).locator('.squiggly-error').first().waitFor({ timeout: T.firstDiagnostic });
  await filterProblems(file);
  const builtin = problemRow('Trailing comma');
  await builtin.waitFor({ timeout: T.diagnostic });
  assert.match(await builtin.innerText(), /json/, 'the trailing-comma error is from the built-in JSON support');

  // Cursor on the comma: Go to Line, then read the position back from the status bar.
  await goToLine(lineIndex + 1);
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await cursorAt(lineIndex + 1, commaColumn);

  await page.keyboard.press('Control+.');
  const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Remove the trailing comma' });
  await fix.waitFor({ timeout: T.diagnostic });
  await screenshot('trailing-comma-fix');
  // Keyboard, as the list expects (a pointer block sits over it until the mouse moves): arrow down to
  // the action, Enter.
  const focusedLabel = () =>
    page.evaluate(() => document.querySelector('.action-widget .monaco-list-row.focused')?.getAttribute('aria-label') ?? '');
  for (let i = 0; i < 20 && !/Remove the trailing comma/.test(await focusedLabel()); i++) {
    await page.keyboard.press('ArrowDown');
  }
  await page.locator('.action-widget .monaco-list-row.focused', { hasText: 'Remove the trailing comma' }).waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.action-widget').waitFor({ state: 'hidden' });

  // The edit is in the editor: the comma is gone and the built-in error with it.
  await editor(file)
    .locator('.view-line', { hasText: /"s3:ListBucket",/ })
    .waitFor({ state: 'detached' });
  await editor(file).locator('.squiggly-error').first().waitFor({ state: 'detached', timeout: T.diagnostic });

  await page.keyboard.press('Control+S');
  const saved = await waitFor(
    () => {
      try {
        return JSON.parse(fs.readFileSync(path.join(workspace, file), 'utf8'));
      } catch {
        return undefined;
      }
    },
    T.ui,
    `${file} on disk to be valid JSON after save`,
  );
  assert.deepEqual(saved.Statement[0].Action, ['s3:GetObject', 's3:ListBucket']);
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });
});

scenario('4. typing updates diagnostics: equal roles warn, undo clears the warning', async (t) => {
  const file = 'task-definition.json';
  const content = fs.readFileSync(path.join(workspace, file), 'utf8');
  const lines = content.split('\n');
  const lineIndex = lines.findIndex((line) => line.includes('"executionRoleArn"'));
  const from = 'orders-api-execution';
  const to = 'orders-api';
  assert.ok(lines[lineIndex].includes(`role/${from}"`), 'fixture has the execution role to retype');
  assert.ok(content.includes(`role/${to}"`), 'fixture has the task role to type');

  await openFile(file);
  await filterProblems(file);
  // The image's placeholder account is reported: the server has analysed this file, so the absence of
  // the same-role warning below is a real result, not a race.
  await problemRow(PLACEHOLDER).waitFor({ timeout: T.diagnostic });
  assert.equal(await problemRow(SAME_ROLE).count(), 0, 'no same-role warning while the roles differ');

  // Select the role name inside the executionRoleArn string and type the task role's name over it.
  const endOfName = lines[lineIndex].indexOf(`${from}"`) + from.length + 1; // 1-based column after the name
  await goToLine(lineIndex + 1);
  await page.keyboard.press('End');
  const after = lines[lineIndex].length + 1 - endOfName;
  for (let i = 0; i < after; i++) await page.keyboard.press('ArrowLeft');
  await cursorAt(lineIndex + 1, endOfName);
  for (let i = 0; i < from.length; i++) await page.keyboard.press('Shift+ArrowLeft');
  await page.locator('[id="status.editor.selection"]', { hasText: `(${from.length} selected)` }).waitFor();
  await page.keyboard.type(to, { delay: 40 });
  const typed = Date.now();
  await editor(file)
    .locator('.view-line', { hasText: `role/${to}",` })
    .nth(1)
    .waitFor();

  await problemRow(SAME_ROLE).waitFor({ timeout: T.diagnostic });
  await editor(file).locator('.squiggly-warning').first().waitFor({ timeout: T.diagnostic });
  note(`scenario 4: last keystroke -> same-role warning ${seconds(Date.now() - typed)}`);
  t.diagnostic(`warning after typing: ${seconds(Date.now() - typed)}`);

  // Undo until the original text is back (typing may take one or two undo steps).
  const restored = editor(file).locator('.view-line', { hasText: `role/${from}",` });
  for (let i = 0; i < 10 && !(await restored.count()); i++) {
    await page.keyboard.press('Control+Z');
    await restored.waitFor({ timeout: 2_000 }).catch(() => {});
  }
  await restored.waitFor();
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });

  await problemRow(SAME_ROLE).waitFor({ state: 'detached', timeout: T.diagnostic });
  await editor(file).locator('.squiggly-warning').first().waitFor({ state: 'detached', timeout: T.diagnostic });
  // Diagnostics were republished for the undone text, not merely cleared.
  await problemRow(PLACEHOLDER).waitFor({ timeout: T.diagnostic });
});

scenario('5. package.json gets no finding from the extension', async () => {
  const file = 'package.json';
  await openFile(file);
  // Settle signal: a task definition opened after package.json gets its warning. The server handles
  // documents in the order they were opened, so by then package.json has been analysed too.
  const later = 'worker-task-definition.json';
  await openFile(later);
  await filterProblems(later);
  await problemRow(SAME_ROLE).waitFor({ timeout: T.diagnostic });

  await openFile(file);
  await filterProblems(file);
  const rows = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
  const ours = rows.filter((row) => row.includes(SOURCE));
  assert.deepEqual(ours, [], `no ${SOURCE} finding in package.json; Problems rows: ${JSON.stringify(rows)}`);
  assert.equal(await editor(file).locator('.squiggly-error, .squiggly-warning, .squiggly-info').count(), 0, 'no squiggle in package.json');
});

scenario('6. the server survives a 100,000-deep nested file and keeps checking other files', async () => {
  const deep = 'deep-nesting.json';
  await openFile(deep);
  // The server answers the pathological file with one `file/skipped` finding (too deep to analyse).
  await filterProblems(deep);
  const skipped = problemRow('file/skipped');
  await skipped.waitFor({ timeout: T.diagnostic });
  assert.match(await skipped.innerText(), /levels deep/, 'the skipped-file finding says why');

  const file = 'batch-task-definition.json';
  await openFile(file);
  await editor(file).locator('.squiggly-warning').first().waitFor({ timeout: T.firstDiagnostic });
  await filterProblems(file);
  await problemRow(SAME_ROLE).waitFor({ timeout: T.diagnostic });

  // A server that crashed and was restarted would also produce that warning: check the client's log
  // (its output channel, which VS Code writes to disk), where the client notes every restart.
  const log = readExtensionLogs();
  assert.notEqual(log, undefined, `no output-channel log of ${EXTENSION_ID} under ${path.join(userData, 'logs')}`);
  assert.doesNotMatch(log, /stopped unexpectedly|crashed|got closed|exited with/i, `the language server did not restart:\n${log}`);
  const toasts = await page.locator('.notifications-toasts .notification-toast', { hasText: /ECS & IAM.*(stopped|crashed)/ }).count();
  assert.equal(toasts, 0, 'no "language server stopped" notification');
});

scenario('7. hovering the task-level cpu field shows the model documentation and what the value means', async () => {
  const file = 'fargate-task-definition.json';
  const text = fs.readFileSync(path.join(workspace, file), 'utf8');
  assert.match(text, /"cpu": "1024"/, 'fixture has a task-level cpu of 1024');
  await openFile(file);
  // The role fields get CodeLenses ("no policy linked"), which push the lines below them down when they
  // arrive: wait for them, so the mouse goes where "cpu" stays.
  await editor(file).locator('.codelens-decoration', { hasText: 'no policy linked' }).first().waitFor({ timeout: T.diagnostic });
  // What "1024" means (in vCPU), from the server, not from the model's prose.
  const hover = await hoverOver(file, '"cpu"', '1024 CPU units = 1 vCPU');
  const content = await hover.innerText();
  assert.match(content, /1024 CPU units = 1 vCPU/, content);
  assert.match(content, /The number of CPU units used by the task/, `the ECS API model's documentation: ${content}`);
  assert.match(content, /On Fargate this cpu allows memory of/, `the Fargate context of the value: ${content}`);
  await page.mouse.move(5, 400);
  await page.keyboard.press('Escape');
});

scenario('8. completion in a container: "memoryRes + Ctrl+Space suggests memoryReservation, accepting it inserts the key', async () => {
  const file = 'web-task-definition.json';
  const lines = fs.readFileSync(path.join(workspace, file), 'utf8').split('\n');
  const lineIndex = lines.findIndex((line) => line.includes('"essential": true,'));
  assert.ok(lineIndex >= 0, 'fixture has a container with "essential": true, followed by another key');

  await openFile(file);
  // A new line after "essential": true, inside the container object; the editor closes the quote.
  await goToLine(lineIndex + 1);
  await page.keyboard.press('End');
  await cursorAt(lineIndex + 1, lines[lineIndex].length + 1);
  await page.keyboard.press('Enter');
  await page.keyboard.type('"memoryRes', { delay: 30 });
  await editor(file)
    .locator('.view-line', { hasText: /^\s*"memoryRes"?\s*$/ })
    .waitFor();

  await page.keyboard.press('Control+Space');
  const row = page.locator('.suggest-widget .monaco-list-row', { hasText: 'memoryReservation' });
  await row.waitFor({ timeout: T.diagnostic });
  const labels = await page.locator('.suggest-widget .monaco-list-row').allInnerTexts();
  note(`scenario 8: suggestions ${JSON.stringify(labels.map((label) => label.split('\n')[0]))}`);
  // Enter accepts the focused suggestion: make sure it is ours.
  const focused = page.locator('.suggest-widget .monaco-list-row.focused', { hasText: 'memoryReservation' });
  for (let i = 0; i < 20 && !(await focused.count()); i++) await page.keyboard.press('ArrowDown');
  await focused.waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.suggest-widget').waitFor({ state: 'hidden' });
  // The snippet inserts the key, a value placeholder (selected) and the comma before the next key.
  await editor(file)
    .locator('.view-line', { hasText: /"memoryReservation":\s0,/ })
    .waitFor();
  await page.keyboard.type('512');
  await editor(file)
    .locator('.view-line', { hasText: /"memoryReservation":\s512,/ })
    .waitFor();
  await page.keyboard.press('Escape'); // leave snippet mode

  await page.keyboard.press('Control+S');
  const saved = await waitFor(
    () => parsedFile(file, (json) => json.containerDefinitions?.[0]?.memoryReservation !== undefined),
    T.ui,
    `${file} on disk to have memoryReservation`,
  );
  assert.equal(saved.containerDefinitions[0].memoryReservation, 512);
  assert.deepEqual(saved.containerDefinitions[0].portMappings, [{ containerPort: 80, protocol: 'tcp' }], 'the next key is intact');
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });
});

scenario('9. unknown IAM action: warning squiggle, "did you mean" quick fix replaces s3:GetObjekt with s3:GetObject', async () => {
  const file = 'reports-bucket-policy.json';
  const lines = fs.readFileSync(path.join(workspace, file), 'utf8').split('\n');
  const lineIndex = lines.findIndex((line) => line.includes('"s3:GetObjekt"'));
  assert.ok(lineIndex >= 0, 'fixture has the misspelt action');

  await openFile(file);
  // IAM accepts an unknown action (it grants nothing): a warning.
  await editor(file).locator('.squiggly-warning').first().waitFor({ timeout: T.diagnostic });
  await filterProblems(file);
  const row = problemRow(UNKNOWN_ACTION);
  await row.waitFor({ timeout: T.diagnostic });
  const text = await row.innerText();
  assert.match(text, /s3:GetObjekt/, text);
  assert.match(text, /Did you mean `?s3:GetObject`?/, text);

  // Cursor inside the action string.
  await placeCursor(lineIndex + 1, lines[lineIndex].indexOf('GetObjekt') + 3, lines[lineIndex]);
  await chooseQuickFix('Change to "s3:GetObject"');
  await editor(file).locator('.view-line', { hasText: '"s3:GetObject"' }).waitFor();
  await editor(file).locator('.squiggly-warning').first().waitFor({ state: 'detached', timeout: T.diagnostic });
  await problemRow(UNKNOWN_ACTION).waitFor({ state: 'detached', timeout: T.diagnostic });

  await page.keyboard.press('Control+S');
  const saved = await waitFor(
    () => parsedFile(file, (json) => !JSON.stringify(json).includes('GetObjekt')),
    T.ui,
    `${file} on disk to have the fixed action`,
  );
  assert.deepEqual(saved.Statement[0].Action, ['s3:GetObject', 's3:ListBucket']);
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });
});

scenario('10. roles: the execution role policy lacks secretsmanager:GetSecretValue; the fix edits the policy file', async (t) => {
  const file = 'orders-service/task-definition.json';
  const policyFile = 'orders-service/ecsTaskExecutionRole.json';
  const content = fs.readFileSync(path.join(workspace, file), 'utf8');
  const lines = content.split('\n');
  const lineIndex = lines.findIndex((line) => line.includes('"valueFrom"'));
  const secretArn = JSON.parse(content).containerDefinitions[0].secrets[0].valueFrom;
  assert.ok(!fs.readFileSync(path.join(workspace, policyFile), 'utf8').includes('secretsmanager'), 'the policy starts without the secret');

  const opened = await openFile(file);
  // The workspace is indexed in the background after the server starts: the cross-file finding shows
  // once the policy file has been read.
  await editor(file).locator('.squiggly-error').first().waitFor({ timeout: T.firstDiagnostic });
  t.diagnostic(`open -> missing-permission squiggle: ${seconds(Date.now() - opened)}`);
  await filterProblems(file);
  const row = problemRow(MISSING_PERMISSION);
  await row.waitFor({ timeout: T.diagnostic });
  const text = await row.innerText();
  assert.match(text, /secretsmanager:GetSecretValue/, text);
  assert.match(text, /ecsTaskExecutionRole\.json/, text);
  assert.equal(await problemRow(MISSING_PERMISSION).count(), 1, 'the secret is the only missing permission');

  // The finding is on the secret's valueFrom: the cursor inside the ARN, then the quick-fix menu.
  const valueColumn = lines[lineIndex].indexOf(secretArn) + 1;
  await placeCursor(lineIndex + 1, valueColumn + 10, lines[lineIndex]);
  const title = /Allow secretsmanager:GetSecretValue in (\S+\/)?ecsTaskExecutionRole\.json/;
  await chooseQuickFix(title, async () => {
    await page.mouse.move(800, 720); // no stray tooltip in the picture
    await screenshot('missing-permission-fix');
  });

  // The fix edits the OTHER file: VS Code applies it in an editor of its own, unsaved. Wait for that (the
  // code action is resolved and applied after the menu closes), save all, then read the file from disk.
  await page.locator('.tabs-container .tab.dirty', { hasText: 'ecsTaskExecutionRole.json' }).waitFor({ timeout: T.diagnostic });
  await runCommand('File: Save All Files');
  const saved = await waitFor(
    () => parsedFile(policyFile, (json) => JSON.stringify(json).includes(secretArn)),
    T.ui,
    `${policyFile} on disk to be valid JSON allowing the secret`,
  );
  const allows = saved.Statement.some(
    (statement) =>
      statement.Effect === 'Allow' &&
      [statement.Action].flat().includes('secretsmanager:GetSecretValue') &&
      [statement.Resource].flat().includes(secretArn),
  );
  assert.ok(allows, `a statement allows secretsmanager:GetSecretValue on the secret: ${JSON.stringify(saved)}`);
  assert.equal(saved.Statement[0].Sid, 'WriteLogs', 'the existing statement is kept');

  // Back in the task definition: the finding is gone (re-checked from the edited policy).
  await problemRow(MISSING_PERMISSION).waitFor({ state: 'detached', timeout: T.diagnostic });
  await editor(file).locator('.squiggly-error').first().waitFor({ state: 'detached', timeout: T.diagnostic });
  await page.locator('.tabs-container .tab.dirty').first().waitFor({ state: 'detached' });
});

scenario('11. CodeLens above executionRoleArn: the linked policy and how many needs it meets', async () => {
  const file = 'orders-service/task-definition.json';
  const lines = fs.readFileSync(path.join(workspace, file), 'utf8').split('\n');
  await openFile(file);
  await goToLine(1); // the top of the file in view (scenario 10 left it scrolled)
  const lens = editor(file).locator('.codelens-decoration', { hasText: /execution role:/ });
  await lens.first().waitFor({ timeout: T.diagnostic });
  const text = (await lens.first().innerText()).trim();
  assert.match(text, /^execution role: (\S+\/)?ecsTaskExecutionRole\.json — \d+ of \d+ needs met$/, text);
  const [, met, total] = text.match(/(\d+) of (\d+)/).map(Number);
  assert.ok(total >= 2 && met <= total, `logs and the secret are needs: ${text}`);
  // The lens sits on the line above executionRoleArn: just before that line in the view.
  const lensTop = (await lens.first().boundingBox()).y;
  const lineNumber = lines.findIndex((line) => line.includes('"executionRoleArn"')) + 1;
  const keyTop = (await tokenLocator(file, '"executionRoleArn"').boundingBox()).y;
  assert.ok(lensTop < keyTop && keyTop - lensTop < 40, `the lens (y ${lensTop}) is right above line ${lineNumber} (y ${keyTop})`);
});

// ------------------------------------------------------------------------------------------------
// More scenarios, one file per topic, registered in file-name order after the ones above.

const SCENARIOS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'scenarios');
for (const file of fs.existsSync(SCENARIOS)
  ? fs
      .readdirSync(SCENARIOS)
      .filter((f) => f.endsWith('.mjs'))
      .sort()
  : []) {
  await import(pathToFileURL(path.join(SCENARIOS, file)).href);
}
