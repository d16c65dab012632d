// Role links inside one CloudFormation template: TaskRoleArn / ExecutionRoleArn name a role resource
// explicitly (Fn::GetAtt [Role, Arn], Ref Role, Fn::Sub "...:role/${Role}"), and that role's inline
// Policies, ManagedPolicyArns and the AWS::IAM::Policy / ManagedPolicy resources attached to it are its
// permission policies. The result has the RoleLink shape of the workspace linking, so every role check
// runs unchanged; fixes edit the template itself.
import { getNodeValue } from 'jsonc-parser';
import { statementsOf, templateResources, type TemplateResource } from '../core/classify';
import type { JsonDocument } from '../core/document';
import { branchesOf, intrinsicOf, isIntrinsic, resolveStrings } from '../core/intrinsics';
import { arrayItems, property, stringValue, type Node } from '../core/json';
import type { TextEdit } from '../core/types';
import { indentationAt, indentUnit } from '../core/layout';
import { appendArrayItem, insertProperty, renderJson } from '../core/edits';
import { policyTrustsEcsTasks, statementsFromValue, type PolicySource } from './evaluate';
import type { PolicyView } from '../core/classify';
import type { RoleField, RoleLink, RoleUse } from './linking';
import { managedPolicySource, UNRESOLVED_MANAGED_ARN, UNRESOLVED_POLICY_DOCUMENT } from './managedPolicies';
import { embeddedDocumentOf } from '../core/embedded';
import { hclAddInlinePolicy } from '../core/hclEdits';

export interface TemplateRole {
  /** Logical id of the AWS::IAM::Role resource. */
  id: string;
  /** The key that holds the logical id (where the CodeLens reveals the role). */
  idNode: Node;
  /** Its Properties object (where a fix adds `Policies`). */
  properties: Node;
  /** Set when the role is written in another file than the one analysed (a Terraform module's other `.tf` file). */
  file?: string;
  document?: JsonDocument;
}

/** The AWS::IAM::Role resource a role field names, if it is defined in the same template. */
export function templateRoleOf(document: JsonDocument, taskDefinition: Node, field: RoleField): TemplateRole | undefined {
  const value = property(taskDefinition, field);
  if (!value || !document.root) return undefined;
  const { byId } = indexOf(document.root);
  for (const branch of branchesOf(value)) {
    const id = referencedResource(branch);
    const resource = id ? byId.get(id) : undefined;
    if (resource?.type === 'AWS::IAM::Role' && resource.properties?.type === 'object') {
      return { id: resource.id, idNode: resource.idNode, properties: resource.properties };
    }
  }
  return undefined;
}

/**
 * Every AWS::IAM::Role resource of the template (the ones a role field can name, as `templateRoleOf` reads
 * them), with whether its trust policy (AssumeRolePolicyDocument, both branches of a Fn::If) lets ECS
 * tasks assume it.
 */
export function templateRoles(document: JsonDocument): Array<TemplateRole & { trustsEcsTasks: boolean }> {
  // A logical id written twice: the last one counts, as for every JSON key.
  const roles = new Map<string, TemplateResource>();
  for (const resource of templateResources(document.root)) roles.set(resource.id, resource);
  return [...roles.values()]
    .filter((resource) => resource.type === 'AWS::IAM::Role' && resource.properties?.type === 'object')
    .map((resource) => {
      const properties = resource.properties!;
      const inside = (node: Node) => node.offset >= properties.offset && node.offset + node.length <= properties.offset + properties.length;
      const trust = document.policies.filter((policy) => policy.kind === 'trust' && policy.resource === resource.id && inside(policy.node));
      return {
        id: resource.id,
        idNode: resource.idNode,
        properties,
        trustsEcsTasks: trust.some((policy) => policyTrustsEcsTasks(policy.node)),
      };
    });
}

interface TemplateIndex {
  byId: Map<string, TemplateResource>;
  /** AWS::IAM::Policy, ManagedPolicy and RolePolicy resources with the role ids and names they attach to. */
  attachments: Array<{ resource: TemplateResource; roles: Set<string> }>;
}
const indexes = new WeakMap<Node, TemplateIndex>();

