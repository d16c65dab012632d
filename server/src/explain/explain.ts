// Points the role engine at an error the user already has: from the recognised error, finds the task
// definitions in the workspace that cause it (by the resource or the role it names), the field, the role's
// linked policies, evaluates them with the same evaluator the rules use, and returns the answer as plain
// data, with the same fix the diagnostic offers. Pure: the workspace comes in as an interface.
import { rolesInSameFile } from '../core/classify';
import { needValue } from '../core/intrinsics';
import { property, type Node } from '../core/json';
import type { Rule, ReportedProblem } from '../core/rule';
import { spanOf } from '../core/rule';
import type { Fix, Range, TextSpan } from '../core/types';
import { executionRoleNeeds, parsePrivateEcrImage, splitArn, taskDefinitionContext, type ExecutionNeed } from '../ecs/executionRoleNeeds';
import { matchesWildcard } from '../iam/wildcard';
import { addStatementsFix, checkNeeds, probeResource, statementFor } from '../roles/check';
import { localRoleLink } from '../roles/terraformModule';
import { evaluate, policyTrustsEcsTasks, type Decision, type Evaluation } from '../roles/evaluate';
import { linkRole, roleNameOf, type RoleField, type RoleLink } from '../roles/linking';
import type { IndexedFile, WorkspaceView } from '../core/workspace';
import { executionRoleRequired } from '../rules/ecs/executionRoleRequired';
import { executionRoleMissingPermission } from '../rules/roles/executionRoleMissingPermission';
import { trustPolicyNotEcs } from '../rules/roles/trustPolicyNotEcs';
import { FAMILIES, featuresOf, remainingSuspects } from './families';
import { recogniseError, type ErrorFamily, type ErrorStage, type RecognisedError } from './recognise';

/** An edit of a workspace file, with LSP-style positions, so every presenter can apply or show it. */
export interface ExplainEdit {
  path: string;
  range: Range;
  newText: string;
}

export interface ExplainFix {
  title: string;
  edits: ExplainEdit[];
}

export interface PermissionVerdict {
  action: string;
  resource: string;
  decision: Decision;
  /** "statement `ReadDbPassword` in iam/exec.json", for each statement that allows or denies. */
  allowedBy: string[];
  deniedBy: string[];
  conditions: string[];
}

export interface TaskDefinitionMatch {
  /** Absolute path of the file that holds the task definition. */
  file: string;
  /** Workspace-relative label. */
  label: string;
  /** The task definition's `family`, when it has one. */
  taskFamily?: string;
  /** The JSON path of the field that causes the need, e.g. `containerDefinitions[0].secrets[0].valueFrom`. */
  field: string;
  /** Where that field is in the file. */
  range: Range;
  /** What the task needs it for, e.g. "read the Secrets Manager secret for secret `DB_PASSWORD` (container `api`)". */
  need?: string;
  /** Whether the error named this very resource (rather than only the role or the kind of feature). */
  matchedBy: 'resource' | 'role' | 'feature';
  roleField?: RoleField;
  roleName?: string;
  /** For iam:PassRole denials: the user or role that called the ECS API. */
  callerName?: string;
  /** Set when the error names another role than the task definition's field does. */
  roleMismatch?: string;
  /** The linked policies, as the diagnostics name them; empty when the workspace links none. */
  linked: string[];
  verdicts: PermissionVerdict[];
  /** What the other role (the task role, for execution-role errors) says about the same permission. */
  otherRole?: { field: RoleField; roleName: string; linked: string[]; allows: boolean };
  /** The diagnostic the editor shows on that field, if any. */
  diagnostic?: string;
  fixes: ExplainFix[];
}

export interface Explanation {
  recognised: RecognisedError;
  family: ErrorFamily;
  title: string;
  /** False when no policy change can fix it (network, names that do not exist, options). */
  iam: boolean;
  /** Which role's permissions decide it. */
  role: 'execution' | 'task' | 'caller' | 'none';
  /** When the error happens: `register` (the API call fails) or `start` (the task stops before running). */
  phase: 'register' | 'start';
  docsUrl: string;
  /** Why this role (and not the other one). */
  why?: string;
  matches: TaskDefinitionMatch[];
  /** What the workspace concluded, in one sentence. */
  verdict: string;
  /** Where else to look, in order, when the workspace allows it or cannot tell. */
  suspects: string[];
  /** What to check or change for families no policy edit fixes. */
  steps: string[];
}

