import type { Rule } from '../../core/rule';
import { TASK_NEED_CATALOGUE, TASK_ROLE_NEEDS_URL, taskRoleNeeds } from '../../roles/taskRoleNeeds';
import { servicesUsing } from '../../ecs/services';
import { linkedRoles, reportGaps } from './shared';

export const taskRoleMissingPermission: Rule = {
  meta: {
    id: 'ecs/task-role-missing-permission',
    title: "The task role's linked policies do not allow what the task definition reveals it needs",
    defaultSeverity: 'warning',
    phase: 'runtime',
    docsUrl: TASK_ROLE_NEEDS_URL,
    fixable: true,
    appliesTo: ['ecs-task-definition', 'cloudformation-template'],
    description: [
      "Some of the application side's needs show in the task definition: a FireLens log router sends logs to",
      'CloudWatch Logs, Firehose, Kinesis or S3 with the **task role**, an EFS volume with IAM authorization is',
      'mounted with it, an X-Ray daemon sidecar sends traces with it, and when a service that runs the task definition',
      'sets `enableExecuteCommand`, the SSM agent of ECS Exec opens its Session Manager channels with it (plus the',
      "KMS key, log group and bucket of the cluster's exec configuration, when the cluster is in the template). When",
      'the policies linked to the task role do not allow these, logs or traces are silently dropped, the mount fails',
      'or `aws ecs execute-command` fails. The quick fix adds a scoped',
      'statement to the linked policy file. An EFS volume that every container mounts `readOnly` needs no',
      '`ClientWrite`; `ClientRootAccess` is never required from the task definition alone (it depends on whether a',
      'process must act as root on the file system) and is only shown in the hover.',
      '',
      "What each feature needs, exactly as the page cited requires it (AWS's minimal managed policy for the use case",
      'always satisfies it):',
      '',
      '| Feature | Needs | Documentation | Managed policies that cover it |',
      '|---|---|---|---|',
      ...TASK_NEED_CATALOGUE.map((entry) => `| ${entry.when} | ${entry.actions} | ${entry.docsUrl} | ${entry.managed} |`),
    ].join('\n'),
  },
  check(context) {
    for (const { taskDefinition, roleName, link, role } of linkedRoles(context, 'taskRoleArn')) {
      // The services that run it, in this document and (by family) in the workspace: ECS Exec is a service setting.
      const view = context.document.taskDefinitions.find((candidate) => candidate.node === taskDefinition);
      const services = view
        ? servicesUsing(context.document, view, context.workspace, context.filePath).map((use) => ({
            node: use.service.node,
            label: use.label,
            inDocument: use.path === undefined,
          }))
        : undefined;
      reportGaps(context, 'taskRoleArn', roleName, link, taskRoleNeeds(taskDefinition, services), () => 'warning', role);
    }
  },
};
