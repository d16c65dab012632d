// Pieces the role-linking rules share: which task definition role is linked to what, and how to
// word a permission gap.
import { rolesInSameFile } from '../../core/classify';
import { getNodeValue } from 'jsonc-parser';
import { isIntrinsic } from '../../core/intrinsics';
import { arrayItems, property, stringValue, type Node } from '../../core/json';
import type { RuleContext } from '../../core/rule';
import type { Fix, Severity } from '../../core/types';
import { addStatementsFix, appendStatementsEdit, checkNeeds, sidFrom, statementFor, type PermissionCheck } from '../../roles/check';
import { addInlinePolicyEdit, type TemplateRole } from '../../roles/cloudformationLinking';
import { localRoleLink } from '../../roles/terraformModule';
import type { PolicySource } from '../../roles/evaluate';
import { describeLink, linkRole, opaquePolicies, roleNameOf, type RoleField, type RoleLink } from '../../roles/linking';
import type { RoleNeed } from '../../roles/taskRoleNeeds';
import { startErrorFor } from '../../ecs/startErrors';

const SECRET_ARN_FEATURES = ['secrets-manager-secret', 'repository-credentials'];

export const ROLE_NAMES: Record<RoleField, string> = { taskRoleArn: 'task role', executionRoleArn: 'execution role' };

/** The executionRoleArn/taskRoleArn links of each task definition in the document. */
export function linkedRoles(
  context: RuleContext,
  field: RoleField,
): Array<{ taskDefinition: Node; roleName: string; link: RoleLink; role?: TemplateRole }> {
  const { workspace, filePath, document } = context;
  const result: Array<{ taskDefinition: Node; roleName: string; link: RoleLink; role?: TemplateRole }> = [];
  for (const view of document.taskDefinitions) {
    // In a template, a role defined in the same template (or Terraform module) is linked explicitly; an
    // imported or literal ARN falls back to the workspace linking.
    const local = rolesInSameFile(view) ? localRoleLink(document, view.node, field, filePath, workspace) : undefined;
    if (local) {
      result.push({ taskDefinition: view.node, roleName: local.roleName, link: local.link, role: local.role });
      continue;
    }
    if (!workspace) continue;
    const roleName = roleNameOf(view.node, field);
    if (!roleName) continue;
    const link = linkRole(workspace, roleName, filePath);
    if (link && link.sources.length > 0) result.push({ taskDefinition: view.node, roleName, link });
  }
  return result;
}

export function isFargateOrExternal(taskDefinition: Node): boolean {
  return arrayItems(property(taskDefinition, 'requiresCompatibilities')).some((item) =>
    ['FARGATE', 'EXTERNAL'].includes(stringValue(item) ?? ''),
  );
}