const WHY: Partial<Record<ErrorStage, string>> = {
  secrets:
    "ECS reads `secrets` (and `repositoryCredentials`) before the container starts and injects them into its environment, with the **execution role**. The task role's credentials reach only your application once it runs, so a grant on the task role does not help here.",
  'registry-auth':
    'The image is pulled before any container runs, by the ECS agent or Fargate with the **execution role** (`ecr:GetAuthorizationToken` on `*`, then the pull actions on the repository). The task role is for your application and is not used to pull.',
  'image-pull':
    'The image is pulled before any container runs, by the ECS agent or Fargate with the **execution role**. The task role is for your application and is not used to pull.',
  awslogs:
    'The awslogs log driver is set up by ECS before the container starts, with the **execution role**. The task role is not used for awslogs (it is for FireLens outputs, which your log router sends).',
  'environment-files':
    'ECS downloads `environmentFiles` from S3 before the container starts, with the **execution role**. The task role is not used for them.',
  'firelens-config':
    "ECS downloads the FireLens configuration file from S3 before the log router starts, with the **execution role**; the log router's outputs later use the task role.",
  'assume-role':
    "ECS assumes both the task role and the execution role as the service principal `ecs-tasks.amazonaws.com`: each role's trust policy must allow it `sts:AssumeRole`, and the role must exist in that account.",
  register:
    'ECS uses the **execution role** to pull private ECR images, send awslogs output and read secrets; the API refuses a task definition that uses them without one (on Fargate also for ECR images and awslogs).',
};

/** Recognises the text and explains it against the workspace (when given). */
export function explainError(text: string, workspace?: WorkspaceView): Explanation {
  const recognised = recogniseError(text);
  const matches = workspace ? findMatches(recognised, workspace) : [];
  // Secrets Manager says the same for a secret injected with `secrets` and for registry credentials:
  // the task definition tells which one it is.
  if (
    recognised.family === 'secrets-manager-access-denied' &&
    matches.length > 0 &&
    matches.every((match) => match.field.endsWith('repositoryCredentials.credentialsParameter'))
  ) {
    recognised.family = 'private-registry-credentials';
  }
  const info = FAMILIES[recognised.family];
  const explanation: Explanation = {
    recognised,
    family: recognised.family,
    title: info.title,
    iam: info.iam,
    role: info.role,
    phase: info.phase,
    docsUrl: info.docsUrl,
    why:
      recognised.family === 'pass-role'
        ? 'Whoever registers the task definition, creates the service or runs the task (a user, a CI role, a CloudFormation service role) must be allowed `iam:PassRole` on each role the task definition names. ECS itself is not the one denied here.'
        : info.iam
          ? (WHY[recognised.stage] ?? WHY[stageOfFamily(recognised.family)])
          : undefined,
    matches,
    verdict: '',
    suspects: [],
    steps: [...(info.steps ?? [])],
  };
  explanation.verdict = verdictOf(explanation, Boolean(workspace));
  if (info.iam) {
    const settled = matches.some((match) => match.verdicts.some((verdict) => verdict.decision !== 'allowed') || match.fixes.length > 0);
    const kms =
      recognised.family === 'kms-access-denied' ||
      matches.some((match) => match.verdicts.some((verdict) => verdict.action.startsWith('kms:')));
    // When the workspace shows the gap, the suspects are second; when it allows everything (or knows nothing), they are the answer.
    explanation.suspects =
      recognised.family === 'register-execution-role-required' || (settled && !kms) ? [] : remainingSuspects(recognised, kms);
  }
  return explanation;
}

function stageOfFamily(family: ErrorFamily): ErrorStage {
  if (family.startsWith('awslogs')) return 'awslogs';
  if (family.startsWith('ecr')) return 'image-pull';
  if (family.startsWith('environment')) return 'environment-files';
  if (family === 'register-execution-role-required') return 'register';
  if (family === 'assume-role') return 'assume-role';
  if (family === 'firelens-config') return 'firelens-config';
  return 'secrets';
}

