// The edit library every fix uses: text edits on a document that keep it valid and follow its layout
// (`layout.ts`: line break, indentation). Insert a property, append to an array, replace, remove. The JSON
// implementation is below; `StructureEditor` is the interface another syntax (YAML, HCL) provides for its
// own documents, so fixes written against it carry over.
import { fieldName, groupByParent, separatedListRemovals, type Node } from './json';
import { indentationAt, indentUnit, lineBreakBetween, lineBreakOf } from './layout';
import type { TextEdit } from './types';
import { isYamlNode, yamlAppendArrayItem, yamlInsertProperty, yamlRemoveNodes, yamlReplaceNode } from './yamlEdits';
import { yamlTextOf } from './yamlStyle';
import { hclInsertArgument } from './hclEdits';
import { terraformJsonAppendArrayItem, terraformJsonInsertArgument } from './terraformJson';

/** Where `insertProperty` puts the new property: first, last (the default), or after a property of the object. */
export type InsertAt = 'first' | 'last' | Node;

/** The edits of one document, in its syntax and layout. */
export interface StructureEditor {
  readonly text: string;
  /** Adds `name: value` to an object (in CloudFormation task definitions under the PascalCase name). */
  insertProperty(objectNode: Node, name: string, valueText: string, at?: InsertAt): TextEdit;
  /** Adds an item at the end of an array. */
  appendToArray(arrayNode: Node, itemText: string): TextEdit;
  /** Adds a string to a value that is a string (it becomes a list of both) or a list of strings. */
  addToStringOrArray(node: Node, value: string): TextEdit;
  /** Replaces a node (a value or a key) with text in this syntax. */
  replace(node: Node, newText: string): TextEdit;
  /** Replaces a node with a string value. */
  replaceWithString(node: Node, value: string): TextEdit;
  /** Removes properties or array items with their separators. */
  remove(nodes: readonly Node[]): TextEdit[];
  /** A value written in this syntax over lines, in the document's indentation step, its lines after the first at `indent`. */
  render(value: unknown, indent: string): string;
}

/** The JSON editor of a document's text. */
export function jsonEditor(text: string): StructureEditor {
  return {
    text,
    insertProperty: (objectNode, name, valueText, at) => insertProperty(text, objectNode, name, valueText, at),
    appendToArray: (arrayNode, itemText) => appendArrayItem(text, arrayNode, itemText),
    addToStringOrArray: (node, value) => addToStringOrArray(text, node, value),
    replace: replaceNode,
    replaceWithString,
    remove: removeNodes,
    render: (value, indent) => renderJson(text, value, indent),
  };
}

/**
 * Removes `nodes` (properties of one object or items of one array, or several such groups),
 * with the commas between them, so what remains is valid JSON. Edits never overlap.
 */
export function removeNodes(nodes: readonly Node[]): TextEdit[] {
  // A YAML document's nodes are removed in YAML style (whole lines); see core/yamlEdits.ts.
  const yamlText = yamlTextOf(nodes[0]?.parent);
  if (yamlText !== undefined) return yamlRemoveNodes(yamlText, nodes);
  return [...groupByParent(nodes)].flatMap(([parent, removed]) => separatedListRemovals(parent.children ?? [], removed));
}

/** The property node (key and value) holding a value node. */
export function propertyOf(valueNode: Node): Node | undefined {
  return valueNode.parent?.type === 'property' ? valueNode.parent : undefined;
}

/**
 * Inserts `"name": valueText` into `objectNode`: after `at` (a property of it), first, or last (the default).
 * Follows the object's layout: one property per line (at the indentation of its neighbour), or all on one line.
 * In CloudFormation task definitions the name is written in PascalCase.
 */
