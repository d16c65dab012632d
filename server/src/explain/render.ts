// The answer in words: Markdown for the editor's panel, plain text for the terminal. Pure functions.
import { PHASE_LABELS } from '../core/types';
import type { Explanation, PermissionVerdict, TaskDefinitionMatch } from './explain';

const DECISION_WORDS: Record<PermissionVerdict['decision'], string> = {
  allowed: 'allowed',
  conditional: 'allowed only under conditions',
  denied: 'explicitly denied',
  'not-allowed': 'not allowed',
};

/** The Markdown answer (VS Code panel, hover-like). `code` wraps inline code; the text presenter passes plain backticks too. */
export function renderExplanationMarkdown(explanation: Explanation): string {
  const { recognised } = explanation;
  const lines: string[] = [`## ${explanation.title}`, ''];
  lines.push(
    `**When:** ${explanation.phase === 'register' ? PHASE_LABELS.register : PHASE_LABELS.start}. ${explanation.iam ? '' : '**Not an IAM problem** — no policy change fixes this.'}`.trim(),
    '',
  );
  const facts: string[] = [];
  if (explanation.role !== 'none') {
    facts.push(`- **Role that needed it:** ${roleWords(explanation)}${recognised.roleName ? ` \`${recognised.roleName}\`` : ''}`);
  }
  if (recognised.action) facts.push(`- **Action:** \`${recognised.action}\``);
  if (recognised.resource) facts.push(`- **Resource:** \`${recognised.resource}\``);
  else if (recognised.secret || recognised.parameter || recognised.image || recognised.logGroup || recognised.s3Object) {
    facts.push(
      `- **Named in the error:** \`${(recognised.secret ?? recognised.parameter ?? recognised.image ?? recognised.logGroup ?? recognised.s3Object)!}\``,
    );
  }
  if (recognised.endpoint) facts.push(`- **Endpoint it could not reach:** \`${recognised.endpoint}\``);
  if (recognised.denial) facts.push(`- **IAM says the denial comes from:** ${DENIAL_WORDS[recognised.denial]}`);
  if (facts.length > 0) lines.push(...facts, '');
  if (explanation.why) lines.push('### Why this role', '', explanation.why, '');
  if (explanation.steps.length > 0) {
    lines.push('### What to check', '');
    for (const step of explanation.steps) lines.push(`- ${step}`);
    lines.push('');
  }
  if (explanation.iam) {
    lines.push('### In this workspace', '', explanation.verdict, '');
    for (const match of explanation.matches) lines.push(...renderMatch(match), '');
  }
  if (explanation.suspects.length > 0) {
    lines.push(
      explanation.matches.some((match) => match.fixes.length > 0)
        ? '### If the fix is already deployed, check next'
        : '### Where else to look, in order',
      '',
    );
    explanation.suspects.forEach((suspect, index) => lines.push(`${index + 1}. ${suspect}`));
    lines.push('');
  }
  lines.push(`AWS documentation: ${explanation.docsUrl}`);
  return lines.join('\n');
}

const DENIAL_WORDS: Record<NonNullable<Explanation['recognised']['denial']>, string> = {
  'no-identity-policy': 'no identity-based policy of the role allows it',
  'identity-deny': 'an explicit Deny in an identity-based policy of the role',
  scp: 'a service control policy (AWS Organizations)',
  rcp: 'a resource control policy (AWS Organizations)',
  boundary: "the role's permissions boundary",
  'session-policy': 'a session policy',
  'resource-policy': 'a resource-based policy',
};

function roleWords(explanation: Explanation): string {
  switch (explanation.role) {
    case 'execution':
      return 'the task **execution role** (`executionRoleArn`)';
    case 'task':
      return 'the **task role** (`taskRoleArn`)';
    case 'caller':
      return 'the **caller** of the ECS API (a user, CI role or CloudFormation), passing the role';
    default:
      return '';
  }
}

function renderMatch(match: TaskDefinitionMatch): string[] {
  const lines: string[] = [];
  const where = `\`${match.label}\` line ${match.range.start.line + 1}`;
  lines.push(`#### ${match.taskFamily ? `\`${match.taskFamily}\` — ` : ''}${where}`, '');
  lines.push(
    `- **Field:** \`${match.field}\`${match.need ? ` — needed to ${match.need}` : ''}${match.matchedBy === 'feature' ? ' (the error names no resource; this task definition has the feature)' : ''}`,
  );
  const linked = match.linked.length > 0 ? match.linked.map((label) => `\`${label}\``).join(', ') : 'none found in the workspace';
  if (match.callerName) {
    lines.push(`- **${match.roleField}:** \`${match.roleName ?? '?'}\` (the role being passed)`);
    lines.push(`- **Caller:** \`${match.callerName}\`; its policies: ${linked}`);
  } else if (match.roleField) {
    lines.push(`- **${match.roleField}:** ${match.roleName ? `\`${match.roleName}\`` : 'not set'}; linked policies: ${linked}`);
  }
  if (match.roleMismatch) lines.push(`- ${match.roleMismatch}`);
  for (const verdict of match.verdicts) {
    const by =
      verdict.deniedBy.length > 0
        ? `, denied by ${verdict.deniedBy.join(', ')}`
        : verdict.allowedBy.length > 0
          ? `, by ${verdict.allowedBy.join(', ')}`
          : '';
    const conditions = verdict.conditions.length > 0 ? ` (if ${verdict.conditions.join(' and ')})` : '';
    lines.push(`- \`${verdict.action}\` on \`${verdict.resource}\`: **${DECISION_WORDS[verdict.decision]}**${by}${conditions}`);
  }
  if (match.otherRole) {
    lines.push(
      match.otherRole.allows
        ? `- The task role \`${match.otherRole.roleName}\` (${match.otherRole.linked.map((label) => `\`${label}\``).join(', ')}) **does** allow it — but ECS does not use the task role for this; the grant belongs on the execution role.`
        : `- The task role \`${match.otherRole.roleName}\` does not allow it either; it would not be used for this anyway.`,
    );
  }
  if (match.diagnostic) lines.push(`- **The editor reports there:** ${match.diagnostic}`);
  for (const fix of match.fixes) lines.push(`- **Fix:** ${fix.title}`);
  return lines;
}

/** Plain text for the terminal: the Markdown without its markup. */
export function renderExplanationText(explanation: Explanation, label: (file: string) => string = (file) => file): string {
  const markdown = renderExplanationMarkdown(explanation);
  const text = markdown
    .split('\n')
    .map((line) =>
      line
        .replace(/^#{2,4} /, '')
        .replace(/\*\*/g, '')
        .replace(/`/g, ''),
    )
    .join('\n');
  const fixes = explanation.matches.flatMap((match) => match.fixes);
  if (fixes.length === 0) return text;
  const parts = [text, '', 'Fixes (the same quick fixes the editor offers):'];
  for (const fix of fixes) {
    parts.push(`  ${fix.title}`);
    for (const edit of fix.edits) {
      parts.push(`    ${label(edit.path)}:${edit.range.start.line + 1}:${edit.range.start.character + 1}`);
      for (const line of edit.newText.replace(/^,?\r?\n/, '').split(/\r?\n/)) parts.push(`      ${line}`);
    }
  }
  return parts.join('\n');
}
