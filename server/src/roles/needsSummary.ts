// How many of a task definition's needs one linked role meets, counted one way for the CodeLens title and for
// what clicking the lens shows: the role's own policies, plus (execution role, cross-account image) the other
// account's repository policy when it is in the workspace. A role with an AWS managed policy whose document
// is not bundled is not judged at all: that policy may grant anything.
import type { JsonDocument } from '../core/document';
import type { Node } from '../core/json';
import type { WorkspaceView } from '../core/workspace';
import { checkNeeds, needsMet, type PermissionCheck } from './check';
import { opaquePolicies, type RoleField, type RoleLink } from './linking';
import { repositoryChecksOfField, repositoryNeedsMet, type RepositoryPolicyCheck } from './repositoryPolicy';
import { needsOfRole } from './taskRoleNeeds';

export interface RoleNeedsSummary {
  /** A linked managed policy whose document is unknown offline: the needs are not counted. */
  opaque?: string;
  met: number;
  total: number;
  /** The role's own permission checks that are not plainly allowed. */
  missing: PermissionCheck[];
  /** Cross-account repository policies that do not allow the role every pull action. */
  repositoryMissing: RepositoryPolicyCheck[];
}

export function roleNeedsSummary(
  taskDefinition: Node,
  field: RoleField,
  link: RoleLink,
  document: JsonDocument | undefined,
  workspace: WorkspaceView | undefined,
  filePath: string | undefined,
): RoleNeedsSummary {
  const needs = needsOfRole(taskDefinition, field);
  const opaque = opaquePolicies(link);
  if (needs.length > 0 && opaque.length > 0) return { opaque: opaque[0], met: 0, total: needs.length, missing: [], repositoryMissing: [] };
  const checks = checkNeeds(needs, link.sources);
  const own = needsMet(needs, checks);
  const repositoryChecks = repositoryChecksOfField(taskDefinition, field, document, workspace, filePath);
  const repository = repositoryNeedsMet(repositoryChecks);
  return {
    met: own.met + repository.met,
    total: own.total + repository.total,
    missing: checks.filter((check) => check.evaluation.decision !== 'allowed'),
    repositoryMissing: repositoryChecks.filter((check) => check.evaluations.some(({ evaluation }) => evaluation.decision !== 'allowed')),
  };
}
