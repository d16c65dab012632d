// Completion inside IAM policies: service prefixes then actions, ARN templates for the statement's
// actions, condition operators and the condition keys valid for the statement.
//
// Every item replaces the string being typed from its opening quote, so its filterText starts with that
// quote too: VS Code filters an item by the text between the start of its range and the cursor (`"sqs:`),
// and drops the items whose filterText (by default the label, `sqs:SendMessage`) does not match it.
import { getLocation } from 'jsonc-parser';
import type { JsonDocument } from '../core/document';
import { nodeAtOffset, type Node } from '../core/json';
import type { TextSpan } from '../core/types';
import { resolveAction } from '../iam/actions';
import { catalogIndex, loadService, loadedService } from '../iam/catalog';
import { allOperatorSpellings, parseOperator } from '../iam/conditionOperators';
import { GLOBAL_CONDITION_KEYS } from '../iam/globalConditionKeys';
import { allStatements, type StatementView } from '../iam/policyModel';
import { prepareIamData } from '../iam/preparer';
import { actionResources } from '../iam/resources';
import type { CompletionSuggestion } from './completion';

/** Where the cursor is: the string being typed (possibly without its closing quote yet), or a bare key position. */
interface Typing {
  /** The node the cursor is in: the string, or the object whose key is being written. */
  node: Node;
  /** What the items replace: from the opening quote through the closing one when there is one. */
  replace: TextSpan;
  /** The text typed between the opening quote and the cursor. */
  typed: string;
  /** What follows the replaced text: a `:` (the key already has its value), a `"` (a next key, needs a comma). */
  after: string;
}

export async function iamCompletions(document: JsonDocument, offset: number): Promise<CompletionSuggestion[]> {
  const typing = typingAt(document, offset);
  if (!typing) return [];
  await prepareIamData(document);
  const { node } = typing;
  for (const statement of allStatements(document)) {
    if (node.type === 'string') {
      if (statement.actions.some((item) => item.node === node) || isArrayItemOf(node, statement.actionNode)) {
        return actionCompletions(typing);
      }
      if (statement.resources.some((item) => item.node === node) || isArrayItemOf(node, statement.resourceNode)) {
        return arnCompletions(statement, typing);
      }
    }
    const position = conditionPosition(statement, node);
    if (position === 'operator') return operatorCompletions(typing);
    if (position === 'key') return conditionKeyCompletions(statement, typing);
  }
  return [];
}

