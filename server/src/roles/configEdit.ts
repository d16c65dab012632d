// Writes a role mapping into `.ecs-iam.json` text, keeping the rest of the file (comments,
// formatting) as it is. Pure: the caller reads and writes the file.
import { applyEdits, modify, parseTree } from 'jsonc-parser';
import { property } from '../core/json';
import { lineBreakOf } from '../core/layout';
import type { TextEdit } from '../core/types';

export type MappingKind = 'policies' | 'trustPolicy';

/** The new text of `.ecs-iam.json` with `policyPath` added to role `roleName` (as a policy or its trust policy). */
export function withRoleMapping(configText: string | undefined, roleName: string, policyPath: string, kind: MappingKind): string {
  const text = configText && configText.trim() !== '' ? configText : '{}\n';
  const formattingOptions = { insertSpaces: true, tabSize: 2, eol: lineBreakOf(text) };
  if (kind === 'trustPolicy') {
    return applyEdits(text, modify(text, ['roles', roleName, 'trustPolicy'], policyPath, { formattingOptions }));
  }
  const existing = property(property(property(parseTree(text), 'roles'), roleName), 'policies');
  const list =
    existing?.type === 'array'
      ? (existing.children ?? []).map((item) => item.value as unknown)
      : existing?.type === 'string'
        ? [existing.value as unknown]
        : [];
  if (list.includes(policyPath)) return text;
  return applyEdits(text, modify(text, ['roles', roleName, 'policies'], [...list, policyPath], { formattingOptions }));
}

/**
 * The `.ecs-iam.json` text with `value` moved from one place of role `roleName`'s mapping to the other
 * (`policies` to `trustPolicy` or back), as one edit of the original text; undefined when the target is taken
 * (a different trust policy is already set).
 */
export function movedMappingEdit(text: string, roleName: string, value: string, from: MappingKind, to: MappingKind): TextEdit | undefined {
  const formattingOptions = { insertSpaces: true, tabSize: 2, eol: text.includes('\r\n') ? '\r\n' : '\n' };
  const role = property(property(parseTree(text), 'roles'), roleName);
  const current = property(role, from);
  const target = property(role, to);
  if (to === 'trustPolicy' && target && target.value !== value) return undefined;
  let next = text;
  if (from === 'policies' && current?.type === 'array') {
    const index = (current.children ?? []).findIndex((item) => item.value === value);
    if (index < 0) return undefined;
    // The last entry takes its list with it: `"policies": []` would say nothing.
    const removed = (current.children ?? []).length > 1 ? ['roles', roleName, 'policies', index] : ['roles', roleName, 'policies'];
    next = applyEdits(next, modify(next, removed, undefined, { formattingOptions }));
  } else {
    next = applyEdits(next, modify(next, ['roles', roleName, from], undefined, { formattingOptions }));
  }
  next =
    to === 'trustPolicy'
      ? applyEdits(next, modify(next, ['roles', roleName, 'trustPolicy'], value, { formattingOptions }))
      : withRoleMapping(next, roleName, value, 'policies');
  return singleEdit(text, next);
}

/** The one edit that turns `before` into `after`: the differing middle, between their common start and end. */
export function singleEdit(before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) {
    end++;
  }
  return { offset: start, length: before.length - start - end, newText: after.slice(start, after.length - end) };
}
