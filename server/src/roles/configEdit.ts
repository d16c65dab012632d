// Writes a role mapping into `.ecs-iam.json` text, keeping the rest of the file (comments,
// formatting) as it is. Pure: the caller reads and writes the file.
import { applyEdits, modify, parseTree } from 'jsonc-parser';
import { property } from '../core/json';
import { lineBreakOf } from '../core/layout';

export type MappingKind = 'policies' | 'trustPolicy';

/** The new text of `.ecs-iam.json` with `policyPath` added to role `roleName` (as a policy or its trust policy). */
export function withRoleMapping(configText: string | undefined, roleName: string, policyPath: string, kind: MappingKind): string {
  const text = configText && configText.trim() !== '' ? configText : '{}\n';
  const formattingOptions = { insertSpaces: true, tabSize: 2, eol: lineBreakOf(text) };
  if (kind === 'trustPolicy') {
    return applyEdits(text, modify(text, ['roles', roleName, 'trustPolicy'], policyPath, { formattingOptions }));
  }
  const existing = property(property(property(parseTree(text), 'roles'), roleName), 'policies');
  const list = existing?.type === 'array' ? (existing.children ?? []).map((item) => item.value as unknown) : [];
  if (list.includes(policyPath)) return text;
  return applyEdits(text, modify(text, ['roles', roleName, 'policies'], [...list, policyPath], { formattingOptions }));
}
