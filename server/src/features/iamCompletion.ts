// Completion inside IAM policies: service prefixes then actions, ARN templates for the statement's
// actions, condition operators, the condition keys ranked for the statement (conditionKeyRanking.ts), and in
// `Principal` its types and their values (service principals, identity providers, account and role ARNs).
//
// Every item replaces the string being typed from its opening quote, so its filterText starts with that
// quote too: VS Code filters an item by the text between the start of its range and the cursor (`"sqs:`),
// and drops the items whose filterText (by default the label, `sqs:SendMessage`) does not match it.
import { getLocation } from 'jsonc-parser';
import type { JsonDocument } from '../core/document';
import { nodeAtOffset, type Node } from '../core/json';
import type { TextSpan } from '../core/types';
import { resolveAction } from '../iam/actions';
import { catalogIndex, loadService } from '../iam/catalog';
import { allOperatorSpellings, parseOperator } from '../iam/conditionOperators';
import { allStatements, type StatementView } from '../iam/policyModel';
import { prepareIamData } from '../iam/preparer';
import { actionResources } from '../iam/resources';
import type { CompletionContext, CompletionSuggestion } from './completion';
import { rankConditionKeys } from './conditionKeyRanking';
import { FEDERATED_PROVIDERS, PRINCIPAL_TYPES, SERVICE_PRINCIPALS, SERVICE_PRINCIPALS_SOURCE } from '../iam/principals';
import { workspaceRoles } from './roleCompletion';
import { findPlaceholders } from '../core/placeholders';
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
  /** In HCL: a key of a `jsonencode` object (`"aws:SourceAccount" = ...`), or a value (`test = "StringEquals"`). */
  hcl?: { key: boolean };
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

export async function iamCompletions(
  document: JsonDocument,
  offset: number,
  context: CompletionContext = {},
): Promise<CompletionSuggestion[]> {
  const typing = typingAt(document, offset);
  if (!typing) return [];
  await prepareIamData(document);
  const { node } = typing;
  for (const statement of allStatements(document)) {
    const principal = principalPosition(document, statement, typing);
    if (principal) return principalCompletions(document, typing, principal, context);
    if (typing.yaml) {
      // A plain scalar being typed may parse as anything for a moment (`sqs:` is a key): where it is counts.
      const position = yamlConditionPosition(document, statement, typing);
      if (position === 'operator') return operatorCompletions(typing);
      if (position === 'key') return conditionKeyCompletions(statement, typing, yamlOperatorOf(document, statement, typing));
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
    if (position === 'key') return conditionKeyCompletions(statement, typing, operatorOf(statement, node));
  }
  return [];
}

/** Where the cursor is in an IAM policy of a Terraform file (found by `hclLocation.ts`). */
export type HclIamPosition =
  | { at: 'action' | 'resource' | 'effect' }
  | { at: 'operator' | 'principal-type'; key?: boolean }
  | { at: 'condition-key'; operator?: string; key?: boolean }
  | { at: 'principal'; type: string };

/**
 * IAM completion in a Terraform file: actions, ARNs, `Allow`/`Deny`, operators, condition keys, principal
 * types and values, in a `statement` block's arguments or a `jsonencode` policy. Strings are written as in
 * JSON (HCL's strings are); a key of a `jsonencode` object as `key = value`.
 */
export async function hclIamCompletions(
  document: JsonDocument,
  offset: number,
  cursor: { replace: TextSpan; typed: string; after: string; quoted: boolean },
  position: HclIamPosition,
  context: CompletionContext = {},
): Promise<CompletionSuggestion[]> {
  await prepareIamData(document);
  const statement = statementAt(document, offset);
  const typing: Typing = {
    node: statement?.node ?? (document.root as Node),
    replace: cursor.replace,
    typed: cursor.typed,
    after: cursor.after,
    hcl: { key: 'key' in position && position.key === true },
  };
  let items: CompletionSuggestion[] = [];
  switch (position.at) {
    case 'action':
      items = await actionCompletions(typing);
      break;
    case 'resource':
      items = arnCompletions(statement ?? unparsedStatement(document), typing);
      break;
    case 'effect':
      items = ['Allow', 'Deny'].map((value, index) => ({
        label: value,
        kind: 'enum' as const,
        detail: 'Effect',
        insertText: JSON.stringify(value),
        filterText: JSON.stringify(value),
        replace: typing.replace,
        sortText: String(index),
      }));
      break;
    case 'operator':
      items = operatorCompletions(typing);
      break;
    case 'condition-key':
      items = conditionKeyCompletions(statement ?? unparsedStatement(document), typing, position.operator);
      break;
    case 'principal-type':
      items = principalCompletions(document, typing, { at: 'key' }, context);
      break;
    case 'principal':
      items = principalCompletions(document, typing, { at: 'value', type: position.type }, context);
      break;
  }
  // A value typed without its quote yet is matched against the label.
  return items.map((item) => ({ ...withoutInterpolation(item), ...(cursor.quoted ? {} : { filterText: item.label }) }));
}

/**
 * `${TagKey}` in a condition key is a placeholder to replace; in an HCL string it would be an interpolation, so
 * it becomes a tab stop (`aws:ResourceTag/TagKey`, `TagKey` selected).
 */
function withoutInterpolation(item: CompletionSuggestion): CompletionSuggestion {
  const snippet = item.isSnippet ? item.insertText : item.insertText.replace(/[$}\\]/g, '\\$&');
  if (!/\\\$\{[^}]*\\\}/.test(snippet)) return item;
  // The placeholders are the first tab stops; the snippet's own ones ($1, ${2:x}; $0 stays last) come after them.
  const count = snippet.match(/\\\$\{[^}\\]*\\\}/g)!.length;
  const shifted = snippet.replace(/(?<!\\)\$(\{?)([1-9]\d*)/g, (_match, brace: string, stop: string) => `$${brace}${Number(stop) + count}`);
  let stop = 0;
  const insertText = shifted.replace(/\\\$\{([^}\\]*)\\\}/g, (_match, name: string) => `\${${++stop}:${name}}`);
  return { ...item, insertText, isSnippet: true };
}

