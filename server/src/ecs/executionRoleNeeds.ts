// What the task execution role must allow, derived from a task definition. This is the one
// place that knows the table "task-definition feature -> execution role permission" (the ECS
// Developer Guide's "Amazon ECS task execution IAM role" page and the pages it links). Each need
// names the AWS page that requires it (`docsUrl`), and each is exactly what that page asks for: AWS's
// own minimal managed policy for the use case (AmazonEC2ContainerRegistryPullOnly,
// AmazonECSTaskExecutionRolePolicy, ...) always satisfies it (test/unit/roleNeeds.test.ts).
import { templateResources } from '../core/classify';
import { intrinsicOf, isIntrinsic, needValue, templateRootOf } from '../core/intrinsics';
import { arrayItems, property, stringValue, type Node } from '../core/json';

export type ExecutionFeature =
  | 'private-ecr-image'
  | 'ecr-pull-through-cache'
  | 'awslogs'
  | 'secrets-manager-secret'
  | 'ssm-parameter'
  | 'repository-credentials'
  | 'environment-file'
  | 'firelens-s3-config'
  | 'secret-kms-key';

/** Actions on one resource. */
export interface NeedPermission {
  actions: string[];
  resource: string;
  /**
   * Needed only in a situation the task definition cannot show (e.g. "the cache repository does not
   * exist yet"): not checked and not counted, but shown in the hover and kept in generated policies.
   */
  onlyIf?: string;
  /** For an `onlyIf` permission: whether generated least-privilege policies include it anyway. */
  generated?: boolean;
}

