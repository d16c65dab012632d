import { property } from '../../core/json';
import { fieldLabel } from '../../core/fieldNames';
import type { Rule } from '../../core/rule';
import type { Fix } from '../../core/types';
import { isSameRole } from '../../ecs/roleReference';
import { roleNameOf } from '../../roles/linking';
import type { WorkspaceView } from '../../core/workspace';
import { stringValue } from '../../core/json';
import { newTaskRoleFix, removeTaskRoleFix, roleReferenceOf } from './separateRoles';

/** Per workspace generation: role name (lower case) -> the task definitions that use it as their execution role. */
const executionRoleUsers = new WeakMap<
  WorkspaceView,
  { generation: number; byRole: Map<string, Array<{ file: string; family: string }>> }
>();

function usersOfExecutionRole(workspace: WorkspaceView, roleName: string): Array<{ file: string; family: string }> {
  let cached = executionRoleUsers.get(workspace);
  if (!cached || cached.generation !== workspace.generation) {
    const byRole = new Map<string, Array<{ file: string; family: string }>>();
    for (const file of workspace.files()) {
      for (const view of file.document.taskDefinitions) {
        const name = roleNameOf(view.node, 'executionRoleArn')?.toLowerCase();
        if (!name) continue;
        const list = byRole.get(name) ?? [];
        list.push({ file: file.path, family: stringValue(property(view.node, 'family')) ?? 'task definition' });
        byRole.set(name, list);
      }
    }
    cached = { generation: workspace.generation, byRole };
    executionRoleUsers.set(workspace, cached);
  }
  return cached.byRole.get(roleName.toLowerCase()) ?? [];
}

export const taskRoleIsExecutionRole: Rule = {
  meta: {
    id: 'ecs/task-role-is-execution-role',
    title: 'The task role is the execution role of other task definitions',
    defaultSeverity: 'warning',
    phase: 'advice',
    docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html',
    fixable: true,
    appliesTo: ['ecs-task-definition', 'cloudformation-template'],
    description: [
      'A role that other task definitions in the workspace use as their execution role (such as',
      '`ecsTaskExecutionRole`) is named here as the task role. The application in these containers then runs',
      "with what ECS needs to start those tasks (image pulls, their injected secrets), and the role's policy",
      'cannot be right for both jobs: the policy is not what is wrong, this task definition is. Give the',
      'application its own task role, or remove `taskRoleArn` if it calls no AWS API. When one task definition',
      'names the same role in both fields, `ecs/same-task-and-execution-role` reports it instead.',
    ].join('\n'),
  },
  check(context) {
    const { workspace, filePath } = context;
    if (!workspace) return;
    for (const view of context.document.taskDefinitions) {
      const taskRoleNode = property(view.node, 'taskRoleArn');
      const taskRole = roleReferenceOf(taskRoleNode);
      const roleName = roleNameOf(view.node, 'taskRoleArn');
      if (!taskRoleNode || !taskRole || !roleName) continue;
      const executionRole = roleReferenceOf(property(view.node, 'executionRoleArn'));
      if (executionRole && isSameRole(taskRole, executionRole)) continue; // ecs/same-task-and-execution-role
      const users = usersOfExecutionRole(workspace, roleName).filter((user) => user.file !== filePath);
      if (users.length === 0) continue;
      const names = [...new Set(users.map((user) => `\`${user.family}\` (${workspace.label(user.file)})`))];
      const described = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
      context.report({
        at: taskRoleNode,
        message:
          `The task role \`${roleName}\` is the execution role of ${described}. The application in these containers would run with what ECS needs to start those tasks (image pulls, their injected secrets), and no policy of \`${roleName}\` can be right for both jobs. ` +
          `Give this task definition its own task role with only what the application calls, or remove \`${fieldLabel(view.node, 'taskRoleArn')}\` if it calls no AWS API.`,
        fixes: [newTaskRoleFix(context, view.node, taskRole), removeTaskRoleFix(view.node)].filter((fix): fix is Fix => fix !== undefined),
      });
    }
  },
};
