// Issue 14, risk classes: a bucket policy that lets anyone read its objects. The warning is in the Problems
// panel with what an attacker could do; the hover on the squiggle says the same and how to close it.
// Fixture: risk-23/public-bucket-policy.json.
import assert from 'node:assert/strict';
import { T, page, scenario, editor, openFile, filterProblems, problemRow } from '../harness.mjs';

const POLICY = 'risk-23/public-bucket-policy.json';
const RULE = 'iam/public-resource-policy';

scenario('K1. a public bucket policy: its warning in the Problems panel and the hover on "Principal": "*"', async () => {
  await openFile(POLICY);
  await filterProblems(POLICY);
  const row = problemRow(RULE);
  await row.waitFor({ timeout: T.firstDiagnostic });
  const text = await row.innerText();
  assert.match(text, /every principal, in any AWS account/, text);
  assert.match(text, /s3:GetObject/, text);
  assert.match(text, /S3 bucket/, text);
  assert.match(text, /aws:PrincipalOrgID/, text);
  // A warning, not an error: the row carries the warning icon.
  assert.equal(await row.locator('.codicon-warning').count(), 1, 'the row is a warning');
  assert.equal(await problemRow('iam/').locator('.codicon-error').count(), 0, 'no IAM error on this policy');

  // The squiggle sits on the "*" principal; hovering it shows the finding.
  const squiggle = editor(POLICY).locator('.squiggly-warning').first();
  await squiggle.waitFor({ timeout: T.diagnostic });
  const hover = page.locator('.monaco-hover-content', { hasText: 'anyone can use it' });
  await page.mouse.move(5, 400);
  const box = await squiggle.boundingBox();
  assert.ok(box, 'the squiggle is on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
  await hover.waitFor({ timeout: T.diagnostic });
  const hoverText = await hover.innerText();
  assert.match(hoverText, /Statement `?PublicRead`? allows every principal/, hoverText);
  assert.match(hoverText, /iam\/public-resource-policy/, hoverText);
  await page.mouse.move(5, 400);
});