function indexOf(root: Node): TemplateIndex {
  let index = indexes.get(root);
  if (!index) {
    const resources = templateResources(root);
    const attachments: TemplateIndex['attachments'] = [];
    for (const resource of resources) {
      if (resource.type !== 'AWS::IAM::Policy' && resource.type !== 'AWS::IAM::ManagedPolicy' && resource.type !== 'AWS::IAM::RolePolicy') {
        continue;
      }
      const refs =
        resource.type === 'AWS::IAM::RolePolicy'
          ? [property(resource.properties, 'RoleName')]
          : arrayItems(property(resource.properties, 'Roles'));
      const roles = new Set<string>();
      for (const ref of refs) {
        for (const branch of ref ? branchesOf(ref) : []) {
          const name = referencedResource(branch) ?? stringValue(branch);
          if (name) roles.add(name);
        }
      }
      attachments.push({ resource, roles });
    }
    index = { byId: new Map(resources.map((resource) => [resource.id, resource])), attachments };
    indexes.set(root, index);
  }
  return index;
}

/** `Fn::GetAtt [X, Arn]`, `Ref X`, or a Fn::Sub whose only variable that is not a pseudo parameter is `${X}`. */
function referencedResource(node: Node): string | undefined {
  const intrinsic = intrinsicOf(node);
  if (!intrinsic) return undefined;
  if (intrinsic.name === 'Ref') return stringValue(intrinsic.argument);
  if (intrinsic.name === 'Fn::GetAtt') {
    const parts =
      intrinsic.argument?.type === 'array'
        ? arrayItems(intrinsic.argument).map(stringValue)
        : (stringValue(intrinsic.argument) ?? '').split('.');
    return parts[1] === 'Arn' ? parts[0] : undefined;
  }
  if (intrinsic.name === 'Fn::Sub') {
    const text = stringValue(intrinsic.argument?.type === 'array' ? arrayItems(intrinsic.argument)[0] : intrinsic.argument) ?? '';
    const match = /:role\/(?:[^$]*\/)?\$\{([A-Za-z0-9]+)(?:\.Arn)?\}$/.exec(text) ?? /^\$\{([A-Za-z0-9]+)\.Arn\}$/.exec(text);
    return match?.[1];
  }
  return undefined;
}

const cache = new WeakMap<Node, { roleName: string; link: RoleLink; role: TemplateRole } | null>();

/** The link of a role field to a role defined in the same template, or undefined (then workspace linking applies). */
export function templateRoleLink(
  document: JsonDocument,
  taskDefinition: Node,
  field: RoleField,
  filePath: string | undefined,
): { roleName: string; link: RoleLink; role: TemplateRole } | undefined {
  const role = templateRoleOf(document, taskDefinition, field);
  if (!role) return undefined;
  const cached = cache.get(role.properties);
  if (cached !== undefined) return cached ?? undefined;
  const { roleName, sources, unresolved } = roleSources(document, role, filePath);
  // An unresolvable managed policy may grant anything: the link is then not complete enough to judge.
  const result =
    unresolved.length > 0 && sources.length === 0
      ? null
      : { roleName, role, link: { roleName, sources, trustPolicies: [], how: 'template' as const, unresolved } };
  cache.set(role.properties, result);
  return result ?? undefined;
}

/**
 * The permission policies of a role resource: its inline Policies, its ManagedPolicyArns (template managed
 * policies, and the AWS managed policies whose documents ship with the extension), and the AWS::IAM::Policy /
 * ManagedPolicy resources whose Roles name it. `unresolved` lists managed policy ARNs that could not be read.
 */
