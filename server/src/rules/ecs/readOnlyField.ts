import { property } from '../../core/json';
import { reportedShapeIssues } from './shapeText';
import type { Rule } from '../../core/rule';
import type { Fix, TextEdit } from '../../core/types';
import { removeNodes } from '../../core/edits';
import { ECS_DOCS } from '../../ecs/links';

export const readOnlyField: Rule = {
  meta: {
    id: 'ecs/read-only-field',
    title: 'A read-only field from describe-task-definition output',
    defaultSeverity: 'info',
    phase: 'register',
    docsUrl: ECS_DOCS.describeApi,
    fixable: true,
    appliesTo: ['ecs-task-definition', 'cloudformation-template'],
    description: [
      'Task definitions saved with `aws ecs describe-task-definition` (often for CI deploys) carry fields ECS',
      'sets itself: `taskDefinitionArn`, `revision`, `status`, `requiresAttributes`, `compatibilities`,',
      '`registeredAt`, `registeredBy`, `deregisteredAt`. register-task-definition does not take them, so they',
      'must go before the file is registered again. One quick fix removes them all; for the wrapped',
      '`{"taskDefinition": {...}}` form another fix also unwraps the definition.',
    ].join('\n'),
  },
  check(context) {
    const { document } = context;
    const issues = reportedShapeIssues(document).filter((issue) => issue.kind === 'read-only-field');
    if (issues.length === 0) return;
    const properties = issues.map((issue) => issue.key.parent!).filter(Boolean);
    const removeAll: Fix = {
      title: issues.length > 1 ? `Remove all ${issues.length} read-only fields` : `Remove \`${issues[0].name}\``,
      edits: removeNodes(properties),
      isPreferred: true,
    };
    const fixes: Fix[] = [removeAll];
    const view = document.taskDefinitions.find((candidate) => candidate.format === 'describe');
    const wrapper = view?.node.parent?.parent;
    if (view && wrapper && wrapper === document.root && property(wrapper, 'taskDefinition') === view.node) {
      fixes.push({
        title: 'Keep only the task definition (unwrap it and remove the read-only fields)',
        edits: [unwrap(document.text, view.node, wrapper, removeAll.edits)],
      });
    }
    const names = issues.map((issue) => `\`${issue.name}\``).join(', ');
    for (const issue of issues) {
      context.report({
        at: issue.key,
        message: `\`${issue.name}\` is set by ECS and returned by describe-task-definition; register-task-definition does not accept it. Remove it before registering this file (read-only fields here: ${names}).`,
        fixes,
      });
    }
  },
};

/** Replaces the wrapper object with the inner task definition, minus the removed fields. */
function unwrap(
  text: string,
  inner: { offset: number; length: number },
  wrapper: { offset: number; length: number },
  removals: TextEdit[],
): TextEdit {
  let innerText = text.slice(inner.offset, inner.offset + inner.length);
  for (const edit of [...removals].sort((a, b) => b.offset - a.offset)) {
    const start = edit.offset - inner.offset;
    innerText = innerText.slice(0, start) + edit.newText + innerText.slice(start + edit.length);
  }
  return { offset: wrapper.offset, length: wrapper.length, newText: dedent(innerText) };
}

/** Removes one level of indentation from every line but the first (the inner object was nested once). */
function dedent(value: string): string {
  const lines = value.split('\n');
  const indents = lines
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => /^[ \t]*/.exec(line)![0].length);
  const closing = lines.length > 1 ? /^[ \t]*/.exec(lines[lines.length - 1])![0].length : 0;
  if (indents.length === 0 || closing === 0) return value;
  return [lines[0], ...lines.slice(1).map((line) => line.slice(Math.min(closing, /^[ \t]*/.exec(line)![0].length)))].join('\n');
}
