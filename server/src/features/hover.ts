import type { JsonDocument } from '../core/document';
import { nodeAtOffset, type Node } from '../core/json';
import type { TextSpan } from '../core/types';
import { roleHoverMarkdown, type RoleField } from './roleHover';

export interface HoverResult {
  markdown: string;
  span: TextSpan;
}

/** Hover content for the JSON node at `offset`, or undefined where we have nothing to add. */
export function hoverAt(document: JsonDocument, offset: number): HoverResult | undefined {
  const node = nodeAtOffset(document.root, offset);
  const propertyNode = enclosingProperty(node);
  if (!propertyNode) return undefined;
  const key = propertyNode.children?.[0];
  const name = key?.value;
  for (const view of document.taskDefinitions) {
    if (propertyNode.parent !== view.node) continue;
    if (name === 'taskRoleArn' || name === 'executionRoleArn') {
      return { markdown: roleHoverMarkdown(view.node, name as RoleField), span: { offset: propertyNode.offset, length: propertyNode.length } };
    }
  }
  return undefined;
}

/** The property whose key or (scalar) value holds the node. */
function enclosingProperty(node: Node | undefined): Node | undefined {
  if (!node) return undefined;
  if (node.type === 'property') return node;
  const parent = node.parent;
  return parent?.type === 'property' ? parent : undefined;
}
