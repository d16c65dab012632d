// Every quick fix of every ECS rule, over the ECS fixtures and every task definition in the corpus:
// applying it leaves valid JSON and removes the finding it was offered for.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parseTree, type ParseError } from 'jsonc-parser';
import type { Finding } from '../../server/src/core/types';
import { applyEdits, CORPUS, FIXTURES, isStrictJson, jsonFilesBelow, lint } from '../helpers';

const ECS_PREFIX = 'ecs/';

function parseErrorCount(text: string): number {
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  return errors.length;
}

const key = (finding: Finding) => `${finding.ruleId}\u0000${finding.message}`;

function countByKey(findings: readonly Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const finding of findings) counts.set(key(finding), (counts.get(key(finding)) ?? 0) + 1);
  return counts;
}

const files = [
  ...jsonFilesBelow(path.join(FIXTURES, 'ecs')),
  ...jsonFilesBelow(path.join(CORPUS, 'firelens-examples')),
  ...jsonFilesBelow(path.join(CORPUS, 'containers-task-definitions')),
];

test('every ECS quick fix leaves valid JSON and removes its finding', async () => {
  let checked = 0;
  const failures: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const { document, findings } = await lint(text);
    if (document.kind !== 'ecs-task-definition') continue;
    const strict = isStrictJson(text);
    const before = countByKey(findings);
    for (const finding of findings.filter((candidate) => candidate.ruleId.startsWith(ECS_PREFIX))) {
      for (const fix of finding.fixes) {
        checked++;
        const where = `${path.relative(FIXTURES, file)}: ${finding.ruleId} "${fix.title}"`;
        const fixed = applyEdits(text, fix.edits);
        if (strict ? !isStrictJson(fixed) : parseErrorCount(fixed) > parseErrorCount(text)) {
          failures.push(`${where}: invalid JSON after the fix`);
          continue;
        }
        const after = countByKey((await lint(fixed)).findings);
        if ((after.get(key(finding)) ?? 0) >= (before.get(key(finding)) ?? 0)) failures.push(`${where}: the finding is still there`);
      }
    }
  }
  assert.deepEqual(failures, []);
  assert.ok(checked >= 100, `only ${checked} fixes checked`);
});

test('fixtures: mistakes.json has every kind of shape and Fargate finding with a fix', async () => {
  const text = readFileSync(path.join(FIXTURES, 'ecs', 'mistakes.json'), 'utf8');
  const { findings } = await lint(text);
  const rules = new Set(findings.map((finding) => finding.ruleId));
  for (const id of [
    'ecs/unknown-field',
    'ecs/invalid-type',
    'ecs/invalid-enum-value',
    'ecs/fargate-network-mode',
    'ecs/fargate-task-size',
    'ecs/fargate-unsupported-parameter',
    'ecs/host-port-mismatch',
    'ecs/plaintext-secret',
    'ecs/execution-role-required',
    'ecs/role-arn-format',
    'ecs/secret-reference-format',
    'ecs/unknown-container-reference',
    'ecs/memory-below-reservation',
  ]) {
    assert.ok(rules.has(id), `${id} missing`);
  }
});

test('fixtures: fargate-web.json, a well-written task definition, has no findings', async () => {
  const { findings } = await lint(readFileSync(path.join(FIXTURES, 'ecs', 'fargate-web.json'), 'utf8'));
  assert.deepEqual(
    findings.map((finding) => `${finding.ruleId}: ${finding.message}`),
    [],
  );
});
