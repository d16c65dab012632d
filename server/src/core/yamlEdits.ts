// Text edits on YAML trees (core/yaml.ts) that keep the file's style: a property added to a block mapping
// goes on its own line at the mapping's indentation, an item added to a block sequence gets its own `- `
// line, removals take whole lines, flow collections (`{a: 1}`, `[a, b]`) get comma-separated entries, and a
// replaced scalar keeps its quoting where the new value allows it. Values come in as JSON text (what the
// JSON fixes produce) and are written in YAML: block style under block collections, flow style in flow ones.
//
// The functions mirror the JSON edit helpers (insert a property, append an item, remove nodes, replace a
// node); those call them when the node belongs to a YAML tree, so a rule's fix needs no YAML code.
import type { Node } from 'jsonc-parser';
import { groupByParent, separatedListRemovals } from './json';
import { lineBreakOf } from './layout';
import type { TextEdit } from './types';
import { yamlStyle } from './yamlStyle';

/** Whether a node belongs to a YAML document's tree. */
export function isYamlNode(node: Node | undefined): boolean {
  return yamlStyle(node) !== undefined;
}

function isFlow(node: Node): boolean {
  const style = yamlStyle(node);
  return style === 'flow-map' || style === 'flow-seq';
}

function lineStartOf(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  return start;
}

/** The offset just past the line break ending the line `offset` is on (or the text's end). */
function nextLineStart(text: string, offset: number): number {
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  if (text[end] === '\r' && text[end + 1] === '\n') return end + 2;
  return end < text.length ? end + 1 : end;
}

function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** The indentation step the file uses for nested block collections (two spaces when unsure). */
function indentStep(text: string): number {
  const pattern = /\n( +)\S/g;
  let best = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (best === 0 || match[1].length < best) best = match[1].length;
    if (best <= 2) break;
  }
  return best || 2;
}

/** Where the text of a node really ends: its span, or the line break a block scalar's span ends with. */
function endOf(node: Node): number {
  return node.offset + node.length;
}

/** Where to insert a new line after `node`: the start of the line after its last line. */
function afterLastLine(text: string, node: Node): number {
  const end = endOf(node);
  // A block scalar's span ends after its last line break already.
  if (end > 0 && (text[end - 1] === '\n' || text[end - 1] === '\r')) return end;
  return nextLineStart(text, end);
}

