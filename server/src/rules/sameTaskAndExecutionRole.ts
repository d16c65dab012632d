import { getNodeValue } from 'jsonc-parser';
import { rolesInSameFile } from '../core/classify';
import { isIntrinsic } from '../core/intrinsics';
import { keyNode, property, stringValue, type Node } from '../core/json';
import type { Rule } from '../core/rule';
import { isSameRole, parseRoleReference } from '../ecs/roleReference';
import { templateRoleOf } from '../roles/cloudformationLinking';
import type { Fix } from '../core/types';
import {
  looksLikeExecutionRole,
  newTaskRoleFix,
  removeTaskRoleFix,
  roleReferenceOf,
  separateExecutionRoleFix,
} from './roles/separateRoles';

export const sameTaskAndExecutionRole: Rule = {
  meta: {
    id: 'ecs/same-task-and-execution-role',
    title: 'The task role and the task execution role are the same role',
    defaultSeverity: 'warning',
    phase: 'advice',
    docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html',
    fixable: true,
    appliesTo: ['ecs-task-definition', 'cloudformation-template'],
    description: [
      'The **task role** (`taskRoleArn`) is what the application code in the containers runs as. The **task',
      'execution role** (`executionRoleArn`) is what the ECS or Fargate agent uses to pull images, write awslogs',
      'and fetch the secrets it injects. Using one role for both works, but every container then holds the',
      "agent's permissions (image pulls, every secret the task reads) and the agent holds the application's:",
      'least privilege is lost. Give each its own role: an execution role such as `ecsTaskExecutionRole`, and a',
      'task role with only what the application calls. When the shared role is named as an execution role',
      '(`ecsTaskExecutionRole`, as many articles show), the fixes keep it as the execution role and either give the',
      'application a new task role (with the generated task-role policy when the task definition reveals what it',
      'needs) or remove `taskRoleArn` when the application calls no AWS API; otherwise the fix gives ECS a separate',
      'execution role.',
    ].join('\n'),
  },
  check(context) {
    for (const view of context.document.taskDefinitions) {
      const taskRoleNode = property(view.node, 'taskRoleArn');
      const executionRoleNode = property(view.node, 'executionRoleArn');
      if (!executionRoleNode) continue;
      const sameName = sameRoleName(stringValue(taskRoleNode), stringValue(executionRoleNode));
      // In a template both fields may point at one AWS::IAM::Role resource (Fn::GetAtt, Ref).
      const templateRole = rolesInSameFile(view) ? templateRoleOf(context.document, view.node, 'taskRoleArn') : undefined;
      const sameResource =
        templateRole && templateRoleOf(context.document, view.node, 'executionRoleArn')?.id === templateRole.id
          ? `\`${templateRole.id}\` in this template`
          : undefined;
      // Or both fields hold the same expression (one parameter, one imported value).
      const sameExpression =
        !sameName && !sameResource && isIntrinsic(executionRoleNode) && sameValue(taskRoleNode, executionRoleNode)
          ? `\`${JSON.stringify(getNodeValue(executionRoleNode))}\` in both fields`
          : undefined;
      const described = sameName ? `\`${sameName}\`` : (sameResource ?? sameExpression);
      if (!described) continue;
      const problem =
        `The task role and the execution role are the same role (${described}). ` +
        "Every container then gets the agent's permissions (image pulls, reading all injected secrets) and the agent gets the application's, so least privilege is lost. ";
      const executionRole = sameName ? roleReferenceOf(executionRoleNode) : undefined;
      // The advice fits the role in hand: a role named as an execution role (what articles show with
      // ecsTaskExecutionRole in both fields) stays the execution role; another role stays the task role.
      if (executionRole && looksLikeExecutionRole(executionRole.name)) {
        context.report({
          at: executionRoleNode,
          message: `${problem}Keep \`${executionRole.name}\` as the execution role and give the application its own task role with only what it calls, or remove \`taskRoleArn\` if the application calls no AWS API.`,
          fixes: [newTaskRoleFix(context, view.node, executionRole), removeTaskRoleFix(view.node)].filter(
            (fix): fix is Fix => fix !== undefined,
          ),
        });
        continue;
      }
      context.report({
        // On the key in a template: findings inside an intrinsic whose value is unknown are dropped.
        at: sameName ? executionRoleNode : (keyNode(executionRoleNode) ?? executionRoleNode),
        message: `${problem}Use a separate execution role (for example \`ecsTaskExecutionRole\`) and keep only what the application calls on the task role.`,
        fixes: executionRole ? [separateExecutionRoleFix(view.node, executionRole)].filter((fix): fix is Fix => fix !== undefined) : [],
      });
    }
  },
};

/** The role name when two role references (names or ARNs) name the same role. */
function sameRoleName(taskRoleValue: string | undefined, executionRoleValue: string | undefined): string | undefined {
  const taskRole = parseRoleReference(taskRoleValue ?? '');
  const executionRole = parseRoleReference(executionRoleValue ?? '');
  return taskRole && executionRole && isSameRole(taskRole, executionRole) ? taskRole.name : undefined;
}

/** Whether two nodes hold the same JSON value (key order aside from how it was written). */
function sameValue(first: Node | undefined, second: Node | undefined): boolean {
  return first !== undefined && second !== undefined && JSON.stringify(getNodeValue(first)) === JSON.stringify(getNodeValue(second));
}