export interface ExecutionNeed {
  feature: ExecutionFeature;
  /** The JSON node that causes the need (an image string, a valueFrom, a logDriver ...). */
  node: Node;
  containerName?: string;
  /** Each permission with the resource it should be scoped to. */
  permissions: NeedPermission[];
  /** Short human description, e.g. "pull the private ECR image `web`". */
  summary: string;
  /** The AWS documentation page that requires these permissions. */
  docsUrl: string;
  /** What else the need depends on, outside the role's own policies (a hover line). */
  note?: string;
  /** An image in another account's registry: that repository's policy must allow the role as well. */
  crossAccount?: { account: string; region: string; partition: string; repository: string };
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

const ECR_GUIDE = 'https://docs.aws.amazon.com/AmazonECR/latest/userguide';
const ECS_GUIDE = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide';

/** The AWS pages each need rests on (one place, so a moved page is fixed once). */
export const NEED_DOCS = {
  // "the Amazon ECS, or Fargate, container agent must have permissions to make the ecr:BatchGetImage,
  // ecr:GetDownloadUrlForLayer, and ecr:GetAuthorizationToken APIs" (no BatchCheckLayerAvailability).
  ecrPull: `${ECR_GUIDE}/ECR_on_ECS.html`,
  // BatchImportUpstreamImage on the first pull; CreateRepository only if the cache repository does not exist yet.
  ecrPullThroughCache: `${ECR_GUIDE}/pull-through-cache-iam.html`,
  // The default cache namespaces the console uses.
  ecrPullThroughCacheNamespaces: `${ECR_GUIDE}/pull-through-cache-working-pulling.html`,
  // Cross-account pulls: the repository policy must allow the other account's role.
  ecrRepositoryPolicies: `${ECR_GUIDE}/repository-policy-examples.html`,
  crossAccountPull: `${ECS_GUIDE}/task_execution_IAM_role.html`,
  // logs:CreateLogStream and logs:PutLogEvents; logs:CreateLogGroup with awslogs-create-group.
  awslogs: `${ECS_GUIDE}/using_awslogs.html`,
  // ssm:GetParameters, secretsmanager:GetSecretValue (kms:Decrypt only for a customer managed key).
  secrets: `${ECS_GUIDE}/task_execution_IAM_role.html#task-execution-secrets`,
  privateRegistry: `${ECS_GUIDE}/task_execution_IAM_role.html#task-execution-private-auth`,
  // s3:GetObject on the file and s3:GetBucketLocation on its bucket.
  environmentFiles: `${ECS_GUIDE}/taskdef-envfiles.html#taskdef-envfiles-iam`,
  firelensS3Config: `${ECS_GUIDE}/firelens-taskdef.html`,
  // "kms:Decrypt — Required only if your key uses a custom KMS key and not the default key."
  secretKmsKey: `${ECS_GUIDE}/secrets-envvar-secrets-manager.html`,
  // On EC2 without an execution role, the container instance role pulls images and writes awslogs.
  instanceRole: `${ECS_GUIDE}/instance_IAM_role.html`,
} as const;

/**
 * What each execution-role feature needs, for docs/rules.md and the hover: the actions (the scoped
 * resource comes from the task definition), the page requiring them, and AWS managed policies that cover it.
 */
export const EXECUTION_NEED_CATALOGUE: ReadonlyArray<{
  feature: ExecutionFeature;
  when: string;
  actions: string;
  docsUrl: string;
  managed: string;
}> = [
  {
    feature: 'private-ecr-image',
    when: 'an image in a private ECR repository',
    actions: '`ecr:GetAuthorizationToken` (on `*`), `ecr:BatchGetImage`, `ecr:GetDownloadUrlForLayer`',
    docsUrl: NEED_DOCS.ecrPull,
    managed: 'AmazonEC2ContainerRegistryPullOnly, AmazonECSTaskExecutionRolePolicy',
  },
  {
    feature: 'ecr-pull-through-cache',
    when: 'an image under a pull through cache namespace (`ecr-public/`, `docker-hub/`, `quay/`, `kubernetes/`, `github/`, `gitlab/`, `azure/`)',
    actions: '`ecr:BatchImportUpstreamImage`; `ecr:CreateRepository` only where the cache repository does not exist yet (not checked)',
    docsUrl: NEED_DOCS.ecrPullThroughCache,
    managed: 'AmazonEC2ContainerRegistryPullOnly',
  },
  {
    feature: 'awslogs',
    when: 'the `awslogs` log driver',
    actions: '`logs:CreateLogStream`, `logs:PutLogEvents`; `logs:CreateLogGroup` with `awslogs-create-group: "true"`',
    docsUrl: NEED_DOCS.awslogs,
    managed: 'AmazonECSTaskExecutionRolePolicy (not group creation), CloudWatchLogsFullAccess',
  },
  {
    feature: 'secrets-manager-secret',
    when: 'a `secrets` or `secretOptions` entry from Secrets Manager',
    actions: '`secretsmanager:GetSecretValue`',
    docsUrl: NEED_DOCS.secrets,
    managed: 'SecretsManagerReadWrite',
  },
  {
    feature: 'ssm-parameter',
    when: 'a `secrets` or `secretOptions` entry from SSM Parameter Store',
    actions: '`ssm:GetParameters`',
    docsUrl: NEED_DOCS.secrets,
    managed: 'AmazonSSMReadOnlyAccess',
  },
  {
    feature: 'repository-credentials',
    when: '`repositoryCredentials` (private registry authentication)',
    actions: '`secretsmanager:GetSecretValue`',
    docsUrl: NEED_DOCS.privateRegistry,
    managed: 'SecretsManagerReadWrite',
  },
  {
    feature: 'environment-file',
    when: 'an `environmentFiles` entry in S3',
    actions: '`s3:GetObject` on the file, `s3:GetBucketLocation` on its bucket',
    docsUrl: NEED_DOCS.environmentFiles,
    managed: 'AmazonS3ReadOnlyAccess',
  },
  {
    feature: 'firelens-s3-config',
    when: 'a FireLens configuration file in S3',
    actions: '`s3:GetObject` on the file, `s3:GetBucketLocation` on its bucket',
    docsUrl: NEED_DOCS.firelensS3Config,
    managed: 'AmazonS3ReadOnlyAccess',
  },
  {
    feature: 'secret-kms-key',
    when: 'a secret (or registry credentials) of the same template encrypted with a customer managed KMS key (`KmsKeyId`)',
    actions: '`kms:Decrypt` on that key',
    docsUrl: NEED_DOCS.secretKmsKey,
    managed: '—',
  },
];

/**
 * The repository namespaces the ECR console gives pull through cache rules by default. A rule may use
 * any prefix; these are the ones a task definition reveals.
 */
const PULL_THROUGH_CACHE_NAMESPACES = ['ecr-public', 'docker-hub', 'quay', 'kubernetes', 'github', 'gitlab', 'azure'];

export function pullThroughCacheNamespace(repository: string): string | undefined {
  const first = repository.split('/')[0];
  return repository.includes('/') && PULL_THROUGH_CACHE_NAMESPACES.includes(first) ? first : undefined;
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

/**
 * How Secrets Manager will read a secret ARN: `complete` when the name ends in the hyphen and six random
 * characters Secrets Manager appends, else `partial` (found by prefix, as long as exactly one secret matches).
 * Undefined for anything that is not a literal Secrets Manager ARN.
 */
export function secretArnKind(value: string): { kind: 'complete' | 'partial'; name: string } | undefined {
  const arn = splitArn(secretArnOf(value));
  if (arn?.service !== 'secretsmanager' || !arn.resource.startsWith('secret:')) return undefined;
  const name = arn.resource.slice('secret:'.length);
  if (!name || /[*?]|\$\{/.test(name)) return undefined;
  return { kind: /-[A-Za-z0-9]{6}$/.test(name) ? 'complete' : 'partial', name };
}

export const PARTIAL_ARN_NOTE =
  'This is a partial ARN (no `-` and six random characters at the end of the name): Secrets Manager finds the secret by prefix as long as exactly one secret matches, and a policy that scopes the role to the secret must match its complete ARN (`NAME-??????`).';

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
      const repositoryArn = `arn:${image.partition}:ecr:${image.region}:${image.account}:repository/${image.repository}`;
      // The execution role's own account, when its ARN shows it: an image in another account is a cross-account pull.
      const roleAccount = splitArn(needValue(property(taskDefinition, 'executionRoleArn')) ?? '')?.account;
      const crossAccount =
        roleAccount && /^[0-9]{12}$/.test(roleAccount) && /^[0-9]{12}$/.test(image.account) && roleAccount !== image.account;
      needs.push({
        feature: 'private-ecr-image',
        node: imageNode,
        containerName,
        summary: `pull the private ECR image \`${image.repository}\`${inContainer}`,
        // ecr:BatchCheckLayerAvailability is not among them: ECR's page on ECS names these three, and AWS's
        // own AmazonEC2ContainerRegistryPullOnly grants no more (BatchCheckLayerAvailability serves pushes).
        permissions: [
          { actions: ['ecr:GetAuthorizationToken'], resource: '*' },
          { actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], resource: repositoryArn },
        ],
        docsUrl: NEED_DOCS.ecrPull,
        requiredOnEveryLaunchType: false,
        ...(crossAccount
          ? {
              crossAccount: { account: image.account, region: image.region, partition: image.partition, repository: image.repository },
              note: `The repository is in account \`${image.account}\`, not the execution role's (\`${roleAccount}\`): its repository policy must allow this role (or its account) \`ecr:BatchGetImage\` and \`ecr:GetDownloadUrlForLayer\` as well. [Repository policy examples](${NEED_DOCS.ecrRepositoryPolicies})`,
            }
          : {}),
      });
      const namespace = pullThroughCacheNamespace(image.repository);
      if (namespace) {
        needs.push({
          feature: 'ecr-pull-through-cache',
          node: imageNode,
          containerName,
          summary: `let the first pull of \`${image.repository}\` import it from the upstream registry (pull through cache \`${namespace}/\`)${inContainer}`,
          permissions: [
            { actions: ['ecr:BatchImportUpstreamImage'], resource: repositoryArn },
            {
              actions: ['ecr:CreateRepository'],
              resource: repositoryArn,
              onlyIf: 'the cache repository does not exist yet (ECR creates it on the first pull)',
              generated: true,
            },
          ],
          docsUrl: NEED_DOCS.ecrPullThroughCache,
          requiredOnEveryLaunchType: false,
        });
      }
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
            actions: createGroup
              ? ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents']
              : ['logs:CreateLogStream', 'logs:PutLogEvents'],
            resource: `arn:${partitionOf(region) === 'aws' ? context.partition : partitionOf(region)}:logs:${region}:${account}:log-group:${group}:*`,
          },
        ],
        docsUrl: NEED_DOCS.awslogs,
        requiredOnEveryLaunchType: false,
      });
    }

    const secretSources: Array<{ node: Node | undefined; where: string }> = [
      ...arrayItems(property(container, 'secrets')).map((secret) => ({
        node: secret,
        where: `secret \`${needValue(property(secret, 'name')) ?? '?'}\``,
      })),
      ...arrayItems(property(logConfiguration, 'secretOptions')).map((secret) => ({
        node: secret,
        where: `log secret option \`${needValue(property(secret, 'name')) ?? '?'}\``,
      })),
    ];
    for (const { node: secret, where } of secretSources) {
      const valueFromNode = property(secret, 'valueFrom');
      const valueFrom = needValue(valueFromNode);
      if (!valueFromNode || !valueFrom) continue;
      needs.push(secretNeed(valueFromNode, valueFrom, `${where}${inContainer}`, containerName, context, account));
      const kms = customerKeyNeed(valueFromNode, `${where}${inContainer}`, containerName, context, account);
      if (kms) needs.push(kms);
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
        docsUrl: NEED_DOCS.privateRegistry,
        requiredOnEveryLaunchType: true,
      });
      const kms = customerKeyNeed(credentialsNode, `the private registry credentials${inContainer}`, containerName, context, account);
      if (kms) needs.push(kms);
    }

    for (const file of arrayItems(property(container, 'environmentFiles'))) {
      const valueNode = property(file, 'value');
      const value = needValue(valueNode);
      if (!valueNode || !value || (needValue(property(file, 'type')) ?? 's3') !== 's3') continue;
      needs.push(
        s3ObjectNeed('environment-file', valueNode, value, `read the environment file \`${value}\`${inContainer}`, containerName, true),
      );
    }

    const firelensOptions = property(property(container, 'firelensConfiguration'), 'options');
    if (needValue(property(firelensOptions, 'config-file-type')) === 's3') {
      const valueNode = property(firelensOptions, 'config-file-value');
      const value = needValue(valueNode);
      if (valueNode && value) {
        needs.push(
          s3ObjectNeed(
            'firelens-s3-config',
            valueNode,
            value,
            `read the FireLens configuration file \`${value}\`${inContainer}`,
            containerName,
            false,
          ),
        );
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
      docsUrl: NEED_DOCS.secrets,
      requiredOnEveryLaunchType: true,
      ...(secretArnKind(valueFrom)?.kind === 'partial' ? { note: PARTIAL_ARN_NOTE } : {}),
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
    docsUrl: NEED_DOCS.secrets,
    requiredOnEveryLaunchType: true,
  };
}

