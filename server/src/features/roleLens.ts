// CodeLens content above taskRoleArn/executionRoleArn: what is linked to the role and how many of
// the task definition's needs it meets, or an offer to link a policy file. In a CloudFormation template,
// a role resource of the same template is named by its logical id instead. Plain data; the server
// converts it to LSP CodeLens objects.
import path from 'node:path';
import { rolesInSameFile } from '../core/classify';
import type { JsonDocument } from '../core/document';
import { propertyNode, type Node } from '../core/json';
import type { Range, TextSpan } from '../core/types';
import { templateRoleOf } from '../roles/cloudformationLinking';
import { localRoleLink } from '../roles/terraformModule';
import { describeLink, linkRole, roleNameOf, type RoleField, type RoleLink } from '../roles/linking';
import { roleNeedsSummary } from '../roles/needsSummary';
import type { WorkspaceView } from '../core/workspace';
import { innerSpan } from '../core/rule';

export interface RoleLens {
  span: TextSpan;
  title: string;
  /** A command to run when clicked (its arguments are plain JSON). */
  command?: { id: string; arguments: unknown[] };
  /** Where in this document clicking should go (a role resource's logical id); the server makes it a command. */
  reveal?: TextSpan;
  /** Where in another file clicking should go (a role of the same Terraform module written in another `.tf` file). */
  revealIn?: { path: string; range: Range };
  /** Clicking shows the role's unmet needs or opens its policy: which task definition and field (the server makes it a command). */
  status?: { index: number; field: RoleField };
}

export const LINK_POLICY_COMMAND = 'ecsIam.linkPolicyFile';

export function roleLenses(document: JsonDocument, workspace: WorkspaceView | undefined, filePath: string | undefined): RoleLens[] {
  const lenses: RoleLens[] = [];
  document.taskDefinitions.forEach((view, index) => {
    for (const field of ['executionRoleArn', 'taskRoleArn'] as RoleField[]) {
      const node = propertyNode(view.node, field);
      if (!node) continue;
      const label = field === 'executionRoleArn' ? 'execution role' : 'task role';
      const span = { offset: node.offset, length: node.length };
      // As in the rules (rules/roles/shared.ts): a role resource of the same template first; a literal ARN
      // in a template, like any plain task definition, is linked through the workspace.
      const local = rolesInSameFile(view) ? templateLens(document, view.node, field, workspace, filePath, label) : undefined;
      if (local) {
        lenses.push({ span, ...local });
        continue;
      }
      const roleName = roleNameOf(view.node, field);
      // An imported ARN or a parameter names no role to link (and without a workspace nothing links): no lens.
      if (!workspace || !roleName) continue;
      const link = linkRole(workspace, roleName, filePath);
      if (!link || link.sources.length === 0) {
        lenses.push({
          span,
          title: `${label} ${roleName}: no policy linked — link a policy file…`,
          command: { id: LINK_POLICY_COMMAND, arguments: [{ file: filePath, roleName, field }] },
        });
        continue;
      }
      lenses.push({
        span,
        title: `${label}: ${describeLink(link).replace(/`/g, '')}${metSuffix(view.node, field, link, document, workspace, filePath)}`,
        status: { index, field },
      });
    }
  });
  return lenses;
}

/** The lens of a role field that names an AWS::IAM::Role of the same template: its logical id and the needs its policies meet. */
function templateLens(
  document: JsonDocument,
  taskDefinition: Node,
  field: RoleField,
  workspace: WorkspaceView | undefined,
  filePath: string | undefined,
  label: string,
): Omit<RoleLens, 'span'> | undefined {
  const linked = localRoleLink(document, taskDefinition, field, filePath, workspace);
  const role = linked?.role ?? templateRoleOf(document, taskDefinition, field);
  if (!role) return undefined;
  // The logical id without its quotes; a role in another file of a Terraform module is named with its file.
  const elsewhere = role.document && role.file && role.document !== document ? { document: role.document, file: role.file } : undefined;
  const where = elsewhere ? `in ${path.basename(elsewhere.file)}` : 'in this template';
  const reveal = elsewhere ? undefined : innerSpan(role.idNode);
  const revealIn = elsewhere ? { path: elsewhere.file, range: elsewhere.document.lines.rangeOf(innerSpan(role.idNode)) } : undefined;
  // templateRoleLink gives up on a role whose only policies are managed policies it does not know: they
  // may grant anything, so the needs are not counted (the rules stay silent on it too).
  if (!linked) return { title: `${label}: ${role.id} ${where} — managed policies unknown offline, needs not checked`, reveal, revealIn };
  const policies = linked.link.sources.length === 0 ? ', without policies' : '';
  return {
    title: `${label}: ${role.id} ${where}${policies}${metSuffix(taskDefinition, field, linked.link, document, undefined, filePath)}`,
    reveal,
    revealIn,
  };
}

/** " — 1 of 3 needs met", or nothing when the task definition reveals no need of that role. */
function metSuffix(
  taskDefinition: Node,
  field: RoleField,
  link: RoleLink,
  document: JsonDocument,
  workspace: WorkspaceView | undefined,
  filePath: string | undefined,
): string {
  const summary = roleNeedsSummary(taskDefinition, field, link, document, workspace, filePath);
  if (summary.opaque) return ` — ${summary.opaque} unknown offline, needs not checked`;
  return summary.total > 0 ? ` — ${summary.met} of ${summary.total} needs met` : '';
}
