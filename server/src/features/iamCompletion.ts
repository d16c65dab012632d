// Completion inside IAM policies: service prefixes then actions, ARN templates for the statement's
// actions, condition operators and the condition keys valid for the statement.
import type { JsonDocument } from '../core/document';
import { nodeAtOffset, type Node } from '../core/json';
import { resolveAction } from '../iam/actions';
import { catalogIndex, loadService, loadedService } from '../iam/catalog';
import { allOperatorSpellings, parseOperator } from '../iam/conditionOperators';
import { GLOBAL_CONDITION_KEYS } from '../iam/globalConditionKeys';
import { allStatements, type StatementView } from '../iam/policyModel';
import { prepareIamData } from '../iam/preparer';
import { actionResources } from '../iam/resources';
import type { CompletionSuggestion } from './completion';
import { innerSpan } from '../core/rule';

export async function iamCompletions(document: JsonDocument, offset: number): Promise<CompletionSuggestion[]> {
  const node = nodeAtOffset(document.root, offset);
  if (!node || node.type !== 'string') return [];
  await prepareIamData(document);
  const replace = { offset: node.offset, length: node.length };
  const start = innerSpan(node).offset;
  const typed = document.text.slice(start, Math.max(start, offset));
  for (const statement of allStatements(document)) {
    if (statement.actions.some((item) => item.node === node) || (isArrayItemOf(node, statement.actionNode))) return actionCompletions(typed, replace);
    if (statement.resources.some((item) => item.node === node)) return arnCompletions(statement, replace);
    const key = conditionPosition(statement, node);
    if (key === 'operator') return allOperatorSpellings().flatMap((name) => [name, ...(parseOperator(name)?.family === 'Null' ? [] : [`ForAnyValue:${name}`, `ForAllValues:${name}`])]).map((label) => ({ label, kind: 'keyword' as const, detail: parseOperator(label)?.explanation, insertText: JSON.stringify(label), replace }));
    if (key === 'key') return conditionKeyCompletions(statement, replace);
  }
  return [];
}

function isArrayItemOf(node: Node, element: Node | undefined): boolean {
  return !!element && (node === element || node.parent === element);
}

async function actionCompletions(typed: string, replace: { offset: number; length: number }): Promise<CompletionSuggestion[]> {
  const index = catalogIndex();
  if (!index) return [];
  const colon = typed.indexOf(':');
  if (colon < 0) {
    return index.prefixes.map((prefix) => ({ label: `${prefix}:`, kind: 'module' as const, detail: index.serviceNames.get(prefix), insertText: `"${prefix}:`, replace: { offset: replace.offset, length: replace.length - 1 } }));
  }
  const service = await loadService(typed.slice(0, colon).toLowerCase());
  if (!service) return [];
  return service.actions.map((action) => ({
    label: `${service.prefix}:${action.name}`,
    kind: 'function' as const,
    detail: action.accessLevel,
    documentation: action.description,
    insertText: JSON.stringify(`${service.prefix}:${action.name}`),
    replace,
  }));
}

function arnCompletions(statement: StatementView, replace: { offset: number; length: number }): CompletionSuggestion[] {
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
        const snippet = resourceType.arnPattern.replace(/\$\{([^}]+)\}/g, (_match, name: string) => `\${${++counter}:${name === 'Partition' ? 'aws' : name}}`);
        result.push({ label: resourceType.arnPattern.replace('${Partition}', 'aws'), kind: 'snippet', detail: `${resourceType.service} ${resourceType.name}`, insertText: `"${snippet}"`, isSnippet: true, replace });
      }
    }
  }
  result.push({ label: '*', kind: 'value', detail: 'every resource', insertText: '"*"', replace });
  return result;
}

function conditionPosition(statement: StatementView, node: Node): 'operator' | 'key' | undefined {
  const condition = statement.conditionNode;
  const property = node.parent;
  if (!condition || property?.type !== 'property' || property.children?.[0] !== node) return undefined;
  if (property.parent === condition) return 'operator';
  if (property.parent?.parent?.parent === condition) return 'key';
  return undefined;
}

function conditionKeyCompletions(statement: StatementView, replace: { offset: number; length: number }): CompletionSuggestion[] {
  const keys = new Map<string, string>();
  for (const item of statement.actions) {
    const resolved = resolveAction(item.value);
    if (resolved.kind !== 'service') continue;
    const service = loadedService(resolved.service)!;
    for (const action of resolved.actions.slice(0, 200)) for (const key of service.conditionKeysOf(action)) if (!keys.has(key)) keys.set(key, service.conditionKey(key)?.type ?? '');
  }
  const result: CompletionSuggestion[] = [...keys].map(([key, type]) => ({ label: key, kind: 'property' as const, detail: type, insertText: JSON.stringify(key), replace, sortText: `0${key}` }));
  for (const entry of GLOBAL_CONDITION_KEYS) if (!keys.has(entry.key)) result.push({ label: entry.key, kind: 'property', detail: `${entry.type} (global)`, documentation: entry.description, insertText: JSON.stringify(entry.key), replace, sortText: `1${entry.key}` });
  return result;
}
