// Generated files must match their generators: the rule table in README.md, docs/rules.md, and the rule ids
// of the `ecsIam.rules` setting and of `.ecs-iam.json`'s schema.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../helpers';

test('README rule table and docs/rules.md are up to date (run `npm run generate` after changing rules)', async () => {
  const generator = await import(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'generate-rule-docs.mjs')).toString());
  const { readme, rulesDoc, packageJson, configSchema } = generator.generate();
  assert.equal(readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8'), readme, 'README.md rule table is stale: run `npm run generate`');
  assert.equal(readFileSync(path.join(REPO_ROOT, 'docs', 'rules.md'), 'utf8'), rulesDoc, 'docs/rules.md is stale: run `npm run generate`');
  assert.equal(
    readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'),
    packageJson,
    'the rule ids of ecsIam.rules are stale: run `npm run generate`',
  );
  assert.equal(
    readFileSync(path.join(REPO_ROOT, 'schemas', 'ecs-iam-config.schema.json'), 'utf8'),
    configSchema,
    'the rule ids of schemas/ecs-iam-config.schema.json are stale: run `npm run generate`',
  );
});

test('every rule has an id, title, description and a known severity; ids are unique', async () => {
  const { ALL_RULES } = await import(pathToFileURL(path.join(REPO_ROOT, 'out', 'server', 'src', 'rules', 'index.js')).toString());
  const ids = new Set<string>();
  for (const { meta } of ALL_RULES as Array<{
    meta: { id: string; title: string; description: string; defaultSeverity: string; docsUrl: string };
  }>) {
    assert.ok(!ids.has(meta.id), `duplicate rule id ${meta.id}`);
    ids.add(meta.id);
    assert.match(meta.id, /^[a-z0-9]+(\/[a-z0-9-]+)*$/);
    assert.ok(meta.title.length > 10 && meta.description.length > 40, meta.id);
    assert.ok(['error', 'warning', 'info', 'hint'].includes(meta.defaultSeverity), meta.id);
    assert.ok(meta.docsUrl === '' || meta.docsUrl.startsWith('https://'), meta.id);
  }
});
