// Issue 12, items 4 and 8–14, in the real editor: what a user sees of the role features that were
// there but hard to find (the lightbulb and palette entries, the clickable CodeLens, the link picker,
// the role lines in hovers, the status bar) and of two wrong answers (the same-role advice, "move it"
// warnings on a correct policy). Fixtures: test/e2e/workspace/discover/ and discover-link/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  T,
  workspace,
  page,
  scenario,
  editor,
  openFile,
  filterProblems,
  problemRow,
  placeCursor,
  goToLine,
  chooseQuickFix,
  runCommand,
  hoverOver,
  parsedFile,
  waitFor,
} from '../harness.mjs';

const API = 'discover/api-taskdef.json';
const ARTICLES = 'discover/articles-taskdef.json';
const WORKER = 'discover/worker-taskdef.json';
const EXECUTION_POLICY = 'discover/execution-role-policy.json';
const PASTED = 'discover/placeholder-taskdef.json';
const LINK = 'discover-link/link-taskdef.json';
const LINK_POLICY = 'discover-link/policies/link-exec-permissions.json';

const linesOf = (file) => fs.readFileSync(path.join(workspace, file), 'utf8').split('\n');
const lineIndexOf = (file, needle) => linesOf(file).findIndex((line) => line.includes(needle));

/** Cursor inside the value of the line holding `needle` (1-based line; a few characters into the value). */
async function cursorInValueOf(file, needle) {
  const lines = linesOf(file);
  const index = lines.findIndex((line) => line.includes(needle));
  const valueColumn = lines[index].indexOf(': "') + 4;
  await placeCursor(index + 1, valueColumn + 3, lines[index]);
}

/** The rows of the open Ctrl+. menu (quick fixes and refactorings), as shown. */
async function actionMenuRows() {
  await page.keyboard.press('Control+.');
  const rows = page.locator('.action-widget .monaco-list-row');
  await rows.first().waitFor({ timeout: T.diagnostic });
  return rows;
}

/** A notification toast whose text matches, and its text. */
async function toast(pattern) {
  const locator = page.locator('.notifications-toasts .notification-toast', { hasText: pattern });
  await locator.first().waitFor({ timeout: T.diagnostic });
  return locator.first();
}

async function closeToasts() {
  for (const button of await page.locator('.notifications-toasts .notification-toast .codicon-notifications-clear').all())
    await button.click().catch(() => {});
}

