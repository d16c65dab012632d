// Text edits on JSON that keep it valid: removing properties or array items with their commas,
// inserting properties with the surrounding indentation. Fixes of every ECS rule build on these.
import { fieldName, type Node } from '../core/json';
import { indentationAt, indentUnit, lineBreakBetween, lineBreakOf } from '../core/layout';
import type { TextEdit } from '../core/types';
import { isYamlNode, yamlAppendArrayItem, yamlInsertProperty, yamlRemoveNodes, yamlReplaceNode } from '../core/yamlEdits';
import { yamlTextOf } from '../core/yamlStyle';

/**
 * Removes `nodes` (properties of one object or items of one array, or several such groups),
 * with the commas between them, so what remains is valid JSON. Edits never overlap.
 */
export function removeNodes(nodes: readonly Node[]): TextEdit[] {
  const yamlText = yamlTextOf(nodes[0]?.parent);
  if (yamlText !== undefined) return yamlRemoveNodes(yamlText, nodes);
  const byParent = new Map<Node, Set<Node>>();
  for (const node of nodes) {
    const parent = node.parent;
    if (!parent) continue;
    if (!byParent.has(parent)) byParent.set(parent, new Set());
    byParent.get(parent)!.add(node);
  }
  const edits: TextEdit[] = [];
  for (const [parent, removed] of byParent) {
    const children = parent.children ?? [];
    let index = 0;
    while (index < children.length) {
      if (!removed.has(children[index])) {
        index++;
        continue;
      }
      let last = index;
      while (last + 1 < children.length && removed.has(children[last + 1])) last++;
      const first = children[index];
      const end = children[last];
      if (last + 1 < children.length) {
        // Remove up to the next kept entry: the run, its commas and the whitespace before the next entry.
        edits.push({ offset: first.offset, length: children[last + 1].offset - first.offset, newText: '' });
      } else if (index > 0) {
        // The run ends the container: remove from the end of the previous kept entry (its comma included).
        const previous = children[index - 1];
        const from = previous.offset + previous.length;
        edits.push({ offset: from, length: end.offset + end.length - from, newText: '' });
      } else {
        edits.push({ offset: first.offset, length: end.offset + end.length - first.offset, newText: '' });
      }
      index = last + 1;
    }
  }
  return edits;
}

/** The property node (key and value) holding a value node. */
export function propertyOf(valueNode: Node): Node | undefined {
  return valueNode.parent?.type === 'property' ? valueNode.parent : undefined;
}

/**
 * Inserts `"name": valueText` into `objectNode`, after `after` (a property of it) when given, else as
 * the last property. Follows the object's layout: one property per line, or all on one line.
 */
export function insertProperty(text: string, objectNode: Node, name: string, valueText: string, after?: Node): TextEdit {
  if (isYamlNode(objectNode)) {
    const edit = yamlInsertProperty(text, objectNode, fieldName(objectNode, name), valueText, after);
    if (edit) return edit;
  }
  const children = objectNode.children ?? [];
  // CloudFormation task definitions spell fields in PascalCase.
  const entry = `${JSON.stringify(fieldName(objectNode, name))}: ${valueText}`;
  if (children.length === 0) {
    const inner = text.slice(objectNode.offset + 1, objectNode.offset + objectNode.length - 1);
    if (inner.includes('\n')) {
      const indentation = indentationAt(text, objectNode.offset);
      const eol = lineBreakOf(text);
      return { offset: objectNode.offset + 1, length: objectNode.length - 2, newText: `${eol}${indentation}${indentUnit(text)}${entry}${eol}${indentation}` };
    }
    return { offset: objectNode.offset + 1, length: 0, newText: entry };
  }
  const anchor = after ?? children[children.length - 1];
  const anchorEnd = anchor.offset + anchor.length;
  const lastStart = children[children.length - 1].offset;
  if (lineBreakBetween(text, objectNode.offset, lastStart)) {
    return { offset: anchorEnd, length: 0, newText: `,${lineBreakOf(text)}${indentationAt(text, anchor.offset)}${entry}` };
  }
  return { offset: anchorEnd, length: 0, newText: `, ${entry}` };
}

/** Appends an item to an array node, following its layout. */
export function appendArrayItem(text: string, arrayNode: Node, itemText: string): TextEdit {
  if (isYamlNode(arrayNode)) {
    const edit = yamlAppendArrayItem(text, arrayNode, itemText);
    if (edit) return edit;
  }
  const items = arrayNode.children ?? [];
  if (items.length === 0) return { offset: arrayNode.offset + 1, length: arrayNode.length - 2, newText: itemText };
  const last = items[items.length - 1];
  const separator = lineBreakBetween(text, arrayNode.offset, last.offset) ? `,${lineBreakOf(text)}${indentationAt(text, last.offset)}` : ', ';
  return { offset: last.offset + last.length, length: 0, newText: `${separator}${itemText}` };
}

export function replaceNode(node: Node, newText: string): TextEdit {
  const yamlText = yamlTextOf(node);
  if (yamlText !== undefined) return yamlReplaceNode(yamlText, node, newText);
  return { offset: node.offset, length: node.length, newText };
}
