// What the editor offers around a task definition's roles, beyond diagnostics: the actions in the
// lightbulb on the role fields, the answers behind the Command Palette commands (generate a policy for
// the active task definition, pick a role and a policy file to link), and what clicking a role CodeLens
// shows. Plain data and LSP shapes; the server wires them to requests and commands.
import { rolesInSameFile } from '../core/classify';
import path from 'node:path';
import { CodeActionKind, type CodeAction, type Position } from 'vscode-languageserver';
import type { JsonDocument } from '../core/document';
import { propertyNode, type Node } from '../core/json';
import type { Finding, Fix } from '../core/types';
import { templateRoleOf } from '../roles/cloudformationLinking';
import { localRoleLink } from '../roles/terraformModule';
import { generatePolicy, type GeneratedPolicy, type GeneratedPolicyKind } from '../roles/generate';
import { describeLink, linkRole, roleNameOf, type RoleField, type RoleLink } from '../roles/linking';
import { roleNeedsSummary } from '../roles/needsSummary';
import type { WorkspaceView } from '../core/workspace';
import { CREATE_POLICY_FILE_COMMAND, type GenerateArguments } from './roleCommands';

export type { RoleField };

/** Argument `{ uri, index, field }`: what a role CodeLens shows when clicked (the linked policy, or the unmet needs). */
export const ROLE_STATUS_COMMAND = 'ecsIam.server.roleStatus';
/** Argument `{ uri, position? }`: the roles of the task definition that can be linked to a policy file. */
export const LINK_CHOICES_COMMAND = 'ecsIam.server.linkChoices';
/** Argument `{ file, roleName }`: the workspace's policy files, those named after the role first. */
export const POLICY_FILE_CHOICES_COMMAND = 'ecsIam.server.policyFileChoices';
export const ROLE_ACTION_COMMANDS = [ROLE_STATUS_COMMAND, LINK_CHOICES_COMMAND, POLICY_FILE_CHOICES_COMMAND];

/** The client command that asks for a policy file and writes the mapping (client/src/extension.ts). */
export const CLIENT_LINK_COMMAND = 'ecsIam.linkPolicyFile';
/** The client command that opens a generated policy as an untitled document. */
export const CLIENT_OPEN_GENERATED_COMMAND = 'ecsIam.openGeneratedPolicy';

/** Titles shared by the lightbulb, the source actions and the Command Palette. */
export const GENERATE_TITLES: Record<GeneratedPolicyKind, string> = {
  execution: 'Generate execution role policy',
  task: 'Generate task role policy',
  trust: 'Generate trust policy',
};

const ROLE_LABELS: Record<RoleField, string> = { executionRoleArn: 'execution role', taskRoleArn: 'task role' };
const FIELD_KINDS: Record<RoleField, GeneratedPolicyKind[]> = { executionRoleArn: ['execution', 'trust'], taskRoleArn: ['task', 'trust'] };
const MISSING_PERMISSION_RULES = ['ecs/execution-role-missing-permission', 'ecs/task-role-missing-permission'];

const contains = (node: Node, offset: number) => offset >= node.offset && offset <= node.offset + node.length;

/** The task definition of the document at `offset` (the first one when none holds it). */
export function taskDefinitionIndexAt(document: JsonDocument, offset: number | undefined): number {
  if (offset === undefined) return 0;
  const index = document.taskDefinitions.findIndex((view) => contains(view.node, offset));
  return Math.max(0, index);
}

/** The index the arguments name, or the task definition at their position. */
export function resolveIndex(document: JsonDocument, args: GenerateArguments & { position?: Position }): number {
  if (typeof args.index === 'number') return args.index;
  return taskDefinitionIndexAt(document, args.position ? document.lines.offsetAt(args.position) : undefined);
}

/**
 * The generated policy, or why there is none: not a task definition, or a task definition that reveals
 * nothing that role needs (said, rather than hiding the command).
 */
