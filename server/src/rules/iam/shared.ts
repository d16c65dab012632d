// Helpers shared by the IAM rules: which documents they apply to, the loop over conditions, statement
// helpers. Their fixes' text edits come from core/edits.ts.
import type { JsonDocument } from '../../core/document';
import { arrayItems, property, type Node } from '../../core/json';
import type { RuleContext } from '../../core/rule';
import { parseOperator, type ParsedOperator } from '../../iam/conditionOperators';
import { allStatements, conditionEntries, type ConditionEntry, type StatementView, type StringItem } from '../../iam/policyModel';
import { matchesWildcard } from '../../iam/wildcard';
import { removeNode, renderJson, replaceWithString } from '../../core/edits';
import { indentationAt, lineBreakOf } from '../../core/layout';
import type { DocumentKind, Fix, TextEdit } from '../../core/types';
import type { PolicyView } from '../../core/classify';

/** Policy files of every kind, and the policies inside CloudFormation templates. */
export const POLICY_KINDS: readonly DocumentKind[] = [
  'iam-identity-policy',
  'iam-resource-policy',
  'iam-trust-policy',
  'cloudformation-template',
];

/**
 * SCPs, RCPs and permissions boundaries grant nothing: they cap what other policies grant, so `Allow *`,
 * `NotAction` and service-wide statements are their normal shape (`FullAWSAccess`, a boundary allowing all but
 * IAM). The rules that judge a grant (`iam/admin-access`, `iam/service-wide-access`, `iam/allow-with-not`,
 * `iam/pass-role-any-role`, `iam/confused-deputy`) skip them.
 */
export function isGuardrail(policy: PolicyView): boolean {
  return policy.type === 'scp' || policy.type === 'rcp' || policy.type === 'permissions-boundary';
}

/**
 * The loop the condition rules share (`iam/condition-type`, `iam/condition-value`, `iam/set-operator`): every
 * condition entry (operator, key, values) of every statement, with its operator parsed; entries whose operator
 * IAM does not know are left to `iam/condition-operator`.
 */
export function forEachCondition(
  context: RuleContext,
  visit: (statement: StatementView, entry: ConditionEntry, operator: ParsedOperator) => void,
): void {
  for (const statement of allStatements(context.document)) {
    for (const entry of conditionEntries(statement)) {
      const operator = parseOperator(entry.operator);
      if (operator) visit(statement, entry, operator);
    }
  }
}

/** A fix that replaces a node with a JSON string. */
export function replaceFix(title: string, node: Node, value: string, isPreferred = true): Fix {
  return { title, edits: [replaceWithString(node, value)], isPreferred };
}

/** The AWS best-practice page the broad-grant rules (`iam/admin-access`, `iam/service-wide-access`) rest on. */
export const LEAST_PRIVILEGE_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege';

/** The elements whose value is a string or a list of strings. */
export const STRING_OR_LIST = ['Action', 'NotAction', 'Resource', 'NotResource'];

/** Whether a statement has both elements of a pair (`Action` and `NotAction`, ...): IAM accepts only one. */
export function hasBoth(statement: StatementView, first: string, second: string): boolean {
  return property(statement.node, first) !== undefined && property(statement.node, second) !== undefined;
}

/** Where a finding about a whole statement goes: its first key. */
export function statementAnchor(statement: StatementView) {
  return statement.node.children?.[0] ?? statement.node;
}

/** The principals of one type (`AWS`, `Service`, ...) of a statement; `"Principal": "*"` counts as `AWS`. */
export function principalValues(statement: StatementView, type: string): Node[] {
  const principal = statement.principalNode;
  if (!principal) return [];
  if (principal.type === 'string') return type === 'AWS' ? [principal] : [];
  const value = property(principal, type);
  return value?.type === 'array' ? arrayItems(value) : value ? [value] : [];
}