/** The logical ids a template value names: `Ref X`, `Fn::GetAtt [X, ...]`, `${X}` in `Fn::Sub`, inside `Fn::Join`. */
function referencedIds(node: Node): string[] {
  const ids: string[] = [];
  const stack: Node[] = [node];
  let guard = 0;
  while (stack.length > 0 && guard++ < 256) {
    const current = stack.pop()!;
    const intrinsic = intrinsicOf(current);
    if (!intrinsic) {
      if (current.type === 'array') stack.push(...arrayItems(current));
      continue;
    }
    const argument = intrinsic.argument;
    if (intrinsic.name === 'Ref') {
      const id = stringValue(argument);
      if (id) ids.push(id);
    } else if (intrinsic.name === 'Fn::GetAtt') {
      const id = argument?.type === 'array' ? stringValue(arrayItems(argument)[0]) : stringValue(argument)?.split('.')[0];
      if (id) ids.push(id);
    } else if (intrinsic.name === 'Fn::Sub') {
      const template = argument?.type === 'array' ? arrayItems(argument)[0] : argument;
      for (const match of (stringValue(template) ?? '').matchAll(/\$\{([A-Za-z0-9]+)\}/g)) ids.push(match[1]);
    } else if (argument) {
      stack.push(argument);
    }
  }
  return ids;
}