function verdictOf(explanation: Explanation, hasWorkspace: boolean): string {
  const { matches, recognised } = explanation;
  if (!explanation.iam) {
    return explanation.family === 'unknown'
      ? 'The text is not one of the known ECS start or registration errors.'
      : 'No policy change fixes this; see what to check below.';
  }
  if (!hasWorkspace) return 'Without a workspace, only the error itself is explained.';
  if (matches.length === 0) {
    return `No task definition in the workspace ${recognised.resource ? `references \`${recognised.resource}\`` : recognised.roleName ? `names the role \`${recognised.roleName}\`` : 'matches this error'}.`;
  }
  const gaps = matches.filter((match) =>
    match.verdicts.some((verdict) => verdict.decision === 'not-allowed' || verdict.decision === 'denied'),
  );
  if (gaps.length > 0) {
    const first = gaps[0];
    if (explanation.family === 'pass-role') {
      return `The workspace confirms it: \`${first.callerName ?? '?'}\` is not allowed \`iam:PassRole\` on \`${recognised.resource ?? first.roleName}\` by ${first.linked.join(' + ')}.`;
    }
    if (explanation.family === 'assume-role') {
      return `The workspace confirms it: the trust policy of the ${ROLE_WORD[first.roleField ?? 'executionRoleArn']} \`${first.roleName ?? '?'}\` does not let \`ecs-tasks.amazonaws.com\` assume it.`;
    }
    const missing = first.verdicts.filter((verdict) => verdict.decision === 'not-allowed' || verdict.decision === 'denied');
    const denied = missing.some((verdict) => verdict.decision === 'denied');
    return `The workspace confirms it: the ${ROLE_WORD[first.roleField ?? 'executionRoleArn']} \`${first.roleName ?? '?'}\` ${denied ? 'is explicitly denied' : 'is not allowed'} ${missing.map((verdict) => `\`${verdict.action}\``).join(', ')} by ${first.linked.length > 0 ? first.linked.join(' + ') : 'its linked policies'}.`;
  }
  if (matches.some((match) => match.linked.length === 0 && match.fixes.length === 0)) {
    return 'The workspace links no policy to that role, so it cannot tell what the role may do.';
  }
  if (matches.some((match) => match.fixes.length > 0)) return 'The workspace shows what is missing; the fix is below.';
  return 'The policies linked in the workspace allow it: the denial comes from somewhere the workspace does not hold.';
}

const ROLE_WORD: Record<RoleField, string> = { executionRoleArn: 'execution role', taskRoleArn: 'task role' };

interface Candidate {
  file: IndexedFile;
  taskDefinition: Node;
  need?: ExecutionNeed;
  node: Node;
  matchedBy: 'resource' | 'role' | 'feature';
  roleField?: RoleField;
}

/** The most task definitions an answer lists when the error names no resource. */
const MAX_FEATURE_MATCHES = 10;

function findMatches(error: RecognisedError, workspace: WorkspaceView): TaskDefinitionMatch[] {
  const candidates: Candidate[] = [];
  const features = featuresOf(error);
  const roleIs = (taskDefinition: Node, field: RoleField) =>
    Boolean(error.roleName) && roleNameOf(taskDefinition, field)?.toLowerCase() === error.roleName!.toLowerCase();
  for (const file of workspace.files()) {
    for (const view of file.document.taskDefinitions) {
      const taskDefinition = view.node;
      if (error.family === 'assume-role' || error.family === 'pass-role') {
        for (const field of ['executionRoleArn', 'taskRoleArn'] as const) {
          const node = property(taskDefinition, field);
          if (node && roleIs(taskDefinition, field)) candidates.push({ file, taskDefinition, node, matchedBy: 'role', roleField: field });
        }
        continue;
      }
      if (error.family === 'register-execution-role-required') {
        if (property(taskDefinition, 'executionRoleArn')) continue;
        const need = executionRoleNeeds(taskDefinition).find((candidate) => features.includes(candidate.feature));
        if (need) candidates.push({ file, taskDefinition, need, node: need.node, matchedBy: 'feature' });
        continue;
      }
      for (const need of executionRoleNeeds(taskDefinition)) {
        if (!features.includes(need.feature)) continue;
        const matchedBy = namesResource(error, need) ? 'resource' : roleIs(taskDefinition, 'executionRoleArn') ? 'role' : 'feature';
        candidates.push({ file, taskDefinition, need, node: need.node, matchedBy, roleField: 'executionRoleArn' });
      }
    }
  }
  // The most specific evidence wins: a named resource, then the named role, then only the kind of feature.
  const best = candidates.some((candidate) => candidate.matchedBy === 'resource')
    ? candidates.filter((candidate) => candidate.matchedBy === 'resource')
    : candidates.some((candidate) => candidate.matchedBy === 'role')
      ? candidates.filter((candidate) => candidate.matchedBy === 'role')
      : error.resource || error.roleName || error.secret || error.image
        ? [] // the error names something no task definition here has
        : candidates.slice(0, MAX_FEATURE_MATCHES);
  return best.map((candidate) => describeCandidate(error, workspace, candidate));
}

/** Whether the error names the resource this need is about. */
function namesResource(error: RecognisedError, need: ExecutionNeed): boolean {
  const named = [error.resource, error.secret, error.parameter, error.s3Object].filter((value): value is string => Boolean(value));
  for (const permission of need.permissions) {
    if (permission.resource === '*') continue;
    for (const value of named) {
      if (covers(permission.resource, value)) return true;
      // `invalid ssm parameters: /app/db` names the parameter, not its ARN.
      if (!value.startsWith('arn:') && permission.resource.endsWith(`:parameter/${value.replace(/^\//, '')}`)) return true;
    }
  }
  if (need.feature === 'private-ecr-image' && error.image) {
    const image = parsePrivateEcrImage(needValue(need.node) ?? '');
    const repository = error.image.startsWith('arn:')
      ? splitArn(error.image)?.resource.replace(/^repository\//, '')
      : parsePrivateEcrImage(error.image)?.repository;
    if (image && repository && image.repository === repository) return true;
  }
  if (need.feature === 'awslogs' && error.logGroup) {
    // need.node is the logDriver value: its parent is the property, whose parent is logConfiguration.
    const logConfiguration = need.node.parent?.parent;
    const group = needValue(property(property(logConfiguration, 'options'), 'awslogs-group'));
    if (group === error.logGroup) return true;
  }
  return false;
}

