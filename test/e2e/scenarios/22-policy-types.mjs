// Issue 14 in the real editor: a GitHub Actions OIDC trust policy without a `sub` condition is a warning in
// the Problems panel, and the hover on one of its statement's keys names the policy type.
// Fixture: test/e2e/workspace/policy-types-22/.
import assert from 'node:assert/strict';
import { T, scenario, openFile, filterProblems, problemRow, hoverOver } from '../harness.mjs';

const TRUST = 'policy-types-22/github-deploy-trust.json';

scenario('P1. a GitHub OIDC trust without a sub condition: a Problems row, and the statement hover names the policy type', async () => {
  await openFile(TRUST);
  await filterProblems(TRUST);
  const row = problemRow('any workflow in any GitHub repository can assume this role');
  await row.first().waitFor({ timeout: T.firstDiagnostic });
  const label = (await row.first().getAttribute('aria-label')) ?? '';
  assert.match(label, /^Warning: Statement `GitHubDeploy` trusts GitHub Actions/, label);
  const hover = await hoverOver(TRUST, '"Effect"', 'Policy type');
  const text = await hover.innerText();
  assert.match(text, /Policy type: role trust policy/, text);
  assert.match(text, /Decided by its content/, text);
});
