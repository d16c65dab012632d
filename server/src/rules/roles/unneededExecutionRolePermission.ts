import { getNodeValue } from 'jsonc-parser';
import type { Rule } from '../../core/rule';
import { executionRoleNeeds } from '../../ecs/executionRoleNeeds';
import { probeResource } from '../../roles/check';
import { evaluate, statementsFromValue, type PolicySource } from '../../roles/evaluate';
import { statementsOf } from '../../core/classify';
import { property } from '../../core/json';
import { EXECUTION_ROLE_SERVICES } from './applicationPermissionOnExecutionRole';
import { describeUses, policyScopes, usesOfThisPolicy } from './policyUses';

export const unneededExecutionRolePermission: Rule = {
  meta: {
    id: 'iam/unneeded-execution-role-permission',
    title: 'A statement of an execution role policy is not needed by any task definition that uses the role',
    defaultSeverity: 'hint',
    phase: 'advice',
    docsUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    fixable: false,
    appliesTo: ['iam-identity-policy', 'cloudformation-template'],
    description: [
      'Least privilege: the statement grants execution-time permissions (ECR, CloudWatch Logs, secrets, S3 files)',
      'that none of the task definitions linked to this execution role needs, judged from their images, log',
      'configuration, secrets and files. Remove it, or scope it to what a task definition uses. Only reported',
      'when at least one task definition in the workspace uses the role.',
    ].join('\n'),
  },
  check(whole) {
    // In a template, each policy is checked against the task definitions whose role it belongs to.
    for (const context of policyScopes(whole)) {
      const uses = usesOfThisPolicy(context, 'executionRoleArn', 'permission');
      if (uses.length === 0) continue;
      const needs = uses.flatMap((use) => executionRoleNeeds(use.taskDefinition.node));
      for (const policy of context.document.policies) {
        for (const statementNode of statementsOf(policy.node)) {
          const [statement] = statementsFromValue({ Statement: [getNodeValue(statementNode)] });
          if (!statement || statement.effect !== 'Allow' || !statement.actions) continue;
          // Application-style actions are reported by iam/application-permission-on-execution-role.
          if (statement.actions.some((action) => action === '*' || !EXECUTION_ROLE_SERVICES.includes(action.split(':')[0].toLowerCase()))) {
            continue;
          }
          const alone: PolicySource = { label: 'this statement', kind: 'inline', statements: [statement] };
          const needed = needs.some((need) =>
            need.permissions.some((permission) =>
              permission.actions.some((action) => evaluate([alone], action, probeResource(permission.resource)).decision !== 'not-allowed'),
            ),
          );
          if (needed) continue;
          context.report({
            at: property(statementNode, 'Action')?.parent ?? statementNode,
            message: `No task definition that uses the execution role \`${uses[0].roleName}\` (${describeUses(context, uses)}) needs this statement. Remove it, or scope it to what a task definition uses.`,
          });
        }
      }
    }
  },
};