// A plain scalar: no indicator first, no `: ` or ` #` inside, no flow characters (it may sit in a flow collection).
const PLAIN_SAFE = /^[A-Za-z0-9_/$.()=+~^<][^#'"`{}[\],&*!|>%@\r\n]*$/;
const RESERVED = /^(?:true|false|yes|no|on|off|null|y|n|~|[-+]?(?:\.inf|\.nan)|[-+]?[0-9][0-9_.:eExXoObB+-]*)$/i;

/** A string as a YAML scalar: plain when it reads back as the same string, else double-quoted (JSON's escapes are YAML's). */
export function yamlString(value: string, prefer: 'plain' | 'single' | 'double' = 'plain'): string {
  const plainOk = PLAIN_SAFE.test(value) && !RESERVED.test(value) && !/\s$/.test(value) && !/:(\s|$)/.test(value);
  if (prefer === 'plain' && plainOk) return value;
  if (prefer === 'single' && !/[\r\n]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  return JSON.stringify(value);
}

function yamlKey(key: string): string {
  return yamlString(key);
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

/** `{ "Ref": X }`, `{ "Fn::Name": X }`, `{ "Condition": X }` as a short-form tag and its argument, written on one line. */
function shortForm(value: unknown): string | undefined {
  if (isScalar(value) || Array.isArray(value)) return undefined;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length !== 1) return undefined;
  const [name, argument] = entries[0];
  const tag = name === 'Ref' || name === 'Condition' ? `!${name}` : name.startsWith('Fn::') ? `!${name.slice(4)}` : undefined;
  if (!tag || !/^![A-Za-z]+$/.test(tag)) return undefined;
  if (
    name === 'Fn::GetAtt' &&
    Array.isArray(argument) &&
    argument.length === 2 &&
    typeof argument[0] === 'string' &&
    typeof argument[1] === 'string' &&
    /^[A-Za-z0-9]+$/.test(argument[0]) &&
    /^[A-Za-z0-9.]+$/.test(argument[1])
  ) {
    return `${tag} ${yamlString(`${argument[0]}.${argument[1]}`)}`;
  }
  return `${tag} ${flowText(argument)}`;
}

/** A value in flow style (one line): scalars as YAML scalars, intrinsics as short forms, collections in brackets. */
function flowText(value: unknown): string {
  const short = shortForm(value);
  if (short) return short;
  if (isScalar(value)) return scalarText(value);
  if (Array.isArray(value)) return `[${value.map(flowText).join(', ')}]`;
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([key, item]) => `${yamlKey(key)}: ${flowText(item)}`)
    .join(', ')}}`;
}

function scalarText(value: unknown, prefer: 'plain' | 'single' | 'double' = 'plain'): string {
  if (typeof value === 'string') return yamlString(value, prefer);
  return JSON.stringify(value);
}

/**
 * `value` in block style, for a place at `indent` spaces: the text after `key:` (a scalar or flow value on the
 * same line, or a line break and nested lines) as `inline`, or as `lines` when it must start on its own lines.
 */
function blockValue(value: unknown, indent: number, step: number, eol: string): string {
  if (isScalar(value)) return ` ${scalarText(value)}`;
  const short = shortForm(value);
  if (short) return ` ${short}`;
  if (Array.isArray(value)) {
    if (value.length === 0) return ' []';
    return eol + blockSequence(value, indent, step, eol);
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return ' {}';
  return eol + blockMapping(value as Record<string, unknown>, indent + step, step, eol);
}

/** A mapping's lines at `indent` (no line break after the last). */
function blockMapping(value: Record<string, unknown>, indent: number, step: number, eol: string, firstLineIndent = indent): string {
  return Object.entries(value)
    .map(
      ([key, item], index) => `${' '.repeat(index === 0 ? firstLineIndent : indent)}${yamlKey(key)}:${blockValue(item, indent, step, eol)}`,
    )
    .join(eol);
}

/** A sequence's lines with their `- ` at `indent` (sequences under a key sit at the key's indentation plus a step). */
function blockSequence(value: unknown[], indent: number, step: number, eol: string): string {
  const dash = indent + step;
  return value.map((item) => `${' '.repeat(dash)}- ${itemText(item, dash + 2, step, eol)}`).join(eol);
}

/** The text after `- ` of a block sequence item whose content sits at `indent`. */
function itemText(item: unknown, indent: number, step: number, eol: string): string {
  if (isScalar(item)) return scalarText(item);
  const short = shortForm(item);
  if (short) return short;
  if (Array.isArray(item)) return flowText(item);
  const entries = Object.keys(item as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return blockMapping(item as Record<string, unknown>, indent, step, eol, 0);
}

function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/**
 * Adds `name: <valueJson>` to a YAML mapping, after `after` (one of its properties) or as its last entry.
 * Undefined where no edit keeps the file valid (a short-form tag, not a mapping).
 */
export function yamlInsertProperty(text: string, objectNode: Node, name: string, valueJson: string, after?: Node): TextEdit | undefined {
  const style = yamlStyle(objectNode);
  const children = objectNode.children ?? [];
  const parsed = parseJson(valueJson);
  if (style === 'flow-map') {
    const entry = `${yamlKey(name)}: ${parsed ? JSON.stringify(parsed.value) : valueJson}`;
    if (children.length === 0) return { offset: objectNode.offset + 1, length: 0, newText: entry };
    const anchor = after ?? children[children.length - 1];
    return { offset: endOf(anchor), length: 0, newText: `, ${entry}` };
  }
  if (style !== 'block-map' || children.length === 0 || !parsed) return undefined;
  const eol = lineBreakOf(text);
  const step = indentStep(text);
  const column = columnOf(text, children[0].offset);
  const anchor = after ?? children[children.length - 1];
  const line = `${' '.repeat(column)}${yamlKey(name)}:${blockValue(parsed.value, column, step, eol)}`;
  const at = afterLastLine(text, anchor);
  // At the very end of a file without a final line break, the new line needs one before it.
  const needsBreak = at === text.length && at > 0 && text[at - 1] !== '\n' && text[at - 1] !== '\r';
  return { offset: at, length: 0, newText: needsBreak ? `${eol}${line}` : `${line}${eol}` };
}

/** Appends an item to a YAML sequence: a `- ` line in block style, `, item` in flow style. */
export function yamlAppendArrayItem(text: string, arrayNode: Node, itemJson: string): TextEdit | undefined {
  const style = yamlStyle(arrayNode);
  const items = arrayNode.children ?? [];
  const parsed = parseJson(itemJson);
  if (style === 'flow-seq') {
    const item = parsed ? JSON.stringify(parsed.value) : itemJson;
    if (items.length === 0) return { offset: arrayNode.offset + 1, length: Math.max(0, arrayNode.length - 2), newText: item };
    return { offset: endOf(items[items.length - 1]), length: 0, newText: `, ${item}` };
  }
  if (style !== 'block-seq' || items.length === 0 || !parsed) return undefined;
  const eol = lineBreakOf(text);
  const step = indentStep(text);
  const dash = columnOf(text, arrayNode.offset);
  const line = `${' '.repeat(dash)}- ${itemText(parsed.value, dash + 2, step, eol)}`;
  const at = afterLastLine(text, items[items.length - 1]);
  const needsBreak = at === text.length && at > 0 && text[at - 1] !== '\n' && text[at - 1] !== '\r';
  return { offset: at, length: 0, newText: needsBreak ? `${eol}${line}` : `${line}${eol}` };
}

/**
 * Replaces a YAML node with a value given as JSON text. A scalar keeps its quoting where the new value
 * allows; a block collection becomes block text at the same place; otherwise the JSON text, which YAML
 * reads as a flow value.
 */
export function yamlReplaceNode(text: string, node: Node, newJson: string): TextEdit {
  const parsed = parseJson(newJson);
  const style = yamlStyle(node);
  if (!parsed) return { offset: node.offset, length: node.length, newText: newJson };
  const value = parsed.value;
  if (isScalar(value)) {
    const prefer = style === 'single' ? 'single' : style === 'double' ? 'double' : 'plain';
    // A key stays plain only if it still reads back as the same string.
    return { offset: node.offset, length: node.length, newText: scalarText(value, prefer) };
  }
  if ((style === 'block-map' || style === 'block-seq') && !Array.isArray(value) && Object.keys(value as object).length > 0) {
    const eol = lineBreakOf(text);
    const column = columnOf(text, node.offset);
    return {
      offset: node.offset,
      length: node.length,
      newText: blockMapping(value as Record<string, unknown>, column, indentStep(text), eol, 0),
    };
  }
  return { offset: node.offset, length: node.length, newText: JSON.stringify(value) };
}

/**
 * Removes properties of a mapping or items of a sequence (several groups allowed). Block entries go with
 * their lines; a block collection left empty becomes `{}` or `[]`; flow entries go with their commas.
 */
export function yamlRemoveNodes(text: string, nodes: readonly Node[]): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const [parent, removed] of groupByParent(nodes)) {
    const children = parent.children ?? [];
    if (isFlow(parent)) {
      edits.push(...separatedListRemovals(children, removed));
      continue;
    }
    if (children.every((child) => removed.has(child))) {
      edits.push({ offset: parent.offset, length: parent.length, newText: parent.type === 'array' ? '[]' : '{}' });
      continue;
    }
    for (const [index, child] of children.entries()) {
      if (!removed.has(child)) continue;
      const lineStart = lineStartOf(text, child.offset);
      const startsLine = /^[ \t]*$/.test(text.slice(lineStart, child.offset));
      if (parent.type === 'array') {
        // The item's `- ` starts its line: remove whole lines.
        const dashLine = lineStartOf(text, child.offset);
        edits.push({ offset: dashLine, length: afterLastLine(text, child) - dashLine, newText: '' });
      } else if (startsLine) {
        edits.push({ offset: lineStart, length: afterLastLine(text, child) - lineStart, newText: '' });
      } else {
        // The first key of a sequence item (`- Name: x`): the next key moves up behind the `- `.
        const next = children[index + 1];
        const until = next && !removed.has(next) ? next.offset : afterLastLine(text, child);
        edits.push({ offset: child.offset, length: until - child.offset, newText: '' });
      }
    }
  }
  return mergeAdjacent(edits);
}

/** Overlapping or touching deletions (two removed neighbours) become one edit. */
function mergeAdjacent(edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  const result: TextEdit[] = [];
  for (const edit of sorted) {
    const previous = result[result.length - 1];
    if (previous && previous.newText === '' && edit.newText === '' && edit.offset <= previous.offset + previous.length) {
      previous.length = Math.max(previous.offset + previous.length, edit.offset + edit.length) - previous.offset;
    } else result.push({ ...edit });
  }
  return result;
}

/** The statements appended to a YAML policy's `Statement` (a block or flow sequence, one statement, or none). */
export function yamlAppendStatements(
  text: string,
  policyNode: Node,
  statementNode: Node | undefined,
  statements: ReadonlyArray<Record<string, unknown>>,
): TextEdit | undefined {
  if (statementNode?.type === 'array') {
    const items = statementNode.children ?? [];
    if (yamlStyle(statementNode) === 'block-seq' && items.length > 0) {
      const edits = statements.map((statement) => yamlAppendArrayItem(text, statementNode, JSON.stringify(statement)));
      if (edits.some((edit) => edit === undefined)) return undefined;
      return { offset: edits[0]!.offset, length: 0, newText: edits.map((edit) => edit!.newText).join('') };
    }
    if (yamlStyle(statementNode) === 'flow-seq') {
      const rendered = statements.map((statement) => JSON.stringify(statement)).join(', ');
      if (items.length === 0) return { offset: statementNode.offset + 1, length: Math.max(0, statementNode.length - 2), newText: rendered };
      return { offset: endOf(items[items.length - 1]), length: 0, newText: `, ${rendered}` };
    }
    return undefined;
  }
  if (statementNode?.type === 'object' && !isYamlTag(statementNode)) {
    const existing = JSON.stringify(nodeValue(statementNode));
    if (existing === undefined) return undefined;
    return yamlReplaceNode(text, statementNode, `[${existing}, ${statements.map((statement) => JSON.stringify(statement)).join(', ')}]`);
  }
  if (!statementNode) return yamlInsertProperty(text, policyNode, 'Statement', JSON.stringify(statements));
  return undefined;
}

function isYamlTag(node: Node): boolean {
  return yamlStyle(node) === 'tag';
}

/** The plain value of a small subtree (for rewriting a single statement as a list). */
function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const [key, value] = prop.children ?? [];
        if (key && value) result[String(key.value)] = nodeValue(value);
      }
      return result;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}
