// Links the roles a task definition names to the policies in the workspace: first the
// `.ecs-iam.json` `roles` mapping, then file-name conventions (`<role>.json`, `<role>-policy.json`,
// `<role>.policy.json`, `<role>-trust-policy.json`, a `<role>/` folder).
import path from 'node:path';
import type { TaskDefinitionView } from '../core/classify';
import { isIntrinsic, resolveStrings } from '../core/intrinsics';
import { property, stringValue, type Node } from '../core/json';
import { parseRoleReference } from '../ecs/roleReference';
import { sourceFromDocument, type PolicySource } from './evaluate';
import { isManagedPolicyName, managedPolicySource, UNRESOLVED_MANAGED_ARN, UNRESOLVED_POLICY_DOCUMENT } from './managedPolicies';
import type { IndexedFile, ResolvedRoleMapping, WorkspaceView } from '../core/workspace';

export type RoleField = 'taskRoleArn' | 'executionRoleArn';

export interface RoleLink {
  roleName: string;
  /** Permission policies: workspace files and AWS managed policies. */
  sources: PolicySource[];
  trustPolicies: IndexedFile[];
  /** `template`: a role resource in the same CloudFormation template (roles/cloudformationLinking.ts). */
  how: 'configuration' | 'file names' | 'template';
  /**
   * Mapping entries that count for nothing: a missing file, a file that is not a policy of the right kind, a
   * path outside the configuration's folder, an unknown managed policy (`config/invalid` reports each).
   */
  unresolved: string[];
  configFile?: string;
  /**
   * The `.ecs-iam.json` mapping resolved to no permission policy at all, so the role was linked by file
   * names instead (or not at all): its findings say so, rather than silently checking nothing.
   */
  mappingFailed?: boolean;
}

const PERMISSION_SUFFIXES = ['.json', '-policy.json', '.policy.json', '_policy.json', '-permissions.json', '-role-policy.json'];
const TRUST_SUFFIXES = [
  '-trust-policy.json',
  '.trust-policy.json',
  '-trust.json',
  '.trust.json',
  '_trust_policy.json',
  '-assume-role-policy.json',
];

const cache = new WeakMap<WorkspaceView, { generation: number; links: Map<string, RoleLink | undefined> }>();

/** The role name a task definition's role field names, if any. */
export function roleNameOf(taskDefinition: Node, field: RoleField): string | undefined {
  const node = property(taskDefinition, field);
  if (!isIntrinsic(node)) {
    const value = stringValue(node);
    return value ? parseRoleReference(value)?.name : undefined;
  }
  // In a template, `Fn::Sub: arn:${AWS::Partition}:iam::${AWS::AccountId}:role/name` names its role though
  // the account is unknown. The name is read from the pattern (unknown parts `*`, no stand-in values such
  // as a made-up stack name), and only when it is literal and the same in every Fn::If branch.
  const names = new Set((resolveStrings(node, 'pattern') ?? []).map((value) => parseRoleReference(value)?.name));
  const [name] = names;
  return names.size === 1 && name && !name.includes('*') ? name : undefined;
}

/** What is linked to `roleName` as seen from `fromFile` (whose nearest config applies). */
export function linkRole(workspace: WorkspaceView, roleName: string, fromFile: string | undefined): RoleLink | undefined {
  let entry = cache.get(workspace);
  if (!entry || entry.generation !== workspace.generation) {
    entry = { generation: workspace.generation, links: new Map() };
    cache.set(workspace, entry);
  }
  const mappings = fromFile ? workspace.roleMappingsFor(fromFile) : {};
  const mapping = Object.entries(mappings).find(([name]) => name.toLowerCase() === roleName.toLowerCase())?.[1];
  const key = `${roleName.toLowerCase()}|${mapping?.configFile ?? ''}`;
  if (!entry.links.has(key)) {
    entry.links.set(key, mapping ? linkFromMapping(workspace, roleName, mapping) : linkByFileNames(workspace, roleName));
  }
  return entry.links.get(key);
}