/**
 * A secret defined in the same template with a customer managed KMS key (`KmsKeyId`): the execution role
 * needs `kms:Decrypt` on that key as well, or the task fails to start. Secrets under the AWS managed key
 * (`aws/secretsmanager`, the default) need nothing more.
 */
function customerKeyNeed(
  node: Node,
  where: string,
  containerName: string | undefined,
  context: { region?: string; partition: string },
  account: string,
): ExecutionNeed | undefined {
  if (!isIntrinsic(node)) return undefined;
  const resources = templateResources(templateRootOf(node));
  for (const id of referencedIds(node)) {
    const secret = resources.find((resource) => resource.id === id && resource.type === 'AWS::SecretsManager::Secret');
    const keyNode = property(secret?.properties, 'KmsKeyId');
    if (!secret || !keyNode) continue;
    const key = needValue(keyNode);
    if (!key || key === 'alias/aws/secretsmanager') continue;
    const region = context.region ?? '*';
    // A key id becomes its ARN; an alias names no key an identity policy can scope to, so any key of the account.
    const resource = key.startsWith('arn:')
      ? key
      : key.startsWith('alias/')
        ? `arn:${context.partition}:kms:${region}:${account}:key/*`
        : key === '*'
          ? '*'
          : `arn:${context.partition}:kms:${region}:${account}:key/${key}`;
    const keyName = isIntrinsic(keyNode) ? (referencedIds(keyNode)[0] ?? 'key') : key;
    return {
      feature: 'secret-kms-key',
      node,
      containerName,
      summary: `decrypt the secret \`${id}\` (encrypted with the customer managed KMS key \`${keyName}\`) for ${where}`,
      permissions: [{ actions: ['kms:Decrypt'], resource }],
      docsUrl: NEED_DOCS.secretKmsKey,
      requiredOnEveryLaunchType: true,
      note: `The key's policy must let the execution role use it too (a key policy that delegates to IAM in its account does).`,
    };
  }
  return undefined;
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
    docsUrl: feature === 'environment-file' ? NEED_DOCS.environmentFiles : NEED_DOCS.firelensS3Config,
    requiredOnEveryLaunchType,
  };
}

/** All distinct actions of a list of needs, for short summaries. */
export function actionsOf(needs: readonly ExecutionNeed[]): string[] {
  return [...new Set(needs.flatMap((need) => need.permissions.flatMap((permission) => permission.actions)))];
}
