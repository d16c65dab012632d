import { property, stringValue } from '../core/json';
import type { Rule } from '../core/rule';
import { isSameRole, parseRoleReference } from '../ecs/roleReference';

export const sameTaskAndExecutionRole: Rule = {
  meta: {
    id: 'ecs/same-task-and-execution-role',
    title: 'The task role and the task execution role are the same role',
    defaultSeverity: 'warning',
    docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html',
    fixable: false,
    appliesTo: ['ecs-task-definition', 'cloudformation-template'],
    description: [
      'The **task role** (`taskRoleArn`) is what the application code in the containers runs as. The **task',
      'execution role** (`executionRoleArn`) is what the ECS or Fargate agent uses to pull images, write awslogs',
      'and fetch the secrets it injects. Using one role for both works, but every container then holds the',
      "agent's permissions (image pulls, every secret the task reads) and the agent holds the application's:",
      'least privilege is lost. Give each its own role: an execution role such as `ecsTaskExecutionRole`, and a',
      'task role with only what the application calls.',
    ].join('\n'),
  },
  check(context) {
    for (const view of context.document.taskDefinitions) {
      const taskRoleNode = property(view.node, 'taskRoleArn');
      const executionRoleNode = property(view.node, 'executionRoleArn');
      const taskRole = parseRoleReference(stringValue(taskRoleNode) ?? '');
      const executionRole = parseRoleReference(stringValue(executionRoleNode) ?? '');
      if (!taskRole || !executionRole || !executionRoleNode || !isSameRole(taskRole, executionRole)) continue;
      context.report({
        at: executionRoleNode,
        message:
          `The task role and the execution role are the same role (\`${taskRole.name}\`). ` +
          "Every container then gets the agent's permissions (image pulls, reading all injected secrets) and the agent gets the application's, so least privilege is lost. " +
          'Use a separate execution role (for example `ecsTaskExecutionRole`) and keep only what the application calls on the task role.',
      });
    }
  },
};
