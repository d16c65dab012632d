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
import { yamlKeyLocation } from './yamlLocation';

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
  /** In YAML: the quote the scalar is written with (none for a plain scalar), and the column it starts at. */
  yaml?: { quote: '' | '"' | "'"; column: number };
}

/** A value as the document writes it: a JSON string, or a YAML scalar (in the typed quote, or plain when YAML allows). */
function scalar(typing: Typing, value: string): string {
  if (!typing.yaml) return JSON.stringify(value);
  const quote = typing.yaml.quote || (isPlainSafe(value) ? '' : "'");
  if (quote === "'") return `'${value.replace(/'/g, "''")}'`;
  if (quote === '"') return JSON.stringify(value);
  return value;
}

/** What the editor filters an item by: the scalar as it starts in the document (its opening quote, if any). */
function filterFor(typing: Typing, value: string): string {
  if (!typing.yaml) return JSON.stringify(value);
  return `${typing.yaml.quote}${value}`;
}

/** A YAML plain scalar can hold it: no indicator first (`*` is an alias, `!` a tag ...), no `: ` or ` #` inside. */
function isPlainSafe(value: string): boolean {
  return value.length > 0 && !/^[-?:,[\]{}#&*!|>'"%@`\s]/.test(value) && !/: |\s#|:$|\s$/.test(value);
}

export async function iamCompletions(document: JsonDocument, offset: number): Promise<CompletionSuggestion[]> {
  const typing = typingAt(document, offset);
  if (!typing) return [];
  await prepareIamData(document);
  const { node } = typing;
  for (const statement of allStatements(document)) {
    if (typing.yaml) {
      // A plain scalar being typed may parse as anything for a moment (`sqs:` is a key): where it is counts.
      const position = yamlConditionPosition(document, statement, typing);
      if (position === 'operator') return operatorCompletions(typing);
      if (position === 'key') return conditionKeyCompletions(statement, typing);
      if (within(node, statement.actionNode)) return actionCompletions(typing);
      if (within(node, statement.resourceNode)) return arnCompletions(statement, typing);
      continue;
    }
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
  if (document.format === 'yaml') return yamlTypingAt(document, offset);
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

/**
 * In YAML, the scalar being typed is read from the text: from the start of its token (after `- `, `: `,
 * `[`, `,`, or its opening quote) to its end, so that `sqs:` (a key, to the YAML parser, until an action
 * name follows) is still the action being typed. The node at its start places it in the policy.
 */
function yamlTypingAt(document: JsonDocument, offset: number): Typing | undefined {
  const text = document.text;
  let start = offset;
  while (start > 0 && !/[\s,[\]{}]/.test(text[start - 1])) start--;
  const quoteChar = text[start];
  const quote: '' | '"' | "'" = quoteChar === '"' || quoteChar === "'" ? quoteChar : '';
  // A key or value is typed here only after `- `, `: `, a flow indicator or the line's indentation.
  const before = text.slice(0, start).replace(/[ \t]+$/, '');
  const lineStart = Math.max(text.lastIndexOf('\n', start - 1), text.lastIndexOf('\r', start - 1)) + 1;
  if (!/(^|[:\-[,{\n\r])$/.test(before) && before.length >= lineStart) return undefined;
  let end = offset;
  while (end < text.length && !/[\s,\]}#]/.test(text[end])) end++;
  const found = nodeAtOffset(document.root, start) ?? nodeAtOffset(document.root, Math.max(0, start - 1));
  // Right after `Resource: ` at the end of the text: the property, whose (empty) value is being typed.
  const node = found?.type === 'property' && found.children?.[1] ? found.children[1] : found;
  if (!node) return undefined;
  return {
    node,
    replace: { offset: start, length: end - start },
    typed: text.slice(start + quote.length, offset),
    after: text
      .slice(end, text.indexOf('\n', end) < 0 ? text.length : text.indexOf('\n', end))
      .trimStart()
      .charAt(0),
    yaml: { quote, column: start - lineStart },
  };
}

/** Whether `node` is `ancestor` or below it. */
function within(node: Node | undefined, ancestor: Node | undefined): boolean {
  if (!ancestor) return false;
  for (let current = node; current; current = current.parent) if (current === ancestor) return true;
  return false;
}

/**
 * A YAML key being typed in a statement's Condition: an operator (a key of Condition) or a condition key
 * (a key of an operator). A word alone on its line parses as a key without value after other keys, or as
 * the value of the key above when the mapping has no keys yet (`Condition:` then `  StringEq`).
 */
function yamlConditionPosition(document: JsonDocument, statement: StatementView, typing: Typing): 'operator' | 'key' | undefined {
  const condition = statement.conditionNode;
  if (!condition || !within(typing.node, statement.node)) return undefined;
  const location = yamlKeyLocation(document, typing.replace.offset + (typing.typed.length + (typing.yaml?.quote.length ?? 0)));
  const mapping = location?.objectNode;
  if (mapping === condition) return 'operator';
  if (mapping && mapping.parent?.type === 'property' && mapping.parent.parent === condition) return 'key';
  // The value of Condition, or of one of its operators, typed on the next line.
  const owner = typing.node.parent;
  if (owner?.type === 'property' && owner.children?.[1] === typing.node && typing.node.type === 'string') {
    if (typing.node === condition) return 'operator';
    if (owner.parent === condition) return 'key';
  }
  // A key with no value yet, inside Condition or an operator's mapping.
  if (owner?.type === 'property' && owner.children?.[0] === typing.node) {
    if (owner.parent === condition) return 'operator';
    if (owner.parent?.parent?.parent === condition) return 'key';
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
      insertText: typing.yaml ? `${typing.yaml.quote}${prefix}:$0${typing.yaml.quote}` : `"${prefix}:$0"`,
      isSnippet: true,
      filterText: typing.yaml ? `${typing.yaml.quote}${prefix}:` : `"${prefix}:`,
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
      insertText: scalar(typing, name),
      filterText: filterFor(typing, name),
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
        const quote = typing.yaml ? typing.yaml.quote : '"';
        result.push({
          label,
          kind: 'snippet',
          detail: `${resourceType.service} ${resourceType.name}`,
          insertText: `${quote}${snippet}${quote}`,
          isSnippet: true,
          filterText: typing.yaml ? `${quote}${label}` : `"${label}"`,
          replace,
          sortText: `0${label}`,
        });
      }
    }
  }
  result.push({
    label: '*',
    kind: 'value',
    detail: 'every resource',
    insertText: scalar(typing, '*'),
    filterText: filterFor(typing, '*'),
    replace,
    sortText: '1',
  });
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
  if (typing.yaml) {
    // In YAML the key alone when its colon is there, else the key and its colon, and for an operator its
    // mapping's first key on the next line, one step in.
    const written = scalar(typing, key).replace(/[$}\\]/g, '\\$&');
    if (typing.after === ':') return { insertText: scalar(typing, key), isSnippet: false };
    return valueSnippet.startsWith('{')
      ? { insertText: `${written}:\n${' '.repeat(typing.yaml.column + 2)}$0`, isSnippet: true }
      : { insertText: `${written}: $0`, isSnippet: true };
  }
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
    filterText: filterFor(typing, label),
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
    filterText: filterFor(typing, key),
    replace,
    sortText,
  });
  const result: CompletionSuggestion[] = [...keys].map(([key, type]) => item(key, type, `0${key}`));
  for (const entry of GLOBAL_CONDITION_KEYS) {
    if (!keys.has(entry.key)) result.push(item(entry.key, `${entry.type} (global)`, `1${entry.key}`, entry.description));
  }
  return result;
}