/** Inserts a statement after `statement` in its Statement array, with the same indentation. */
export function newStatementAfter(text: string, statement: StatementView, body: Record<string, unknown>): TextEdit {
  const node: Node = statement.node;
  const indent = indentationAt(text, node.offset);
  const eol = lineBreakOf(text);
  const multiline = /[\r\n]/.test(text.slice(node.offset, node.offset + node.length));
  const json = multiline ? renderJson(text, body, indent) : JSON.stringify(body).replace(/":/g, '": ').replace(/,"/g, ', "');
  const end = node.offset + node.length;
  if (node.parent?.type !== 'array') {
    // A single statement object: turn Statement into an array of two.
    return { offset: node.offset, length: node.length, newText: `[${text.slice(node.offset, end)}, ${json}]` };
  }
  return { offset: end, length: 0, newText: multiline ? `,${eol}${indent}${json}` : `, ${json}` };
}

/**
 * An Allow of `Action` on `"Resource": "*"` with no condition: what Cloudsplaining and checkov call "without
 * constraints". The risk rules (`iam/resource-star`, `iam/permissions-management`, ...) report only these: a
 * condition or a resource ARN is a constraint the author chose.
 */
export function isUnconstrainedAllow(statement: StatementView): boolean {
  return (
    grantsPermissions(statement) &&
    statement.effect === 'Allow' &&
    statement.actionKey === 'Action' &&
    statement.resourceKey === 'Resource' &&
    !statement.conditionNode &&
    statement.resources.some((item) => item.value === '*')
  );
}

/**
 * A statement of an identity-based policy: what its Allow grants is a permission. Permissions boundaries, SCPs
 * and RCPs only limit (their `"Allow": "*"` is normal), and resource and trust policies grant to others.
 */
export function grantsPermissions(statement: StatementView): boolean {
  return statement.policy.type === 'identity';
}

/** `*` and `service:*`: the broad grants `iam/admin-access` and `iam/service-wide-access` report already. */
export function isWholeServiceGrant(action: string): boolean {
  return action === '*' || /^[^:]*:\*$/.test(action);
}

/** The entries of a published action list (`iam/riskLists.ts`) that an action pattern of a policy covers. */
export function listedActionsMatching(pattern: string, list: readonly string[]): string[] {
  const colon = pattern.indexOf(':');
  const service = colon > 0 ? pattern.slice(0, colon) : '';
  // Most patterns name one service: only that service's entries can match (the lists are read for every action of every policy).
  const candidates = service && !/[*?]/.test(service) ? (byService(list).get(service.toLowerCase()) ?? []) : list;
  return candidates.filter((action) => matchesWildcard(pattern, action));
}

const listIndexes = new WeakMap<readonly string[], Map<string, string[]>>();

function byService(list: readonly string[]): Map<string, string[]> {
  let index = listIndexes.get(list);
  if (!index) {
    index = new Map();
    for (const action of list) {
      const service = action.slice(0, action.indexOf(':')).toLowerCase();
      index.set(service, [...(index.get(service) ?? []), action]);
    }
    listIndexes.set(list, index);
  }
  return index;
}

/** `s3:GetObject, ssm:GetParameter and 2 more`. */
export function listOf(names: readonly string[], limit = 3): string {
  const quoted = names.map((name) => `\`${name}\``);
  if (quoted.length <= limit) {
    return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
  }
  return `${quoted.slice(0, limit).join(', ')} and ${quoted.length - limit} more`;
}

/**
 * The service prefix of the resource a resource policy governs (`s3`, `kms`, ...): from its policy type (the
 * CloudFormation resource that holds it, `.ecs-iam.json`, or its content), else from its actions when they all
 * belong to one service; undefined when unknown.
 */
export function resourcePolicyService(document: JsonDocument, statement: StatementView): string | undefined {
  const { policy } = statement;
  if (policy.resourceType) return policy.resourceType.service;
  const services = new Set<string>();
  for (const other of allStatements(document)) {
    if (other.policy !== policy) continue;
    for (const item of other.actions) {
      const colon = item.value.indexOf(':');
      if (colon > 0 && !/[*?]/.test(item.value.slice(0, colon))) services.add(item.value.slice(0, colon).toLowerCase());
    }
  }
  return services.size === 1 ? [...services][0] : undefined;
}

/**
 * An entry of a statement's Action or Resource list that changes nothing: a repeat of an earlier entry
 * (`cover` undefined) or an entry a wildcard entry of the same list covers. Reported with the fix that removes it.
 */
export function reportRedundantEntry(context: RuleContext, item: StringItem, cover?: StringItem): void {
  context.report({
    at: item.node,
    message: cover
      ? `\`${item.value}\` is already covered by \`${cover.value}\` in the same statement; remove it (or narrow \`${cover.value}\`).`
      : `\`${item.value}\` appears twice in this statement; remove the repeat.`,
    fixes: [{ title: `Remove "${item.value}"`, edits: [removeNode(item.node)], isPreferred: true }],
  });
}
