// Hover text for taskRoleArn and executionRoleArn: what each role is for, in this task
// definition's context. Returns Markdown; the LSP server only wraps it.
import { arrayItems, property, stringValue, type Node } from '../core/json';
import { executionRoleNeeds, type ExecutionNeed } from '../ecs/executionRoleNeeds';
import { isSameRole, parseRoleReference, type RoleReference } from '../ecs/roleReference';

export const TASK_ROLE_URL = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html';
export const EXECUTION_ROLE_URL = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html';
const SECRETS_URL = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html';
const TRUST_NOTE =
  'Its trust policy must let the principal `ecs-tasks.amazonaws.com` call `sts:AssumeRole`; AWS recommends adding an `aws:SourceAccount` or `aws:SourceArn` condition against the confused-deputy problem.';

export type RoleField = 'taskRoleArn' | 'executionRoleArn';

export function roleHoverMarkdown(taskDefinition: Node, field: RoleField): string {
  const value = stringValue(property(taskDefinition, field));
  const role = value ? parseRoleReference(value) : undefined;
  const otherValue = stringValue(property(taskDefinition, field === 'taskRoleArn' ? 'executionRoleArn' : 'taskRoleArn'));
  const other = otherValue ? parseRoleReference(otherValue) : undefined;
  const lines = field === 'taskRoleArn' ? taskRoleLines(taskDefinition, role) : executionRoleLines(taskDefinition, role);
  if (role && other && isSameRole(role, other)) {
    lines.push(
      '',
      '**Warning: both role fields name the same role.** The containers then hold the permissions ECS needs to start them (image pulls, every injected secret), and ECS holds the application\'s. Use two roles.',
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
  const hints = taskRoleHints(taskDefinition);
  if (hints.length > 0) lines.push('', '**In this task definition** the task role will also need to:', ...hints.map((hint) => `- ${hint}`));
  const compatibilities = arrayItems(property(taskDefinition, 'requiresCompatibilities')).map(stringValue);
  if (!role && !compatibilities.includes('FARGATE')) {
    lines.push('', 'On EC2 without a task role, the containers may fall back to the **container instance\'s** credentials through instance metadata — usually far more than the application should have.');
  }
  lines.push('', TRUST_NOTE, '', `[Task IAM role (Amazon ECS Developer Guide)](${TASK_ROLE_URL})`);
  return lines;
}

/** What the task definition reveals the application side will call (FireLens outputs, EFS IAM auth, X-Ray). */
function taskRoleHints(taskDefinition: Node): string[] {
  const hints = new Set<string>();
  for (const container of arrayItems(property(taskDefinition, 'containerDefinitions'))) {
    const logConfiguration = property(container, 'logConfiguration');
    if (stringValue(property(logConfiguration, 'logDriver')) === 'awsfirelens') {
      const output = (stringValue(property(property(logConfiguration, 'options'), 'Name')) ?? '').toLowerCase();
      const destination = FIRELENS_OUTPUTS[output];
      if (destination) hints.add(`let the FireLens log router deliver to ${destination}`);
    }
    const image = stringValue(property(container, 'image')) ?? '';
    if (/xray-daemon|aws-xray/i.test(image)) hints.add('send traces from the X-Ray daemon sidecar (`xray:PutTraceSegments`, `xray:PutTelemetryRecords`)');
  }
  for (const volume of arrayItems(property(taskDefinition, 'volumes'))) {
    const efs = property(volume, 'efsVolumeConfiguration');
    if (stringValue(property(property(efs, 'authorizationConfig'), 'iam')) === 'ENABLED') {
      hints.add(`mount the EFS volume \`${stringValue(property(volume, 'name')) ?? '?'}\` with IAM authorization (\`elasticfilesystem:ClientMount\`, plus \`ClientWrite\` unless read-only)`);
    }
  }
  return [...hints];
}

const FIRELENS_OUTPUTS: Record<string, string> = {
  cloudwatch: 'CloudWatch Logs (`logs:CreateLogStream`, `logs:PutLogEvents`, and `logs:CreateLogGroup` with auto-create)',
  cloudwatch_logs: 'CloudWatch Logs (`logs:CreateLogStream`, `logs:PutLogEvents`, and `logs:CreateLogGroup` with auto-create)',
  firehose: 'Kinesis Data Firehose (`firehose:PutRecordBatch`)',
  kinesis_firehose: 'Kinesis Data Firehose (`firehose:PutRecordBatch`)',
  kinesis: 'Kinesis Data Streams (`kinesis:PutRecords`)',
  kinesis_streams: 'Kinesis Data Streams (`kinesis:PutRecords`)',
  s3: 'Amazon S3 (`s3:PutObject`)',
  es: 'Amazon OpenSearch Service (`es:ESHttpPost`, `es:ESHttpPut`)',
  opensearch: 'Amazon OpenSearch Service (`es:ESHttpPost`, `es:ESHttpPut`)',
};

function executionRoleLines(taskDefinition: Node, role: RoleReference | undefined): string[] {
  const lines = [
    `**Task execution role**${describeRole(role)}`,
    '',
    '**ECS itself** (the container agent, or Fargate) uses this role on the task\'s behalf, before and around your containers: to pull private images, to send `awslogs` output to CloudWatch Logs, and to fetch the secrets and files it injects. The application code never receives these credentials.',
  ];
  const needs = executionRoleNeeds(taskDefinition);
  if (needs.length === 0) {
    lines.push('', 'This task definition uses no feature that needs an execution role (no private ECR image, `awslogs`, `secrets`, registry credentials, environment files or FireLens file from S3).');
  } else {
    lines.push('', `**This task definition needs its execution role to** (${needs.length}):`, ...needs.map(needLine));
    const features = new Set(needs.map((need) => need.feature));
    const coveredByManaged = [...features].every((feature) => feature === 'private-ecr-image' || feature === 'awslogs');
    const createsGroups = needs.some((need) => need.permissions.some((permission) => permission.actions.includes('logs:CreateLogGroup')));
    lines.push(
      '',
      coveredByManaged && !createsGroups
        ? 'The AWS managed policy `AmazonECSTaskExecutionRolePolicy` covers all of this (on `*`).'
        : 'The AWS managed policy `AmazonECSTaskExecutionRolePolicy` covers only ECR pulls and writing log streams: add the rest (log group creation, secrets, S3 files) in a policy of your own.',
    );
    if (features.has('secrets-manager-secret') || features.has('ssm-parameter') || features.has('repository-credentials')) {
      lines.push('', `Secrets encrypted with a customer managed KMS key also need \`kms:Decrypt\` on that key. [Passing sensitive data](${SECRETS_URL})`);
    }
  }
  lines.push('', TRUST_NOTE, '', `[Task execution IAM role (Amazon ECS Developer Guide)](${EXECUTION_ROLE_URL})`);
  return lines;
}

function needLine(need: ExecutionNeed): string {
  const permissions = need.permissions
    .map((permission) => `${permission.actions.map((action) => `\`${action}\``).join(', ')} on \`${permission.resource}\``)
    .join('; ');
  return `- ${need.summary}: ${permissions}`;
}