export function generatedOrReason(
  document: JsonDocument,
  kind: GeneratedPolicyKind,
  index: number,
): { generated?: GeneratedPolicy; message?: string } {
  const view = document.taskDefinitions[index];
  if (!view) {
    return {
      message:
        'This file is not an ECS task definition (a JSON document with containerDefinitions, or a CloudFormation template with an AWS::ECS::TaskDefinition): open one to generate its role policies.',
    };
  }
  const generated = generatePolicy(view.node, kind);
  if (generated.statementCount > 0) return { generated };
  return { message: nothingToGenerate(kind) };
}

function nothingToGenerate(kind: GeneratedPolicyKind): string {
  if (kind === 'task') {
    return 'No task role policy to generate: this task definition reveals nothing its task role needs (no FireLens output to CloudWatch Logs, Firehose, Kinesis or S3, no EFS volume with IAM authorization, no X-Ray daemon). What the application itself calls (S3, DynamoDB, SQS …) cannot be read from a task definition: grant that in a policy of your own.';
  }
  return 'No execution role policy to generate: this task definition uses nothing that needs an execution role (no private ECR image, awslogs, secrets, registry credentials, environment files or FireLens file from S3).';
}

export interface RoleFieldActionOptions {
  /** Our VS Code client: generated policies open as untitled documents, and it has the link command. */
  ourClient: boolean;
  filePath: string | undefined;
}

/**
 * Lightbulb actions on a role field under the cursor: generate that role's policy and the trust policy,
 * link a policy file. A policy that cannot be generated is still offered: running it says why (VS Code
 * hides disabled actions from the lightbulb, so `disabled` would hide it there).
 */
export function roleFieldActions(
  uri: string,
  document: JsonDocument,
  start: number,
  end: number,
  options: RoleFieldActionOptions,
): CodeAction[] {
  const actions: CodeAction[] = [];
  document.taskDefinitions.forEach((view, index) => {
    for (const field of ['executionRoleArn', 'taskRoleArn'] as RoleField[]) {
      const fieldNode = propertyNode(view.node, field);
      if (!fieldNode || end < fieldNode.offset || start > fieldNode.offset + fieldNode.length) continue;
      for (const kind of FIELD_KINDS[field]) {
        const args: GenerateArguments = { uri, kind, index };
        actions.push({
          title: GENERATE_TITLES[kind],
          kind: `${CodeActionKind.Refactor}.generatePolicy`,
          command: {
            title: GENERATE_TITLES[kind],
            command: options.ourClient ? CLIENT_OPEN_GENERATED_COMMAND : CREATE_POLICY_FILE_COMMAND,
            arguments: [args],
          },
        });
      }
      const roleName = roleNameOf(view.node, field);
      // A role of the same template is linked by the template itself; an imported role names nothing to link.
      const inTemplate = rolesInSameFile(view) && templateRoleOf(document, view.node, field);
      if (options.ourClient && options.filePath && roleName && !inTemplate) {
        actions.push({
          title: `Link a policy file to ${roleName}…`,
          kind: `${CodeActionKind.Refactor}.linkPolicy`,
          command: { title: 'Link a policy file', command: CLIENT_LINK_COMMAND, arguments: [{ file: options.filePath, roleName, field }] },
        });
      }
    }
  });
  return actions;
}

export interface LinkChoice {
  label: string;
  description: string;
  args: { file: string; roleName: string; field: RoleField };
}