function linkFromMapping(workspace: WorkspaceView, roleName: string, mapping: ResolvedRoleMapping): RoleLink {
  const sources: PolicySource[] = [];
  const unresolved: string[] = [...(mapping.refused ?? [])];
  for (const relative of mapping.policies) {
    const file = mappedPolicyFile(workspace, mapping.configFile, relative, 'permission');
    if (!file) unresolved.push(relative);
    else sources.push(sourceFromDocument(workspace.label(file.path), file.path, file.document, file.document.policies[0].node));
  }
  for (const name of mapping.managedPolicies) {
    const source = managedPolicySource(name);
    if (source) sources.push(source);
    else unresolved.push(name);
  }
  const trustPolicies: IndexedFile[] = [];
  if (mapping.trustPolicy) {
    const file = mappedPolicyFile(workspace, mapping.configFile, mapping.trustPolicy, 'trust');
    if (file) trustPolicies.push(file);
    else unresolved.push(mapping.trustPolicy);
  }
  const permissionsWritten =
    mapping.policies.length +
    mapping.managedPolicies.length +
    (mapping.refused ?? []).filter((entry) => entry !== mapping.trustPolicy).length;
  // A real managed policy whose document does not ship is no mistake: it may grant anything (opaquePolicies).
  const opaque = mapping.managedPolicies.some((name) => isManagedPolicyName(name) && !managedPolicySource(name));
  if (sources.length === 0 && permissionsWritten > 0 && !opaque) {
    // Nothing the mapping names counts: rather than check the role against nothing (and report nothing),
    // link it as if it were not mapped, and say so in every finding that depends on it.
    const byNames = linkByFileNames(workspace, roleName);
    return {
      roleName,
      sources: byNames?.sources ?? [],
      trustPolicies: trustPolicies.length > 0 ? trustPolicies : (byNames?.trustPolicies ?? []),
      how: 'file names',
      unresolved,
      configFile: mapping.configFile,
      mappingFailed: true,
    };
  }
  return { roleName, sources, trustPolicies, how: 'configuration', unresolved, configFile: mapping.configFile };
}

/**
 * The file a mapping names, when it is a policy of the kind its place in the mapping says (`policies`: a
 * permission policy; `trustPolicy`: a trust policy). Anything else (missing, outside the configuration's
 * folder, a task definition, the other kind of policy) counts for nothing.
 */
export function mappedPolicyFile(
  workspace: WorkspaceView,
  configFile: string,
  relative: string,
  kind: 'permission' | 'trust',
): IndexedFile | undefined {
  const found = workspace.configuredFile(configFile, relative);
  if (found.status !== 'indexed') return undefined;
  const { document } = found.file;
  const wanted =
    kind === 'trust'
      ? document.kind === 'iam-trust-policy'
      : document.kind === 'iam-identity-policy' || document.kind === 'iam-resource-policy';
  return wanted ? found.file : undefined;
}

function linkByFileNames(workspace: WorkspaceView, roleName: string): RoleLink | undefined {
  const lower = roleName.toLowerCase();
  const permission = new Map<string, IndexedFile>();
  const trust = new Map<string, IndexedFile>();
  const add = (file: IndexedFile) => {
    const policy = file.document.policies[0];
    if (!policy) return;
    (policy.kind === 'trust' ? trust : permission).set(file.path, file);
  };
  for (const suffix of PERMISSION_SUFFIXES) workspace.byBaseName(`${lower}${suffix}`).forEach(add);
  for (const suffix of TRUST_SUFFIXES) workspace.byBaseName(`${lower}${suffix}`).forEach(add);
  // A folder named after the role holds its policies.
  for (const file of workspace.files()) {
    if (path.basename(path.dirname(file.path)).toLowerCase() === lower) add(file);
  }
  if (permission.size === 0 && trust.size === 0) return undefined;
  const sources = [...permission.values()]
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((file) => sourceFromDocument(workspace.label(file.path), file.path, file.document, file.document.policies[0].node));
  return { roleName, sources, trustPolicies: [...trust.values()], how: 'file names', unresolved: [] };
}

