// Document symbols (the outline): a template's resources with their types (and, inside, the policies
// and containers they hold), a policy's statements by Sid, a task definition's containers. Plain
// data; presenters/lsp.ts converts it to LSP DocumentSymbol.
import { statementsOf, templateResources } from '../core/classify';
import type { JsonDocument } from '../core/document';
import { arrayItems, keyNode, property, stringValue, type Node } from '../core/json';
import type { TextSpan } from '../core/types';

export type SymbolKind = 'module' | 'class' | 'object' | 'field' | 'key' | 'array';

export interface DocumentSymbolInfo {
  name: string;
  detail?: string;
  kind: SymbolKind;
  /** The whole element (a resource with its value, a statement object). */
  span: TextSpan;
  /** What the editor highlights and reveals: the key or the Sid. */
  selectionSpan: TextSpan;
  children: DocumentSymbolInfo[];
}

const spanOf = (node: Node): TextSpan => ({ offset: node.offset, length: node.length });

export function documentSymbols(document: JsonDocument): DocumentSymbolInfo[] {
  if (document.skipped || !document.root) return [];
  // A symbol's span holds its selection (the editor refuses the whole outline otherwise): in a `.tf.json`
  // file a resource's entry is its body, while its name is the key written before it.
  if (document.kind === 'cloudformation-template') return templateSymbols(document).map(holdingSelection);
  const symbols: DocumentSymbolInfo[] = [];
  for (const view of document.taskDefinitions) symbols.push(...containerSymbols(view.node));
  for (const policy of document.policies) symbols.push(...statementSymbols(policy.node));
  return symbols;
}

function templateSymbols(document: JsonDocument): DocumentSymbolInfo[] {
  const resourcesNode = property(document.root, 'Resources');
  if (!resourcesNode) return [];
  const resources = templateResources(document.root).map((resource): DocumentSymbolInfo => {
    const children: DocumentSymbolInfo[] = [];
    const taskDefinition = document.taskDefinitions.find((view) => view.node === resource.properties);
    if (taskDefinition) children.push(...containerSymbols(taskDefinition.node));
    for (const policy of document.policies) {
      if (policy.resource !== resource.id) continue;
      const key = keyNode(policy.node);
      const container = policy.node.parent?.parent;
      const policyName = stringValue(property(container, 'PolicyName'));
      children.push({
        name: policyName ?? String(key?.value ?? 'policy'),
        detail: `${policy.kind} policy`,
        kind: 'object',
        span: spanOf(policy.node.parent ?? policy.node),
        selectionSpan: spanOf(key ?? policy.node),
        children: statementSymbols(policy.node),
      });
    }
    return {
      name: resource.id,
      detail: resource.type || undefined,
      kind: 'class',
      span: spanOf(resource.idNode.parent ?? resource.node),
      selectionSpan: spanOf(resource.idNode),
      children,
    };
  });
  const resourcesKey = keyNode(resourcesNode);
  return [
    {
      name: 'Resources',
      detail: `${resources.length} resource${resources.length === 1 ? '' : 's'}`,
      kind: 'module',
      span: spanOf(resourcesNode.parent ?? resourcesNode),
      selectionSpan: spanOf(resourcesKey ?? resourcesNode),
      children: resources,
    },
  ];
}

function statementSymbols(policyNode: Node): DocumentSymbolInfo[] {
  return statementsOf(policyNode).map((statement, index) => {
    const sidNode = property(statement, 'Sid');
    const effect = stringValue(property(statement, 'Effect'));
    const actionNode = property(statement, 'Action') ?? property(statement, 'NotAction');
    const actions =
      actionNode?.type === 'array' ? arrayItems(actionNode).map(stringValue).filter(Boolean) : [stringValue(actionNode)].filter(Boolean);
    return {
      name: stringValue(sidNode) ?? `Statement ${index + 1}`,
      detail: [effect, actions.slice(0, 3).join(', ') + (actions.length > 3 ? ', …' : '')].filter(Boolean).join(' '),
      kind: 'key',
      span: spanOf(statement),
      selectionSpan: spanOf(sidNode ?? statement),
      children: [],
    };
  });
}

function containerSymbols(taskDefinition: Node): DocumentSymbolInfo[] {
  return arrayItems(property(taskDefinition, 'containerDefinitions'))
    .filter((container) => container.type === 'object')
    .map((container, index) => {
      const nameNode = property(container, 'name');
      return {
        name: stringValue(nameNode) ?? `container ${index + 1}`,
        detail: stringValue(property(container, 'image')) ?? 'container',
        kind: 'field' as const,
        span: spanOf(container),
        selectionSpan: spanOf(nameNode ?? container),
        children: [],
      };
    });
}

/** The symbol with its span widened to hold its selection span, and so its children. */
function holdingSelection(symbol: DocumentSymbolInfo): DocumentSymbolInfo {
  const start = Math.min(symbol.span.offset, symbol.selectionSpan.offset);
  const end = Math.max(symbol.span.offset + symbol.span.length, symbol.selectionSpan.offset + symbol.selectionSpan.length);
  return { ...symbol, span: { offset: start, length: end - start }, children: symbol.children.map(holdingSelection) };
}
