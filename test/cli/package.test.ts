// The .vsix must hold what runs (bundles, data, manifest, documents) and nothing else:
// no node_modules, no sources, no tests, no source maps.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../helpers';

test('the packaged file list holds the bundles, not node_modules or sources', () => {
  const vsce = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const files = result.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  for (const required of ['package.json', 'README.md', 'LICENSE', 'NOTICE', 'dist/client.js', 'dist/server.js']) {
    assert.ok(files.includes(required), `${required} missing from ${files.join(', ')}`);
  }
  const allowed =
    /^(package\.json|README\.md|CHANGELOG\.md|LICENSE|NOTICE|dist\/(client|server|cli)\.js|dist\/iam-data\/.+\.(json|txt)|schemas\/[^/]+\.json|syntaxes\/[^/]+\.json|docs\/images\/[^/]+\.png)$/;
  const unexpected = files.filter((file) => !allowed.test(file));
  assert.deepEqual(unexpected, [], 'files that should not ship');
});
