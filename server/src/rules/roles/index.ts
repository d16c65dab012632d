// Rules that link task definitions to the role policies in the workspace (issue: task role vs
// execution role). They need the workspace index and stay silent without it.
import type { Rule } from '../../core/rule';
import { applicationPermissionOnExecutionRole } from './applicationPermissionOnExecutionRole';
import { executionPermissionOnTaskRole } from './executionPermissionOnTaskRole';
import { executionRoleMissingPermission } from './executionRoleMissingPermission';
import { taskRoleIsExecutionRole } from './taskRoleIsExecutionRole';
import { taskRoleMissingPermission } from './taskRoleMissingPermission';
import { trustPolicyNotEcs } from './trustPolicyNotEcs';
import { unneededExecutionRolePermission } from './unneededExecutionRolePermission';

export const ROLE_RULES: readonly Rule[] = [
  executionRoleMissingPermission,
  taskRoleMissingPermission,
  taskRoleIsExecutionRole,
  applicationPermissionOnExecutionRole,
  unneededExecutionRolePermission,
  executionPermissionOnTaskRole,
  trustPolicyNotEcs,
];
