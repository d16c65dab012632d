// The .vsix must hold what runs (bundles, data, manifest, documents, icon) and nothing else:
// no node_modules, no sources, no tests, no source maps. The `files` list of package.json chooses them, for the
// .vsix and the npm package alike (vsce refuses a .vscodeignore beside it).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../helpers';

const VSCE = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');

test('the packaged file list holds the bundles, not node_modules or sources', () => {
  const result = spawnSync(process.execPath, [VSCE, 'ls', '--no-dependencies'], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const files = result.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  for (const required of [
    'package.json',
    'README.md',
    'LICENSE',
    'NOTICE',
    'dist/client.js',
    'dist/server.js',
    'images/icon.png',
    'dist/tree-sitter.wasm',
    'dist/tree-sitter-terraform.wasm',
  ]) {
    assert.ok(files.includes(required), `${required} missing from ${files.join(', ')}`);
  }
  const allowed =
    /^(package\.json|README\.md|CHANGELOG\.md|LICENSE|NOTICE|dist\/(client|server|cli|cliParallel)\.js|dist\/browser\/(client|server)\.js|dist\/tree-sitter(-terraform)?\.wasm|images\/icon\.png|docs\/rules\.md|dist\/iam-data\/.+\.(json|txt)|schemas\/[^/]+\.json|syntaxes\/[^/]+\.json|docs\/images\/[^/]+\.png)$/;
  const unexpected = files.filter((file) => !allowed.test(file));
  assert.deepEqual(unexpected, [], 'files that should not ship');
});

test('with repository and bugs filled in, vsce packages it with no escape flag', () => {
  // What RELEASING.md asks the publisher to do, in a copy of the packaged files: vsce then needs neither
  // --allow-missing-repository nor --no-rewrite-relative-links (README links become the repository's).
  const listed = spawnSync(process.execPath, [VSCE, 'ls', '--no-dependencies'], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.equal(listed.status, 0, listed.stderr);
  const copy = mkdtempSync(path.join(tmpdir(), 'ecs-iam-vsix-'));
  try {
    for (const file of listed.stdout
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)) {
      mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
      copyFileSync(path.join(REPO_ROOT, file), path.join(copy, file));
    }
    const manifest = JSON.parse(readFileSync(path.join(copy, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(manifest.repository, undefined, "repository is the publisher's to fill (RELEASING.md)");
    manifest.repository = { type: 'git', url: 'https://github.com/example-publisher/ecs-iam-tools.git' };
    manifest.bugs = { url: 'https://github.com/example-publisher/ecs-iam-tools/issues' };
    writeFileSync(path.join(copy, 'package.json'), JSON.stringify(manifest, null, 2));
    const packaged = spawnSync(process.execPath, [VSCE, 'package', '--no-dependencies', '--out', 'extension.vsix'], {
      cwd: copy,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    assert.equal(packaged.status, 0, `${packaged.stdout}\n${packaged.stderr}`);
    assert.doesNotMatch(packaged.stderr, /WARNING/, packaged.stderr);
    const size = statSync(path.join(copy, 'extension.vsix')).size;
    assert.ok(size > 1_000_000 && size < 20_000_000, `the .vsix is ${size} bytes`);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});
