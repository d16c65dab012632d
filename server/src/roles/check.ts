// Checks a role's needs against its linked policies, and builds the edit that adds a missing
// permission to a linked policy file.
import { appendArrayItem, insertProperty, renderJson } from '../core/edits';
import { indentationAt, indentUnit, lineBreakOf } from '../core/layout';
import { property, type Node } from '../core/json';
import type { JsonDocument } from '../core/document';
import type { Fix, TextEdit } from '../core/types';
import { evaluate, type Evaluation, type PolicySource } from './evaluate';
import type { RoleNeed } from './taskRoleNeeds';
import { yamlAppendStatements } from '../core/yamlEdits';
import { hclAppendStatements } from '../core/hclEdits';

export interface PermissionCheck {
  need: RoleNeed;
  action: string;
  /** The resource pattern to grant (what a generated statement uses). */
  resource: string;
  evaluation: Evaluation;
}

/**
 * The resource a request actually names. CloudWatch Logs authorizes stream operations against the
 * log-stream ARN inside the group, which `log-group:NAME:*` covers and `log-group:NAME` does not.
 */
export function probeResource(resource: string): string {
  const logGroup = /^(arn:[^:]+:logs:[^:]*:[^:]*:log-group:.+):\*$/.exec(resource);
  if (logGroup) return `${logGroup[1]}:log-stream:*`;
  const secret = /^(arn:[^:]+:secretsmanager:[^:]*:[^:]*:secret:)(.+)$/.exec(resource);
  // A secret referenced without its random 6-character suffix still names the suffixed secret.
  if (secret && !/-[A-Za-z0-9]{6}$/.test(secret[2]) && !secret[2].endsWith('*')) return `${resource}-??????`;
  return resource;
}

/** Checks every required action of the needs; a permission needed only in some situation (`onlyIf`) is not checked. */
export function checkNeeds(needs: readonly RoleNeed[], sources: readonly PolicySource[]): PermissionCheck[] {
  const checks: PermissionCheck[] = [];
  for (const need of needs) {
    for (const permission of need.permissions) {
      if (permission.onlyIf) continue;
      for (const action of permission.actions) {
        checks.push({
          need,
          action,
          resource: permission.resource,
          evaluation: evaluate(sources, action, probeResource(permission.resource)),
        });
      }
    }
  }
  return checks;
}

/** Needs whose every action is allowed, out of all needs. */
export function needsMet(needs: readonly RoleNeed[], checks: readonly PermissionCheck[]): { met: number; total: number } {
  const met = needs.filter((need) =>
    checks.filter((check) => check.need === need).every((check) => check.evaluation.decision === 'allowed'),
  ).length;
  return { met, total: needs.length };
}

/** A statement granting `actions` on `resources`, as a plain object in IAM's element order. */
export function statementFor(sid: string, actions: readonly string[], resources: readonly string[]): Record<string, unknown> {
  return {
    Sid: sid,
    Effect: 'Allow',
    Action: actions.length === 1 ? actions[0] : [...actions],
    Resource: resources.length === 1 ? resources[0] : [...resources],
  };
}

const SID_FILLER_WORDS = new Set(['a', 'an', 'the', 'for', 'of', 'to', 'in', 'with', 'it', 'if', 'from', 'and']);

/** A Sid made of letters and digits from a summary ("read the secret DB_PASSWORD" -> "ReadSecretDbPassword"). */
export function sidFrom(text: string): string {
  // Filler words go, so that the names in the summary (`DB_PASSWORD`) survive whole; the Sid stops at a word
  // boundary within IAM's 64-character limit, never in the middle of a name.
  const words = text
    .replace(/`[^`]*`/g, (quoted) => quoted.slice(1, -1))
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word && !SID_FILLER_WORDS.has(word.toLowerCase()));
  let sid = '';
  for (const word of words) {
    const part = word[0].toUpperCase() + word.slice(1).toLowerCase();
    if (sid.length + part.length > 64) break;
    sid += part;
  }
  return sid || 'Statement';
}

/**
 * The edit that appends `statements` to the `Statement` of the policy object `policyNode`, indented like
 * the existing statements. Handles a Statement array (empty or not), a single Statement object, and
 * a missing Statement.
 */
export function appendStatementsEdit(
  document: JsonDocument,
  policyNode: Node,
  statements: ReadonlyArray<Record<string, unknown>>,
): TextEdit {
  const text = document.text;
  const eol = lineBreakOf(text);
  const unit = indentUnit(text);
  const render = (indent: string) => statements.map((statement) => renderJson(text, statement, indent)).join(`,${eol}${indent}`);
  const statementNode = property(policyNode, 'Statement');
  if (document.format === 'yaml') {
    const edit = yamlAppendStatements(text, policyNode, statementNode, statements);
    if (edit) return edit;
  }
  if (document.format === 'hcl') {
    const edit = hclAppendStatements(text, policyNode, statementNode, statements);
    if (edit) return edit;
  }
  if (statementNode?.type === 'array') {
    const items = statementNode.children ?? [];
    const last = items[items.length - 1];
    if (last) return appendArrayItem(text, statementNode, render(indentationAt(text, last.offset)));
    const indent = indentationAt(text, statementNode.offset) + unit;
    return {
      offset: statementNode.offset + 1,
      length: 0,
      newText: `${eol}${indent}${render(indent)}${eol}${indentationAt(text, statementNode.offset)}`,
    };
  }
  if (statementNode?.type === 'object') {
    const existing = text.slice(statementNode.offset, statementNode.offset + statementNode.length);
    return {
      offset: statementNode.offset,
      length: statementNode.length,
      newText: `[${existing}, ${render(indentationAt(text, statementNode.offset))}]`,
    };
  }
  const children = policyNode.children ?? [];
  const last = children[children.length - 1];
  const indent = last ? indentationAt(text, last.offset) : unit;
  return insertProperty(text, policyNode, 'Statement', `[${render(indent)}]`);
}

/** A fix that adds statements to a linked policy file (another document than the one with the finding). */
export function addStatementsFix(title: string, source: PolicySource, statements: ReadonlyArray<Record<string, unknown>>): Fix | undefined {
  if (source.kind !== 'file' || !source.document || !source.policyNode || !source.file) return undefined;
  const edit = appendStatementsEdit(source.document, source.policyNode, statements);
  return {
    title,
    edits: [],
    otherFiles: [{ path: source.file, edits: [{ range: source.document.lines.rangeOf(edit), newText: edit.newText }] }],
  };
}