scenario(
  'D4. ecsTaskExecutionRole in both fields: the advice keeps it as the execution role; the fix gives the application its own task role and policy',
  async () => {
    await openFile(ARTICLES);
    await filterProblems(ARTICLES);
    const row = problemRow('ecs/same-task-and-execution-role');
    await row.waitFor({ timeout: T.firstDiagnostic });
    const text = await row.innerText();
    assert.match(text, /Keep `ecsTaskExecutionRole` as the execution role and give the application its own task role/, text);
    assert.match(text, /remove `taskRoleArn` if the application calls no AWS API/, text);
    assert.doesNotMatch(text, /for example `ecsTaskExecutionRole`/, text);

    await cursorInValueOf(ARTICLES, '"executionRoleArn"');
    const rows = await actionMenuRows();
    const titles = await rows.allInnerTexts();
    const has = (pattern) =>
      assert.ok(
        titles.some((title) => pattern.test(title)),
        `${pattern} in ${JSON.stringify(titles)}`,
      );
    has(
      /Use a new task role `articles-web-task-role` for the application and create articles-web-task-role\.json with the statement it needs/,
    );
    has(/Remove taskRoleArn \(the application calls no AWS API\)/);
    await page.keyboard.press('Escape');
    await page.locator('.action-widget').waitFor({ state: 'hidden' });

    await chooseQuickFix(/Use a new task role `articles-web-task-role`/);
    await editor(ARTICLES).locator('.view-line', { hasText: 'role/articles-web-task-role"' }).waitFor();
    await runCommand('File: Save All Files');
    const saved = await waitFor(
      () => parsedFile(ARTICLES, (json) => json.taskRoleArn.endsWith('/articles-web-task-role')),
      T.ui,
      `${ARTICLES} saved with the new task role`,
    );
    assert.equal(saved.taskRoleArn, 'arn:aws:iam::210987654321:role/articles-web-task-role', 'in the account of the execution role');
    assert.equal(saved.executionRoleArn, 'arn:aws:iam::210987654321:role/ecsTaskExecutionRole');
    const policy = await waitFor(
      () => parsedFile('discover/articles-web-task-role.json', (json) => Array.isArray(json.Statement)),
      T.ui,
      'the new task role policy on disk',
    );
    assert.deepEqual(policy.Statement[0].Action, ['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    await problemRow('ecs/same-task-and-execution-role').waitFor({ state: 'detached', timeout: T.diagnostic });
  },
);

scenario('D8. Command Palette and lightbulb: generate the role policies for the active task definition, or say why not', async () => {
  await openFile(API);
  await editor(API).locator('.codelens-decoration', { hasText: 'execution role' }).first().waitFor({ timeout: T.firstDiagnostic });
  // The palette lists the commands for a JSON editor.
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill('>ECS & IAM: ');
  const labels = page.locator('.quick-input-widget .monaco-list-row .label-name');
  await labels.filter({ hasText: 'Generate Trust Policy' }).first().waitFor();
  const shown = await labels.allInnerTexts();
  for (const label of [
    'ECS & IAM: Generate Execution Role Policy',
    'ECS & IAM: Generate Task Role Policy',
    'ECS & IAM: Generate Trust Policy',
    'ECS & IAM: Link a Policy File to a Role…',
  ]) {
    assert.ok(
      shown.some((text) => text.replace(/\s+/g, ' ').trim() === label),
      `${label} in ${JSON.stringify(shown)}`,
    );
  }
  await page.keyboard.press('Escape');

  // Nothing to generate for the task role: a message says why.
  await runCommand('ECS & IAM: Generate Task Role Policy');
  const why = await toast(/No task role policy to generate/);
  assert.match(await why.innerText(), /reveals nothing its task role needs/);
  await closeToasts();

  // The execution role policy opens as a new, unsaved document.
  await runCommand('ECS & IAM: Generate Execution Role Policy');
  const untitled = page.locator('.part.editor .monaco-editor[data-uri^="untitled:"]');
  await untitled.locator('.view-line', { hasText: 'ecr:BatchGetImage' }).first().waitFor({ timeout: T.diagnostic });
  await runCommand('View: Revert and Close Editor');
  await untitled.waitFor({ state: 'detached' });

  // The lightbulb on the role fields has the same entries; the task role one says why it has nothing to generate.
  await openFile(API);
  await cursorInValueOf(API, '"executionRoleArn"');
  let titles = await (await actionMenuRows()).allInnerTexts();
  for (const title of ['Generate execution role policy', 'Generate trust policy', 'Link a policy file to ecsTaskExecutionRole…']) {
    assert.ok(
      titles.some((text) => text.includes(title)),
      `${title} in ${JSON.stringify(titles)}`,
    );
  }
  await page.keyboard.press('Escape');
  await page.locator('.action-widget').waitFor({ state: 'hidden' });
  await cursorInValueOf(API, '"taskRoleArn"');
  await chooseQuickFix('Generate task role policy');
  await toast(/No task role policy to generate/);
  await closeToasts();
});

scenario('D13. hovers on secrets, image and logConfiguration say which role needs what, and whether its policy allows it', async () => {
  await openFile(API);
  let hover = await hoverOver(API, '"secrets"', 'secretsmanager:GetSecretValue');
  let text = await hover.innerText();
  assert.match(text, /Execution role ecsTaskExecutionRole \(ECS uses it to start the task\) needs, for this:/, text);
  assert.match(
    text,
    /secretsmanager:GetSecretValue on arn:aws:secretsmanager:eu-west-1:210987654321:secret:discover\/db-password-AbCdEf — not allowed/,
    text,
  );
  assert.match(text, /ssm:GetParameters on arn:aws:ssm:eu-west-1:210987654321:parameter\/discover\/api-key — not allowed/, text);
  assert.match(text, /Checked against discover\/execution-role-policy\.json/, text);
  hover = await hoverOver(API, '"image"', 'pull the private ECR image');
  text = await hover.innerText();
  assert.match(text, /ecr:BatchGetImage[^;]* on arn:aws:ecr:eu-west-1:210987654321:repository\/discover-api — allowed/, text);
  hover = await hoverOver(API, '"logConfiguration"', 'logs:PutLogEvents');
  text = await hover.innerText();
  assert.match(text, /Execution role ecsTaskExecutionRole/, text);
  assert.match(text, /logs:PutLogEvents.* — allowed/, text);
  await page.mouse.move(5, 400);
  await page.keyboard.press('Escape');
});

scenario(
  'D10. a task definition that uses the execution role as its task role is warned; the correct execution role policy is not',
  async () => {
    await openFile(WORKER);
    await filterProblems(WORKER);
    const row = problemRow('ecs/task-role-is-execution-role');
    await row.waitFor({ timeout: T.firstDiagnostic });
    assert.match(
      await row.innerText(),
      /The task role `ecsTaskExecutionRole` is the execution role of .*`discover-api` \(discover\/api-taskdef\.json\)/,
    );

    await openFile(EXECUTION_POLICY);
    await filterProblems(EXECUTION_POLICY);
    // The policy's own finding (a repeated action) shows it has been checked with the workspace in view.
    await problemRow('iam/redundant-action').waitFor({ timeout: T.diagnostic });
    assert.equal(
      await problemRow('iam/execution-permission-on-task-role').count(),
      0,
      'no "move it to the execution role" warning on the execution role policy',
    );
    assert.equal(await problemRow('iam/application-permission-on-execution-role').count(), 0);
  },
);

scenario(
  'D9. the execution-role CodeLens is clickable: the unmet needs, and "Add all missing permissions" fixes them in one edit',
  async () => {
    await openFile(API);
    await filterProblems(API);
    await problemRow('ecs/execution-role-missing-permission').first().waitFor({ timeout: T.firstDiagnostic });
    assert.equal(await problemRow('ecs/execution-role-missing-permission').count(), 2);
    // The same fix-all sits on each missing-permission finding.
    await cursorInValueOf(API, '"DB_PASSWORD"');
    const titles = await (await actionMenuRows()).allInnerTexts();
    assert.ok(
      titles.some((title) =>
        /Add all 2 missing permissions of the execution role `ecsTaskExecutionRole` to discover\/execution-role-policy\.json/.test(title),
      ),
      JSON.stringify(titles),
    );
    await page.keyboard.press('Escape');

    await goToLine(1); // the lens sits above executionRoleArn, near the top
    const lens = editor(API).locator('.codelens-decoration a', {
      hasText: /^execution role: discover\/execution-role-policy\.json — 2 of 4 needs met$/,
    });
    await lens.waitFor({ timeout: T.diagnostic });
    await lens.click();
    const message = await toast(/meets 2 of 4 needs/);
    const text = await message.innerText();
    assert.match(
      text,
      /The execution role ecsTaskExecutionRole \(discover\/execution-role-policy\.json\) meets 2 of 4 needs of this task definition\. Missing: secretsmanager:GetSecretValue on arn:aws:secretsmanager:eu-west-1:210987654321:secret:discover\/db-password-AbCdEf; ssm:GetParameters on /,
      text,
    );
    assert.ok(await message.locator('.monaco-button', { hasText: 'Open execution-role-policy.json' }).count(), 'an Open button');
    await message.locator('.monaco-button', { hasText: 'Add all missing permissions' }).click();

    await page.locator('.tabs-container .tab.dirty', { hasText: 'execution-role-policy.json' }).waitFor({ timeout: T.diagnostic });
    await runCommand('File: Save All Files');
    const saved = await waitFor(
      () => parsedFile(EXECUTION_POLICY, (json) => JSON.stringify(json).includes('ssm:GetParameters')),
      T.ui,
      'the policy saved with both permissions',
    );
    const allows = (action, resource) =>
      saved.Statement.some((s) => s.Effect === 'Allow' && [s.Action].flat().includes(action) && [s.Resource].flat().includes(resource));
    assert.ok(
      allows('secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:eu-west-1:210987654321:secret:discover/db-password-AbCdEf'),
      JSON.stringify(saved),
    );
    assert.ok(allows('ssm:GetParameters', 'arn:aws:ssm:eu-west-1:210987654321:parameter/discover/api-key'), JSON.stringify(saved));
    await openFile(API);
    await problemRow('ecs/execution-role-missing-permission').first().waitFor({ state: 'detached', timeout: T.diagnostic });
    await goToLine(1);
    await editor(API)
      .locator('.codelens-decoration', { hasText: /4 of 4 needs met/ })
      .waitFor({ timeout: T.diagnostic });
    await closeToasts();
  },
);

scenario(
  'D11. linking a policy file: the workspace policy files first, .ecs-iam.json created and shown, the lens updated at once',
  async () => {
    assert.equal(fs.existsSync(path.join(workspace, '.ecs-iam.json')), false, 'no configuration at the root yet');
    await openFile(LINK);
    const lens = editor(LINK).locator('.codelens-decoration a', {
      hasText: 'execution role discover-link-exec: no policy linked — link a policy file…',
    });
    await lens.waitFor({ timeout: T.firstDiagnostic });
    await lens.click();
    const rows = page.locator('.quick-input-widget .monaco-list-row');
    await rows.first().waitFor();
    const labels = await page.locator('.quick-input-widget .monaco-list-row .label-name').allInnerTexts();
    // The policy file next to the task definition comes first; the file dialog is there too.
    assert.equal(labels[0], LINK_POLICY, JSON.stringify(labels));
    await page.locator('.quick-input-widget input').fill('Browse');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Browse…' }).waitFor();
    await page.locator('.quick-input-widget input').fill('link-exec-permissions');
    await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'link-exec-permissions.json' }).waitFor();
    await page.keyboard.press('Enter');

    // The new configuration file is saved, shown and announced.
    const config = await waitFor(
      () => parsedFile('.ecs-iam.json', (json) => json.roles?.['discover-link-exec']),
      T.diagnostic,
      '.ecs-iam.json saved at the workspace root',
    );
    assert.deepEqual(config.roles['discover-link-exec'].policies, ['discover-link/policies/link-exec-permissions.json']);
    await page.locator('.tabs-container .tab', { hasText: '.ecs-iam.json' }).waitFor();
    await toast(
      /Linked discover-link\/policies\/link-exec-permissions\.json to the role discover-link-exec in \.ecs-iam\.json, created for this mapping\./,
    );
    await closeToasts();
    // The lens of the task definition changes without an edit to it.
    await openFile(LINK);
    await editor(LINK)
      .locator('.codelens-decoration', {
        hasText: /^execution role: discover-link\/policies\/link-exec-permissions\.json — 1 of 1 needs met$/,
      })
      .waitFor({ timeout: T.diagnostic });
  },
);