/** Reports, per need, the actions the linked policies do not allow (or allow only under conditions), with a fix. */
export function reportGaps(
  context: RuleContext,
  field: RoleField,
  roleName: string,
  link: RoleLink,
  needs: readonly RoleNeed[],
  severityOf: (need: RoleNeed) => Severity,
  role?: TemplateRole,
  /** A sentence added to a missing-permission message (e.g. the instance role alternative on EC2). */
  noteOf?: (need: RoleNeed) => string | undefined,
): void {
  // A linked managed policy whose document is unknown offline may grant anything: claim nothing.
  if (opaquePolicies(link).length > 0) return;
  const checks = checkNeeds(needs, link.sources);
  const fileSource = link.sources.find((source) => source.kind === 'file');
  const addFix = (need: RoleNeed, missing: readonly PermissionCheck[]) => fixFor(context, fileSource, role, need, missing);
  // Every gap of this role in one edit (311 containers need not take 311 quick fixes): offered on each
  // missing-permission finding, and as the document's fix-all.
  const fixable = needs
    .map((need) => ({ need, missing: checks.filter((check) => check.need === need && check.evaluation.decision === 'not-allowed') }))
    .filter((gap) => gap.missing.length > 0 && !checks.some((check) => check.need === gap.need && check.evaluation.decision === 'denied'));
  const fixAll = fixable.length > 1 ? fixAllFor(context, fileSource, role, fixable, field, roleName) : undefined;
  for (const need of needs) {
    const own = checks.filter((check) => check.need === need);
    const missing = own.filter((check) => check.evaluation.decision === 'not-allowed' || check.evaluation.decision === 'denied');
    const conditional = own.filter((check) => check.evaluation.decision === 'conditional');
    const who = `The ${ROLE_NAMES[field]} \`${roleName}\` (${describeLink(link)})`;
    if (missing.length > 0) {
      const denied = missing.filter((check) => check.evaluation.decision === 'denied');
      const deniedNote =
        denied.length > 0
          ? ` An explicit Deny applies (${denied[0].evaluation.deniedBy.map((match) => `${match.statement.sid ? `statement \`${match.statement.sid}\`` : 'a statement'} in ${match.source.label}`).join(', ')}).`
          : '';
      context.report({
        at: need.node,
        severity: severityOf(need),
        message: `${who} does not allow ${permissionList(missing)}, needed to ${need.summary}.${deniedNote}${startErrorNote(field, need, missing)}${noteOf?.(need) ? ` ${noteOf(need)}` : ''}`,
        fixes: denied.length === 0 ? withFixAll(addFix(need, missing), fixAll, fixable.length) : [],
        data: { missingActions: missing.map((check) => check.action), roleField: field },
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

/** The error the task would stop with, quoted so that searching for it leads here. */
function startErrorNote(field: RoleField, need: RoleNeed, missing: readonly PermissionCheck[]): string {
  if (field !== 'executionRoleArn') return '';
  const quoted = startErrorFor(need.feature, missing[0].action);
  return quoted ? ` The task will fail at start with: "${quoted}".` : '';
}

function permissionList(checks: readonly PermissionCheck[]): string {
  const byResource = new Map<string, string[]>();
  for (const check of checks) byResource.set(check.resource, [...(byResource.get(check.resource) ?? []), check.action]);
  return [...byResource]
    .map(([resource, actions]) => `${actions.map((action) => `\`${action}\``).join(', ')} on \`${resource}\``)
    .join('; ');
}

/** The statements that grant one need's missing actions. */
function statementsFor(need: RoleNeed, missing: readonly PermissionCheck[]): Array<Record<string, unknown>> {
  const resources = [...new Set(missing.map((check) => check.resource))];
  // One statement per resource keeps `*`-only actions (ecr:GetAuthorizationToken) apart from scoped ones.
  const statements = resources.map((resource, index) =>
    statementFor(
      `${sidFrom(need.summary)}${resources.length > 1 ? index + 1 : ''}`,
      missing.filter((check) => check.resource === resource).map((check) => check.action),
      [resource],
    ),
  );
  // In a template, a secret referenced with Ref / Fn::Sub is granted with that same expression (it is the ARN).
  if (isIntrinsic(need.node) && SECRET_ARN_FEATURES.includes(need.feature) && statements.length === 1) {
    statements[0].Resource = getNodeValue(need.node);
  }
  return statements;
}

function fixFor(
  context: RuleContext,
  source: PolicySource | undefined,
  role: TemplateRole | undefined,
  need: RoleNeed,
  missing: readonly PermissionCheck[],
): Fix[] {
  const fix = statementsFix(
    context,
    source,
    role,
    statementsFor(need, missing),
    (where) => `Allow ${missing.map((check) => check.action).join(', ')} in ${where}`,
  );
  return fix ? [fix] : [];
}

/** One fix adding the statements of every fixable gap of a role (Sids kept distinct). */
function fixAllFor(
  context: RuleContext,
  source: PolicySource | undefined,
  role: TemplateRole | undefined,
  gaps: ReadonlyArray<{ need: RoleNeed; missing: readonly PermissionCheck[] }>,
  field: RoleField,
  roleName: string,
): Fix | undefined {
  const used = new Set<string>();
  const statements = gaps
    .flatMap((gap) => statementsFor(gap.need, gap.missing))
    .map((statement) => {
      let sid = String(statement.Sid);
      for (let n = 2; used.has(sid); n++) sid = `${String(statement.Sid)}${n}`;
      used.add(sid);
      return { ...statement, Sid: sid };
    });
  const fix = statementsFix(
    context,
    source,
    role,
    statements,
    (where) => `Add all ${gaps.length} missing permissions of the ${ROLE_NAMES[field]} \`${roleName}\` to ${where}`,
  );
  return fix ? { ...fix, isPreferred: false, fixesAll: true } : undefined;
}

/** The single gap's fix is all there is to fix; otherwise the fix-all comes after it. */
function withFixAll(fixes: Fix[], fixAll: Fix | undefined, gaps: number): Fix[] {
  if (gaps === 1) return fixes.map((fix) => ({ ...fix, fixesAll: true }));
  return fixAll ? [...fixes, fixAll] : fixes;
}

function statementsFix(
  context: RuleContext,
  source: PolicySource | undefined,
  role: TemplateRole | undefined,
  statements: Array<Record<string, unknown>>,
  title: (where: string) => string,
): Fix | undefined {
  // A policy in the same document (a CloudFormation template): an edit of this document, not of another file.
  if (source?.document === context.document && source.policyNode) {
    return {
      title: title(source.label),
      edits: [appendStatementsEdit(context.document, source.policyNode, statements)],
      isPreferred: true,
    };
  }
  if (source) return addStatementsFix(title(source.label), source, statements);
  // A template role with only managed policies: give it an inline policy (in the module file that holds it).
  if (role?.document && role.file && role.document !== context.document) {
    const edit = addInlinePolicyEdit(role.document, role, `${role.id}Policy`, statements);
    return {
      title: title(`a new inline policy of ${role.id}`),
      edits: [],
      otherFiles: [{ path: role.file, edits: [{ range: role.document.lines.rangeOf(edit), newText: edit.newText }] }],
      isPreferred: true,
    };
  }
  if (role) {
    return {
      title: title(`a new inline policy of ${role.id}`),
      edits: [addInlinePolicyEdit(context.document, role, `${role.id}Policy`, statements)],
      isPreferred: true,
    };
  }
  return undefined;
}