/** The roles of the task definition(s) a policy file can be linked to (for the Command Palette command). */
export function linkChoices(
  document: JsonDocument,
  filePath: string | undefined,
  workspace: WorkspaceView | undefined,
  offset: number | undefined,
): { choices: LinkChoice[]; message?: string } {
  if (document.taskDefinitions.length === 0) {
    return { choices: [], message: 'This file is not an ECS task definition: open one to link a policy file to its roles.' };
  }
  if (!filePath) {
    return { choices: [], message: 'Save the task definition as a file first: the link is written to .ecs-iam.json next to it.' };
  }
  const atCursor = offset === undefined ? undefined : document.taskDefinitions.find((view) => contains(view.node, offset));
  const views = atCursor ? [atCursor] : document.taskDefinitions;
  const choices: LinkChoice[] = [];
  for (const view of views) {
    for (const field of ['executionRoleArn', 'taskRoleArn'] as RoleField[]) {
      const roleName = roleNameOf(view.node, field);
      if (!roleName || (rolesInSameFile(view) && templateRoleOf(document, view.node, field))) continue;
      if (choices.some((choice) => choice.args.roleName.toLowerCase() === roleName.toLowerCase())) continue;
      const link = workspace ? linkRole(workspace, roleName, filePath) : undefined;
      const linked = link && link.sources.length > 0 ? `linked: ${describeLink(link).replace(/`/g, '')}` : 'no policy linked';
      choices.push({ label: roleName, description: `${ROLE_LABELS[field]} — ${linked}`, args: { file: filePath, roleName, field } });
    }
  }
  if (choices.length === 0) {
    return {
      choices,
      message: 'This task definition names no role to link (executionRoleArn and taskRoleArn are missing, imported or parameters).',
    };
  }
  return { choices };
}

export interface PolicyFileChoice {
  label: string;
  description: string;
  path: string;
  /** How the file would be attached: a permission policy or the trust policy. */
  kind: 'policies' | 'trustPolicy';
}

/**
 * The workspace's identity and trust policy files: those whose name mentions the role first, then those
 * in the task definition's folder or below it, then the others.
 */
export function policyFileChoices(workspace: WorkspaceView | undefined, roleName: string, taskDefinitionFile?: string): PolicyFileChoice[] {
  if (!workspace) return [];
  const lower = roleName.toLowerCase();
  const choices: PolicyFileChoice[] = [];
  for (const file of workspace.files()) {
    if (file.document.kind !== 'iam-identity-policy' && file.document.kind !== 'iam-trust-policy') continue;
    const trust = file.document.kind === 'iam-trust-policy';
    choices.push({
      label: workspace.label(file.path),
      description: trust ? 'trust policy' : 'permission policy',
      path: file.path,
      kind: trust ? 'trustPolicy' : 'policies',
    });
  }
  const folder = taskDefinitionFile ? path.dirname(taskDefinitionFile) + path.sep : undefined;
  const rank = (choice: PolicyFileChoice) =>
    path.basename(choice.path).toLowerCase().includes(lower) ? 0 : folder && choice.path.startsWith(folder) ? 1 : 2;
  return choices.sort((a, b) => rank(a) - rank(b) || a.label.localeCompare(b.label)).slice(0, 500);
}

export interface RoleStatus {
  /** Unmet needs, as a sentence (absent when every need is met). */
  message?: string;
  /** The first linked policy file, to open. */
  openFile?: string;
  /** The fix that adds every missing permission of the role, when one can be made. */
  fixAll?: { finding: Finding; fix: Fix };
}

/** What clicking a role CodeLens shows: the unmet needs with the fix-all, or the linked policy. */
export function roleStatus(
  document: JsonDocument,
  findings: readonly Finding[],
  workspace: WorkspaceView | undefined,
  filePath: string | undefined,
  index: number,
  field: RoleField,
): RoleStatus | undefined {
  const view = document.taskDefinitions[index];
  if (!view) return undefined;
  const local = rolesInSameFile(view) ? localRoleLink(document, view.node, field, filePath, workspace) : undefined;
  const roleName = local?.roleName ?? roleNameOf(view.node, field);
  const link: RoleLink | undefined = local?.link ?? (workspace && roleName ? linkRole(workspace, roleName, filePath) : undefined);
  if (!roleName || !link) return undefined;
  const openFile = link.sources.find((source) => source.kind === 'file' && source.file)?.file;
  // Counted as the lens counts them (roles/needsSummary.ts), so the click never disagrees with the title.
  const summary = roleNeedsSummary(view.node, field, link, document, workspace, filePath);
  if (summary.opaque) {
    const message = `The ${ROLE_LABELS[field]} ${roleName} has the AWS managed policy ${summary.opaque}, whose document is not known offline: it may grant anything, so its needs are not checked.`;
    return { message, openFile };
  }
  const missing = [
    ...summary.missing.map(
      (check) =>
        `${check.action} on ${check.resource}${check.evaluation.decision === 'conditional' ? ' (only under a condition)' : check.evaluation.decision === 'denied' ? ' (denied)' : ''}`,
    ),
    ...summary.repositoryMissing.map((check) => `the repository policy ${check.policy.label} allowing ${check.roleArn} to pull`),
  ];
  if (missing.length === 0) return { openFile };
  const listed = missing.slice(0, 6);
  const more = missing.length > listed.length ? ` and ${missing.length - listed.length} more` : '';
  const message = `The ${ROLE_LABELS[field]} ${roleName} (${describeLink(link).replace(/`/g, '')}) meets ${summary.met} of ${summary.total} needs of this task definition. Missing: ${listed.join('; ')}${more}.`;
  let fixAll: RoleStatus['fixAll'];
  for (const finding of findings) {
    if (
      !MISSING_PERMISSION_RULES.includes(finding.ruleId) ||
      finding.data?.roleField !== field ||
      !contains(view.node, finding.span.offset)
    ) {
      continue;
    }
    const fix = finding.fixes.find((candidate) => candidate.fixesAll);
    if (fix) {
      fixAll = { finding, fix };
      break;
    }
  }
  return { message, openFile, fixAll };
}

/** The fix-all fixes of the document's findings, once each, and at most one per edited file (two inserts at one place could break the JSON). */
export function fixAllFixes(findings: readonly Finding[]): Array<{ finding: Finding; fix: Fix }> {
  const seen = new Set<Fix>();
  const files = new Set<string>();
  const result: Array<{ finding: Finding; fix: Fix }> = [];
  for (const finding of findings) {
    for (const fix of finding.fixes) {
      if (!fix.fixesAll || seen.has(fix)) continue;
      seen.add(fix);
      const targets = [...(fix.otherFiles ?? []).map((other) => other.path), ...(fix.edits.length > 0 ? [''] : [])];
      if (targets.some((target) => files.has(target))) continue;
      targets.forEach((target) => files.add(target));
      result.push({ finding, fix });
    }
  }
  return result;
}

/**
 * Source actions on a task definition: generate its least-privilege policies. One that cannot be generated
 * is offered too: running it says why, instead of the action vanishing.
 */
export function generationActions(uri: string, document: JsonDocument, only: string[] | undefined, ourClient: boolean): CodeAction[] {
  if (document.taskDefinitions.length === 0) return [];
  if (
    only &&
    !only.some((kind) => kind === 'source' || kind === 'source.generatePolicy' || 'source.generatePolicy'.startsWith(`${kind}.`))
  ) {
    return [];
  }
  const actions: CodeAction[] = [];
  document.taskDefinitions.forEach((_view, index) => {
    for (const kind of ['execution', 'trust', 'task'] as const) {
      const args: GenerateArguments = { uri, kind, index };
      const which = document.taskDefinitions.length > 1 ? ` (task definition ${index + 1})` : '';
      const title = GENERATE_TITLES[kind];
      actions.push({
        title: `${title}${which}`,
        kind: 'source.generatePolicy',
        command: ourClient
          ? { title, command: CLIENT_OPEN_GENERATED_COMMAND, arguments: [args] }
          : { title, command: CREATE_POLICY_FILE_COMMAND, arguments: [args] },
      });
    }
  });
  return actions;
}
