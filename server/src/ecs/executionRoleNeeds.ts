// What the task execution role must allow, derived from a task definition. This is the one
// place that knows the table "task-definition feature -> execution role permission" (the ECS
// Developer Guide's "Amazon ECS task execution IAM role" page and the pages it links).
import { needValue } from '../core/intrinsics';
import { arrayItems, property, type Node } from '../core/json';

export type ExecutionFeature =
  | 'private-ecr-image'
  | 'awslogs'
  | 'secrets-manager-secret'
  | 'ssm-parameter'
  | 'repository-credentials'
  | 'environment-file'
  | 'firelens-s3-config';

export interface ExecutionNeed {
  feature: ExecutionFeature;
  /** The JSON node that causes the need (an image string, a valueFrom, a logDriver ...). */
  node: Node;
  containerName?: string;
  /** Each permission with the resource it should be scoped to. */
  permissions: Array<{ actions: string[]; resource: string }>;
  /** Short human description, e.g. "pull the private ECR image `web`". */
  summary: string;
  /**
   * True when registering or starting the task fails on every launch type without an execution role;
   * false when, on EC2, the container instance role may cover it (ECR pull, awslogs).
   */
  requiredOnEveryLaunchType: boolean;
}

export interface PrivateEcrImage {
  account: string;
  region: string;
  partition: string;
  repository: string;
}

// `*` for the account or region: a CloudFormation Fn::Sub of ${AWS::AccountId} / ${AWS::Region} (core/intrinsics.ts).
const ECR_IMAGE = /^([0-9]{12}|[A-Za-z]{5,}|<[^>]+>|\*)\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+|\*)\.amazonaws\.com(\.cn)?\/([^:@\s]+)/;

export function parsePrivateEcrImage(image: string): PrivateEcrImage | undefined {
  const match = ECR_IMAGE.exec(image.trim());
  if (!match) return undefined;
  const region = match[2];
  return { account: match[1], region, partition: partitionOf(region, Boolean(match[3])), repository: match[4] };
}