export function insertProperty(text: string, objectNode: Node, name: string, valueText: string, at: InsertAt = 'last'): TextEdit {
  // An object made of a Terraform block: an argument line in HCL.
  const hclEdit = hclInsertArgument(text, objectNode, name, valueText);
  if (hclEdit) return hclEdit;
  // An object with API names over a `.tf.json` block: the argument in Terraform's name.
  const terraformEdit = terraformJsonInsertArgument(text, objectNode, name, valueText);
  if (terraformEdit) return terraformEdit;
  if (isYamlNode(objectNode)) {
    const edit = yamlInsertProperty(text, objectNode, fieldName(objectNode, name), valueText, typeof at === 'string' ? undefined : at);
    if (edit) return edit;
  }
  const children = objectNode.children ?? [];
  const entry = `${JSON.stringify(fieldName(objectNode, name))}: ${valueText}`;
  if (children.length === 0) {
    const inner = text.slice(objectNode.offset + 1, objectNode.offset + objectNode.length - 1);
    if (inner.includes('\n')) {
      const indentation = indentationAt(text, objectNode.offset);
      const eol = lineBreakOf(text);
      return {
        offset: objectNode.offset + 1,
        length: objectNode.length - 2,
        newText: `${eol}${indentation}${indentUnit(text)}${entry}${eol}${indentation}`,
      };
    }
    return { offset: objectNode.offset + 1, length: 0, newText: entry };
  }
  const multiline = lineBreakBetween(text, objectNode.offset, children[children.length - 1].offset);
  if (at === 'first') {
    const first = children[0];
    return {
      offset: first.offset,
      length: 0,
      newText: multiline ? `${entry},${lineBreakOf(text)}${indentationAt(text, first.offset)}` : `${entry}, `,
    };
  }
  const anchor = at === 'last' ? children[children.length - 1] : at;
  const anchorEnd = anchor.offset + anchor.length;
  return {
    offset: anchorEnd,
    length: 0,
    newText: multiline ? `,${lineBreakOf(text)}${indentationAt(text, anchor.offset)}${entry}` : `, ${entry}`,
  };
}

/** Appends an item to an array node, following its layout. */
export function appendArrayItem(text: string, arrayNode: Node, itemText: string): TextEdit {
  // A `.tf.json` policy document's `statement` list: the statements as Terraform statement blocks.
  const terraformEdit = terraformJsonAppendArrayItem(text, arrayNode, itemText);
  if (terraformEdit) return terraformEdit;
  if (isYamlNode(arrayNode)) {
    const edit = yamlAppendArrayItem(text, arrayNode, itemText);
    if (edit) return edit;
  }
  const items = arrayNode.children ?? [];
  if (items.length === 0) return { offset: arrayNode.offset + 1, length: arrayNode.length - 2, newText: itemText };
  const last = items[items.length - 1];
  const separator = lineBreakBetween(text, arrayNode.offset, last.offset)
    ? `,${lineBreakOf(text)}${indentationAt(text, last.offset)}`
    : ', ';
  return { offset: last.offset + last.length, length: 0, newText: `${separator}${itemText}` };
}

/** Adds a string to a value that holds a string (it becomes an array of both) or an array of strings. */
export function addToStringOrArray(text: string, node: Node, value: string): TextEdit {
  if (node.type === 'array' && (node.children ?? []).length > 0) return appendArrayItem(text, node, JSON.stringify(value));
  if (node.type === 'array') return { offset: node.offset + 1, length: 0, newText: JSON.stringify(value) };
  return {
    offset: node.offset,
    length: node.length,
    newText: `[${text.slice(node.offset, node.offset + node.length)}, ${JSON.stringify(value)}]`,
  };
}

export function replaceNode(node: Node, newText: string): TextEdit {
  const yamlText = yamlTextOf(node);
  if (yamlText !== undefined) return yamlReplaceNode(yamlText, node, newText);
  return { offset: node.offset, length: node.length, newText };
}

/** Replaces a node (string, key, value) with a JSON string. */
export function replaceWithString(node: Node, value: string): TextEdit {
  return replaceNode(node, JSON.stringify(value));
}

/** Removes one property or array item with the comma that separates it from its neighbour. */
export function removeNode(node: Node): TextEdit {
  return removeNodes([node])[0] ?? { offset: node.offset, length: node.length, newText: '' };
}

/** A value as JSON over lines, in the document's indentation step and line break, its lines after the first at `indent`. */
export function renderJson(text: string, value: unknown, indent: string): string {
  return JSON.stringify(value, null, indentUnit(text))
    .split('\n')
    .join(`${lineBreakOf(text)}${indent}`);
}
