import type { Rule } from '../../core/rule';
import { executionRoleNeeds } from '../../ecs/executionRoleNeeds';
import { isFargateOrExternal, linkedRoles, reportGaps } from './shared';

export const executionRoleMissingPermission: Rule = {
  meta: {
    id: 'ecs/execution-role-missing-permission',
    title: "The execution role's linked policies do not allow what the task definition needs",
    defaultSeverity: 'error',
    docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html',
    fixable: true,
    appliesTo: ['ecs-task-definition', 'cloudformation-template'],
    description: [
      'ECS uses the execution role to pull private ECR images, write `awslogs` output, and read the secrets,',
      'registry credentials and files it injects. When the policies linked to that role (through `roles` in',
      '`.ecs-iam.json`, or files named after the role, plus AWS managed policies) do not allow one of these, the',
      'task fails to start. The finding sits on the part of the task definition that needs the permission.',
      'The quick fix adds a statement scoped to exactly that resource to the linked policy file.',
      'Error on Fargate and for secrets, registry credentials and environment files; a warning for ECR pulls and',
      'awslogs on EC2, where the container instance role may cover them.',
    ].join('\n'),
  },
  check(context) {
    for (const { taskDefinition, roleName, link, role } of linkedRoles(context, 'executionRoleArn')) {
      const needs = executionRoleNeeds(taskDefinition);
      const strict = isFargateOrExternal(taskDefinition);
      reportGaps(context, 'executionRoleArn', roleName, link, needs, (need) =>
        strict || (need as { requiredOnEveryLaunchType?: boolean }).requiredOnEveryLaunchType ? 'error' : 'warning',
      role);
    }
  },
};
