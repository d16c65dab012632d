// Every quick fix of every IAM finding in the fixtures: applied alone, the result is strict JSON
// and that finding is gone.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { FIXTURES, applyEdits, isStrictJson, jsonFilesBelow, lint } from '../helpers';

const files = jsonFilesBelow(path.join(FIXTURES, 'iam'));

for (const file of files) {
  test(`every IAM quick fix in ${path.basename(file)} yields strict JSON without its finding`, async () => {
    const text = readFileSync(file, 'utf8');
    const { findings } = await lint(text, { fileName: file });
    const fixable = findings.filter((finding) => finding.ruleId.startsWith('iam/') && finding.fixes.length > 0);
    assert.ok(fixable.length > 0, 'the fixture should have fixable IAM findings');
    for (const finding of fixable) {
      for (const fix of finding.fixes) {
        const fixed = applyEdits(text, fix.edits);
        assert.ok(isStrictJson(fixed), `"${fix.title}" (${finding.ruleId}) broke the JSON:\n${fixed}`);
        const after = (await lint(fixed, { fileName: file })).findings;
        const same = after.filter((other) => other.ruleId === finding.ruleId && other.message === finding.message);
        const before = findings.filter((other) => other.ruleId === finding.ruleId && other.message === finding.message);
        assert.ok(same.length < before.length, `"${fix.title}" left the ${finding.ruleId} finding: ${finding.message}`);
      }
    }
  });
}

test('the fixtures exercise the main fixable rules', async () => {
  const ruleIds = new Set<string>();
  for (const file of files) {
    for (const finding of (await lint(readFileSync(file, 'utf8'))).findings) if (finding.fixes.length) ruleIds.add(finding.ruleId);
  }
  for (const id of [
    'iam/version',
    'iam/effect',
    'iam/unknown-key',
    'iam/unknown-action',
    'iam/unknown-service',
    'iam/redundant-action',
    'iam/arn-syntax',
    'iam/resource-mismatch',
    'iam/wildcard-only-action',
    'iam/condition-operator',
    'iam/condition-key',
    'iam/condition-value',
    'iam/set-operator',
    'iam/sid',
    'iam/resource-element',
    'iam/principal-element',
    'iam/confused-deputy',
    'iam/organizations-policy',
    'iam/federated-trust',
    'iam/condition-block',
    'iam/policy-variable',
    'iam/resource-star',
    'iam/s3-deny-insecure-transport',
    'iam/mfa-bool-false',
  ]) {
    assert.ok(ruleIds.has(id), `no fixable ${id} finding in the fixtures`);
  }
});
