import type { Rule } from '../../core/rule';
import { allowedActions, describeUses, policyScopes, usesOfThisPolicy } from './policyUses';

/** Actions ECS itself performs with the execution role (the ECS Developer Guide's execution-role page). */
export const EXECUTION_ROLE_SERVICES = ['ecr', 'logs', 'secretsmanager', 'ssm', 'kms', 's3'];

export const applicationPermissionOnExecutionRole: Rule = {
  meta: {
    id: 'iam/application-permission-on-execution-role',
    title: 'A policy linked to an execution role grants permissions the application would use',
    defaultSeverity: 'warning',
    phase: 'advice',
    docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html',
    fixable: false,
    appliesTo: ['iam-identity-policy', 'cloudformation-template'],
    description: [
      'The execution role is used by ECS to start the task (image pulls, awslogs, injected secrets and files).',
      'Your application code never receives its credentials, so permissions for services such as DynamoDB, SQS',
      'or SNS on it do nothing for the application, and only widen what the agent may do. Move them to the task',
      'role. Reported on policy files linked to a role that a task definition uses as `executionRoleArn`.',
    ].join('\n'),
  },
  check(whole) {
    // In a template, each policy is checked against the task definitions whose role it belongs to.
    for (const context of policyScopes(whole)) {
      // A role that task definitions also use as their task role may need application permissions for them:
      // that misuse is reported on those task definitions, not on this policy.
      const taskRoles = new Set(usesOfThisPolicy(context, 'taskRoleArn', 'permission').map((use) => use.roleName.toLowerCase()));
      const uses = usesOfThisPolicy(context, 'executionRoleArn', 'permission').filter((use) => !taskRoles.has(use.roleName.toLowerCase()));
      if (uses.length === 0) continue;
      const roleName = uses[0].roleName;
      for (const item of allowedActions(context)) {
        const service = item.action.split(':')[0].toLowerCase();
        const isAll = item.action.trim() === '*';
        if (!isAll && EXECUTION_ROLE_SERVICES.includes(service)) continue;
        context.report({
          at: item.node,
          message: isAll
            ? `\`*\` grants every action to the execution role \`${roleName}\`, which ECS uses only to start ${describeUses(context, uses)}. Grant the execution-time permissions it needs and put application permissions on the task role.`
            : `\`${item.action}\` looks like an application permission, but this policy is linked to the execution role \`${roleName}\` of ${describeUses(context, uses)}. The application never receives the execution role's credentials: move it to the task role.`,
        });
      }
    }
  },
};
