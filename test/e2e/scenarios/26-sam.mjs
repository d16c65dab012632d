// Scenarios of issue 16 (SAM): a SAM template in the real editor. The policy template given an ARN where it
// takes a name is reported in the Problems panel under the template's name, and an IAM action typed inside
// `Policies` is completed from the suggest widget in YAML style. The scenario writes its own picture for the
// README (docs/images/yaml-sam-completion.png), whatever ECS_IAM_E2E_DOC_IMAGES says (that setting is for the
// lead's pictures).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DOC_IMAGES, T, editor, filterProblems, goToLine, openFile, page, problemRow, scenario, waitFor, workspace } from '../harness.mjs';

const FILE = 'sam-app/template.yaml';

scenario('S21. SAM template: a policy template finding in Problems, and completion of an IAM action inside Policies in YAML', async () => {
  const lines = fs.readFileSync(path.join(workspace, FILE), 'utf8').split('\n');
  const actionLine = lines.findIndex((line) => line.includes('- dynamodb:GetItem'));
  assert.ok(actionLine >= 0, 'the fixture has an inline statement with an action list');

  await openFile(FILE);
  await filterProblems(FILE);
  const row = problemRow('S3ReadPolicy grants');
  await row.waitFor({ timeout: T.firstDiagnostic });
  const text = await row.innerText();
  assert.match(text, /BucketName/, text);
  assert.match(text, /takes a name, not an ARN/, text);

  // A new action item below dynamodb:GetItem: `- sqs:Rec`, then Ctrl+Space.
  await goToLine(actionLine + 1);
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  // The editor keeps the item's indentation on the new line; the dash and the start of the action are typed.
  await page.keyboard.type('- sqs:Rec', { delay: 30 });
  await editor(FILE).locator('.view-line', { hasText: '- sqs:Rec' }).waitFor();
  // The suggestions open as the action is typed (quick suggestions); Ctrl+Space opens them otherwise.
  if (!(await page.locator('.suggest-widget.visible').count())) await page.keyboard.press('Control+Space');
  const receive = page.locator('.suggest-widget.visible .monaco-list-row', { hasText: 'sqs:ReceiveMessage' });
  await receive.waitFor({ timeout: T.diagnostic });
  const labels = (await page.locator('.suggest-widget.visible .monaco-list-row').allInnerTexts()).map((label) => label.split('\n')[0]);
  assert.ok(
    labels.every((label) => label.startsWith('sqs:')),
    `only SQS actions match what is typed: ${JSON.stringify(labels)}`,
  );
  fs.mkdirSync(DOC_IMAGES, { recursive: true });
  await page.screenshot({ path: path.join(DOC_IMAGES, 'yaml-sam-completion.png'), animations: 'disabled' });

  const focused = page.locator('.suggest-widget.visible .monaco-list-row.focused', { hasText: 'sqs:ReceiveMessage' });
  for (let i = 0; i < 20 && !(await focused.count()); i++) await page.keyboard.press('ArrowDown');
  await focused.waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.suggest-widget.visible').waitFor({ state: 'hidden' });
  // A plain YAML scalar, no JSON quotes.
  await editor(FILE).locator('.view-line', { hasText: '- sqs:ReceiveMessage' }).waitFor();

  await page.keyboard.press('Control+S');
  const saved = await waitFor(
    () => {
      const written = fs.readFileSync(path.join(workspace, FILE), 'utf8');
      return written.includes('sqs:ReceiveMessage') ? written : undefined;
    },
    T.ui,
    `${FILE} saved with the completed action`,
  );
  assert.match(saved, /\n {16}- dynamodb:GetItem\n {16}- sqs:ReceiveMessage\n {14}Resource: '\*'\n/);
});
