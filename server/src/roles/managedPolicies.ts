// The AWS managed policies ECS users attach, with their real documents (generated at build time).
import generated from './managedPolicies.generated.json';
import { statementsFromValue, type PolicySource } from './evaluate';
import { table } from '../core/table';

interface ManagedPolicyEntry {
  arn: string;
  version: string;
  updated: string;
  document: unknown;
}

const POLICIES = table((generated as { policies: Record<string, ManagedPolicyEntry> }).policies);

/** By name (`AmazonECSTaskExecutionRolePolicy`) or ARN (`arn:aws:iam::aws:policy/service-role/...`). */
export function managedPolicy(nameOrArn: string): { name: string; entry: ManagedPolicyEntry } | undefined {
  const name = nameOrArn.startsWith('arn:') ? nameOrArn.slice(nameOrArn.lastIndexOf('/') + 1) : nameOrArn;
  const entry = POLICIES[name];
  if (!entry) return undefined;
  if (nameOrArn.startsWith('arn:') && !/^arn:aws(-cn|-us-gov)?:iam::aws:policy\//.test(nameOrArn)) return undefined;
  return { name, entry };
}

const sources = new Map<string, PolicySource>();

/** The evaluated statements of a managed policy, built once per policy (sources are read-only). */
export function managedPolicySource(nameOrArn: string): PolicySource | undefined {
  const found = managedPolicy(nameOrArn);
  if (!found) return undefined;
  let source = sources.get(found.name);
  if (!source) {
    source = { label: found.name, kind: 'managed', statements: statementsFromValue(found.entry.document) };
    sources.set(found.name, source);
  }
  return source;
}

export function knownManagedPolicyNames(): string[] {
  return Object.keys(POLICIES);
}
