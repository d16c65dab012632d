// npm's prepack: the package holds the bundles in dist/, which a git checkout does not. pre-commit installs a
// `language: node` hook by packing the repository (after installing its devDependencies), so build when they are
// missing; a repository that was built (npm test, npm run package) is packed as it is.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const needed = ['dist/cli.js', 'dist/cliParallel.js', 'dist/server.js', 'dist/client.js', 'dist/iam-data/index.json'];
const missing = needed.filter((file) => !existsSync(path.join(root, file)));
if (missing.length > 0) {
  console.error(`prepack: ${missing.join(', ')} missing; building.`);
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit', cwd: root });
}
