// Our own policy evaluation: does a set of identity policies allow action A on resource R?
// It follows the IAM evaluation logic for one principal's identity policies: an explicit Deny wins,
// then any Allow; nothing matching means an implicit deny. Conditions cannot be known offline, so a
// statement with a Condition makes the answer "allowed only if ..." instead of a guess.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
import { getNodeValue, type Node } from 'jsonc-parser';
import type { JsonDocument } from '../core/document';
import { statementsOf } from '../core/classify';
import { isIntrinsic, resolveStrings } from '../core/intrinsics';
import { arrayItems, property } from '../core/json';
import { matchesWildcard } from '../iam/wildcard';
import { patternCoversEverything, patternsIntersect, withoutPolicyVariables } from './patterns';

export interface EvaluatedStatement {
  effect: 'Allow' | 'Deny';
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  /** Condition operators and keys, e.g. `StringEquals aws:SourceAccount`. */
  conditions: string[];
  sid?: string;
  /** The statement's node when the policy comes from a workspace file. */
  node?: Node;
}

export interface PolicySource {
  /** How messages name it: a workspace-relative path or a managed policy name. */
  label: string;
  kind: 'file' | 'managed' | 'inline';
  /** Absolute path of a workspace file. */
  file?: string;
  document?: JsonDocument;
  policyNode?: Node;
  statements: EvaluatedStatement[];
}

export type Decision = 'allowed' | 'conditional' | 'denied' | 'not-allowed';

export interface StatementMatch {
  source: PolicySource;
  statement: EvaluatedStatement;
}

export interface Evaluation {
  decision: Decision;
  allowedBy: StatementMatch[];
  deniedBy: StatementMatch[];
  /** Why a conditional answer is conditional, in words. */
  conditions: string[];
}

/** The service principal that assumes both the task role and the execution role. */
export const ECS_TASKS_PRINCIPAL = 'ecs-tasks.amazonaws.com';

/** Whether a trust-policy statement (a parsed JSON object, and its service principals read from the node) lets ECS tasks assume the role. */
function trustsEcsTasks(statement: Record<string, unknown>, services: readonly string[]): boolean {
  if (statement.Effect !== 'Allow') return false;
  const actions = ([] as unknown[]).concat(statement.Action ?? []);
  if (!actions.some((action) => typeof action === 'string' && /^(sts:AssumeRole|sts:\*|\*)$/i.test(action))) return false;
  const principal = statement.Principal;
  if (principal === '*') return true;
  if (!principal || typeof principal !== 'object') return false;
  return services.includes(ECS_TASKS_PRINCIPAL);
}

/** Whether a trust policy (the object holding `Statement`) lets ECS tasks assume the role. */
export function policyTrustsEcsTasks(policyNode: Node): boolean {
  return statementsOf(policyNode).some((node) => trustsEcsTasks(getNodeValue(node) as Record<string, unknown>, servicePrincipals(node)));
}

/**
 * The service principals of a statement node. In a template a service may be written with intrinsics
 * (`Fn::Sub: ecs-tasks.${AWS::URLSuffix}`): a value it may take, or one it cannot rule out (a parameter
 * without a default), counts as ECS tasks, so the trust rule never errs on what it cannot know.
 */
function servicePrincipals(statementNode: Node): string[] {
  const service = property(property(statementNode, 'Principal'), 'Service');
  const items = service?.type === 'array' ? arrayItems(service) : service ? [service] : [];
  return items.flatMap((item) => {
    if (!isIntrinsic(item)) return item.type === 'string' ? [String(item.value)] : [];
    const patterns = resolveStrings(item, 'pattern') ?? ['*'];
    return patterns.map((pattern) => (matchesWildcard(pattern, ECS_TASKS_PRINCIPAL) ? ECS_TASKS_PRINCIPAL : pattern));
  });
}

const asStrings = (value: unknown): string[] | undefined =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;

