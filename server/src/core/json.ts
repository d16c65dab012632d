// Small helpers over jsonc-parser's tree. Every walk here is iterative, so a deeply nested
// document cannot overflow the stack.
import type { Node } from 'jsonc-parser';

export type { Node } from 'jsonc-parser';

/** The value node of `name` in an object node, or undefined. The last duplicate key wins, as in JSON.parse. */
export function property(objectNode: Node | undefined, name: string): Node | undefined {
  if (!objectNode || objectNode.type !== 'object' || !objectNode.children) return undefined;
  let found: Node | undefined;
  for (const prop of objectNode.children) {
    const key = prop.children?.[0];
    if (key && key.value === name) found = prop.children?.[1];
  }
  return found;
}

/** The property node (key + value) of `name`. */
export function propertyNode(objectNode: Node | undefined, name: string): Node | undefined {
  return property(objectNode, name)?.parent;
}

export function keyNode(valueNode: Node | undefined): Node | undefined {
  const parent = valueNode?.parent;
  return parent && parent.type === 'property' ? parent.children?.[0] : undefined;
}

export function stringValue(node: Node | undefined): string | undefined {
  return node && node.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}

export function arrayItems(node: Node | undefined): Node[] {
  return node && node.type === 'array' && node.children ? node.children : [];
}

export function objectProperties(node: Node | undefined): Array<{ key: Node; value: Node | undefined; name: string }> {
  if (!node || node.type !== 'object' || !node.children) return [];
  const result: Array<{ key: Node; value: Node | undefined; name: string }> = [];
  for (const prop of node.children) {
    const key = prop.children?.[0];
    if (key) result.push({ key, value: prop.children?.[1], name: String(key.value) });
  }
  return result;
}

/** Calls `visit` for every string *value* (not property keys) below `root`, depth-first, in document order. */
export function forEachStringValue(root: Node | undefined, visit: (node: Node) => void): void {
  if (!root) return;
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'string') {
      const parent = node.parent;
      const isKey = parent?.type === 'property' && parent.children?.[0] === node;
      if (!isKey) visit(node);
      continue;
    }
    const children = node.children;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

/** The innermost node whose span contains `offset` (end inclusive, so a cursor right after a token still hits it). */
export function nodeAtOffset(root: Node | undefined, offset: number): Node | undefined {
  let current = root;
  if (!current || offset < current.offset || offset > current.offset + current.length) return undefined;
  for (;;) {
    const children: Node[] = current.children ?? [];
    const next: Node | undefined = children.find(
      (child) => offset >= child.offset && offset <= child.offset + child.length,
    );
    if (!next) return current;
    current = next;
  }
}

/** Offset just past the last non-whitespace character before `offset`. */
export function previousNonWhitespace(text: string, offset: number): number {
  let index = offset - 1;
  while (index >= 0 && /\s/.test(text[index])) index--;
  return index;
}