scenario('D12. a placeholder repeated in a file is one Problems row, its other places listed under it', async () => {
  await openFile(PASTED);
  await filterProblems(PASTED);
  const account = problemRow(/123456789012` is an example account ID/);
  await account.first().waitFor({ timeout: T.firstDiagnostic });
  assert.equal(await account.count(), 1, 'one row for the account');
  assert.match(await account.first().innerText(), /It appears 6 times in this file/);
  // The other five places are its related information, shown under it.
  await page.locator('.markers-panel .monaco-list-row', { hasText: '`123456789012` again' }).first().waitFor();
  assert.equal(await page.locator('.markers-panel .monaco-list-row', { hasText: '`123456789012` again' }).count(), 5);
  // The real error is not buried.
  await problemRow('ecs/execution-role-required').waitFor();
});

scenario('D14. the status bar says the server is ready, with the IAM data date, and opens the output', async () => {
  await openFile(API);
  const item = page.locator('.statusbar-item', { hasText: /ECS & IAM: ready \(IAM data of \d{4}-\d{2}-\d{2}\)/ });
  await item.waitFor({ timeout: T.firstDiagnostic });
  const label = (await item.innerText()).trim();
  assert.match(label, /^ECS & IAM: ready \(IAM data of \d{4}-\d{2}-\d{2}\)$/);
  await item.click();
  // The Output view shows our channel.
  await page.waitForFunction(
    () => {
      const select = document.querySelector('.panel select.monaco-select-box');
      return select instanceof HTMLSelectElement && select.options[select.selectedIndex]?.text === 'ECS & IAM Tools';
    },
    undefined,
    { timeout: T.ui },
  );
  await page.keyboard.press('Escape');
});
