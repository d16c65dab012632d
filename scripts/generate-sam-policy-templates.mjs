// Writes server/src/core/samPolicyTemplates.generated.json from SAM's own policy_templates.json
// (aws/serverless-application-model, Apache-2.0; the copy in test/corpus/sam-translator/ with its LICENSE
// and NOTICE): for each SAM policy template (`SQSPollerPolicy`, `S3ReadPolicy`, ...) its description, the
// names of its parameters and its statements, in which each parameter appears as `{"Ref": "<parameter>"}`
// exactly as SAM writes them. test/unit/sam.test.ts fails when the file drifts from this script.
// Usage: node scripts/generate-sam-policy-templates.mjs [--check]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMain, writeOrCheck } from './lib/generated.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SOURCE = path.join(root, 'test', 'corpus', 'sam-translator', 'policy_templates.json');
export const OUTPUT = path.join(root, 'server', 'src', 'core', 'samPolicyTemplates.generated.json');

export function generate() {
  const source = JSON.parse(readFileSync(SOURCE, 'utf8'));
  const templates = {};
  for (const name of Object.keys(source.Templates).sort()) {
    const template = source.Templates[name];
    templates[name] = {
      description: template.Description,
      parameters: Object.keys(template.Parameters ?? {}),
      statements: template.Definition.Statement,
    };
  }
  const data = {
    generatedBy: 'scripts/generate-sam-policy-templates.mjs',
    source: `aws/serverless-application-model samtranslator/policy_templates_data/policy_templates.json (version ${source.Version}), Apache-2.0; see NOTICE`,
    templates,
  };
  return JSON.stringify(data) + '\n';
}

if (isMain(import.meta.url)) {
  writeOrCheck(
    [[OUTPUT, generate()]],
    'node scripts/generate-sam-policy-templates.mjs',
    (_file, text) => `${Object.keys(JSON.parse(text).templates).length} templates, ${text.length} bytes`,
  );
}