function partitionOf(region: string, chinaHost = false): string {
  if (chinaHost || region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

interface ArnParts {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function splitArn(value: string): ArnParts | undefined {
  if (!value.startsWith('arn:')) return undefined;
  const fields = value.split(':');
  if (fields.length < 6) return undefined;
  return { partition: fields[1], service: fields[2], region: fields[3], account: fields[4], resource: fields.slice(5).join(':') };
}

/** The secret's own ARN: Secrets Manager references may append `:json-key:version-stage:version-id`. */
export function secretArnOf(valueFrom: string): string {
  const fields = valueFrom.split(':');
  return fields.length > 7 ? fields.slice(0, 7).join(':') : valueFrom;
}

/** Account and region the task definition's own ARNs reveal, used to scope resources built from names. */
const contextCache = new WeakMap<Node, { account?: string; region?: string; partition: string }>();

export function taskDefinitionContext(taskDefinition: Node): { account?: string; region?: string; partition: string } {
  let context = contextCache.get(taskDefinition);
  if (!context) {
    context = readTaskDefinitionContext(taskDefinition);
    contextCache.set(taskDefinition, context);
  }
  return context;
}

function readTaskDefinitionContext(taskDefinition: Node): { account?: string; region?: string; partition: string } {
  let account: string | undefined;
  let region: string | undefined;
  let partition = 'aws';
  for (const key of ['executionRoleArn', 'taskRoleArn']) {
    const arn = splitArn(needValue(property(taskDefinition, key)) ?? '');
    if (arn && /^[0-9]{12}$/.test(arn.account)) {
      account ??= arn.account;
      partition = arn.partition;
    }
  }
  for (const container of arrayItems(property(taskDefinition, 'containerDefinitions'))) {
    const image = parsePrivateEcrImage(needValue(property(container, 'image')) ?? '');
    if (image) {
      region ??= image.region;
      if (/^[0-9]{12}$/.test(image.account)) account ??= image.account;
    }
    const logRegion = needValue(property(property(property(container, 'logConfiguration'), 'options'), 'awslogs-region'));
    if (logRegion) region ??= logRegion;
    // Secret and parameter ARNs name the account and region too.
    const references = [
      ...arrayItems(property(container, 'secrets')).map((secret) => property(secret, 'valueFrom')),
      property(property(container, 'repositoryCredentials'), 'credentialsParameter'),
    ];
    for (const reference of references) {
      const arn = splitArn(needValue(reference) ?? '');
      if (!arn) continue;
      if (/^[0-9]{12}$/.test(arn.account)) account ??= arn.account;
      if (/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(arn.region)) region ??= arn.region;
    }
  }
  return { account, region, partition };
}

const needsCache = new WeakMap<Node, ExecutionNeed[]>();

/** Computed once per task-definition node: several rules, the hover and CodeLens ask. */
export function executionRoleNeeds(taskDefinition: Node): ExecutionNeed[] {
  let needs = needsCache.get(taskDefinition);
  if (!needs) {
    needs = readExecutionRoleNeeds(taskDefinition);
    needsCache.set(taskDefinition, needs);
  }
  return needs;
}

function readExecutionRoleNeeds(taskDefinition: Node): ExecutionNeed[] {
  const needs: ExecutionNeed[] = [];
  const context = taskDefinitionContext(taskDefinition);
  const account = context.account ?? '*';
  for (const container of arrayItems(property(taskDefinition, 'containerDefinitions'))) {
    const containerName = needValue(property(container, 'name'));
    const inContainer = containerName ? ` (container \`${containerName}\`)` : '';

    const imageNode = property(container, 'image');
    const image = parsePrivateEcrImage(needValue(imageNode) ?? '');
    if (imageNode && image) {
      needs.push({
        feature: 'private-ecr-image',
        node: imageNode,
        containerName,
        summary: `pull the private ECR image \`${image.repository}\`${inContainer}`,
        permissions: [
          { actions: ['ecr:GetAuthorizationToken'], resource: '*' },
          {
            actions: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
            resource: `arn:${image.partition}:ecr:${image.region}:${image.account}:repository/${image.repository}`,
          },
        ],
        requiredOnEveryLaunchType: false,
      });
    }

    const logConfiguration = property(container, 'logConfiguration');
    const logDriverNode = property(logConfiguration, 'logDriver');
    const options = property(logConfiguration, 'options');
    if (needValue(logDriverNode) === 'awslogs' && logDriverNode) {
      const group = needValue(property(options, 'awslogs-group')) ?? '*';
      const region = needValue(property(options, 'awslogs-region')) ?? context.region ?? '*';
      const createGroup = needValue(property(options, 'awslogs-create-group')) === 'true';
      needs.push({
        feature: 'awslogs',
        node: logDriverNode,
        containerName,
        summary: `send logs with awslogs to the log group \`${group}\`${createGroup ? ', creating it if needed' : ''}${inContainer}`,
        permissions: [
          {
            actions: createGroup ? ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'] : ['logs:CreateLogStream', 'logs:PutLogEvents'],
            resource: `arn:${partitionOf(region) === 'aws' ? context.partition : partitionOf(region)}:logs:${region}:${account}:log-group:${group}:*`,
          },
        ],
        requiredOnEveryLaunchType: false,
      });
    }

    const secretSources: Array<{ node: Node | undefined; where: string }> = [
      ...arrayItems(property(container, 'secrets')).map((secret) => ({ node: secret, where: `secret \`${needValue(property(secret, 'name')) ?? '?'}\`` })),
      ...arrayItems(property(logConfiguration, 'secretOptions')).map((secret) => ({ node: secret, where: `log secret option \`${needValue(property(secret, 'name')) ?? '?'}\`` })),
    ];
    for (const { node: secret, where } of secretSources) {
      const valueFromNode = property(secret, 'valueFrom');
      const valueFrom = needValue(valueFromNode);
      if (!valueFromNode || !valueFrom) continue;
      needs.push(secretNeed(valueFromNode, valueFrom, `${where}${inContainer}`, containerName, context, account));
    }

    const credentialsNode = property(property(container, 'repositoryCredentials'), 'credentialsParameter');
    const credentials = needValue(credentialsNode);
    if (credentialsNode && credentials) {
      needs.push({
        feature: 'repository-credentials',
        node: credentialsNode,
        containerName,
        summary: `read the private registry credentials${inContainer}`,
        permissions: [{ actions: ['secretsmanager:GetSecretValue'], resource: secretArnOf(credentials) }],
        requiredOnEveryLaunchType: true,
      });
    }

    for (const file of arrayItems(property(container, 'environmentFiles'))) {
      const valueNode = property(file, 'value');
      const value = needValue(valueNode);
      if (!valueNode || !value || (needValue(property(file, 'type')) ?? 's3') !== 's3') continue;
      needs.push(s3ObjectNeed('environment-file', valueNode, value, `read the environment file \`${value}\`${inContainer}`, containerName, true));
    }

    const firelensOptions = property(property(container, 'firelensConfiguration'), 'options');
    if (needValue(property(firelensOptions, 'config-file-type')) === 's3') {
      const valueNode = property(firelensOptions, 'config-file-value');
      const value = needValue(valueNode);
      if (valueNode && value) {
        needs.push(s3ObjectNeed('firelens-s3-config', valueNode, value, `read the FireLens configuration file \`${value}\`${inContainer}`, containerName, false));
      }
    }
  }
  return needs;
}

function secretNeed(
  node: Node,
  valueFrom: string,
  where: string,
  containerName: string | undefined,
  context: { region?: string; partition: string },
  account: string,
): ExecutionNeed {
  const arn = splitArn(valueFrom);
  if (arn?.service === 'secretsmanager') {
    return {
      feature: 'secrets-manager-secret',
      node,
      containerName,
      summary: `read the Secrets Manager secret for ${where}`,
      permissions: [{ actions: ['secretsmanager:GetSecretValue'], resource: secretArnOf(valueFrom) }],
      requiredOnEveryLaunchType: true,
    };
  }
  const resource = arn
    ? valueFrom
    : `arn:${context.partition}:ssm:${context.region ?? '*'}:${account}:parameter/${valueFrom.replace(/^\//, '')}`;
  return {
    feature: 'ssm-parameter',
    node,
    containerName,
    summary: `read the SSM parameter for ${where}`,
    permissions: [{ actions: ['ssm:GetParameters'], resource }],
    requiredOnEveryLaunchType: true,
  };
}

function s3ObjectNeed(
  feature: 'environment-file' | 'firelens-s3-config',
  node: Node,
  objectArn: string,
  summary: string,
  containerName: string | undefined,
  requiredOnEveryLaunchType: boolean,
): ExecutionNeed {
  const arn = splitArn(objectArn);
  const bucket = arn ? arn.resource.split('/')[0] : '*';
  const partition = arn?.partition ?? 'aws';
  return {
    feature,
    node,
    containerName,
    summary,
    permissions: [
      { actions: ['s3:GetObject'], resource: objectArn },
      { actions: ['s3:GetBucketLocation'], resource: `arn:${partition}:s3:::${bucket}` },
    ],
    requiredOnEveryLaunchType,
  };
}

/** All distinct actions of a list of needs, for short summaries. */
export function actionsOf(needs: readonly ExecutionNeed[]): string[] {
  return [...new Set(needs.flatMap((need) => need.permissions.flatMap((permission) => permission.actions)))];
}