/**
 * A statement the parser lost to the line being typed: no actions, resources or principal known, an identity
 * policy's (ARN completion offers `*`; condition keys are the global ones).
 */
function unparsedStatement(document: JsonDocument): StatementView {
  const node = document.root ?? ({ type: 'object', offset: 0, length: 0, children: [] } as unknown as Node);
  return {
    node,
    policy: { node, kind: 'identity', type: 'identity', typeSource: 'content' },
    actions: [],
    resources: [],
  } as StatementView;
}

/** The innermost statement holding the offset. */
function statementAt(document: JsonDocument, offset: number): StatementView | undefined {
  let best: StatementView | undefined;
  for (const statement of allStatements(document)) {
    const { node } = statement;
    if (offset < node.offset || offset > node.offset + node.length) continue;
    if (!best || node.length < best.node.length) best = statement;
  }
  return best;
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
  // Right after `Key: ` the empty value is a zero-length node that the enclosing mapping hides: look just before.
  const afterColon = /:[ \t]*$/.test(text.slice(lineStart, start)) && start > lineStart;
  const atStart = nodeAtOffset(document.root, start);
  const hidden = afterColon && (!atStart || (atStart.offset < start && (atStart.type === 'object' || atStart.type === 'array')));
  const found =
    (hidden ? nodeAtOffset(document.root, start - 1) : undefined) ?? atStart ?? nodeAtOffset(document.root, Math.max(0, start - 1));
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

const keyLocations = new WeakMap<Typing, ReturnType<typeof yamlKeyLocation> | null>();

/** Where a YAML key is typed at the cursor (computed once per request: every statement asks). */
function keyLocation(document: JsonDocument, typing: Typing): ReturnType<typeof yamlKeyLocation> {
  let location = keyLocations.get(typing);
  if (location === undefined) {
    location = yamlKeyLocation(document, typing.replace.offset + typing.typed.length + (typing.yaml?.quote.length ?? 0)) ?? null;
    keyLocations.set(typing, location);
  }
  return location ?? undefined;
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
  const location = keyLocation(document, typing);
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
  if (typing.hcl) {
    // A value (`test = "|"`) is the string; a key of a jsonencode object is written `key = value`.
    const written = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : JSON.stringify(key);
    if (!typing.hcl.key) return { insertText: JSON.stringify(key), isSnippet: false };
    if (typing.after === '=') return { insertText: written, isSnippet: false };
    return { insertText: `${written.replace(/[$}\\]/g, '\\$&')} = ${valueSnippet.replace(/": /g, '" = ')}`, isSnippet: true };
  }
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

/** The operator whose block holds `node` (the key being typed, or the block itself): its key as written. */
function operatorOf(statement: StatementView, node: Node | undefined): string | undefined {
  const condition = statement.conditionNode;
  for (let current = node; current && current !== condition; current = current.parent) {
    if (current.type === 'property' && current.parent === condition) {
      const key = current.children?.[0]?.value;
      return typeof key === 'string' ? key : undefined;
    }
  }
  return undefined;
}

/** In YAML: the operator whose mapping the key is typed into, by the node or by the indentation above. */
function yamlOperatorOf(document: JsonDocument, statement: StatementView, typing: Typing): string | undefined {
  const location = keyLocation(document, typing);
  return operatorOf(statement, location?.objectNode) ?? operatorOf(statement, typing.node);
}

function conditionKeyCompletions(statement: StatementView, typing: Typing, operator: string | undefined): CompletionSuggestion[] {
  const { replace } = typing;
  return rankConditionKeys(statement, operator).map((entry, index) => ({
    label: entry.key,
    kind: 'property' as const,
    detail: `${entry.type} · ${entry.why}${entry.fit === 2 && operator ? ` · not compared by ${operator}` : ''}`,
    documentation: entry.description,
    ...keyInsert(typing, entry.key, '"$1"'),
    filterText: filterFor(typing, entry.key),
    replace,
    // The ranking's order; VS Code keeps it among the items that match what is typed equally well.
    sortText: String(index).padStart(4, '0'),
  }));
}

type PrincipalPosition = { at: 'key' } | { at: 'value'; type: string };

/** A key of the Principal object, a value under one of its keys, or the Principal's own string value. */
function principalPosition(document: JsonDocument, statement: StatementView, typing: Typing): PrincipalPosition | undefined {
  const principal = statement.principalNode;
  if (!principal || !within(typing.node, principal)) {
    // YAML: a key typed on the line under `Principal:` (its mapping found by the indentation above).
    if (typing.yaml && principal?.type === 'object') {
      const location = keyLocation(document, typing);
      if (location?.objectNode === principal) return { at: 'key' };
    }
    return undefined;
  }
  const { node } = typing;
  if (typing.yaml) {
    const location = keyLocation(document, typing);
    if (location?.objectNode === principal) return { at: 'key' };
    // `Principal:` with a word on the next line parses as its string value: a key being typed.
    if (node === principal && node.type === 'string') {
      const key = node.parent?.children?.[0];
      const between = key ? document.text.slice(key.offset + key.length, node.offset) : '';
      return /[\r\n]/.test(between) ? { at: 'key' } : { at: 'value', type: '*' };
    }
  } else if (node === principal) {
    if (node.type === 'object') return { at: 'key' };
    if (node.type === 'string') return { at: 'value', type: '*' };
    return undefined;
  }
  const owner = node.parent?.type === 'array' ? node.parent.parent : node.parent;
  if (owner?.type !== 'property' || owner.parent !== principal) return undefined;
  if (owner.children?.[0] === node) return { at: 'key' };
  const key = owner.children?.[0]?.value;
  return typeof key === 'string' ? { at: 'value', type: key } : undefined;
}

/** A 12-digit account ID the document's ARNs use (the most frequent, not a documentation placeholder), else the workspace's. */
function knownAccount(document: JsonDocument, context: CompletionContext): string | undefined {
  const counts = new Map<string, number>();
  for (const match of document.text.matchAll(/arn:aws[a-z-]*:[a-z0-9-]*:[a-z0-9-]*:(\d{12}):/g)) {
    if (findPlaceholders(match[1], true).length === 0) counts.set(match[1], (counts.get(match[1]) ?? 0) + 1);
  }
  const best = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  return best ?? (context.workspace ? workspaceRoles(context).commonAccount : undefined);
}

/** A value with `ACCOUNT` and `${name}` parts as a snippet (the account filled in when known), and its label. */
function templateValue(typing: Typing, template: string, account: string | undefined): { insertText: string; label: string } {
  let counter = 0;
  const quote = typing.yaml ? typing.yaml.quote : '"';
  const parts = template.split(/(ACCOUNT|\$\{[^}]+\})/);
  const snippet = parts
    .map((part) => {
      if (part === 'ACCOUNT') return account ?? `\${${++counter}:ACCOUNT}`;
      const variable = /^\$\{([^}]+)\}$/.exec(part);
      if (variable) return `\${${++counter}:${variable[1]}}`;
      return part.replace(/[$}\\]/g, '\\$&');
    })
    .join('');
  const label = parts.map((part) => (part === 'ACCOUNT' ? (account ?? 'ACCOUNT') : part)).join('');
  return { insertText: `${quote}${snippet}${quote}`, label };
}

