// The role side of a task-definition field's hover: for `image`, `logConfiguration`, `secrets`,
// `repositoryCredentials`, `environmentFiles` (and the values inside them), which role needs which
// permission for it, and whether the role this task definition names allows it through its linked
// policies. Markdown lines; the hover appends them to the field's documentation.
import { rolesInSameFile } from '../core/classify';
import type { TaskDefinitionView } from '../core/classify';
import type { JsonDocument } from '../core/document';
import type { Node } from '../core/json';
import { executionRoleNeeds } from '../ecs/executionRoleNeeds';
import { checkNeeds, type PermissionCheck } from '../roles/check';
import { localRoleLink } from '../roles/terraformModule';
import { describeLink, linkRole, roleNameOf, type RoleField, type RoleLink } from '../roles/linking';
import { taskRoleNeeds, type RoleNeed } from '../roles/taskRoleNeeds';
import type { WorkspaceView } from '../core/workspace';
import { EXECUTION_ROLE_URL, TASK_ROLE_URL } from './roleHover';

export interface RoleNeedsHoverContext {
  workspace?: WorkspaceView;
  filePath?: string;
}

const FIELDS: Record<RoleField, { label: string; who: string; url: string; needs: (taskDefinition: Node) => RoleNeed[] }> = {
  executionRoleArn: { label: 'Execution role', who: 'ECS uses it to start the task', url: EXECUTION_ROLE_URL, needs: executionRoleNeeds },
  taskRoleArn: { label: 'Task role', who: 'the containers (here the log router) run with it', url: TASK_ROLE_URL, needs: taskRoleNeeds },
};

/** Fields whose hover lists the needs inside them (not `containerDefinitions` or a whole container: too much). */
const FIELDS_WITH_NEEDS = new Set([
  'image',
  'logconfiguration',
  'logdriver',
  'options',
  'name',
  'secrets',
  'secretoptions',
  'valuefrom',
  'repositorycredentials',
  'credentialsparameter',
  'environmentfiles',
  'value',
  'firelensconfiguration',
  'config-file-value',
  'volumes',
  'efsvolumeconfiguration',
  'authorizationconfig',
  'iam',
]);

/** Role lines for the hovered property `propertyNode` of the task definition `view`; empty when no role is involved. */
export function roleNeedsLines(
  document: JsonDocument,
  view: TaskDefinitionView,
  propertyNode: Node,
  context: RoleNeedsHoverContext,
): string[] {
  const key = propertyNode.children?.[0]?.value;
  const value = propertyNode.children?.[1];
  if (typeof key !== 'string' || !value || !FIELDS_WITH_NEEDS.has(key.toLowerCase())) return [];
  const inside = (node: Node) => node.offset >= value.offset && node.offset + node.length <= value.offset + value.length;
  const lines: string[] = [];
  for (const field of ['executionRoleArn', 'taskRoleArn'] as RoleField[]) {
    const needs = FIELDS[field].needs(view.node).filter((need) => inside(need.node));
    if (needs.length === 0) continue;
    lines.push(...fieldLines(document, view, field, needs, context));
  }
  if (lines.length === 0 && key.toLowerCase() === 'image' && value.type === 'string') {
    lines.push(
      '**Roles:** pulling this image needs no IAM permission (it is not a private ECR image). Images of other private registries need `repositoryCredentials`, which ECS reads with the execution role.',
    );
  }
  return lines;
}

function fieldLines(
  document: JsonDocument,
  view: TaskDefinitionView,
  field: RoleField,
  needs: readonly RoleNeed[],
  context: RoleNeedsHoverContext,
): string[] {
  const { label, who, url } = FIELDS[field];
  const local = rolesInSameFile(view) ? localRoleLink(document, view.node, field, context.filePath, context.workspace) : undefined;
  const roleName = local?.roleName ?? roleNameOf(view.node, field);
  const link: RoleLink | undefined =
    local?.link ?? (roleName && context.workspace ? linkRole(context.workspace, roleName, context.filePath) : undefined);
  const linked = link && link.sources.length > 0 ? link : undefined;
  const heading = roleName ? `**${label}** \`${roleName}\` (${who})` : `**${label}** (${who})`;
  const lines = [`${heading} needs, for this:`];
  const checks = linked ? checkNeeds(needs, linked.sources) : [];
  for (const need of needs.slice(0, 6)) {
    const permissions = need.permissions
      .map((permission) => `${permission.actions.map((action) => `\`${action}\``).join(', ')} on \`${permission.resource}\``)
      .join('; ');
    lines.push(`- to ${need.summary}: ${permissions}${linked ? ` — ${verdict(checks.filter((check) => check.need === need))}` : ''}`);
  }
  if (needs.length > 6) lines.push(`- … and ${needs.length - 6} more`);
  if (!roleName) {
    lines.push(
      '',
      field === 'executionRoleArn'
        ? 'This task definition sets no `executionRoleArn`: add one, or the task cannot start.'
        : 'This task definition sets no `taskRoleArn`: add one that allows this.',
    );
  } else if (linked) {
    lines.push('', `Checked against ${describeLink(linked)}. [${label} (Amazon ECS Developer Guide)](${url})`);
  } else {
    lines.push(
      '',
      `No policy is linked to \`${roleName}\`, so whether it allows this is not known here: link one (\`${roleName}.json\` next to it, or \`roles\` in \`.ecs-iam.json\`). [${label} (Amazon ECS Developer Guide)](${url})`,
    );
  }
  return ['', '---', '', ...lines];
}

function verdict(checks: readonly PermissionCheck[]): string {
  if (checks.some((check) => check.evaluation.decision === 'denied')) return '**explicitly denied**';
  const missing = checks.filter((check) => check.evaluation.decision === 'not-allowed');
  if (missing.length > 0) return `**not allowed** (${missing.map((check) => `\`${check.action}\``).join(', ')} missing)`;
  if (checks.some((check) => check.evaluation.decision === 'conditional')) return 'allowed only under a condition';
  return 'allowed';
}
