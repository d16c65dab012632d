// Cross-account ECR pulls: an image in another account's private repository is pulled only if that
// repository's policy allows the execution role (or its account) as well as the role's own policies
// do. When the repository policy is in the workspace — an AWS::ECR::Repository's RepositoryPolicyText
// in a template, or a file named `<repository>-repository-policy.json` — this checks it.
// https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policy-examples.html
import { getNodeValue } from 'jsonc-parser';
import { statementsOf, templateResources } from '../core/classify';
import type { JsonDocument } from '../core/document';
import { isIntrinsic, resolveStrings } from '../core/intrinsics';
import { property, type Node } from '../core/json';
import { executionRoleNeeds, type ExecutionNeed } from '../ecs/executionRoleNeeds';
import { needValue } from '../core/intrinsics';
import { parseRoleReference } from '../ecs/roleReference';
import { evaluate, statementsFromValue, type Evaluation, type PolicySource } from './evaluate';
import type { WorkspaceView } from '../core/workspace';

/** What a cross-account pull needs the repository policy to allow (ECR's page on ECS names these two for the repository). */
export const REPOSITORY_PULL_ACTIONS = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'];

export interface RepositoryPolicy {
  /** How messages name it: a workspace-relative path, with the template resource. */
  label: string;
  file?: string;
  document: JsonDocument;
  policyNode: Node;
}

export interface RepositoryPolicyCheck {
  need: ExecutionNeed;
  policy: RepositoryPolicy;
  /** The role ARN the repository policy must allow. */
  roleArn: string;
  /** Per action, what the repository policy decides for the role. */
  evaluations: Array<{ action: string; evaluation: Evaluation }>;
}

const cache = new WeakMap<WorkspaceView, { generation: number; byRepository: Map<string, RepositoryPolicy[]> }>();

/** Repository policies in the workspace (and in `document`, the file being checked), by repository name. */
function repositoryPolicies(
  workspace: WorkspaceView | undefined,
  document: JsonDocument,
  filePath: string | undefined,
): Map<string, RepositoryPolicy[]> {
  const byRepository = new Map<string, RepositoryPolicy[]>();
  if (workspace) {
    let entry = cache.get(workspace);
    if (!entry || entry.generation !== workspace.generation) {
      entry = { generation: workspace.generation, byRepository: new Map() };
      for (const file of workspace.files()) scan(entry.byRepository, file.document, file.path, workspace.label(file.path));
      cache.set(workspace, entry);
    }
    for (const [name, list] of entry.byRepository) byRepository.set(name, [...list]);
  }
  // A document the index does not hold (no workspace, or a file outside it) is read directly.
  if (filePath === undefined || !workspace?.get(filePath)) scan(byRepository, document, filePath, 'this file');
  return byRepository;
}

function scan(into: Map<string, RepositoryPolicy[]>, document: JsonDocument, file: string | undefined, label: string): void {
  const add = (name: string, policy: RepositoryPolicy) => into.set(name, [...(into.get(name) ?? []), policy]);
  if (document.kind === 'cloudformation-template') {
    for (const resource of templateResources(document.root)) {
      if (resource.type !== 'AWS::ECR::Repository') continue;
      const nameNode = property(resource.properties, 'RepositoryName');
      const names = nameNode ? resolveStrings(nameNode, 'exact') : undefined;
      const policyNode = property(resource.properties, 'RepositoryPolicyText');
      if (!names || names.length !== 1 || policyNode?.type !== 'object') continue;
      add(names[0], { label: `${label} (${resource.id})`, file, document, policyNode });
    }
  } else if (document.kind === 'iam-resource-policy' && file && document.policies[0]) {
    const match = /^(.+?)[-.]repository-policy\.json$/i.exec(file.replace(/\\/g, '/').split('/').pop() ?? '');
    if (match) add(match[1], { label, file, document, policyNode: document.policies[0].node });
  }
}