export function roleSources(
  document: JsonDocument,
  role: TemplateRole,
  filePath: string | undefined,
): { roleName: string; sources: PolicySource[]; unresolved: string[] } {
  const roleName = stringValue(property(role.properties, 'RoleName')) ?? role.id;
  const sources: PolicySource[] = [];
  const unresolved: string[] = [];
  const label = (what: string) => `${role.id} ${what}`;
  // A Terraform address names its type already (`aws_iam_role_policy.exec`); a logical id gets its type.
  const typed = (id: string, type: string) => (document.format === 'hcl' || document.terraformJson ? id : `${id} (${type})`);

  arrayItems(property(role.properties, 'Policies'))
    .flatMap(branchesOf)
    .forEach((entry, index) => {
      for (const written of branchesOf(property(entry, 'PolicyDocument') ?? entry)) {
        const policyNode = policyTree(written);
        if (policyNode === 'unreadable') unresolved.push(UNRESOLVED_POLICY_DOCUMENT);
        if (typeof policyNode !== 'object') continue;
        const name = stringValue(property(entry, 'PolicyName')) ?? `policy ${index + 1}`;
        sources.push(templateSource(label(`inline policy ${name}`), filePath, document, policyNode));
      }
    });

  const { byId, attachments } = indexOf(document.root!);
  for (const arnNode of arrayItems(property(role.properties, 'ManagedPolicyArns')).flatMap(branchesOf)) {
    const target = referencedResource(arnNode);
    const local = target ? byId.get(target) : undefined;
    if (local?.type === 'AWS::IAM::ManagedPolicy') {
      const written = property(local.properties, 'PolicyDocument');
      const policyNode = written ? policyTree(written) : undefined;
      if (policyNode === 'unreadable') unresolved.push(UNRESOLVED_POLICY_DOCUMENT);
      if (typeof policyNode === 'object') {
        sources.push(templateSource(typed(local.id, 'AWS::IAM::ManagedPolicy'), filePath, document, policyNode));
      }
      continue;
    }
    const arn = resolveStrings(arnNode, 'exact')?.[0];
    const managed = arn ? managedPolicySource(arn) : undefined;
    if (managed) sources.push(managed);
    else unresolved.push(arn ?? UNRESOLVED_MANAGED_ARN);
  }

  // AWS::IAM::Policy and ManagedPolicy resources whose Roles list names this role.
  for (const { resource, roles } of attachments) {
    if (!roles.has(role.id) && !roles.has(roleName)) continue;
    const written = property(resource.properties, 'PolicyDocument');
    const policyNode = written ? policyTree(written) : undefined;
    if (policyNode === 'unreadable') unresolved.push(UNRESOLVED_POLICY_DOCUMENT);
    if (typeof policyNode === 'object') {
      sources.push(templateSource(typed(resource.id, resource.type), filePath, document, policyNode));
    }
  }

  return { roleName, sources, unresolved };
}

/**
 * The policy document a template value holds: the object, or the document parsed from a JSON string (or a
 * Fn::Sub / Fn::Join of one); 'unreadable' for a string or intrinsic the linter cannot read, which may grant anything.
 */
function policyTree(value: Node): Node | 'unreadable' | undefined {
  if (value.type === 'object' && !isIntrinsic(value)) return value;
  if (value.type === 'string' || isIntrinsic(value)) return embeddedDocumentOf(value) ?? 'unreadable';
  return undefined;
}

/** Every AWS::IAM::Role resource of the template with its permission policies (`roleSources`). */
export function templateRolePolicies(
  document: JsonDocument,
  filePath: string | undefined,
): Array<{ role: TemplateRole; roleName: string; sources: PolicySource[]; unresolved: string[] }> {
  return templateRoles(document).map((role) => ({ role, ...roleSources(document, role, filePath) }));
}

/**
 * A policy source from a policy document in the template. Intrinsic values become patterns (an unknown
 * part is `*`), so a Resource built with Fn::Sub or Ref matches what it may name at deploy time.
 */
export function templateSource(label: string, filePath: string | undefined, document: JsonDocument, policyNode: Node): PolicySource {
  const nodes = statementsOf(policyNode);
  return {
    label,
    kind: 'file',
    file: filePath,
    document,
    policyNode,
    statements: statementsFromValue({ Statement: nodes.map(patternValue) }, nodes),
  };
}

/** getNodeValue with intrinsic functions replaced by their resolved patterns (several for a Fn::If). */
function patternValue(node: Node): unknown {
  if (isIntrinsic(node)) {
    const values = resolveStrings(node, 'pattern') ?? ['*'];
    return values.length === 1 ? values[0] : values;
  }
  if (node.type === 'array') {
    return arrayItems(node).flatMap((item) => {
      const value = patternValue(item);
      return isIntrinsic(item) && Array.isArray(value) ? value : [value];
    });
  }
  if (node.type === 'object') {
    const result: Record<string, unknown> = {};
    for (const prop of node.children ?? []) {
      const key = prop.children?.[0];
      const value = prop.children?.[1];
      if (key && value) result[String(key.value)] = patternValue(value);
    }
    return result;
  }
  return getNodeValue(node);
}

