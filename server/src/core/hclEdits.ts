// The HCL side of the edit helpers (see edits.ts): what a fix writes into a Terraform file. An object made
// of a block (a task definition's arguments, a `statement`) gets a `name = value` line before its closing
// brace; a policy from an `aws_iam_policy_document` gets `statement { ... }` blocks; a role gets an
// `inline_policy` block. Values inside `jsonencode(...)` are HCL object syntax already, so the JSON helpers
// edit them as they are (HCL accepts `"key": value` and commas); `hclFixIsSafe` keeps only fixes that touch
// such real nodes or were written here, and that leave the file valid HCL.
import { hclHasErrors, hclOrigin, terraformName } from './hcl';
import { nodeAtOffset, type Node } from './json';
import { lineBreakOf } from './layout';
import type { Fix, TextEdit } from './types';

/** Edits written by this module (trusted to be HCL). */
const written = new WeakSet<TextEdit>();

function mark(edit: TextEdit): TextEdit {
  written.add(edit);
  return edit;
}

/** A value in HCL syntax: objects as `{ key = value }` over lines, lists and scalars as in JSON. */
export function renderHcl(value: unknown, indent: string, unit = '  ', eol = '\n'): string {
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== 'object')) {
      return `[${value.map((item) => JSON.stringify(item)).join(', ')}]`;
    }
    return `[${eol}${value.map((item) => indent + unit + renderHcl(item, indent + unit, unit, eol)).join(`,${eol}`)}${eol}${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    const width = Math.max(...entries.map(([key]) => hclKey(key).length));
    return `{${eol}${entries
      .map(([key, item]) => `${indent}${unit}${hclKey(key).padEnd(width)} = ${renderHcl(item, indent + unit, unit, eol)}`)
      .join(eol)}${eol}${indent}}`;
  }
  return JSON.stringify(value);
}

function hclKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : JSON.stringify(key);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Inserts `name = value` into the block an object was made of (before its closing brace); undefined for other nodes. */
export function hclInsertArgument(text: string, objectNode: Node, apiName: string, valueText: string): TextEdit | undefined {
  const origin = hclOrigin(objectNode);
  if (origin?.kind !== 'block' || origin.closeOffset === undefined) return undefined;
  const name = origin.names?.[apiName] ?? terraformName(apiName);
  const eol = lineBreakOf(text);
  const at = lineStart(text, origin.closeOffset);
  const indent = origin.indent ?? '';
  if (text.slice(at, origin.closeOffset).trim() !== '') {
    // `block { }` on one line: open it.
    return mark({ offset: origin.closeOffset, length: 0, newText: `${eol}${indent}  ${name} = ${valueText}${eol}${indent}` });
  }
  return mark({ offset: at, length: 0, newText: `${indent}  ${name} = ${valueText}${eol}` });
}

/**
 * Appends statements to a policy: `statement` blocks in an aws_iam_policy_document, HCL objects in a
 * `jsonencode` Statement list. Undefined when the policy is neither.
 */
export function hclAppendStatements(
  text: string,
  policyNode: Node,
  statementNode: Node | undefined,
  statements: ReadonlyArray<Record<string, unknown>>,
): TextEdit | undefined {
  const eol = lineBreakOf(text);
  const origin = hclOrigin(policyNode);
  if (origin?.kind === 'policy-document' && origin.closeOffset !== undefined) {
    const indent = (origin.indent ?? '') + '  ';
    const blocks = statements.map((statement) => statementBlock(statement, indent, eol)).join(eol);
    const at = lineStart(text, origin.closeOffset);
    return mark({ offset: at, length: 0, newText: `${eol}${blocks}${eol}` });
  }
  if (!origin && statementNode?.type === 'array' && !hclOrigin(statementNode)) {
    const items = statementNode.children ?? [];
    const last = items[items.length - 1];
    const indent = last ? /^[ \t]*/.exec(text.slice(lineStart(text, last.offset)))![0] : '';
    const rendered = statements.map((statement) => renderHcl(statement, indent, '  ', eol));
    if (!last) {
      return mark({ offset: statementNode.offset + 1, length: 0, newText: rendered.join(', ') });
    }
    const end = last.offset + last.length;
    return mark({ offset: end, length: 0, newText: rendered.map((item) => `,${eol}${indent}${item}`).join('') });
  }
  return undefined;
}

/** `statement { sid = ..., effect = ..., actions = [...], resources = [...] }` from an IAM statement object. */
function statementBlock(statement: Record<string, unknown>, indent: string, eol: string): string {
  const list = (value: unknown) => (Array.isArray(value) ? value : [value]);
  const lines: Array<[string, unknown]> = [];
  if (statement.Sid !== undefined) lines.push(['sid', statement.Sid]);
  if (statement.Effect !== undefined) lines.push(['effect', statement.Effect]);
  if (statement.Action !== undefined) lines.push(['actions', list(statement.Action)]);
  if (statement.NotAction !== undefined) lines.push(['not_actions', list(statement.NotAction)]);
  if (statement.Resource !== undefined) lines.push(['resources', list(statement.Resource)]);
  if (statement.NotResource !== undefined) lines.push(['not_resources', list(statement.NotResource)]);
  const width = Math.max(...lines.map(([name]) => name.length));
  const body = lines.map(([name, value]) => `${indent}  ${name.padEnd(width)} = ${renderHcl(value, indent + '  ')}`).join(eol);
  let conditions = '';
  const condition = statement.Condition as Record<string, Record<string, unknown>> | undefined;
  if (condition && typeof condition === 'object') {
    for (const [test, variables] of Object.entries(condition)) {
      for (const [variable, values] of Object.entries(variables ?? {})) {
        conditions += `${eol}${eol}${indent}  condition {${eol}${indent}    test     = ${JSON.stringify(test)}${eol}${indent}    variable = ${JSON.stringify(variable)}${eol}${indent}    values   = ${renderHcl(list(values), indent + '    ')}${eol}${indent}  }`;
      }
    }
  }
  return `${indent}statement {${eol}${body}${conditions}${eol}${indent}}`;
}

/** An `inline_policy` block for a role resource (the role's object made of its block). */
export function hclAddInlinePolicy(
  text: string,
  roleProperties: Node,
  policyName: string,
  statements: ReadonlyArray<Record<string, unknown>>,
): TextEdit | undefined {
  const origin = hclOrigin(roleProperties);
  if (origin?.kind !== 'block' || origin.closeOffset === undefined) return undefined;
  const eol = lineBreakOf(text);
  const indent = (origin.indent ?? '') + '  ';
  const policy = renderHcl({ Version: '2012-10-17', Statement: statements }, indent + '  ', '  ', eol);
  const block = `${eol}${indent}inline_policy {${eol}${indent}  name   = ${JSON.stringify(policyName)}${eol}${indent}  policy = jsonencode(${policy})${eol}${indent}}${eol}`;
  return mark({ offset: lineStart(text, origin.closeOffset), length: 0, newText: block });
}

/**
 * Whether a fix may be offered in a Terraform file: every edit of the file was written here, or changes a
 * node that is really in the text (inside `jsonencode(...)`, a JSON heredoc, a literal). Cheap: run on every
 * finding; `hclEditsKeepSyntax` (a reparse) is checked when a fix is asked for.
 */
export function hclFixIsSafe(root: Node | undefined, fix: Fix): boolean {
  if (fix.edits.length === 0) return true;
  for (const edit of fix.edits) {
    if (written.has(edit)) continue;
    const end = edit.offset + edit.length;
    let node = nodeAtOffset(root, edit.offset);
    // The innermost node holding the whole edit must be real text.
    while (node && !(node.offset <= edit.offset && node.offset + node.length >= end)) node = node.parent;
    if (!node || hclOrigin(node)) return false;
  }
  return true;
}

/** Whether the text with these edits still parses as HCL (a fix that would break the file is not offered). */
export function hclEditsKeepSyntax(text: string, edits: readonly TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => b.offset - a.offset);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.offset) + edit.newText + result.slice(edit.offset + edit.length);
  return hclHasErrors(result) === false || hclHasErrors(text) === true;
}
