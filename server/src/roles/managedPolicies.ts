// The AWS managed policies ECS users attach, with their real documents (generated at build time).
import generated from './managedPolicies.generated.json';
import { statementsFromValue, type PolicySource } from './evaluate';

interface ManagedPolicyEntry {
  arn: string;
  version: string;
  updated: string;
  document: unknown;
}

const POLICIES = (generated as { policies: Record<string, ManagedPolicyEntry> }).policies;

/** By name (`AmazonECSTaskExecutionRolePolicy`) or ARN (`arn:aws:iam::aws:policy/service-role/...`). */
export function managedPolicy(nameOrArn: string): { name: string; entry: ManagedPolicyEntry } | undefined {
  const name = nameOrArn.startsWith('arn:') ? nameOrArn.slice(nameOrArn.lastIndexOf('/') + 1) : nameOrArn;
  const entry = POLICIES[name];
  if (!entry) return undefined;
  if (nameOrArn.startsWith('arn:') && !/^arn:aws(-cn|-us-gov)?:iam::aws:policy\//.test(nameOrArn)) return undefined;
  return { name, entry };
}

export function managedPolicySource(nameOrArn: string): PolicySource | undefined {
  const found = managedPolicy(nameOrArn);
  if (!found) return undefined;
  return { label: found.name, kind: 'managed', statements: statementsFromValue(found.entry.document) };
}

export function knownManagedPolicyNames(): string[] {
  return Object.keys(POLICIES);
}