/** The edit that gives a role without an inline policy one (`Policies` entry) holding `statements`. */
export function addInlinePolicyEdit(
  document: JsonDocument,
  role: TemplateRole,
  policyName: string,
  statements: ReadonlyArray<Record<string, unknown>>,
): TextEdit {
  const text = document.text;
  if (document.format === 'hcl') {
    const edit = hclAddInlinePolicy(text, role.properties, policyName, statements);
    if (edit) return edit;
  }
  const unit = indentUnit(text);
  const entry = { PolicyName: policyName, PolicyDocument: { Version: '2012-10-17', Statement: statements } };
  const policies = property(role.properties, 'Policies');
  if (policies?.type === 'array') {
    const last = arrayItems(policies).at(-1);
    const indent = last ? indentationAt(text, last.offset) : indentationAt(text, policies.offset) + unit;
    return appendArrayItem(text, policies, renderJson(text, entry, indent));
  }
  const children = role.properties.children ?? [];
  const indent = children.length > 0 ? indentationAt(text, children[0].offset) : indentationAt(text, role.properties.offset) + unit;
  return insertProperty(text, role.properties, 'Policies', renderJson(text, [entry], indent));
}

/**
 * The task-definition role fields of a template that a policy of the same template belongs to: the trust
 * policy or an inline policy of the role resource, or an AWS::IAM::Policy / ManagedPolicy attached to it.
 */
export function templatePolicyUses(
  document: JsonDocument,
  policy: PolicyView,
  filePath: string | undefined,
): Array<RoleUse & { as: 'permission' | 'trust' }> {
  // Four rules ask for every policy of the template: answer once per policy.
  let uses = policyUsesCache.get(policy.node);
  if (!uses) {
    uses = readPolicyUses(document, policy, filePath);
    policyUsesCache.set(policy.node, uses);
  }
  return uses;
}
const policyUsesCache = new WeakMap<Node, Array<RoleUse & { as: 'permission' | 'trust' }>>();

function readPolicyUses(
  document: JsonDocument,
  policy: PolicyView,
  filePath: string | undefined,
): Array<RoleUse & { as: 'permission' | 'trust' }> {
  if (!document.root || !policy.resource) return [];
  const { byId, attachments } = indexOf(document.root);
  const usesByRole = roleUsesOf(document, filePath);
  if (usesByRole.size === 0) return [];
  const owner = byId.get(policy.resource);
  const roleIds = new Set<string>();
  if (owner?.type === 'AWS::IAM::Role') roleIds.add(owner.id);
  for (const attachment of attachments) {
    if (attachment.resource.id === policy.resource) attachment.roles.forEach((role) => roleIds.add(role));
  }
  // A template ManagedPolicy named in a role's ManagedPolicyArns.
  if (owner?.type === 'AWS::IAM::ManagedPolicy') {
    for (const roleId of usesByRole.keys()) {
      const role = byId.get(roleId);
      if (
        arrayItems(property(role?.properties, 'ManagedPolicyArns'))
          .flatMap(branchesOf)
          .some((arn) => referencedResource(arn) === policy.resource)
      ) {
        roleIds.add(roleId);
      }
    }
  }
  const as = policy.kind === 'trust' ? 'trust' : 'permission';
  return [...roleIds].flatMap((roleId) => (usesByRole.get(roleId) ?? []).map((use) => ({ ...use, as })));
}

const roleUsesCache = new WeakMap<Node, Map<string, RoleUse[]>>();

/** Role resource id -> the task-definition role fields that name it, computed once per template. */
function roleUsesOf(document: JsonDocument, filePath: string | undefined): Map<string, RoleUse[]> {
  let uses = roleUsesCache.get(document.root!);
  if (!uses) {
    uses = new Map();
    for (const view of document.taskDefinitions) {
      for (const field of ['taskRoleArn', 'executionRoleArn'] as const) {
        const linked = templateRoleLink(document, view.node, field, filePath);
        if (!linked) continue;
        const list = uses.get(linked.role.id) ?? [];
        list.push({ file: filePath ?? 'this template', taskDefinition: view, field, roleName: linked.roleName, link: linked.link });
        uses.set(linked.role.id, list);
      }
    }
    roleUsesCache.set(document.root!, uses);
  }
  return uses;
}
