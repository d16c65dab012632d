// CodeLens content above taskRoleArn/executionRoleArn: what is linked to the role and how many of
// the task definition's needs it meets, or an offer to link a policy file. Plain data; the server
// converts it to LSP CodeLens objects.
import type { JsonDocument } from '../core/document';
import { propertyNode } from '../core/json';
import type { TextSpan } from '../core/types';
import { checkNeeds, needsMet } from '../roles/check';
import { describeLink, linkRole, roleNameOf, type RoleField } from '../roles/linking';
import { needsOfRole } from '../roles/taskRoleNeeds';
import type { WorkspaceView } from '../roles/workspace';

export interface RoleLens {
  span: TextSpan;
  title: string;
  /** A command to run when clicked (its arguments are plain JSON). */
  command?: { id: string; arguments: unknown[] };
}

export const LINK_POLICY_COMMAND = 'ecsIam.linkPolicyFile';

export function roleLenses(document: JsonDocument, workspace: WorkspaceView | undefined, filePath: string | undefined): RoleLens[] {
  if (!workspace) return [];
  const lenses: RoleLens[] = [];
  for (const view of document.taskDefinitions) {
    for (const field of ['executionRoleArn', 'taskRoleArn'] as RoleField[]) {
      const node = propertyNode(view.node, field);
      const roleName = roleNameOf(view.node, field);
      if (!node || !roleName) continue;
      const label = field === 'executionRoleArn' ? 'execution role' : 'task role';
      const span = { offset: node.offset, length: node.length };
      const link = linkRole(workspace, roleName, filePath);
      if (!link || link.sources.length === 0) {
        lenses.push({
          span,
          title: `${label} ${roleName}: no policy linked — link a policy file…`,
          command: { id: LINK_POLICY_COMMAND, arguments: [{ file: filePath, roleName, field }] },
        });
        continue;
      }
      const needs = needsOfRole(view.node, field);
      const { met, total } = needsMet(needs, checkNeeds(needs, link.sources));
      const sources = describeLink(link).replace(/`/g, '');
      lenses.push({ span, title: total > 0 ? `${label}: ${sources} — ${met} of ${total} needs met` : `${label}: ${sources}` });
    }
  }
  return lenses;
}
