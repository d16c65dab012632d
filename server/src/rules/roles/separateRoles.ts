// Fixes that give a task definition two roles where it uses one role for both jobs: a new task role
// (in the account of the execution role, with the generated task-role policy when the definition
// reveals what it needs), no task role at all, or a separate execution role.
import path from 'node:path';
import { fieldLabel } from '../../core/fieldNames';
import { property, stringValue, type Node } from '../../core/json';
import type { Fix } from '../../core/types';
import type { RuleContext } from '../../core/rule';
import { parseRoleReference, type RoleReference } from '../../ecs/roleReference';
import { generatePolicy } from '../../roles/generate';
import { removeNode } from '../../core/edits';

/** `ecsTaskExecutionRole`, `orders-execution-role`, `ExecRole`: names that say the role is an execution role. */
export function looksLikeExecutionRole(name: string): boolean {
  return /exec/i.test(name);
}

/** The role name a new task role of this task definition gets: `<family>-task-role`. */
export function newTaskRoleName(taskDefinition: Node): string {
  const family = (stringValue(property(taskDefinition, 'family')) ?? 'app').replace(/[^A-Za-z0-9+=,.@_-]+/g, '-');
  // IAM role names are at most 64 characters.
  return `${family.slice(0, 64 - '-task-role'.length)}-task-role`;
}

/** A reference to `name` written like `like`: an ARN in the same partition, account and path, or a plain name. */
export function roleValueLike(like: RoleReference, name: string): string {
  return like.arn ? `arn:${like.arn.partition}:iam::${like.arn.account}:role${like.arn.path}${name}` : name;
}

/**
 * Replace `taskRoleArn` with a new role named after the family, in the account of `like` (the execution
 * role). When the task definition reveals what its task role needs, the fix also creates that role's
 * policy next to the task definition, named so that it links to the new role by file name.
 */
export function newTaskRoleFix(context: RuleContext, taskDefinition: Node, like: RoleReference): Fix | undefined {
  const taskRoleNode = property(taskDefinition, 'taskRoleArn');
  if (taskRoleNode?.type !== 'string') return undefined;
  const roleName = newTaskRoleName(taskDefinition);
  const value = roleValueLike(like, roleName);
  const fix: Fix = {
    title: `Use a new task role \`${roleName}\` for the application`,
    edits: [{ offset: taskRoleNode.offset, length: taskRoleNode.length, newText: JSON.stringify(value) }],
  };
  const generated = generatePolicy(taskDefinition, 'task');
  if (generated.statementCount > 0 && context.filePath) {
    const policyFile = path.join(path.dirname(context.filePath), `${roleName}.json`);
    if (!context.workspace?.get(policyFile)) {
      fix.createFiles = [{ path: policyFile, content: generated.content }];
      fix.title += ` and create ${roleName}.json with the ${generated.statementCount === 1 ? 'statement' : `${generated.statementCount} statements`} it needs`;
    }
  }
  return fix;
}

/** Remove `taskRoleArn`: right when the application calls no AWS API. */
export function removeTaskRoleFix(taskDefinition: Node): Fix | undefined {
  const taskRoleNode = property(taskDefinition, 'taskRoleArn');
  const propertyNode = taskRoleNode?.parent;
  if (propertyNode?.type !== 'property') return undefined;
  return {
    title: `Remove ${fieldLabel(taskDefinition, 'taskRoleArn')} (the application calls no AWS API)`,
    edits: [removeNode(propertyNode)],
  };
}

/** Replace `executionRoleArn` with `ecsTaskExecutionRole` in the account of the current role. */
export function separateExecutionRoleFix(taskDefinition: Node, current: RoleReference): Fix | undefined {
  const executionRoleNode = property(taskDefinition, 'executionRoleArn');
  if (executionRoleNode?.type !== 'string') return undefined;
  const value = roleValueLike(current, 'ecsTaskExecutionRole');
  return {
    title: 'Use a separate execution role `ecsTaskExecutionRole`',
    edits: [{ offset: executionRoleNode.offset, length: executionRoleNode.length, newText: JSON.stringify(value) }],
  };
}

export function roleReferenceOf(node: Node | undefined): RoleReference | undefined {
  const value = stringValue(node);
  return value ? parseRoleReference(value) : undefined;
}
