import { property, stringValue } from '../../core/json';
import { fieldLabel } from '../../core/fieldNames';
import type { Rule } from '../../core/rule';
import { innerSpan } from '../../core/rule';
import type { Fix } from '../../core/types';
import { roleFormatProblem } from '../../ecs/arnFormat';
import { taskDefinitionContext } from '../../ecs/executionRoleNeeds';
import { ECS_DOCS } from '../../ecs/links';
import { ecsViews } from '../../ecs/taskDefinition';

export const roleArnFormat: Rule = {
  meta: {
    id: 'ecs/role-arn-format',
    title: 'taskRoleArn or executionRoleArn is not a valid role ARN or name',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: ECS_DOCS.iamArns,
    fixable: true,
    appliesTo: ['ecs-task-definition', 'cloudformation-template'],
    description: [
      '`taskRoleArn` takes a role name or a role ARN, `arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME`, where the',
      'partition is `aws`, `aws-cn` or `aws-us-gov` (or an isolated one), the account is 12 digits and IAM ARNs',
      'have no region. The API documents `executionRoleArn` as a full ARN, so a bare name there is a warning',
      '(the quick fix expands it when the account is known). Placeholders such as `XXXXXXXXXXXX` are left to the',
      '`placeholder` rule.',
    ].join('\n'),
  },
  check(context) {
    for (const view of ecsViews(context.document)) {
      for (const field of ['taskRoleArn', 'executionRoleArn'] as const) {
        const node = property(view.node, field);
        const value = stringValue(node);
        if (!node || !value || value.trim() === '') continue;
        const result = roleFormatProblem(value);
        if (!result) continue;
        if (result.isName) {
          if (field === 'taskRoleArn') continue;
          const where = taskDefinitionContext(view.node);
          const fixes: Fix[] = where.account
            ? [
                {
                  title: `Use the full ARN arn:${where.partition}:iam::${where.account}:role/${value.trim()}`,
                  edits: [
                    {
                      offset: node.offset,
                      length: node.length,
                      newText: JSON.stringify(`arn:${where.partition}:iam::${where.account}:role/${value.trim()}`),
                    },
                  ],
                  isPreferred: true,
                },
              ]
            : [];
          context.report({
            at: innerSpan(node),
            severity: 'warning',
            message: `\`${fieldLabel(view.node, field)}\` is a role name; the ECS API documents it as the role's full ARN (arn:aws:iam::ACCOUNT:role/${value.trim()}). Use the ARN.`,
            fixes,
          });
          continue;
        }
        context.report({
          at: innerSpan(node),
          message: `\`${fieldLabel(view.node, field)}\` is not a valid IAM role reference: ${result.problem}.`,
          docsUrl: field === 'taskRoleArn' ? ECS_DOCS.taskRole : ECS_DOCS.executionRole,
        });
      }
    }
  },
};
