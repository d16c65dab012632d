import { property } from '../../core/json';
import type { Rule } from '../../core/rule';
import { appendStatementsEdit } from '../../roles/check';
import { ECS_TASKS_PRINCIPAL as ECS_TASKS, policyTrustsEcsTasks } from '../../roles/evaluate';
import { describeUses, policyScopes, usesOfThisPolicy } from './policyUses';
import { ROLE_NAMES } from './shared';

export const trustPolicyNotEcs: Rule = {
  meta: {
    id: 'iam/trust-policy-not-ecs',
    title: 'The trust policy of a task or execution role does not let ECS tasks assume it',
    defaultSeverity: 'error',
    phase: 'start',
    docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html',
    fixable: true,
    appliesTo: ['iam-trust-policy', 'iam-resource-policy', 'iam-identity-policy', 'cloudformation-template'],
    description: [
      'Both the task role and the execution role are assumed by the service principal `ecs-tasks.amazonaws.com`',
      'with `sts:AssumeRole`. A trust policy linked to either role without that statement makes tasks fail to',
      'start ("ECS was unable to assume the role"). The quick fix adds the statement.',
    ].join('\n'),
  },
  check(whole) {
    // In a template, each policy is checked against the task definitions whose role it belongs to.
    for (const context of policyScopes(whole)) {
      const uses = [...usesOfThisPolicy(context, 'executionRoleArn', 'trust'), ...usesOfThisPolicy(context, 'taskRoleArn', 'trust')];
      if (uses.length === 0) continue;
      for (const policy of context.document.policies) {
        if (policyTrustsEcsTasks(policy.node)) continue;
        const fields = [...new Set(uses.map((use) => `${ROLE_NAMES[use.field]} \`${use.roleName}\``))].join(' and ');
        const statementNode = property(policy.node, 'Statement');
        context.report({
          at: statementNode?.parent ?? policy.node,
          fixes: [
            {
              title: `Trust ${ECS_TASKS} (sts:AssumeRole)`,
              isPreferred: true,
              edits: [
                appendStatementsEdit(context.document, policy.node, [
                  { Sid: 'AllowEcsTasksToAssumeRole', Effect: 'Allow', Principal: { Service: ECS_TASKS }, Action: 'sts:AssumeRole' },
                ]),
              ],
            },
          ],
          message: `This trust policy belongs to the ${fields} of ${describeUses(context, uses)}, but it does not let \`${ECS_TASKS}\` call \`sts:AssumeRole\`: the tasks will fail to start. Add a statement that trusts ECS tasks.`,
        });
      }
    }
  },
};
