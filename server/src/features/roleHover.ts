// Hover text for taskRoleArn and executionRoleArn: what each role is for, in this task
// definition's context. Returns Markdown; the LSP server only wraps it.
import { arrayItems, property, stringValue, type Node } from '../core/json';
import { executionRoleNeeds, NEED_DOCS } from '../ecs/executionRoleNeeds';
import { checkNeeds, needsMet } from '../roles/check';
import { policyTrustsEcsTasks } from '../roles/evaluate';
import { assumeRoleErrorFor, runtimeDeniedErrorFor, startErrorFor } from '../ecs/startErrors';
import type { JsonDocument } from '../core/document';
import { localRoleLink } from '../roles/terraformModule';
import { describeLink, linkRole, opaquePolicies, type RoleLink } from '../roles/linking';
import { needsOfRole, taskRoleNeeds, type RoleNeed } from '../roles/taskRoleNeeds';
import { repositoryChecksOfField, repositoryNeedsMet } from '../roles/repositoryPolicy';
import type { WorkspaceView } from '../core/workspace';
import { isSameRole, parseRoleReference, type RoleReference } from '../ecs/roleReference';

export const TASK_ROLE_URL = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html';
export const EXECUTION_ROLE_URL = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html';
const SECRETS_URL = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html';
const TRUST_NOTE =
  'Its trust policy must let the principal `ecs-tasks.amazonaws.com` call `sts:AssumeRole`; AWS recommends adding an `aws:SourceAccount` or `aws:SourceArn` condition against the confused-deputy problem.';

export type RoleField = 'taskRoleArn' | 'executionRoleArn';

export interface RoleHoverContext {
  workspace?: WorkspaceView;
  filePath?: string;
  /** The document holding the task definition: in a CloudFormation template, roles link to its resources. */
  document?: JsonDocument;
}

export function roleHoverMarkdown(taskDefinition: Node, field: RoleField, context: RoleHoverContext = {}): string {
  const value = stringValue(property(taskDefinition, field));
  const local =
    context.document?.kind === 'cloudformation-template'
      ? localRoleLink(context.document, taskDefinition, field, context.filePath, context.workspace)
      : undefined;
  const role = value ? parseRoleReference(value) : local ? { name: local.roleName } : undefined;
  const otherValue = stringValue(property(taskDefinition, field === 'taskRoleArn' ? 'executionRoleArn' : 'taskRoleArn'));
  const other = otherValue ? parseRoleReference(otherValue) : undefined;
  const lines = field === 'taskRoleArn' ? taskRoleLines(taskDefinition, role) : executionRoleLines(taskDefinition, role);
  if (local) {
    lines.splice(
      lines.length - 2,
      0,
      '',
      `**Defined in this template** as the resource \`${local.role.id}\` (AWS::IAM::Role).`,
      '',
      ...linkLines(taskDefinition, field, local.roleName, context, local.link),
    );
  } else if (role && context.workspace) lines.splice(lines.length - 2, 0, ...linkLines(taskDefinition, field, role.name, context));
  if (role && other && isSameRole(role, other)) {
    lines.push(
      '',
      "**Warning: both role fields name the same role.** The containers then hold the permissions ECS needs to start them (image pulls, every injected secret), and ECS holds the application's. Use two roles.",
    );
  }
  return lines.join('\n');
}

function describeRole(role: RoleReference | undefined): string {
  if (!role) return '';
  const where = role.arn ? ` in account \`${role.arn.account}\`` : '';
  return ` — \`${role.name}\`${where}`;
}

function taskRoleLines(taskDefinition: Node, role: RoleReference | undefined): string[] {
  const lines = [
    `**Task role**${describeRole(role)}`,
    '',
    'The **application code in the containers** runs with this role. The AWS SDKs and CLI inside the containers get its temporary credentials automatically (through the endpoint in `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`). Grant it exactly what the application calls — S3, DynamoDB, SQS and so on — and nothing ECS itself needs to start the task: that belongs on the execution role.',
    '',
    'It may be left out when the application calls no AWS API.',
  ];
  const needs = taskRoleNeeds(taskDefinition);
  if (needs.length > 0) {
    lines.push('', `**This task definition reveals the task role will need to** (${needs.length}):`, ...needs.map(needLine));
  }
  const compatibilities = arrayItems(property(taskDefinition, 'requiresCompatibilities')).map(stringValue);
  if (!role && !compatibilities.includes('FARGATE')) {
    lines.push(
      '',
      "On EC2 without a task role, the containers may fall back to the **container instance's** credentials through instance metadata — usually far more than the application should have.",
    );
  }
  lines.push('', TRUST_NOTE, '', `[Task IAM role (Amazon ECS Developer Guide)](${TASK_ROLE_URL})`);
  return lines;
}

