// Pieces the role-linking rules share: which task definition role is linked to what, and how to
// word a permission gap.
import { arrayItems, property, stringValue, type Node } from '../../core/json';
import type { RuleContext } from '../../core/rule';
import type { Severity } from '../../core/types';
import { addStatementsFix, checkNeeds, sidFrom, statementFor, type PermissionCheck } from '../../roles/check';
import type { PolicySource } from '../../roles/evaluate';
import { describeLink, linkRole, roleNameOf, type RoleField, type RoleLink } from '../../roles/linking';
import type { RoleNeed } from '../../roles/taskRoleNeeds';

export const ROLE_NAMES: Record<RoleField, string> = { taskRoleArn: 'task role', executionRoleArn: 'execution role' };

/** The executionRoleArn/taskRoleArn links of each task definition in the document. */
export function linkedRoles(context: RuleContext, field: RoleField): Array<{ taskDefinition: Node; roleName: string; link: RoleLink }> {
  const { workspace, filePath, document } = context;
  if (!workspace) return [];
  const result: Array<{ taskDefinition: Node; roleName: string; link: RoleLink }> = [];
  for (const view of document.taskDefinitions) {
    const roleName = roleNameOf(view.node, field);
    if (!roleName) continue;
    const link = linkRole(workspace, roleName, filePath);
    if (link && link.sources.length > 0) result.push({ taskDefinition: view.node, roleName, link });
  }
  return result;
}

export function isFargateOrExternal(taskDefinition: Node): boolean {
  return arrayItems(property(taskDefinition, 'requiresCompatibilities')).some((item) => ['FARGATE', 'EXTERNAL'].includes(stringValue(item) ?? ''));
}

/** Reports, per need, the actions the linked policies do not allow (or allow only under conditions), with a fix. */
export function reportGaps(
  context: RuleContext,
  field: RoleField,
  roleName: string,
  link: RoleLink,
  needs: readonly RoleNeed[],
  severityOf: (need: RoleNeed) => Severity,
): void {
  const checks = checkNeeds(needs, link.sources);
  const fileSource = link.sources.find((source) => source.kind === 'file');
  for (const need of needs) {
    const own = checks.filter((check) => check.need === need);
    const missing = own.filter((check) => check.evaluation.decision === 'not-allowed' || check.evaluation.decision === 'denied');
    const conditional = own.filter((check) => check.evaluation.decision === 'conditional');
    const who = `The ${ROLE_NAMES[field]} \`${roleName}\` (${describeLink(link)})`;
    if (missing.length > 0) {
      const denied = missing.filter((check) => check.evaluation.decision === 'denied');
      const deniedNote = denied.length > 0
        ? ` An explicit Deny applies (${denied[0].evaluation.deniedBy.map((match) => `${match.statement.sid ? `statement \`${match.statement.sid}\`` : 'a statement'} in ${match.source.label}`).join(', ')}).`
        : '';
      context.report({
        at: need.node,
        severity: severityOf(need),
        message: `${who} does not allow ${permissionList(missing)}, needed to ${need.summary}.${deniedNote}`,
        fixes: fileSource && denied.length === 0 ? [addFix(fileSource, need, missing)] : [],
        data: { missingActions: missing.map((check) => check.action) },
      });
    } else if (conditional.length > 0) {
      context.report({
        at: need.node,
        severity: 'info',
        message: `${who} allows ${permissionList(conditional)} only if ${[...new Set(conditional.flatMap((check) => check.evaluation.conditions))].join(' and ')} — needed to ${need.summary}. Check that the condition holds for ECS.`,
      });
    }
  }
}

function permissionList(checks: readonly PermissionCheck[]): string {
  const byResource = new Map<string, string[]>();
  for (const check of checks) byResource.set(check.resource, [...(byResource.get(check.resource) ?? []), check.action]);
  return [...byResource].map(([resource, actions]) => `${actions.map((action) => `\`${action}\``).join(', ')} on \`${resource}\``).join('; ');
}

function addFix(source: PolicySource, need: RoleNeed, missing: readonly PermissionCheck[]) {
  const resources = [...new Set(missing.map((check) => check.resource))];
  // One statement per resource keeps `*`-only actions (ecr:GetAuthorizationToken) apart from scoped ones.
  const statements = resources.map((resource, index) =>
    statementFor(`${sidFrom(need.summary)}${resources.length > 1 ? index + 1 : ''}`, missing.filter((check) => check.resource === resource).map((check) => check.action), [resource]),
  );
  return addStatementsFix(`Allow ${missing.map((check) => check.action).join(', ')} in ${source.label}`, source, statements)!;
}
