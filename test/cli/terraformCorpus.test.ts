// The Terraform corpus (terraform-aws-modules/terraform-aws-ecs, see test/corpus/SOURCES.md): every `.tf` file
// parses as valid HCL, and the checks raise no error on it (what they find is advice: trust policies without
// a confused-deputy condition; hints on the copies of AmazonECSTaskExecutionRolePolicy and the service role's
// statements, which grant on "*" actions that take resource ARNs, ecr:GetAuthorizationToken among them).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { loadHclParser } from '../../server/src/workspace/hclWasm';
import { CORPUS, lint } from '../helpers';

function tfFilesBelow(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.tf'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

test('terraform-aws-ecs: valid HCL, no error, only the advice it deserves', async () => {
  await loadHclParser();
  const root = path.join(CORPUS, 'terraform-aws-ecs');
  const files = tfFilesBelow(root);
  assert.ok(files.length >= 7, `corpus has ${files.length} .tf files`);
  const found = new Map<string, number>();
  let policies = 0;
  for (const file of files) {
    const relative = path.relative(root, file);
    const { document, findings } = await lint(readFileSync(file, 'utf8'), { fileName: path.basename(file) });
    assert.equal(document.format, 'hcl', relative);
    policies += document.policies.length;
    for (const finding of findings) {
      assert.notEqual(finding.severity, 'error', `${relative}: ${JSON.stringify(finding)}`);
      assert.notEqual(finding.ruleId, 'internal/rule-failed', `${relative}: ${finding.message}`);
      found.set(finding.ruleId, (found.get(finding.ruleId) ?? 0) + 1);
    }
  }
  // The modules define their IAM in aws_iam_policy_document blocks: each is read as a policy.
  assert.ok(policies >= 10, `${policies} policies`);
  assert.deepEqual([...found.keys()].sort(), ['iam/confused-deputy', 'iam/credentials-exposure', 'iam/resource-star']);
  for (const [ruleId, count] of found) assert.ok(ruleId === 'iam/confused-deputy' || count <= 8, `${ruleId}: ${count}`);
});
