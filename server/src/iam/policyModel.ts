// A read-only view of the policies in a document: statements with their elements as nodes, so every
// rule reports on the exact text. Built once per document and shared by the rules.
import { embeddedQuoteWidth } from '../core/embedded';
import type { JsonDocument } from '../core/document';
import type { PolicyKind, PolicyView } from '../core/classify';
import { statementsOf } from '../core/classify';
import { arrayItems, objectProperties, property, stringValue, type Node } from '../core/json';
import { isQuoted } from '../core/yamlStyle';

export const IAM_GRAMMAR_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html';
export const IAM_ELEMENTS_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html';
export const elementUrl = (element: string): string =>
  `https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_${element.toLowerCase()}.html`;

/** One string of an element that is a string or an array of strings. */
export interface StringItem {
  node: Node;
  value: string;
}

export interface StatementView {
  node: Node;
  policy: PolicyView;
  effect?: string;
  /** `Action` or `NotAction` (whichever is present; `Action` when both are). */
  actionKey?: 'Action' | 'NotAction';
  actionNode?: Node;
  actions: StringItem[];
  resourceKey?: 'Resource' | 'NotResource';
  resourceNode?: Node;
  resources: StringItem[];
  principalKey?: 'Principal' | 'NotPrincipal';
  principalNode?: Node;
  conditionNode?: Node;
}

export interface PolicyModel {
  policy: PolicyView;
  kind: PolicyKind;
  statements: StatementView[];
}

const cache = new WeakMap<JsonDocument, PolicyModel[]>();

export function policyModels(document: JsonDocument): PolicyModel[] {
  let models = cache.get(document);
  if (!models) {
    models = document.policies.map((policy) => ({
      policy,
      kind: policy.kind,
      statements: statementsOf(policy.node).map((node) => statementView(node, policy)),
    }));
    cache.set(document, models);
  }
  return models;
}

const statementsCache = new WeakMap<JsonDocument, StatementView[]>();

/** Every statement of every policy in the document (one array per document: every IAM rule asks). */
export function allStatements(document: JsonDocument): StatementView[] {
  let statements = statementsCache.get(document);
  if (!statements) {
    statements = policyModels(document).flatMap((model) => model.statements);
    statementsCache.set(document, statements);
  }
  return statements;
}

function statementView(node: Node, policy: PolicyView): StatementView {
  const actionKey = property(node, 'Action') !== undefined ? 'Action' : property(node, 'NotAction') !== undefined ? 'NotAction' : undefined;
  const resourceKey =
    property(node, 'Resource') !== undefined ? 'Resource' : property(node, 'NotResource') !== undefined ? 'NotResource' : undefined;
  const principalKey =
    property(node, 'Principal') !== undefined ? 'Principal' : property(node, 'NotPrincipal') !== undefined ? 'NotPrincipal' : undefined;
  const actionNode = actionKey ? property(node, actionKey) : undefined;
  const resourceNode = resourceKey ? property(node, resourceKey) : undefined;
  return {
    node,
    policy,
    effect: stringValue(property(node, 'Effect')),
    actionKey,
    actionNode,
    actions: stringItems(actionNode),
    resourceKey,
    resourceNode,
    resources: stringItems(resourceNode),
    principalKey,
    principalNode: principalKey ? property(node, principalKey) : undefined,
    conditionNode: property(node, 'Condition'),
  };
}

/** The strings of a value that is a string or an array (non-strings are skipped; the grammar rules report them). */
export function stringItems(node: Node | undefined): StringItem[] {
  if (!node) return [];
  if (node.type === 'string') return [{ node, value: node.value as string }];
  return arrayItems(node)
    .filter((item) => item.type === 'string')
    .map((item) => ({ node: item, value: item.value as string }));
}

/** Each `operator -> key -> values` entry of a Condition block. */
export interface ConditionEntry {
  operatorKey: Node;
  operator: string;
  keyNode: Node;
  key: string;
  valueNode: Node | undefined;
  values: StringItem[];
}

export function conditionEntries(statement: StatementView): ConditionEntry[] {
  const result: ConditionEntry[] = [];
  for (const operator of objectProperties(statement.conditionNode)) {
    for (const key of objectProperties(operator.value)) {
      const values: StringItem[] =
        key.value?.type === 'array'
          ? arrayItems(key.value)
              .filter((item) => ['string', 'number', 'boolean'].includes(item.type))
              .map((item) => ({ node: item, value: String(item.value) }))
          : key.value && ['string', 'number', 'boolean'].includes(key.value.type)
            ? [{ node: key.value, value: String(key.value.value) }]
            : [];
      result.push({ operatorKey: operator.key, operator: operator.name, keyNode: key.key, key: key.name, valueNode: key.value, values });
    }
  }
  return result;
}

/** `s3:GetObject` -> { service: 's3', name: 'GetObject' }; undefined when there is no colon. */
export function splitAction(action: string): { service: string; name: string } | undefined {
  const colon = action.indexOf(':');
  if (colon <= 0) return undefined;
  return { service: action.slice(0, colon), name: action.slice(colon + 1) };
}

/** Policy variables `${aws:username}` (not the `${*}`-style escapes). */
// Bounded, and no `{`/`$` inside: on text like `${${${...` an unbounded `[^}]+` rescans to the end from
// every `${` (quadratic; a fuzzed 230 KB value took 11 s).
export const POLICY_VARIABLE = /\$\{(?![*?$]\})[^{}$]{1,128}\}/;

/** The span and text of a string node's contents (without quotes): what fixes replace. */
export function contentSpan(node: Node): { offset: number; length: number } {
  // Inside a policy written as a JSON string, a quote is written `\"`: two characters.
  const width = embeddedQuoteWidth(node);
  if (width !== undefined) return { offset: node.offset + width, length: Math.max(0, node.length - 2 * width) };
  // A plain YAML scalar has no quotes.
  return isQuoted(node) ? { offset: node.offset + 1, length: node.length - 2 } : { offset: node.offset, length: node.length };
}

/** The statement's `Sid` for messages ("statement `ReadBucket`" or "statement 2"). */
export function statementLabel(statement: StatementView): string {
  const sid = stringValue(property(statement.node, 'Sid'));
  if (sid) return `statement \`${sid}\``;
  const parent = statement.node.parent;
  if (parent?.type === 'array') return `statement ${(parent.children ?? []).indexOf(statement.node) + 1}`;
  return 'the statement';
}

/** `statementLabel` at the start of a sentence. */
export function sentenceLabel(statement: StatementView): string {
  const label = statementLabel(statement);
  return label.charAt(0).toUpperCase() + label.slice(1);
}
