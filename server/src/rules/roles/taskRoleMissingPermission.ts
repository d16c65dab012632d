import type { Rule } from '../../core/rule';
import { TASK_ROLE_NEEDS_URL, taskRoleNeeds } from '../../roles/taskRoleNeeds';
import { linkedRoles, reportGaps } from './shared';

export const taskRoleMissingPermission: Rule = {
  meta: {
    id: 'ecs/task-role-missing-permission',
    title: "The task role's linked policies do not allow what the task definition reveals it needs",
    defaultSeverity: 'warning',
    docsUrl: TASK_ROLE_NEEDS_URL,
    fixable: true,
    appliesTo: ['ecs-task-definition', 'cloudformation-template'],
    description: [
      "Some of the application side's needs show in the task definition: a FireLens log router sends logs to",
      'CloudWatch Logs, Firehose, Kinesis or S3 with the **task role**, an EFS volume with IAM authorization is',
      'mounted with it, and an X-Ray daemon sidecar sends traces with it. When the policies linked to the task role',
      'do not allow these, logs or traces are silently dropped or the mount fails. The quick fix adds a scoped',
      'statement to the linked policy file.',
    ].join('\n'),
  },
  check(context) {
    for (const { taskDefinition, roleName, link, role } of linkedRoles(context, 'taskRoleArn')) {
      reportGaps(context, 'taskRoleArn', roleName, link, taskRoleNeeds(taskDefinition), () => 'warning', role);
    }
  },
};