/** Whether a statement's Principal names the role or its account (or anyone). An intrinsic may name it: yes. */
function principalAllows(principal: unknown, roleArn: string, account: string): boolean {
  if (principal === '*') return true;
  if (!principal || typeof principal !== 'object') return false;
  const aws = (principal as Record<string, unknown>).AWS;
  const values = Array.isArray(aws) ? aws : aws === undefined ? [] : [aws];
  return values.some((value) => {
    if (value && typeof value === 'object') return true; // Fn::Sub, Ref ...: cannot rule it out
    if (typeof value !== 'string') return false;
    if (value === '*' || value === account) return true;
    const arn = /^arn:aws[a-z-]*:iam::([0-9]{12}|\*):(root|role\/.+)$/.exec(value);
    if (!arn || (arn[1] !== account && arn[1] !== '*')) return false;
    return arn[2] === 'root' || value.toLowerCase() === roleArn.toLowerCase() || value.endsWith(`/${roleArn.split('/').pop()}`);
  });
}

/** The repository policy statements that apply to the role, as a policy source evaluate() can answer. */
function sourceFor(policy: RepositoryPolicy, roleArn: string, account: string): PolicySource {
  const nodes = statementsOf(policy.policyNode).filter((node) => {
    const principal = property(node, 'Principal');
    if (!principal) return false;
    return principalAllows(isIntrinsic(principal) ? { AWS: {} } : getNodeValue(principal), roleArn, account);
  });
  return {
    label: policy.label,
    kind: 'file',
    file: policy.file,
    document: policy.document,
    policyNode: policy.policyNode,
    statements: statementsFromValue({ Statement: nodes.map((node) => getNodeValue(node)) }, nodes),
  };
}

/** For each cross-account image need whose repository policy is in the workspace: what it allows the execution role. */
export function repositoryPolicyChecks(
  needs: readonly ExecutionNeed[],
  executionRoleArn: string | undefined,
  document: JsonDocument,
  workspace: WorkspaceView | undefined,
  filePath: string | undefined,
): RepositoryPolicyCheck[] {
  const role = executionRoleArn ? parseRoleReference(executionRoleArn) : undefined;
  const account = role?.arn?.account;
  if (!executionRoleArn || !account) return [];
  const crossAccount = needs.filter((need) => need.crossAccount);
  if (crossAccount.length === 0) return [];
  const policies = repositoryPolicies(workspace, document, filePath);
  const checks: RepositoryPolicyCheck[] = [];
  for (const need of crossAccount) {
    const { repository, partition, region } = need.crossAccount!;
    // A file name cannot hold the `/` of a namespaced repository: `team-web-repository-policy.json` for `team/web`.
    const found = [
      ...(policies.get(repository) ?? []),
      ...(repository.includes('/') ? (policies.get(repository.replace(/\//g, '-')) ?? []) : []),
    ];
    for (const policy of found) {
      const source = sourceFor(policy, executionRoleArn, account);
      const repositoryArn = `arn:${partition}:ecr:${region}:${need.crossAccount!.account}:repository/${repository}`;
      checks.push({
        need,
        policy,
        roleArn: executionRoleArn,
        evaluations: REPOSITORY_PULL_ACTIONS.map((action) => ({ action, evaluation: evaluate([source], action, repositoryArn) })),
      });
    }
  }
  return checks;
}

/** The statement a fix adds to the repository policy: the role may pull. */
export function repositoryPullStatement(roleArn: string): Record<string, unknown> {
  return {
    Sid: 'AllowCrossAccountPullByEcsExecutionRole',
    Effect: 'Allow',
    Principal: { AWS: roleArn },
    Action: [...REPOSITORY_PULL_ACTIONS],
  };
}

/** Cross-account pulls whose repository policy is in the workspace count as one need each: met when it allows both actions. */
export function repositoryNeedsMet(checks: readonly RepositoryPolicyCheck[]): { met: number; total: number } {
  const met = checks.filter((check) => check.evaluations.every(({ evaluation }) => evaluation.decision === 'allowed')).length;
  return { met, total: checks.length };
}

/** The repository checks of a task definition's role field (only the execution role pulls images). */
export function repositoryChecksOfField(
  taskDefinition: Node,
  field: 'executionRoleArn' | 'taskRoleArn',
  document: JsonDocument | undefined,
  workspace: WorkspaceView | undefined,
  filePath: string | undefined,
): RepositoryPolicyCheck[] {
  if (field !== 'executionRoleArn' || !document) return [];
  return repositoryPolicyChecks(
    executionRoleNeeds(taskDefinition),
    needValue(property(taskDefinition, 'executionRoleArn')),
    document,
    workspace,
    filePath,
  );
}
