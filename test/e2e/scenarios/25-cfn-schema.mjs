// Issue 15 (the CloudFormation property schema, policies written as JSON strings): what a user sees in the real
// editor. Fixture: test/e2e/workspace/cfn-schema-25/string-policy-stack.json, a role whose RoleName is 68
// characters long and whose inline policy is a JSON string with an unknown action.
import assert from 'node:assert/strict';
import { page, scenario, editor, openFile, filterProblems, problemRow, hoverOver, T } from '../harness.mjs';

const FILE = 'cfn-schema-25/string-policy-stack.json';

scenario('F1. A RoleName over 64 characters and an unknown action inside a JSON-string policy: Problems panel and hovers', async () => {
  await openFile(FILE);
  await editor(FILE).locator('.squiggly-error').first().waitFor({ timeout: T.firstDiagnostic });
  await filterProblems(FILE);

  // The schema finding, as the Problems panel lists it.
  const roleName = problemRow('must be at most 64 characters long; it has 68');
  await roleName.waitFor({ timeout: T.diagnostic });
  assert.match(await roleName.innerText(), /RoleName/);

  // The IAM finding inside the escaped string.
  const unknown = problemRow('s3:GetObjekt');
  await unknown.waitFor({ timeout: T.diagnostic });
  assert.match(await unknown.innerText(), /Did you mean `?s3:GetObject`?\?/);

  // The property hover comes from the generated schema: type, length, documentation.
  const hover = await hoverOver(FILE, '"RoleName"', 'AWS::IAM::Role');
  const markdown = await hover.innerText();
  assert.match(markdown, /1–64 characters/, markdown);
  assert.match(markdown, /up to 64 characters in length/, markdown);
  await page.keyboard.press('Escape');
});
