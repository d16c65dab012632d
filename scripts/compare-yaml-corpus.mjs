// Every YAML template of the shared corpus (../shared/corpus/cloudformation-templates-yaml) against its JSON
// twin in ../shared/corpus/cloudformation-templates: the findings (rule, severity, resource, property path)
// must be the same. Prints each pair and every difference; exits 1 when a pair differs.
// Run after `npm run build`: node scripts/compare-yaml-corpus.mjs [yamlRoot jsonRoot]
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { compareTwins, jsonTwinOf, yamlFilesBelow } = require(path.join(root, 'out', 'test', 'yaml', 'twins.js'));

const yamlRoot = path.resolve(process.argv[2] ?? path.join(root, '..', 'shared', 'corpus', 'cloudformation-templates-yaml'));
const jsonRoot = path.resolve(process.argv[3] ?? path.join(root, '..', 'shared', 'corpus', 'cloudformation-templates'));
let pairs = 0;
let differing = 0;
let findings = 0;
const withoutTwin = [];
for (const yamlFile of yamlFilesBelow(yamlRoot)) {
  const jsonFile = jsonTwinOf(yamlFile, yamlRoot, jsonRoot);
  const name = path.relative(yamlRoot, yamlFile);
  if (!jsonFile) {
    withoutTwin.push(name);
    continue;
  }
  pairs++;
  const result = await compareTwins(yamlFile, jsonFile);
  findings += result.yamlFindings.length;
  const same = result.onlyYaml.length === 0 && result.onlyJson.length === 0;
  if (!same) differing++;
  console.log(
    `${same ? 'same' : 'DIFF'}  ${name} (${result.yamlFindings.length} findings) ~ ${path.relative(jsonRoot, jsonFile)} (${result.jsonFindings.length})`,
  );
  for (const facts of result.onlyYaml) console.log(`    only in YAML: ${facts.rule} ${facts.severity} ${facts.resource} ${facts.path}`);
  for (const facts of result.onlyJson) console.log(`    only in JSON: ${facts.rule} ${facts.severity} ${facts.resource} ${facts.path}`);
}
console.log(
  `\n${pairs} pairs compared, ${pairs - differing} with the same findings, ${differing} differing; ${findings} findings on the YAML side.`,
);
if (withoutTwin.length > 0) console.log(`No JSON twin: ${withoutTwin.join(', ')}`);
process.exit(differing > 0 ? 1 : 0);
