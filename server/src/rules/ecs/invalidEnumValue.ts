import { reportedShapeIssues } from './shapeText';
import type { Rule } from '../../core/rule';
import { innerSpan } from '../../core/rule';
import { closestMatch } from '../../core/suggest';
import type { Fix } from '../../core/types';
import { ECS_DOCS } from '../../ecs/links';
import { enumValues } from '../../ecs/schema';

export const invalidEnumValue: Rule = {
  meta: {
    id: 'ecs/invalid-enum-value',
    title: 'A value outside the list the ECS API accepts',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: ECS_DOCS.registerApi,
    fixable: true,
    appliesTo: ['ecs-task-definition', 'ecs-service', 'cloudformation-template'],
    description: [
      'Fields such as `networkMode`, `requiresCompatibilities`, `logDriver`, `dependsOn[].condition`,',
      '`ulimits[].name` or `runtimePlatform.cpuArchitecture` take one value from a fixed, case-sensitive list',
      'in the ECS API model (`awsvpc`, not `AWSVPC`; `FARGATE`, not `fargate`). Quick fixes offer each valid value,',
      'the closest one first.',
    ].join('\n'),
  },
  check(context) {
    for (const issue of reportedShapeIssues(context.document)) {
      if (issue.kind !== 'invalid-enum') continue;
      const valid = enumValues(issue.enumName);
      const sameIgnoringCase = valid.find((value) => value.toLowerCase() === issue.value.trim().toLowerCase());
      const best = sameIgnoringCase ?? closestMatch(issue.value, valid);
      const ordered = best ? [best, ...valid.filter((value) => value !== best)] : valid;
      const fixes: Fix[] = ordered.slice(0, 12).map((value) => ({
        title: `Change to "${value}"`,
        edits: [{ offset: issue.node.offset, length: issue.node.length, newText: JSON.stringify(value) }],
        isPreferred: value === best,
      }));
      const suggestion = best ? ` Did you mean "${best}"?` : '';
      context.report({
        at: innerSpan(issue.node),
        message: `"${issue.value}" is not a valid \`${issue.path.replace(/\[\d+\]$/, '')}\` value.${suggestion} Valid values (case-sensitive): ${valid.join(', ')}.`,
        fixes,
      });
    }
  },
};
