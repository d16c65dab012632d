// Issue 14, the IAM Access Analyzer checks: an S3 bucket policy (in a CloudFormation template) that lists
// `iam:*`. S3 evaluates its bucket policy only for S3 requests on the bucket, so the entry can never do anything:
// an error in the Problems panel, the same words in the hover, and a quick fix that removes the entry; the saved
// template keeps the S3 action. Fixture: test/e2e/workspace/access-analyzer-28/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  T,
  chooseQuickFix,
  editor,
  filterProblems,
  openFile,
  page,
  placeCursor,
  problemRow,
  scenario,
  waitFor,
  workspace,
} from '../harness.mjs';

const TEMPLATE = 'access-analyzer-28/bucket-policy-template.json';
const RULE = 'iam/resource-policy-service';

scenario('Q1. iam:* in an S3 bucket policy: the error row, its hover, and the quick fix that removes it, saved', async () => {
  const lines = fs.readFileSync(path.join(workspace, TEMPLATE), 'utf8').split('\n');
  const lineIndex = lines.findIndex((line) => line.includes('"iam:*"'));
  assert.ok(lineIndex >= 0, 'the fixture lists iam:* in the bucket policy');

  await openFile(TEMPLATE);
  await filterProblems(TEMPLATE);
  const row = problemRow(RULE);
  await row.waitFor({ timeout: T.firstDiagnostic });
  const label = (await row.getAttribute('aria-label')) ?? '';
  assert.match(label, /^Error: `?iam:\*`? is an action of `?iam`?, but an S3 bucket policy governs only `?s3`? requests/, label);
  assert.equal(await row.locator('.codicon-error').count(), 1, 'the row is an error');

  // The squiggle sits on "iam:*" (its text is coloured in parts, so the squiggle is what the mouse goes to).
  const squiggle = editor(TEMPLATE).locator('.squiggly-error').first();
  await squiggle.waitFor({ timeout: T.diagnostic });
  const hover = page.locator('.monaco-hover-content', { hasText: 'can never grant or deny anything' }).last();
  await page.mouse.move(5, 400);
  const box = await squiggle.boundingBox();
  assert.ok(box, 'the squiggle is on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
  await hover.waitFor({ timeout: T.diagnostic });
  const hoverText = await hover.innerText();
  assert.match(hoverText, /S3 bucket policy/, hoverText);
  assert.match(hoverText, /iam\/resource-policy-service/, hoverText);
  await page.mouse.move(5, 400);

  // The quick fix from the lightbulb menu, with the cursor inside "iam:*".
  await placeCursor(lineIndex + 1, lines[lineIndex].indexOf('"iam:*"') + 3, lines[lineIndex]);
  await chooseQuickFix(/Remove .?iam:\*/);
  await editor(TEMPLATE).locator('.view-line', { hasText: '"iam:*"' }).waitFor({ state: 'detached', timeout: T.diagnostic });
  await problemRow(RULE).waitFor({ state: 'detached', timeout: T.diagnostic });
  assert.equal(await problemRow('iam/').locator('.codicon-error').count(), 0, 'no IAM error left');

  await page.keyboard.press('Control+S');
  const saved = await waitFor(
    () => {
      const text = fs.readFileSync(path.join(workspace, TEMPLATE), 'utf8');
      return text.includes('iam:*') ? undefined : text;
    },
    T.ui,
    `${TEMPLATE} saved without iam:*`,
  );
  const statement = JSON.parse(saved).Resources.ReportsBucketPolicy.Properties.PolicyDocument.Statement[0];
  assert.deepEqual(statement.Action, ['s3:GetObject']);
});
