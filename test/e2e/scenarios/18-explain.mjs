// Explain an ECS error (issue 18): the command in the real VS Code, with a pasted error and with a text
// selected in a log file; the answer panel; the fix applied from the panel's button.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  MISSING_PERMISSION,
  T,
  closeTabs,
  editor,
  escapeRegExp,
  filterProblems,
  openFile,
  page,
  parsedFile,
  problemRow,
  runCommand,
  scenario,
  workspace,
  waitFor,
} from '../harness.mjs';

const COMMAND = 'ECS & IAM: Explain an ECS Error…';
const PARAMETER = 'arn:aws:ssm:eu-west-1:210987654321:parameter/billing/stripe-key';
const SSM_DENIED = `ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 1 time(s): AccessDeniedException: User: arn:aws:sts::210987654321:assumed-role/billing-execution/4c9e0f1a2b3c is not authorized to perform: ssm:GetParameters on resource: ${PARAMETER} because no identity-based policy allows the ssm:GetParameters action`;

/**
 * Runs the command from the Command Palette and returns the input box it opens. (The harness's runCommand
 * waits for the palette to close, which an input box opened right away may keep open.)
 */
async function openExplainInput() {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${COMMAND}`);
  const label = page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(COMMAND)}$`) });
  await page.locator('.quick-input-widget .monaco-list-row', { has: label }).first().waitFor();
  const focused = page.locator('.quick-input-widget .monaco-list-row.focused', { has: label });
  for (let i = 0; i < 10 && !(await focused.count()); i++) await page.keyboard.press('ArrowDown');
  await focused.waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Explain an ECS error' }).waitFor({ timeout: T.ui });
  return input;
}

/** The content of the answer panel: a webview, i.e. an iframe holding another iframe. */
function panelContent() {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
}

scenario(
  'E1. Explain an ECS Error…: a pasted SSM AccessDenied, the panel names the role, field and policy; its button applies the fix',
  async (t) => {
    const taskDefinition = 'explain-billing/billing-task-definition.json';
    const policyFile = 'explain-billing/billing-execution.json';
    assert.ok(!fs.readFileSync(path.join(workspace, policyFile), 'utf8').includes('ssm:'), 'the policy starts without the parameter');

    // As a user would: the task definition open (which also lets VS Code finish loading the extension's
    // contributions before the Command Palette is searched), its missing-permission error shown.
    await openFile(taskDefinition);
    await filterProblems(taskDefinition);
    await problemRow(MISSING_PERMISSION).waitFor({ timeout: T.firstDiagnostic });

    const started = Date.now();
    const input = await openExplainInput();
    await input.fill(SSM_DENIED);
    await page.keyboard.press('Enter');

    const content = panelContent();
    const heading = content.locator('h2', { hasText: 'The execution role may not read an SSM parameter the task injects' });
    await heading.waitFor({ timeout: T.diagnostic });
    t.diagnostic(`command -> answer panel: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await page
      .locator('.tabs-container .tab', { hasText: /^ECS Error:/ })
      .first()
      .waitFor();
    const text = await content.locator('#explanation').innerText();
    assert.match(text, /task execution role \(executionRoleArn\) billing-execution/, text);
    assert.match(
      text,
      /Field: containerDefinitions\[0\]\.secrets\[0\]\.valueFrom — needed to read the SSM parameter for secret STRIPE_KEY/,
      text,
    );
    assert.match(text, /linked policies: (explain-billing\/)?billing-execution\.json/, text);
    assert.match(text, new RegExp(`ssm:GetParameters on ${escapeRegExp(PARAMETER)}: not allowed`), text);
    assert.match(text, /Why this role/, text);

    const button = content.locator('button.fix', { hasText: /^Allow ssm:GetParameters in (explain-billing\/)?billing-execution\.json$/ });
    await button.click();
    await content.locator('.status', { hasText: 'Applied (unsaved)' }).waitFor({ timeout: T.ui });
    assert.ok(await button.isDisabled(), 'an applied fix cannot be applied twice');

    // The fix edits the policy file in an editor of its own, unsaved, as the quick fix does: save it, read it.
    await page.locator('.tabs-container .tab.dirty', { hasText: 'billing-execution.json' }).waitFor({ timeout: T.ui });
    await editor(policyFile).locator('.view-lines').waitFor();
    await runCommand('File: Save All Files');
    const saved = await waitFor(
      () => parsedFile(policyFile, (json) => JSON.stringify(json).includes(PARAMETER)),
      T.ui,
      `${policyFile} on disk to allow the parameter`,
    );
    assert.ok(
      saved.Statement.some(
        (statement) =>
          statement.Effect === 'Allow' &&
          [statement.Action].flat().includes('ssm:GetParameters') &&
          [statement.Resource].flat().includes(PARAMETER),
      ),
      JSON.stringify(saved),
    );
    assert.equal(saved.Statement[0].Sid, 'WriteLogs', 'the existing statement is kept');

    // The task definition has nothing missing any more: its missing-permission row goes.
    await problemRow(MISSING_PERMISSION).waitFor({ state: 'detached', timeout: T.diagnostic });
    // The panel goes, so that the scenarios after this one have the whole editor area.
    await closeTabs(/^ECS Error:/);
  },
);

scenario('E2. a network time-out selected in a log file: "not an IAM problem", and no fix to apply', async () => {
  const log = 'explain-billing/stopped-task.log';
  await openFile(log);
  await editor(log).locator('.view-lines').click();
  await page.keyboard.press('Control+A');
  await page.locator('[id="status.editor.selection"]', { hasText: /selected/ }).waitFor();
  const input = await openExplainInput();
  // The selection is offered in the input box, as one line.
  assert.match(await input.inputValue(), /^ResourceInitializationError: unable to pull secrets or registry auth: .* i\/o timeout$/);
  await page.keyboard.press('Enter');
  const content = panelContent();
  await content.locator('h2', { hasText: 'Network failure, not an IAM problem' }).waitFor({ timeout: T.diagnostic });
  const text = await content.locator('#explanation').innerText();
  assert.match(text, /Not an IAM problem/, text);
  assert.match(text, /Do not change a policy for it/, text);
  assert.match(text, /api\.ecr\.eu-west-1\.amazonaws\.com/, text);
  assert.equal(await content.locator('button.fix').count(), 0, 'no fix for a network problem');
  await closeTabs(/^ECS Error:/);
});