function covers(pattern: string, value: string): boolean {
  return (
    pattern === value ||
    value.startsWith(`${pattern}-`) ||
    matchesWildcard(probeResource(pattern), value) ||
    matchesWildcard(pattern, value)
  );
}

function describeCandidate(error: RecognisedError, workspace: WorkspaceView, candidate: Candidate): TaskDefinitionMatch {
  const { file, taskDefinition, need, node } = candidate;
  const document = file.document;
  const match: TaskDefinitionMatch = {
    file: file.path,
    label: workspace.label(file.path),
    taskFamily: needValue(property(taskDefinition, 'family')) ?? needValue(property(taskDefinition, 'Family')),
    field: jsonPath(node),
    range: document.lines.rangeOf(spanOf(node)),
    need: need?.summary,
    matchedBy: candidate.matchedBy,
    linked: [],
    verdicts: [],
    fixes: [],
  };
  const field = candidate.roleField ?? 'executionRoleArn';
  const roleName = roleNameOf(taskDefinition, field);
  match.roleField = field;
  match.roleName = roleName;
  if (error.roleName && roleName && error.roleName.toLowerCase() !== roleName.toLowerCase() && error.family !== 'pass-role') {
    const other = roleNameOf(taskDefinition, field === 'executionRoleArn' ? 'taskRoleArn' : 'executionRoleArn');
    match.roleMismatch =
      other && other.toLowerCase() === error.roleName.toLowerCase()
        ? `The error names \`${error.roleName}\`, which this file uses as its ${ROLE_WORD[field === 'executionRoleArn' ? 'taskRoleArn' : 'executionRoleArn']}: the deployed revision may have the two roles swapped.`
        : `The error names \`${error.roleName}\`, but this file's ${ROLE_WORD[field]} is \`${roleName}\`: the deployed revision may not be this file.`;
  }
  const link = roleName ? linkFor(workspace, file, taskDefinition, field, roleName) : undefined;
  if (link) match.linked = link.sources.map((source) => source.label);

  switch (error.family) {
    case 'assume-role':
      explainAssumeRole(match, workspace, link);
      return match;
    case 'pass-role':
      explainPassRole(match, error, workspace, file);
      return match;
    case 'register-execution-role-required':
      match.fixes = fixesFromRule(executionRoleRequired, file, workspace, taskDefinition);
      match.diagnostic = diagnosticFromRule(executionRoleRequired, file, workspace, taskDefinition);
      return match;
    default:
  }
  if (!need || !FAMILIES[error.family].iam) return match;
  const sources = link?.sources ?? [];
  if (link) match.verdicts = checkNeeds([need], sources).map((check) => verdictFrom(check.action, check.resource, check.evaluation));
  if (error.family === 'kms-access-denied') {
    const keyResource = kmsKeyOf(error, taskDefinition);
    const evaluation = evaluate(sources, 'kms:Decrypt', keyResource);
    match.verdicts.push(verdictFrom('kms:Decrypt', keyResource, evaluation));
    const fileSource = sources.find((source) => source.kind === 'file');
    if (evaluation.decision === 'not-allowed' && fileSource) {
      const fix = addStatementsFix(`Allow kms:Decrypt in ${fileSource.label}`, fileSource, [
        statementFor('DecryptInjectedSecrets', ['kms:Decrypt'], [keyResource]),
      ]);
      if (fix) match.fixes.push(toExplainFix(fix, file));
    }
  }
  // The diagnostic's own fix: the same statement the quick fix adds, in the same file.
  match.fixes.push(...fixesFromRule(executionRoleMissingPermission, file, workspace, need.node));
  match.diagnostic = diagnosticFromRule(executionRoleMissingPermission, file, workspace, need.node);
  // Why not the other role: does the task role perhaps hold the grant?
  const taskRoleName = roleNameOf(taskDefinition, 'taskRoleArn');
  const taskLink = taskRoleName ? linkFor(workspace, file, taskDefinition, 'taskRoleArn', taskRoleName) : undefined;
  if (taskRoleName && taskLink && taskLink.sources.length > 0) {
    const allows = checkNeeds([need], taskLink.sources).some((check) => check.evaluation.decision === 'allowed' && check.resource !== '*');
    match.otherRole = { field: 'taskRoleArn', roleName: taskRoleName, linked: taskLink.sources.map((source) => source.label), allows };
  }
  return match;
}

