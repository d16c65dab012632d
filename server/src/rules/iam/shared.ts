// Helpers shared by the IAM rules: which documents they apply to and the text edits their fixes make.
import { arrayItems, property, type Node } from '../../core/json';
import type { RuleContext } from '../../core/rule';
import { parseOperator, type ParsedOperator } from '../../iam/conditionOperators';
import { allStatements, conditionEntries, type ConditionEntry, type StatementView } from '../../iam/policyModel';
import type { DocumentKind, Fix, TextEdit } from '../../core/types';
import { indentationAt, lineBreakBetween, lineBreakOf } from '../../core/layout';
import { isYamlNode, yamlAppendArrayItem, yamlInsertProperty, yamlRemoveNodes, yamlReplaceNode } from '../../core/yamlEdits';
import { yamlTextOf } from '../../core/yamlStyle';

/** Policy files of every kind, and the policies inside CloudFormation templates. */
export const POLICY_KINDS: readonly DocumentKind[] = ['iam-identity-policy', 'iam-resource-policy', 'iam-trust-policy', 'cloudformation-template'];

/**
 * The loop the condition rules share (`iam/condition-type`, `iam/condition-value`, `iam/set-operator`): every
 * condition entry (operator, key, values) of every statement, with its operator parsed; entries whose operator
 * IAM does not know are left to `iam/condition-operator`.
 */
export function forEachCondition(context: RuleContext, visit: (statement: StatementView, entry: ConditionEntry, operator: ParsedOperator) => void): void {
  for (const statement of allStatements(context.document)) {
    for (const entry of conditionEntries(statement)) {
      const operator = parseOperator(entry.operator);
      if (operator) visit(statement, entry, operator);
    }
  }
}

/** Replace a node (string, key, value) with a JSON string. */
export function replaceWithString(node: Node, value: string): TextEdit {
  const yamlText = yamlTextOf(node);
  if (yamlText !== undefined) return yamlReplaceNode(yamlText, node, JSON.stringify(value));
  return { offset: node.offset, length: node.length, newText: JSON.stringify(value) };
}

export function replaceFix(title: string, node: Node, value: string, isPreferred = true): Fix {
  return { title, edits: [replaceWithString(node, value)], isPreferred };
}

/** Removes one item of an array together with the comma that separates it from its neighbour. */
export function removeArrayItem(item: Node): TextEdit {
  const yamlText = yamlTextOf(item.parent);
  if (yamlText !== undefined) {
    const [edit] = yamlRemoveNodes(yamlText, [item]);
    if (edit) return edit;
  }
  const siblings = item.parent?.children ?? [item];
  const index = siblings.indexOf(item);
  if (siblings.length === 1) return { offset: item.offset, length: item.length, newText: '' };
  if (index < siblings.length - 1) {
    const next = siblings[index + 1];
    return { offset: item.offset, length: next.offset - item.offset, newText: '' };
  }
  const previous = siblings[index - 1];
  const end = item.offset + item.length;
  return { offset: previous.offset + previous.length, length: end - (previous.offset + previous.length), newText: '' };
}

/** Removes a property (key and value) of an object with its separating comma. */
export function removeProperty(propertyNode: Node): TextEdit {
  return removeArrayItem(propertyNode);
}

/**
 * Adds `"key": valueText` to an object, after its last property (or as its first), following the
 * layout around it: on its own line when the object spans lines, inline otherwise.
 */
export function insertProperty(text: string, objectNode: Node, key: string, valueText: string, position: 'first' | 'last' = 'last'): TextEdit {
  if (isYamlNode(objectNode)) {
    const edit = yamlInsertProperty(text, objectNode, key, valueText);
    if (edit) return edit;
  }
  const properties = objectNode.children ?? [];
  const entry = `${JSON.stringify(key)}: ${valueText}`;
  const multiline = /[\r\n]/.test(text.slice(objectNode.offset, objectNode.offset + objectNode.length));
  if (properties.length === 0) {
    return { offset: objectNode.offset + 1, length: 0, newText: multiline ? ` ${entry} ` : entry };
  }
  const anchor = position === 'first' ? properties[0] : properties[properties.length - 1];
  const indent = indentationAt(text, anchor.offset);
  const onOwnLine = multiline && text.slice(anchor.offset - indent.length, anchor.offset) === indent && /[\r\n]/.test(text[anchor.offset - indent.length - 1] ?? '\n');
  if (position === 'first') {
    const separator = onOwnLine ? `,${lineBreakOf(text)}${indent}` : ', ';
    return { offset: anchor.offset, length: 0, newText: `${entry}${separator}` };
  }
  const end = anchor.offset + anchor.length;
  const separator = onOwnLine ? `,${lineBreakOf(text)}${indent}` : ', ';
  return { offset: end, length: 0, newText: `${separator}${entry}` };
}

/** Indents a multi-line JSON text (from JSON.stringify(value, null, 2)) to sit at `indent`. */
export function indentJson(json: string, indent: string, eol = '\n'): string {
  return json.split('\n').join(`${eol}${indent}`);
}

/** Adds a value to an element that holds a string or an array of strings. */
export function addToStringOrArray(text: string, node: Node, value: string): TextEdit {
  if (isYamlNode(node)) {
    if (node.type === 'array') {
      const edit = yamlAppendArrayItem(text, node, JSON.stringify(value));
      if (edit) return edit;
    } else if (node.type === 'string') {
      return { offset: node.offset, length: node.length, newText: `[${JSON.stringify(node.value)}, ${JSON.stringify(value)}]` };
    }
  }
  if (node.type === 'array') {
    const items = node.children ?? [];
    if (items.length === 0) return { offset: node.offset + 1, length: 0, newText: JSON.stringify(value) };
    const last = items[items.length - 1];
    const indent = indentationAt(text, last.offset);
    const onOwnLine = lineBreakBetween(text, node.offset, last.offset);
    return { offset: last.offset + last.length, length: 0, newText: onOwnLine ? `,${lineBreakOf(text)}${indent}${JSON.stringify(value)}` : `, ${JSON.stringify(value)}` };
  }
  return { offset: node.offset, length: node.length, newText: `[${text.slice(node.offset, node.offset + node.length)}, ${JSON.stringify(value)}]` };
}

/** The AWS best-practice page the broad-grant rules (`iam/admin-access`, `iam/service-wide-access`) rest on. */
export const LEAST_PRIVILEGE_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege';

/** The elements whose value is a string or a list of strings. */
export const STRING_OR_LIST = ['Action', 'NotAction', 'Resource', 'NotResource'];

/** Whether a statement has both elements of a pair (`Action` and `NotAction`, ...): IAM accepts only one. */
export function hasBoth(statement: StatementView, first: string, second: string): boolean {
  return property(statement.node, first) !== undefined && property(statement.node, second) !== undefined;
}

/** Where a finding about a whole statement goes: its first key. */
export function statementAnchor(statement: StatementView) {
  return statement.node.children?.[0] ?? statement.node;
}

/** The principals of one type (`AWS`, `Service`, ...) of a statement; `"Principal": "*"` counts as `AWS`. */
export function principalValues(statement: StatementView, type: string): Node[] {
  const principal = statement.principalNode;
  if (!principal) return [];
  if (principal.type === 'string') return type === 'AWS' ? [principal] : [];
  const value = property(principal, type);
  return value?.type === 'array' ? arrayItems(value) : value ? [value] : [];
}
