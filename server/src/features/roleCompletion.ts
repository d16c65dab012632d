// Values for taskRoleArn / executionRoleArn: the roles this workspace knows (role ARNs used by other task
// definitions, roles mapped in `.ecs-iam.json`, roles whose policy files follow the naming conventions),
// with the account they live in, then a value that is valid as it stands and not a placeholder.
import path from 'node:path';
import type { Node } from '../core/json';
import { stringValue, property } from '../core/json';
import { taskDefinitionContext } from '../ecs/executionRoleNeeds';
import { parseRoleReference } from '../ecs/roleReference';
import type { RoleField } from '../roles/linking';
import type { WorkspaceView } from '../core/workspace';
import { findPlaceholders } from '../core/placeholders';

export interface RoleValue {
  /** JSON text of the value. */
  insertText: string;
  label: string;
  detail: string;
  isSnippet?: boolean;
}

export interface KnownRole {
  name: string;
  /** Account and partition when a role ARN in the workspace names them. */
  account?: string;
  partition?: string;
  /** Where the workspace names it, for the detail. */
  sources: Set<string>;
  /** The fields other task definitions use it in. */
  usedAs: Set<RoleField>;
}

/** Policy files named after their role (`orders-api-task-role-policy.json`, `ecsTaskExecutionRole.json`, `<role>/`). */
const POLICY_FILE =
  /^(.+?)(-role-policy|-policy|\.policy|_policy|-permissions|-trust-policy|\.trust-policy|-trust|\.trust|_trust_policy|-assume-role-policy)?\.json$/i;

const isRealAccount = (account: string | undefined): account is string =>
  !!account && /^\d{12}$/.test(account) && findPlaceholders(account, true).length === 0;

/** The roles the workspace names (task definitions' role fields other than `exclude`'s, policy files named after a role, `.ecs-iam.json` mappings), and the account most of its role ARNs use. */
export function workspaceRoles(
  context: { workspace?: WorkspaceView; filePath?: string },
  exclude?: Node,
): { roles: Map<string, KnownRole>; commonAccount?: string } {
  const roles = new Map<string, KnownRole>();
  const add = (name: string, source: string, extra: { account?: string; partition?: string; usedAs?: RoleField } = {}) => {
    const key = name.toLowerCase();
    let role = roles.get(key);
    if (!role) roles.set(key, (role = { name, sources: new Set(), usedAs: new Set() }));
    if (isRealAccount(extra.account) && !role.account) {
      role.account = extra.account;
      role.partition = extra.partition;
    }
    role.sources.add(source);
    if (extra.usedAs) role.usedAs.add(extra.usedAs);
  };
  const { workspace, filePath } = context;
  const accounts = new Map<string, number>();
  if (workspace) {
    for (const file of workspace.files()) {
      const label = workspace.label(file.path);
      for (const view of file.document.taskDefinitions) {
        if (view.node === exclude) continue;
        for (const usedAs of ['taskRoleArn', 'executionRoleArn'] as const) {
          const reference = parseRoleReference(stringValue(property(view.node, usedAs)) ?? '');
          if (!reference || findPlaceholders(reference.name, true).length > 0) continue;
          if (isRealAccount(reference.arn?.account)) accounts.set(reference.arn.account, (accounts.get(reference.arn.account) ?? 0) + 1);
          add(reference.name, `used in ${label}`, { account: reference.arn?.account, partition: reference.arn?.partition, usedAs });
        }
      }
      const policy = file.document.policies[0];
      const match = policy && file.document.kind !== 'cloudformation-template' ? POLICY_FILE.exec(path.basename(file.path)) : undefined;
      // A bare `<name>.json` names a role only when the name says so (`ecsTaskExecutionRole.json`).
      if (match && (match[2] || /role/i.test(match[1]))) add(match[1], `policy ${label}`);
    }
    if (filePath) {
      for (const [name, mapping] of Object.entries(workspace.roleMappingsFor(filePath))) {
        add(name, `in ${workspace.label(mapping.configFile)}`);
      }
    }
  }
  const commonAccount = [...accounts].sort((a, b) => b[1] - a[1])[0]?.[0];
  return { roles, commonAccount };
}

export function roleValues(taskDefinition: Node, field: RoleField, context: { workspace?: WorkspaceView; filePath?: string }): RoleValue[] {
  const { roles, commonAccount } = workspaceRoles(context, taskDefinition);
  const own = taskDefinitionContext(taskDefinition);
  const account = isRealAccount(own.account) ? own.account : commonAccount;
  const otherField: RoleField = field === 'taskRoleArn' ? 'executionRoleArn' : 'taskRoleArn';
  const other = parseRoleReference(stringValue(property(taskDefinition, otherField)) ?? '')?.name.toLowerCase();
  const rank = (role: KnownRole) => (role.name.toLowerCase() === other ? 3 : role.usedAs.has(field) ? 0 : role.usedAs.size === 0 ? 1 : 2);
  const values: RoleValue[] = [...roles.values()]
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))
    .map((role) => {
      const roleAccount = role.account ?? account;
      // A role name alone is a valid value (RegisterTaskDefinition takes the name or the ARN).
      const value = roleAccount ? `arn:${role.partition ?? own.partition}:iam::${roleAccount}:role/${role.name}` : role.name;
      const sources = [...role.sources].slice(0, 2).join(', ');
      const note = role.name.toLowerCase() === other ? `; already the ${otherField === 'taskRoleArn' ? 'task' : 'execution'} role` : '';
      return { label: value, insertText: JSON.stringify(value), detail: `${sources}${note}` };
    });
  // Then a value that needs nothing filled in: the usual execution role by name (or ARN, when the account
  // is known), or for the task role a name to type over. No example account: the placeholder rule flags those.
  if (field === 'executionRoleArn' && !roles.has('ecstaskexecutionrole')) {
    const value = account ? `arn:${own.partition}:iam::${account}:role/ecsTaskExecutionRole` : 'ecsTaskExecutionRole';
    values.push({
      label: value,
      insertText: JSON.stringify(value),
      detail: 'the usual task execution role (a name or an ARN is accepted)',
    });
  } else if (field === 'taskRoleArn') {
    const prefix = account ? `arn:${own.partition}:iam::${account}:role/` : '';
    values.push({
      label: `${prefix}<role name>`,
      insertText: `"${prefix}\${1:app-task-role}"`,
      isSnippet: true,
      detail: 'the role your application uses; a name or an ARN is accepted',
    });
  }
  return values;
}