/** Statements of a plain policy value (a parsed JSON object). */
export function statementsFromValue(policy: unknown, nodes: readonly Node[] = []): EvaluatedStatement[] {
  if (!policy || typeof policy !== 'object') return [];
  const raw = (policy as { Statement?: unknown }).Statement;
  const list = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? [raw] : [];
  const result: EvaluatedStatement[] = [];
  list.forEach((statement, index) => {
    if (!statement || typeof statement !== 'object') return;
    const s = statement as Record<string, unknown>;
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') return;
    const condition = s.Condition && typeof s.Condition === 'object' ? (s.Condition as Record<string, unknown>) : {};
    const conditions = Object.entries(condition).flatMap(([operator, keys]) =>
      keys && typeof keys === 'object' ? Object.keys(keys as object).map((key) => `${operator} ${key}`) : [operator],
    );
    result.push({
      effect: s.Effect,
      actions: asStrings(s.Action),
      notActions: asStrings(s.NotAction),
      resources: asStrings(s.Resource),
      notResources: asStrings(s.NotResource),
      conditions,
      sid: typeof s.Sid === 'string' ? s.Sid : undefined,
      node: nodes[index],
    });
  });
  return result;
}

/** A policy source from a policy object inside a parsed workspace document. */
export function sourceFromDocument(label: string, file: string | undefined, document: JsonDocument, policyNode: Node): PolicySource {
  const nodes = statementsOf(policyNode);
  const value = getNodeValue(policyNode);
  // statementsOf skips non-object items; statementsFromValue indexes the same filtered list.
  const statementValues = nodes.map((node) => getNodeValue(node));
  return {
    label,
    kind: 'file',
    file,
    document,
    policyNode,
    statements: statementsFromValue({ ...value, Statement: statementValues }, nodes),
  };
}

function actionMatches(statement: EvaluatedStatement, action: string): boolean {
  if (statement.actions) return statement.actions.some((pattern) => matchesWildcard(pattern, action));
  if (statement.notActions) return !statement.notActions.some((pattern) => matchesWildcard(pattern, action));
  return false;
}

/**
 * Whether the statement's resources can match the required resource. A required `*` (the action
 * takes no resource, like `ecr:GetAuthorizationToken`) is only matched by `Resource: "*"`.
 */
function resourceMatches(statement: EvaluatedStatement, resource: string): { matches: boolean; viaVariable: boolean } {
  const everything = patternCoversEverything(resource);
  let viaVariable = false;
  const test = (pattern: string): boolean => {
    const { pattern: plain, hadVariables } = withoutPolicyVariables(pattern);
    const hit = everything ? patternCoversEverything(plain) : patternsIntersect(plain, resource);
    if (hit && hadVariables) viaVariable = true;
    return hit;
  };
  if (statement.resources) return { matches: statement.resources.some(test), viaVariable };
  if (statement.notResources) {
    const excluded = statement.notResources.some((pattern) => {
      const plain = withoutPolicyVariables(pattern).pattern;
      return everything ? true : patternsIntersect(plain, resource);
    });
    return { matches: !excluded, viaVariable: false };
  }
  // Trust and resource policies may have no Resource; identity policies always do.
  return { matches: true, viaVariable: false };
}

const NOT_ALLOWED: Evaluation = Object.freeze({ decision: 'not-allowed', allowedBy: [], deniedBy: [], conditions: [] }) as Evaluation;

export function evaluate(sources: readonly PolicySource[], action: string, resource: string): Evaluation {
  // Most checks against most statements miss on the action: answer those without allocating.
  if (!sources.some((source) => source.statements.some((statement) => actionMatches(statement, action)))) return NOT_ALLOWED;
  const allowedBy: StatementMatch[] = [];
  const deniedBy: StatementMatch[] = [];
  const conditional = new Set<string>();
  let unconditionalAllow = false;
  let unconditionalDeny = false;
  let conditionalDeny = false;
  for (const source of sources) {
    for (const statement of source.statements) {
      if (!actionMatches(statement, action)) continue;
      const { matches, viaVariable } = resourceMatches(statement, resource);
      if (!matches) continue;
      const conditions = [...statement.conditions, ...(viaVariable ? ['a policy variable in Resource'] : [])];
      if (statement.effect === 'Deny') {
        deniedBy.push({ source, statement });
        if (conditions.length === 0) unconditionalDeny = true;
        else {
          conditionalDeny = true;
          conditions.forEach((condition) => conditional.add(`no Deny applies (${condition} in ${source.label})`));
        }
      } else {
        allowedBy.push({ source, statement });
        if (conditions.length === 0) unconditionalAllow = true;
        else conditions.forEach((condition) => conditional.add(`${condition} holds (${source.label})`));
      }
    }
  }
  let decision: Decision;
  if (unconditionalDeny) decision = 'denied';
  else if (unconditionalAllow && !conditionalDeny) decision = 'allowed';
  else if (allowedBy.length > 0) decision = 'conditional';
  else decision = 'not-allowed';
  return { decision, allowedBy, deniedBy, conditions: [...conditional] };
}
