// The Terraform corpus (terraform-aws-modules/terraform-aws-ecs, see test/corpus/SOURCES.md): every `.tf` file
// parses as valid HCL, and the checks raise no error on it (what they find is advice: trust policies without
// a confused-deputy condition; hints on the copies of AmazonECSTaskExecutionRolePolicy and the service role's
// statements, which grant on "*" actions that take resource ARNs, ecr:GetAuthorizationToken among them).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { getNodeValue } from 'jsonc-parser';
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

test('terraform-aws-ecs in JSON syntax: the service module task definition and execution role as .tf.json, read as the .tf', async () => {
  await loadHclParser();
  // test/corpus/terraform-aws-ecs-json/service-task-exec.tf.json is modules/service/main.tf from the task definition
  // to the execution role's policy attachment, converted by hand (dynamic blocks, counts, `//` comments included).
  const tf = readFileSync(path.join(CORPUS, 'terraform-aws-ecs', 'modules', 'service', 'main.tf'), 'utf8');
  const start = tf.indexOf('resource "aws_ecs_task_definition" "this"');
  const end = tf.indexOf('\n}\n', tf.indexOf('resource "aws_iam_role_policy_attachment" "task_exec" {')) + 3;
  assert.ok(start > 0 && end > start);
  const fromHcl = await lint(tf.slice(start, end), { fileName: 'main.tf' });
  const fromJson = await lint(readFileSync(path.join(CORPUS, 'terraform-aws-ecs-json', 'service-task-exec.tf.json'), 'utf8'), {
    fileName: 'main.tf.json',
  });
  assert.equal(fromJson.document.terraformJson, true);
  const views = (result: typeof fromHcl) => ({
    tasks: result.document.taskDefinitions.map((view) => view.resource),
    policies: result.document.policies.map((policy) => [policy.resource, policy.kind, JSON.stringify(getNodeValue(policy.node))]),
  });
  assert.deepEqual(views(fromJson), views(fromHcl));
  const findings = (result: typeof fromHcl) =>
    result.findings.map((finding) => `${finding.ruleId} ${finding.severity} ${finding.message}`).sort();
  assert.deepEqual(findings(fromJson), findings(fromHcl));
  assert.ok(!fromJson.findings.some((finding) => finding.severity === 'error'));
  assert.ok(fromJson.findings.length >= 4, JSON.stringify(fromJson.findings));
});
