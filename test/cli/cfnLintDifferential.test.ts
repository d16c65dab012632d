// Differential test against cfn-lint (scripts/cfn-lint-differential.mjs): on the 67 AWS templates of
// test/corpus/cloudformation-templates and the templates of test/fixtures/cloudformation/cfn-lint, every
// in-scope cfn-lint finding (its ECS and IAM rules; its schema rules on ECS, IAM and resource-policy resources)
// has a finding of ours on the same resource and property, or an entry in the commented allow-list.
// Skips, saying so, where cfn-lint is not installed (CI machines without PyPI).
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../helpers';

test('every in-scope cfn-lint finding has a matching finding of ours', async (t) => {
  const differential = await import(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'cfn-lint-differential.mjs')).toString());
  const version: string | undefined = differential.cfnLintVersion();
  if (!version) {
    t.skip('cfn-lint is not installed (pip install cfn-lint): the differential test against it did not run');
    return;
  }
  const result = await differential.compare({ outDir: path.join(REPO_ROOT, 'out') });
  t.diagnostic(`${version}: ${result.matched.length}/${result.inScope.length} matched, ${result.allowed.length} allowed`);
  assert.deepEqual(
    result.missed.map(
      (entry: { rule: string; file: string; path: string; message: string }) =>
        `${entry.rule} ${entry.file} ${entry.path}: ${entry.message}`,
    ),
    [],
  );
  // The fixtures exercise the schema rules: the comparison is not vacuous.
  assert.ok(result.inScope.length >= 25, `only ${result.inScope.length} in-scope cfn-lint findings`);
  const rules = new Set(result.matched.map((entry: { rule: string }) => entry.rule));
  for (const rule of ['E3002', 'E3003', 'E3012', 'E3030', 'E3031', 'E3033', 'E3034', 'E3037', 'E3046', 'E3050', 'W3037']) {
    assert.ok(rules.has(rule), rule);
  }
  // Every allow-list entry is still needed (a stale entry hides nothing, but misleads).
  assert.equal(result.allowed.length, differential.ALLOWED.size);
});