function typingAt(document: JsonDocument, offset: number): Typing | undefined {
  // The replace ranges and snippets below are written for JSON strings; YAML gets no IAM completion yet.
  if (document.format === 'yaml') return undefined;
  const node = nodeAtOffset(document.root, offset);
  if (!node) return undefined;
  const text = document.text;
  if (node.type === 'string') {
    if (offset <= node.offset) return undefined;
    // The string ends at its closing quote, or, while it has none yet, where the value being typed ends
    // (jsonc-parser runs an unterminated string on to the next quote: `["sqs:], "Resource"`).
    let end = offset;
    while (end < text.length && !/["\s,\]}]/.test(text[end])) end++;
    const closed = text[end] === '"' && end < node.offset + node.length;
    if (closed) end++;
    return {
      node,
      replace: { offset: node.offset, length: end - node.offset },
      typed: text.slice(node.offset + 1, offset),
      after: text.slice(end).trimStart().charAt(0),
    };
  }
  // A key position with no quote typed yet: `"Condition": {|}`.
  if (node.type === 'object' && getLocation(text, offset).isAtPropertyKey) {
    return { node, replace: { offset, length: 0 }, typed: '', after: text.slice(offset).trimStart().charAt(0) };
  }
  return undefined;
}

function isArrayItemOf(node: Node, element: Node | undefined): boolean {
  return !!element && (node === element || node.parent === element);
}

/** Suggest again once the item is in: after a service prefix come its actions, after an operator its keys. */
const RETRIGGER = true;

async function actionCompletions(typing: Typing): Promise<CompletionSuggestion[]> {
  const index = catalogIndex();
  if (!index) return [];
  const { typed, replace } = typing;
  const colon = typed.indexOf(':');
  if (colon < 0) {
    return index.prefixes.map((prefix) => ({
      label: `${prefix}:`,
      kind: 'module' as const,
      detail: index.serviceNames.get(prefix),
      // The cursor stays before the closing quote, where the action name goes.
      insertText: `"${prefix}:$0"`,
      isSnippet: true,
      filterText: `"${prefix}:`,
      replace,
      retrigger: RETRIGGER,
    }));
  }
  const service = await loadService(typed.slice(0, colon).toLowerCase());
  if (!service) return [];
  return service.actions.map((action) => {
    const name = `${service.prefix}:${action.name}`;
    return {
      label: name,
      kind: 'function' as const,
      detail: action.accessLevel,
      documentation: action.description,
      insertText: JSON.stringify(name),
      filterText: JSON.stringify(name),
      replace,
    };
  });
}

function arnCompletions(statement: StatementView, typing: Typing): CompletionSuggestion[] {
  const { replace } = typing;
  const seen = new Set<string>();
  const result: CompletionSuggestion[] = [];
  for (const item of statement.actions) {
    const resolved = resolveAction(item.value);
    if (resolved.kind !== 'service') continue;
    for (const action of resolved.actions.slice(0, 50)) {
      for (const { resourceType } of actionResources(action)) {
        if (seen.has(resourceType.arnPattern)) continue;
        seen.add(resourceType.arnPattern);
        let counter = 0;
        const snippet = resourceType.arnPattern.replace(
          /\$\{([^}]+)\}/g,
          (_match, name: string) => `\${${++counter}:${name === 'Partition' ? 'aws' : name}}`,
        );
        const label = resourceType.arnPattern.replace('${Partition}', 'aws');
        result.push({
          label,
          kind: 'snippet',
          detail: `${resourceType.service} ${resourceType.name}`,
          insertText: `"${snippet}"`,
          isSnippet: true,
          filterText: `"${label}"`,
          replace,
          sortText: `0${label}`,
        });
      }
    }
  }
  result.push({ label: '*', kind: 'value', detail: 'every resource', insertText: '"*"', filterText: '"*"', replace, sortText: '1' });
  return result;
}

/** `operator` for a key of the Condition object, `key` for a key of an operator's object. */
function conditionPosition(statement: StatementView, node: Node): 'operator' | 'key' | undefined {
  const condition = statement.conditionNode;
  if (!condition) return undefined;
  // The object itself, at a key position with nothing typed yet.
  if (node.type === 'object') {
    if (node === condition) return 'operator';
    return node.parent?.type === 'property' && node.parent.parent === condition ? 'key' : undefined;
  }
  const property = node.parent;
  if (property?.type !== 'property' || property.children?.[0] !== node) return undefined;
  if (property.parent === condition) return 'operator';
  if (property.parent?.parent?.parent === condition) return 'key';
  return undefined;
}

/**
 * A key: alone when it already has its value (`"|": {...}`), else with the value's skeleton, and a comma
 * when another key follows.
 */
function keyInsert(typing: Typing, key: string, valueSnippet: string): { insertText: string; isSnippet: boolean } {
  if (typing.after === ':') return { insertText: JSON.stringify(key), isSnippet: false };
  return {
    insertText: `${JSON.stringify(key).replace(/[$}\\]/g, '\\$&')}: ${valueSnippet}${typing.after === '"' ? ',' : ''}`,
    isSnippet: true,
  };
}

function operatorCompletions(typing: Typing): CompletionSuggestion[] {
  const labels = allOperatorSpellings().flatMap((name) => [
    name,
    ...(parseOperator(name)?.family === 'Null' ? [] : [`ForAnyValue:${name}`, `ForAllValues:${name}`]),
  ]);
  return labels.map((label, index) => ({
    label,
    kind: 'keyword' as const,
    detail: parseOperator(label)?.explanation,
    ...keyInsert(typing, label, '{\n\t"$1": "$2"\n}'),
    filterText: JSON.stringify(label),
    replace: typing.replace,
    // The operators people use most first, in the catalogue's order; set qualifiers after them.
    sortText: `${label.includes(':') ? 1 : 0}${String(index).padStart(4, '0')}`,
    retrigger: typing.after !== ':' && RETRIGGER,
  }));
}

function conditionKeyCompletions(statement: StatementView, typing: Typing): CompletionSuggestion[] {
  const keys = new Map<string, string>();
  for (const item of statement.actions) {
    const resolved = resolveAction(item.value);
    if (resolved.kind !== 'service') continue;
    const service = loadedService(resolved.service)!;
    for (const action of resolved.actions.slice(0, 200)) {
      for (const key of service.conditionKeysOf(action)) if (!keys.has(key)) keys.set(key, service.conditionKey(key)?.type ?? '');
    }
  }
  const { replace } = typing;
  const item = (key: string, detail: string, sortText: string, documentation?: string): CompletionSuggestion => ({
    label: key,
    kind: 'property',
    detail,
    documentation,
    ...keyInsert(typing, key, '"$1"'),
    filterText: JSON.stringify(key),
    replace,
    sortText,
  });
  const result: CompletionSuggestion[] = [...keys].map(([key, type]) => item(key, type, `0${key}`));
  for (const entry of GLOBAL_CONDITION_KEYS) {
    if (!keys.has(entry.key)) result.push(item(entry.key, `${entry.type} (global)`, `1${entry.key}`, entry.description));
  }
  return result;
}