function executionRoleLines(taskDefinition: Node, role: RoleReference | undefined): string[] {
  const lines = [
    `**Task execution role**${describeRole(role)}`,
    '',
    "**ECS itself** (the container agent, or Fargate) uses this role on the task's behalf, before and around your containers: to pull private images, to send `awslogs` output to CloudWatch Logs, and to fetch the secrets and files it injects. The application code never receives these credentials.",
  ];
  const needs = executionRoleNeeds(taskDefinition);
  if (needs.length === 0) {
    lines.push(
      '',
      'This task definition uses no feature that needs an execution role (no private ECR image, `awslogs`, `secrets`, registry credentials, environment files or FireLens file from S3).',
    );
  } else {
    lines.push('', `**This task definition needs its execution role to** (${needs.length}):`, ...needs.map(needLine));
    const features = new Set(needs.map((need) => need.feature));
    const coveredByManaged = [...features].every((feature) => feature === 'private-ecr-image' || feature === 'awslogs');
    const createsGroups = needs.some((need) => need.permissions.some((permission) => permission.actions.includes('logs:CreateLogGroup')));
    lines.push(
      '',
      coveredByManaged && !createsGroups
        ? 'The AWS managed policy `AmazonECSTaskExecutionRolePolicy` covers all of this (on `*`).'
        : 'The AWS managed policy `AmazonECSTaskExecutionRolePolicy` covers only ECR pulls and writing log streams: add the rest (pull through cache imports, log group creation, secrets, S3 files) in a policy of your own.',
    );
    if (features.has('private-ecr-image')) {
      lines.push(
        '',
        "For image pulls alone, AWS's narrower `AmazonEC2ContainerRegistryPullOnly` is enough (it also covers pull through cache imports).",
      );
    }
    const ec2Only = arrayItems(property(taskDefinition, 'requiresCompatibilities')).map(stringValue);
    if (
      !role &&
      ec2Only.length > 0 &&
      ec2Only.every((type) => type === 'EC2') &&
      needs.every((need) => ['private-ecr-image', 'ecr-pull-through-cache', 'awslogs'].includes(need.feature))
    ) {
      lines.push(
        '',
        `This task definition runs only on EC2: with no execution role, the container agent pulls images and sends \`awslogs\` output with the **container instance role** instead. [Container instance IAM role](${NEED_DOCS.instanceRole})`,
      );
    }
    if (features.has('secrets-manager-secret') || features.has('ssm-parameter') || features.has('repository-credentials')) {
      lines.push(
        '',
        `Secrets encrypted with a customer managed KMS key also need \`kms:Decrypt\` on that key. [Passing sensitive data](${SECRETS_URL})`,
      );
    }
  }
  if (needs.length > 0) {
    lines.push(
      '',
      'When it lacks one of these, the task stops before it runs, with `ResourceInitializationError` or `CannotPullContainerError`; the command **ECS & IAM: Explain an ECS Error…** finds the cause of a pasted error.',
    );
  }
  lines.push('', TRUST_NOTE, '', `[Task execution IAM role (Amazon ECS Developer Guide)](${EXECUTION_ROLE_URL})`);
  return lines;
}