export interface RoleUse {
  file: string;
  taskDefinition: TaskDefinitionView;
  field: RoleField;
  roleName: string;
  link: RoleLink;
}

/** Every task definition in the workspace whose task or execution role links to the policy file `policyFile`. */
export function roleUsesOfPolicyFile(workspace: WorkspaceView, policyFile: string): RoleUse[] {
  return usesByPolicyFile(workspace).get(policyFile) ?? [];
}

const usesCache = new WeakMap<WorkspaceView, { generation: number; byFile: Map<string, RoleUse[]> }>();

/**
 * Every task definition's role links, inverted to "policy file -> uses", once per workspace generation:
 * each policy rule asks for its own file, and scanning all task definitions per policy was quadratic.
 */
function usesByPolicyFile(workspace: WorkspaceView): Map<string, RoleUse[]> {
  const cached = usesCache.get(workspace);
  if (cached && cached.generation === workspace.generation) return cached.byFile;
  const byFile = new Map<string, RoleUse[]>();
  const add = (file: string, use: RoleUse) => {
    const list = byFile.get(file);
    if (list) {
      if (!list.some((other) => other.file === use.file && other.taskDefinition === use.taskDefinition && other.field === use.field)) {
        list.push(use);
      }
    } else byFile.set(file, [use]);
  };
  for (const file of workspace.files()) {
    for (const taskDefinition of file.document.taskDefinitions) {
      for (const field of ['taskRoleArn', 'executionRoleArn'] as const) {
        const roleName = roleNameOf(taskDefinition.node, field);
        if (!roleName) continue;
        const link = linkRole(workspace, roleName, file.path);
        if (!link) continue;
        const use: RoleUse = { file: file.path, taskDefinition, field, roleName, link };
        for (const source of link.sources) if (source.file) add(source.file, use);
        for (const trust of link.trustPolicies) add(trust.path, use);
      }
    }
  }
  usesCache.set(workspace, { generation: workspace.generation, byFile });
  return byFile;
}

/**
 * The AWS managed policies linked to the role whose documents do not ship with the extension (or an ARN the
 * linter cannot resolve): they may grant anything, so a missing permission cannot be claimed.
 */
export function opaquePolicies(link: RoleLink): string[] {
  return link.unresolved.filter(
    (entry) => isManagedPolicyName(entry) || entry === UNRESOLVED_MANAGED_ARN || entry === UNRESOLVED_POLICY_DOCUMENT,
  );
}

/** "iam/exec.json + AmazonECSTaskExecutionRolePolicy", and what of the `.ecs-iam.json` mapping does not count. */
export function describeLink(link: RoleLink): string {
  const parts = link.sources.map((source) => (source.kind === 'managed' ? source.label : `\`${source.label}\``));
  const linked = parts.length > 0 ? parts.join(' + ') : 'no permission policies';
  const mistakes = link.unresolved.filter(
    (entry) => !isManagedPolicyName(entry) && entry !== UNRESOLVED_MANAGED_ARN && entry !== UNRESOLVED_POLICY_DOCUMENT,
  );
  if (mistakes.length === 0 || !link.configFile) return linked;
  const shown = mistakes
    .slice(0, 3)
    .map((entry) => `\`${entry}\``)
    .join(', ');
  const names = mistakes.length > 3 ? `${shown} and ${mistakes.length - 3} more` : shown;
  const config = `\`${path.basename(link.configFile)}\``;
  return link.mappingFailed
    ? `${linked}, found by file name because nothing ${config} maps to the role can be used: ${names}; see the errors there`
    : `${linked}; not counted from ${config}: ${names}, see the errors there`;
}