function principalCompletions(
  document: JsonDocument,
  typing: Typing,
  position: PrincipalPosition,
  context: CompletionContext,
): CompletionSuggestion[] {
  const { replace } = typing;
  if (position.at === 'key') {
    return PRINCIPAL_TYPES.map((type, index) => ({
      label: type.key,
      kind: 'property' as const,
      detail: 'principal type',
      documentation: type.description,
      ...keyInsert(typing, type.key, '"$1"'),
      filterText: filterFor(typing, type.key),
      replace,
      sortText: String(index),
      retrigger: typing.after !== ':' && RETRIGGER,
    }));
  }
  const plain = (value: string, detail: string, documentation?: string, sortText?: string): CompletionSuggestion => ({
    label: value,
    kind: 'value',
    detail,
    documentation,
    insertText: scalar(typing, value),
    filterText: filterFor(typing, value),
    replace,
    sortText,
  });
  const template = (
    value: string,
    detail: string,
    documentation: string,
    sortText: string,
    account: string | undefined,
  ): CompletionSuggestion => {
    const { insertText, label } = templateValue(typing, value, account);
    return {
      label,
      kind: 'snippet',
      detail,
      documentation,
      insertText,
      isSnippet: true,
      filterText: filterFor(typing, label),
      replace,
      sortText,
    };
  };
  switch (position.type) {
    case 'Service':
      return Object.entries(SERVICE_PRINCIPALS).map(([principal, source]) =>
        plain(principal, 'AWS service principal', `Named by AWS: ${source} (${SERVICE_PRINCIPALS_SOURCE.split(':')[0]}).`),
      );
    case 'Federated': {
      const account = knownAccount(document, context);
      return FEDERATED_PROVIDERS.map((provider, index) =>
        template(
          provider.value,
          `${provider.label} · assumed with ${provider.action}`,
          `[${provider.label}](${provider.docsUrl})`,
          String(index).padStart(2, '0'),
          account,
        ),
      );
    }
    case 'AWS':
    case '*': {
      const account = knownAccount(document, context);
      const result: CompletionSuggestion[] = [];
      // Roles of this template, by reference.
      for (const logicalId of templateRoles(document)) {
        const label = typing.yaml ? `!GetAtt ${logicalId}.Arn` : `{"Fn::GetAtt": ["${logicalId}", "Arn"]}`;
        result.push({
          label,
          kind: 'reference',
          detail: `role ${logicalId} of this template`,
          insertText: label,
          filterText: filterFor(typing, logicalId),
          replace,
          sortText: `0${logicalId}`,
        });
      }
      // Roles the workspace names, as ARNs in the account they live in.
      for (const role of workspaceRoles(context).roles.values()) {
        const roleAccount = role.account ?? account;
        result.push(
          template(
            `arn:${role.partition ?? 'aws'}:iam::ACCOUNT:role/${role.name}`,
            `role ${role.name}: ${[...role.sources].slice(0, 2).join(', ')}`,
            'A role this workspace names.',
            `1${role.name}`,
            roleAccount,
          ),
        );
      }
      result.push(
        template(
          'arn:aws:iam::ACCOUNT:root',
          'an AWS account: every principal of it that its own policies allow',
          'The account root ARN.',
          '2',
          account,
        ),
        template('arn:aws:iam::ACCOUNT:role/${role name}', 'an IAM role', 'A role ARN.', '3', account),
      );
      if (position.type === '*') result.push(plain('*', 'everyone, anonymous callers included', undefined, '4'));
      return result;
    }
    default:
      return [];
  }
}

/** The logical IDs of the `AWS::IAM::Role` resources of a CloudFormation template. */
function templateRoles(document: JsonDocument): string[] {
  if (document.kind !== 'cloudformation-template') return [];
  const resources =
    document.root?.type === 'object'
      ? document.root.children?.find((p) => p.children?.[0]?.value === 'Resources')?.children?.[1]
      : undefined;
  const result: string[] = [];
  for (const resource of resources?.type === 'object' ? (resources.children ?? []) : []) {
    const id = resource.children?.[0]?.value;
    const body = resource.children?.[1];
    const type = body?.type === 'object' ? body.children?.find((p) => p.children?.[0]?.value === 'Type')?.children?.[1]?.value : undefined;
    if (typeof id === 'string' && type === 'AWS::IAM::Role') result.push(id);
  }
  return result;
}