/** What is linked to the role in the workspace, and which needs it meets. */
function linkLines(taskDefinition: Node, field: RoleField, roleName: string, context: RoleHoverContext, templateLink?: RoleLink): string[] {
  const link = templateLink ?? linkRole(context.workspace!, roleName, context.filePath);
  if (!link || (link.sources.length === 0 && link.trustPolicies.length === 0)) {
    return [
      `**Linked policies:** none found for \`${roleName}\`. Name a policy file \`${roleName}.json\` (and \`${roleName}-trust-policy.json\`), or map the role under \`roles\` in \`.ecs-iam.json\`, to have its permissions checked against this task definition.`,
      '',
    ];
  }
  const needs = needsOfRole(taskDefinition, field);
  const opaque = opaquePolicies(link);
  if (opaque.length > 0) {
    return [
      `**Linked policies:** ${describeLink(link)} and ${opaque.map((name) => `\`${name}\``).join(', ')}, an AWS managed policy whose document is not known offline: it may grant anything, so the needs are not checked.`,
      '',
    ];
  }
  const checks = checkNeeds(needs, link.sources);
  const own = needsMet(needs, checks);
  const repositoryChecks = repositoryChecksOfField(taskDefinition, field, context.document, context.workspace, context.filePath);
  const repository = repositoryNeedsMet(repositoryChecks);
  const met = own.met + repository.met;
  const total = own.total + repository.total;
  const lines = [
    `**Linked policies** (${link.how === 'configuration' ? '`.ecs-iam.json`' : link.how === 'template' ? 'in this template' : 'found by file name'}): ${describeLink(link)}${link.trustPolicies.length && context.workspace ? `; trust policy \`${context.workspace.label(link.trustPolicies[0].path)}\`` : ''} — **${met} of ${total} needs met**.`,
  ];
  const missing = checks.filter((check) => check.evaluation.decision !== 'allowed');
  for (const check of missing.slice(0, 8)) {
    const status =
      check.evaluation.decision === 'conditional'
        ? 'allowed only under a condition'
        : check.evaluation.decision === 'denied'
          ? 'explicitly denied'
          : 'missing';
    lines.push(`- ${status}: \`${check.action}\` on \`${check.resource}\``);
  }
  if (missing.length > 8) lines.push(`- … and ${missing.length - 8} more`);
  for (const check of repositoryChecks) {
    const denied = check.evaluations.filter(({ evaluation }) => evaluation.decision !== 'allowed').map(({ action }) => `\`${action}\``);
    lines.push(
      `- repository policy of \`${check.need.crossAccount!.repository}\` (${check.policy.label}): ${denied.length === 0 ? 'allows this role to pull' : `does not allow this role ${denied.join(', ')}`}`,
    );
  }
  // Quote the error the task would stop with, one per feature, so that searching for it leads here.
  if (field === 'executionRoleArn') {
    const quoted = new Set<string>();
    for (const check of missing.filter((candidate) => candidate.evaluation.decision !== 'conditional')) {
      const error = startErrorFor(check.need.feature, check.action);
      if (error) quoted.add(error);
    }
    if (quoted.size > 0) lines.push('', '**Will fail at task start with:**', ...[...quoted].slice(0, 3).map((error) => `- \`${error}\``));
  } else {
    const denied = [...new Set(missing.filter((check) => check.evaluation.decision !== 'conditional').map((check) => check.action))];
    if (denied.length > 0) {
      lines.push(
        '',
        '**Denied at run time with:**',
        ...denied.slice(0, 3).map((action) => `- \`${runtimeDeniedErrorFor(roleName, action)}\``),
      );
    }
  }
  if (
    link.trustPolicies.length > 0 &&
    !link.trustPolicies.some((trust) => trust.document.policies.some((policy) => policyTrustsEcsTasks(policy.node)))
  ) {
    lines.push('', `**Will fail at task start with** (the trust policy does not trust ECS tasks): \`${assumeRoleErrorFor(roleName)}\``);
  }
  // A mapping's unusable entries are named by describeLink; a template's unresolved ARNs here.
  if (link.unresolved.length > 0 && !link.configFile) {
    lines.push('', `Not found: ${link.unresolved.map((entry) => `\`${entry}\``).join(', ')}.`);
  }
  lines.push('');
  return lines;
}

/** One need: what it is for, the actions on their resources, the AWS page that requires them; what it also depends on. */
function needLine(need: RoleNeed): string {
  const describe = (permission: RoleNeed['permissions'][number]) =>
    `${permission.actions.map((action) => `\`${action}\``).join(', ')} on \`${permission.resource}\``;
  const required = need.permissions
    .filter((permission) => !permission.onlyIf)
    .map(describe)
    .join('; ');
  const situational = need.permissions
    .filter((permission) => permission.onlyIf)
    .map((permission) => `; only if ${permission.onlyIf}: ${describe(permission)}`)
    .join('');
  const note = need.note ? `\n  ${need.note}` : '';
  return `- ${need.summary}: ${required}${situational} ([AWS](${need.docsUrl}))${note}`;
}
