// AWS publishes many CloudFormation templates in both YAML and JSON. The YAML ones copied into
// test/corpus/cloudformation-templates-yaml (see test/corpus/SOURCES.md) must give exactly the findings of
// their JSON twins in test/corpus/cloudformation-templates: same rule, severity, resource and property path.
// scripts/compare-yaml-corpus.mjs runs the same comparison over every pair of the shared corpus.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { analyze } from '../../server/src/analyzer';
import { CORPUS } from '../helpers';
import { compareTwins, jsonTwinOf, yamlFilesBelow } from './twins';

const YAML_ROOT = path.join(CORPUS, 'cloudformation-templates-yaml');
const JSON_ROOT = path.join(CORPUS, 'cloudformation-templates');

const files = yamlFilesBelow(YAML_ROOT);

test('the copied YAML corpus has its pairs', () => {
  assert.ok(files.filter((file) => jsonTwinOf(file, YAML_ROOT, JSON_ROOT)).length >= 14);
});

for (const yamlFile of files) {
  const jsonFile = jsonTwinOf(yamlFile, YAML_ROOT, JSON_ROOT);
  const name = path.relative(YAML_ROOT, yamlFile).split(path.sep).join('/');
  if (!jsonFile) {
    test(`YAML corpus without a twin analyses cleanly: ${name}`, async () => {
      const result = await analyze(readFileSync(yamlFile, 'utf8'), { fileName: path.basename(yamlFile) });
      assert.equal(result.document.kind, 'cloudformation-template');
      assert.ok(
        !result.findings.some((finding) => finding.ruleId === 'yaml/syntax' || finding.ruleId === 'internal/rule-failed'),
        JSON.stringify(result.findings),
      );
    });
    continue;
  }
  test(`YAML template gives its JSON twin's findings: ${name}`, async () => {
    const result = await compareTwins(yamlFile, jsonFile);
    assert.deepEqual({ onlyYaml: result.onlyYaml, onlyJson: result.onlyJson }, { onlyYaml: [], onlyJson: [] });
    assert.ok(result.yamlFindings.every((facts) => facts.rule !== 'internal/rule-failed'));
  });
}

test('the ECS pairs do have findings to compare (the comparison is not vacuous)', async () => {
  const file = path.join(YAML_ROOT, 'ECS', 'ECS_Schedule_Example.yaml');
  const result = await compareTwins(file, jsonTwinOf(file, YAML_ROOT, JSON_ROOT)!);
  assert.ok(result.yamlFindings.length >= 10, String(result.yamlFindings.length));
  assert.ok(
    result.yamlFindings.some((facts) => facts.rule === 'ecs/execution-role-required' && facts.resource === 'TaskDefinition'),
    JSON.stringify(result.yamlFindings),
  );
});