function verdictFrom(action: string, resource: string, evaluation: Evaluation): PermissionVerdict {
  const where = (matches: Evaluation['allowedBy']) =>
    matches.map(
      ({ source, statement }) =>
        `${statement.sid ? `statement \`${statement.sid}\`` : 'a statement'} in ${source.kind === 'managed' ? source.label : `\`${source.label}\``}`,
    );
  return {
    action,
    resource,
    decision: evaluation.decision,
    allowedBy: where(evaluation.allowedBy),
    deniedBy: where(evaluation.deniedBy),
    conditions: evaluation.conditions,
  };
}

function linkFor(
  workspace: WorkspaceView,
  file: IndexedFile,
  taskDefinition: Node,
  field: RoleField,
  roleName: string,
): RoleLink | undefined {
  const view = file.document.taskDefinitions.find((candidate) => candidate.node === taskDefinition);
  if (view && rolesInSameFile(view)) {
    const local = localRoleLink(file.document, taskDefinition, field, file.path, workspace);
    if (local) return local.link;
  }
  return linkRole(workspace, roleName, file.path);
}

/** The key to check `kms:Decrypt` on: the one the error names, or any key of the task's account and region. */
function kmsKeyOf(error: RecognisedError, taskDefinition: Node): string {
  const named = /arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[\w-]+/.exec(error.text)?.[0];
  if (named) return named;
  const context = taskDefinitionContext(taskDefinition);
  const arn = splitArn(error.secret ?? error.resource ?? '');
  return `arn:${context.partition}:kms:${arn?.region || context.region || '*'}:${arn?.account || context.account || '*'}:key/*`;
}

function explainAssumeRole(match: TaskDefinitionMatch, workspace: WorkspaceView, link: RoleLink | undefined): void {
  const trustFiles = link?.trustPolicies ?? [];
  for (const trust of trustFiles) {
    const trusts = trust.document.policies.some((policy) => policyTrustsEcsTasks(policy.node));
    match.verdicts.push({
      action: 'sts:AssumeRole',
      resource: `trust policy ${workspace.label(trust.path)}`,
      decision: trusts ? 'allowed' : 'not-allowed',
      allowedBy: trusts ? [`\`${workspace.label(trust.path)}\``] : [],
      deniedBy: [],
      conditions: [],
    });
    if (!trusts) {
      for (const problem of runRule(trustPolicyNotEcs, trust, workspace)) {
        for (const fix of problem.fixes ?? []) match.fixes.push(toExplainFix(fix, trust));
        match.diagnostic ??= problem.message;
      }
    }
  }
  if (trustFiles.length > 0) match.linked = [...match.linked, ...trustFiles.map((trust) => `${workspace.label(trust.path)} (trust)`)];
}

function explainPassRole(match: TaskDefinitionMatch, error: RecognisedError, workspace: WorkspaceView, file: IndexedFile): void {
  const caller =
    /assumed-role\/([\w+=,.@-]+)\//.exec(error.principalArn ?? '')?.[1] ??
    /:user\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)/.exec(error.principalArn ?? '')?.[1];
  const resource = error.resource ?? '*';
  if (!caller) return;
  match.callerName = caller;
  const link = linkRole(workspace, caller, file.path);
  match.linked = link?.sources.map((source) => source.label) ?? [];
  if (!link) return;
  const evaluation = evaluate(link.sources, 'iam:PassRole', resource);
  match.verdicts.push(verdictFrom('iam:PassRole', resource, evaluation));
  const fileSource = link.sources.find((source) => source.kind === 'file');
  if (evaluation.decision === 'not-allowed' && fileSource) {
    const statement = {
      ...statementFor('PassTaskRolesToEcs', ['iam:PassRole'], [resource]),
      Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
    };
    const fix = addStatementsFix(`Allow iam:PassRole on ${resource} in ${fileSource.label}`, fileSource, [statement]);
    if (fix) match.fixes.push(toExplainFix(fix, file));
  }
}

/** Rule runs per document, for the workspace generation they saw: one answer asks several times per file. */
const ruleRuns = new WeakMap<IndexedFile['document'], { generation: number; byRule: Map<Rule, ReportedProblem[]> }>();

/** Runs one rule on one indexed file and returns what it reports (rules are synchronous and pure). */
function runRule(rule: Rule, file: IndexedFile, workspace: WorkspaceView): ReportedProblem[] {
  let runs = ruleRuns.get(file.document);
  if (!runs || runs.generation !== workspace.generation) {
    runs = { generation: workspace.generation, byRule: new Map() };
    ruleRuns.set(file.document, runs);
  }
  const cached = runs.byRule.get(rule);
  if (cached) return cached;
  const problems: ReportedProblem[] = [];
  runs.byRule.set(rule, problems);
  try {
    // The role rules read no rule ids (only config/invalid does).
    rule.check({ document: file.document, filePath: file.path, workspace, ruleIds: [], report: (problem) => problems.push(problem) });
  } catch {
    // A failing rule leaves the explanation without its fix, never without an answer.
  }
  return problems;
}

function within(span: TextSpan, node: Node): boolean {
  return span.offset >= node.offset && span.offset + span.length <= node.offset + node.length;
}

function problemsAt(rule: Rule, file: IndexedFile, workspace: WorkspaceView, node: Node): ReportedProblem[] {
  return runRule(rule, file, workspace).filter((problem) => within(spanOf(problem.at), node));
}

function fixesFromRule(rule: Rule, file: IndexedFile, workspace: WorkspaceView, node: Node): ExplainFix[] {
  // The fix of this need only: a role with several gaps also offers "add all missing permissions", which is
  // not the answer to the one error being explained.
  const ownFixes = (fixes: readonly Fix[]) => fixes.filter((fix) => !(fix.fixesAll && fix.isPreferred === false));
  return problemsAt(rule, file, workspace, node).flatMap((problem) => ownFixes(problem.fixes ?? []).map((fix) => toExplainFix(fix, file)));
}

function diagnosticFromRule(rule: Rule, file: IndexedFile, workspace: WorkspaceView, node: Node): string | undefined {
  return problemsAt(rule, file, workspace, node)[0]?.message;
}

function toExplainFix(fix: Fix, file: IndexedFile): ExplainFix {
  return {
    title: fix.title,
    edits: [
      ...fix.edits.map((edit) => ({ path: file.path, range: file.document.lines.rangeOf(edit), newText: edit.newText })),
      ...(fix.otherFiles ?? []).flatMap((other) =>
        other.edits.map((edit) => ({ path: other.path, range: edit.range, newText: edit.newText })),
      ),
    ],
  };
}

/** `containerDefinitions[0].secrets[1].valueFrom`: where a node sits, as a reader would look for it. */
export function jsonPath(node: Node): string {
  const parts: string[] = [];
  let current: Node | undefined = node;
  while (current?.parent) {
    const parent: Node = current.parent;
    if (parent.type === 'property') {
      const key = parent.children?.[0]?.value;
      if (current !== parent.children?.[0]) parts.unshift(/^[A-Za-z_$][\w$-]*$/.test(String(key)) ? `.${key}` : `[${JSON.stringify(key)}]`);
      current = parent.parent;
      continue;
    }
    if (parent.type === 'array') parts.unshift(`[${parent.children?.indexOf(current) ?? 0}]`);
    current = parent;
  }
  const joined = parts.join('');
  return joined.startsWith('.') ? joined.slice(1) : joined;
}
