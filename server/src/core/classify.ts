// Decides what a JSON document is from its shape. Anything we do not recognise is
// "unrelated" and gets no findings at all: package.json, tsconfig.json and settings files
// must stay clean.
import { branchesOf, isIntrinsic } from './intrinsics';
import { arrayItems, markCloudFormationSubtree, property, stringValue, type Node } from './json';
import type { DocumentKind } from './types';
import { table } from './table';
import { SAM_ROLE_RESOURCE_TYPES, samApiPolicyNode, samGlobals, samPolicyEntries, type SamOrigin } from './sam';
import { parseEmbeddedJson, type EmbeddedRegion } from './embedded';
import { classifyPlan, isTerraformPlan } from './terraformPlan';

export const CONFIG_FILE_NAME = '.ecs-iam.json';

/** One task definition inside a document. `node` is the object holding `containerDefinitions`. */
export interface TaskDefinitionView {
  node: Node;
  /** register-task-definition input, describe-task-definition output (wrapped), or a CloudFormation resource. */
  format: 'register' | 'describe' | 'cloudformation';
  /** In a Terraform file: the resource address (`aws_ecs_task_definition.web`). */
  resource?: string;
}

/** Whether a task definition's role fields may name role resources of the same file (a template or a Terraform module). */
export function rolesInSameFile(view: TaskDefinitionView): boolean {
  return view.format === 'cloudformation' || view.resource !== undefined;
}

/**
 * The three grammars of the IAM policy language: no `Principal` (identity policies, permissions boundaries,
 * SCPs), `Principal` naming who may call the resource's service (resource policies, RCPs), and `Principal`
 * naming who may assume a role (trust policies). Rules that only need the grammar test `kind`.
 */
export type PolicyKind = 'identity' | 'resource' | 'trust';

/**
 * What a policy is, as AWS evaluates it: the finer type that `kind` groups. A resource policy also names its
 * resource type (`PolicyView.resourceType`, e.g. `s3-bucket`).
 */
export type PolicyType = 'identity' | 'permissions-boundary' | 'trust' | 'resource' | 'scp' | 'rcp';

/** Where the type of a policy came from: the CloudFormation resource holding it, `.ecs-iam.json`, or its content. */
export type PolicyTypeSource = 'cloudformation' | 'config' | 'content';

/** A resource policy of one service: the id `.ecs-iam.json` uses, the service prefix of its actions, its name. */
export interface ResourcePolicyType {
  id: string;
  service: string;
  label: string;
}

/** The resource policies the linter tells apart (each id is also a `policyTypes` value of `.ecs-iam.json`). */
export const RESOURCE_POLICY_TYPES: readonly ResourcePolicyType[] = [
  { id: 's3-bucket', service: 's3', label: 'S3 bucket policy' },
  { id: 's3-access-point', service: 's3', label: 'S3 access point policy' },
  { id: 's3express-bucket', service: 's3express', label: 'S3 directory bucket policy' },
  { id: 'sqs-queue', service: 'sqs', label: 'SQS queue policy' },
  { id: 'sns-topic', service: 'sns', label: 'SNS topic policy' },
  { id: 'kms-key', service: 'kms', label: 'KMS key policy' },
  { id: 'ecr-repository', service: 'ecr', label: 'ECR repository policy' },
  { id: 'ecr-registry', service: 'ecr', label: 'ECR registry policy' },
  { id: 'secretsmanager-secret', service: 'secretsmanager', label: 'Secrets Manager secret policy' },
  { id: 'lambda-function', service: 'lambda', label: 'Lambda function policy' },
  { id: 'opensearch-domain', service: 'es', label: 'OpenSearch domain access policy' },
  { id: 'efs-file-system', service: 'elasticfilesystem', label: 'EFS file system policy' },
  { id: 'backup-vault', service: 'backup', label: 'Backup vault access policy' },
  { id: 'eventbridge-bus', service: 'events', label: 'EventBridge event bus policy' },
  { id: 'api-gateway', service: 'execute-api', label: 'API Gateway resource policy' },
  { id: 'codeartifact', service: 'codeartifact', label: 'CodeArtifact resource policy' },
  { id: 'dynamodb-table', service: 'dynamodb', label: 'DynamoDB resource policy' },
  { id: 'kinesis-stream', service: 'kinesis', label: 'Kinesis data stream policy' },
  { id: 'glacier-vault', service: 'glacier', label: 'S3 Glacier vault access policy' },
];

const RESOURCE_POLICY_BY_ID = new Map(RESOURCE_POLICY_TYPES.map((type) => [type.id, type]));

/** The values of `policyTypes` in `.ecs-iam.json`: the policy types and the resource policy ids. */
export const POLICY_TYPE_SETTINGS: readonly string[] = [
  'identity',
  'permissions-boundary',
  'trust',
  'resource',
  'scp',
  'rcp',
  ...RESOURCE_POLICY_TYPES.map((type) => type.id),
];

/** The grammar (`kind`) each policy type is written in. */
export const KIND_OF_TYPE: Record<PolicyType, PolicyKind> = {
  identity: 'identity',
  'permissions-boundary': 'identity',
  scp: 'identity',
  trust: 'trust',
  resource: 'resource',
  rcp: 'resource',
};

/** One IAM policy document inside a document. `node` is the object holding `Statement`. */
export interface PolicyView {
  node: Node;
  /** The grammar: identity (no Principal), resource or trust. Kept as it was before policy types existed. */
  kind: PolicyKind;
  /** What the policy is: identity, permissions boundary, trust, resource (of `resourceType`), SCP or RCP. */
  type: PolicyType;
  /** For a resource policy whose service is known: which (`s3-bucket`, `sns-topic`, ...). */
  resourceType?: ResourcePolicyType;
  /** Where `type` came from. */
  typeSource: PolicyTypeSource;
  /** In a CloudFormation template: the logical id of the resource that holds the policy. */
  resource?: string;
  /** In a CloudFormation template: the type of the resource that holds the policy (`AWS::S3::BucketPolicy`). */
  resourceTypeName?: string;
  /** Built from SAM shorthand (a policy template, an API's CustomStatements): its nodes point at that entry. */
  sam?: SamOrigin;
  /** A policy written as a JSON string in the template: where the string is, and how to escape text written there. */
  embedded?: EmbeddedRegion;
}

/** The document's text, for policies written as JSON strings inside a template. */
export interface ClassifySource {
  text: string;
  yaml: boolean;
}

/** The label of a policy's type as the hover and messages say it ("S3 bucket policy", "service control policy (SCP)"). */
export function policyTypeLabel(policy: Pick<PolicyView, 'type' | 'resourceType'>): string {
  switch (policy.type) {
    case 'identity':
      return 'identity-based policy';
    case 'permissions-boundary':
      return 'permissions boundary';
    case 'trust':
      return 'role trust policy';
    case 'scp':
      return 'service control policy (SCP)';
    case 'rcp':
      return 'resource control policy (RCP)';
    case 'resource':
      return policy.resourceType?.label ?? 'resource-based policy';
  }
}

/** The label with its article: "an identity-based policy", "an S3 bucket policy", "a service control policy (SCP)". */
export function aPolicyTypeLabel(policy: Pick<PolicyView, 'type' | 'resourceType'>): string {
  const label = policyTypeLabel(policy);
  // Vowels, and acronyms whose first letter is said with a vowel sound (S3, SNS, SQS, EFS, ECR -> "an").
  const an = /^[aeiou]/i.test(label) || /^[AEFHILMNORSX][A-Z0-9]/.test(label);
  return `${an ? 'an' : 'a'} ${label}`;
}

/** A `policyTypes` value of `.ecs-iam.json` as a type (and resource type); undefined when it is not one. */
export function policyTypeSetting(value: string): { type: PolicyType; resourceType?: ResourcePolicyType } | undefined {
  const resourceType = RESOURCE_POLICY_BY_ID.get(value);
  if (resourceType) return { type: 'resource', resourceType };
  return (POLICY_TYPE_SETTINGS as readonly string[]).includes(value) ? { type: value as PolicyType } : undefined;
}

/** One ECS service inside a document. `node` is the object holding `taskDefinition`. */
export interface ServiceView {
  node: Node;
  /** create-service / update-service input (`--cli-input-json`), or a CloudFormation `AWS::ECS::Service`'s Properties. */
  format: 'api' | 'cloudformation';
  /** In a CloudFormation template: the logical id of the service resource. */
  resource?: string;
}

export interface Classification {
  kind: DocumentKind;
  taskDefinitions: TaskDefinitionView[];
  policies: PolicyView[];
  services: ServiceView[];
  /** `terraform show -json` output: views are over JSON strings of the plan, `resource` is the resource address. */
  terraformPlan?: boolean;
}

/** Keys only ECS task definitions have; with `family` they identify one that has no containers yet. */
const TASK_DEFINITION_KEYS = [
  'requiresCompatibilities',
  'networkMode',
  'taskRoleArn',
  'executionRoleArn',
  'runtimePlatform',
  'ephemeralStorage',
];

const TRUST_ACTIONS = /^sts:(AssumeRole|AssumeRoleWithWebIdentity|AssumeRoleWithSAML|TagSession|SetSourceIdentity|SetContext|\*)$/i;

/**
 * `policyType` is the `policyTypes` value `.ecs-iam.json` gives the file (the caller matched its globs): it
 * decides the type of a policy file over its content, never over a CloudFormation resource type.
 */
export function classify(root: Node | undefined, fileName?: string, policyType?: string, source?: ClassifySource): Classification {
  const none: Classification = { kind: 'unrelated', taskDefinitions: [], policies: [], services: [] };
  if (fileName && baseName(fileName) === CONFIG_FILE_NAME) return { ...none, kind: 'ecs-iam-config' };
  if (!root || root.type !== 'object') return none;

  const wrapped = property(root, 'taskDefinition');
  if (wrapped && isTaskDefinition(wrapped)) {
    return { kind: 'ecs-task-definition', taskDefinitions: [{ node: wrapped, format: 'describe' }], policies: [], services: [] };
  }
  if (isTaskDefinition(root) || (fileName && isStartedTaskDefinition(root, baseName(fileName)))) {
    return { kind: 'ecs-task-definition', taskDefinitions: [{ node: root, format: 'register' }], policies: [], services: [] };
  }
  if (isService(root)) return { kind: 'ecs-service', taskDefinitions: [], policies: [], services: [{ node: root, format: 'api' }] };
  if (isCloudFormationTemplate(root)) return classifyTemplate(root, source);
  if (isTerraformPlan(root)) return classifyPlan(root);

  // get-role-policy / get-account-authorization-details style wrappers hold the document one level down.
  const configured = policyType ? policyTypeSetting(policyType) : undefined;
  const policyNode =
    isPolicy(root) || isStatementlessPolicy(root)
      ? root
      : ([property(root, 'PolicyDocument'), property(root, 'AssumeRolePolicyDocument')].find(isPolicy) ?? (configured ? root : undefined));
  if (policyNode) {
    const policy: PolicyView = configured
      ? {
          node: policyNode,
          kind: KIND_OF_TYPE[configured.type],
          type: configured.type,
          resourceType: configured.resourceType,
          typeSource: 'config',
        }
      : policyFromContent(policyNode);
    return { kind: `iam-${policy.kind}-policy` as DocumentKind, taskDefinitions: [], policies: [policy], services: [] };
  }
  return none;
}

/** The keys a policy document has at its top level. */
const POLICY_TOP_KEYS = new Set(['Version', 'Id', 'Statement']);

/**
 * `{"Version": "2012-10-17"}` with no `Statement`: a policy whose statements are missing (IAM rejects it, and
 * `iam/statement` says so), not an unrelated file. Only the policy keys, and a policy version, count.
 */
function isStatementlessPolicy(node: Node): boolean {
  const version = stringValue(property(node, 'Version'));
  if (version !== '2012-10-17' && version !== '2008-10-17') return false;
  return (node.children ?? []).every((entry) => POLICY_TOP_KEYS.has(String(entry.children?.[0]?.value)));
}

/** A policy typed from its content: identity, trust or resource, and the resource's service when every action names it. */
function policyFromContent(node: Node): PolicyView {
  const kind = policyKindOf(node);
  const resourceType = kind === 'resource' ? resourceTypeFromContent(node) : undefined;
  return { node, kind, type: kind, resourceType, typeSource: 'content' };
}

/** The service of a resource policy whose actions all belong to one service that has a resource policy type. */
function resourceTypeFromContent(node: Node): ResourcePolicyType | undefined {
  const services = new Set<string>();
  for (const statement of statementsOf(node)) {
    const action = property(statement, 'Action');
    for (const item of action?.type === 'array' ? arrayItems(action) : [action]) {
      const value = stringValue(item);
      const colon = value?.indexOf(':') ?? -1;
      if (value === undefined || colon <= 0) return undefined;
      services.add(value.slice(0, colon).toLowerCase());
    }
  }
  if (services.size !== 1) return undefined;
  const [service] = services;
  // The first type of each service is its usual one (an S3 policy is most often a bucket's).
  return RESOURCE_POLICY_TYPES.find((type) => type.service === service);
}

function baseName(fileName: string): string {
  const parts = fileName.split(/[\\/]/);
  return parts[parts.length - 1];
}

function isTaskDefinition(node: Node): boolean {
  if (node.type !== 'object') return false;
  if (property(node, 'containerDefinitions')?.type === 'array') return true;
  return property(node, 'family') !== undefined && TASK_DEFINITION_KEYS.some((key) => property(node, key) !== undefined);
}

/** The usual names of task definition files: `taskdef.json`, `task-definition-web.json`, `web-taskdef.json`. */
const TASK_DEFINITION_FILE = /^(task-?definition|taskdef)[^/\\]*\.json$|[-_.](task-?definition|taskdef)\.json$/i;
/** Top-level keys a task definition being written starts with. */
const STARTING_KEYS = new Set([
  'family',
  'cpu',
  'memory',
  'volumes',
  'tags',
  'pidMode',
  'ipcMode',
  'placementConstraints',
  ...TASK_DEFINITION_KEYS,
]);

/**
 * A file named like a task definition whose few keys are all task-definition keys (`{"family": "web"}`):
 * recognised by its name before its content says so. Any other key leaves it to the content.
 */
function isStartedTaskDefinition(node: Node, fileName: string): boolean {
  if (!TASK_DEFINITION_FILE.test(fileName) || !node.children?.length) return false;
  return node.children.every((entry) => STARTING_KEYS.has(String(entry.children?.[0]?.value)));
}

/**
 * Keys only create-service / update-service input has (run-task, start-task and the task definition share
 * `cluster`, `launchType`, `networkConfiguration`, `count`): with a string `taskDefinition` they make a service.
 */
const SERVICE_ONLY_KEYS = [
  'serviceName',
  'service',
  'desiredCount',
  'loadBalancers',
  'serviceRegistries',
  'schedulingStrategy',
  'deploymentConfiguration',
  'deploymentController',
  'healthCheckGracePeriodSeconds',
  'serviceConnectConfiguration',
];

/**
 * create-service / update-service input: a string `taskDefinition` (family, family:revision or ARN) and a
 * key only a service has. Strict on purpose: unrelated JSON with a `taskDefinition` string stays silent.
 */
function isService(node: Node): boolean {
  if (property(node, 'taskDefinition')?.type !== 'string') return false;
  return SERVICE_ONLY_KEYS.some((key) => {
    const value = property(node, key);
    return value !== undefined && (key !== 'service' || value.type === 'string');
  });
}

function isCloudFormationTemplate(node: Node): boolean {
  if (property(node, 'AWSTemplateFormatVersion') !== undefined) return true;
  const resources = property(node, 'Resources');
  if (resources?.type !== 'object' || !resources.children) return false;
  return resources.children.some((resource) => /^(AWS|Custom)::/.test(stringValue(property(resource.children?.[1], 'Type')) ?? ''));
}

function isPolicy(node: Node | undefined): node is Node {
  if (!node || node.type !== 'object') return false;
  const statement = property(node, 'Statement');
  if (!statement) return false;
  if (statement.type === 'object') return true;
  if (statement.type !== 'array') return false;
  // An empty Statement list with a policy Version is still a policy being written.
  const version = stringValue(property(node, 'Version'));
  if (version === '2012-10-17' || version === '2008-10-17') return true;
  return arrayItems(statement).some((item) => property(item, 'Effect') !== undefined || property(item, 'Action') !== undefined);
}

export function statementsOf(policyNode: Node): Node[] {
  const statement = property(policyNode, 'Statement');
  if (statement?.type === 'object') {
    return isIntrinsic(statement) ? branchesOf(statement).filter((item) => item.type === 'object') : [statement];
  }
  const items = arrayItems(statement);
  // In templates a statement may be a Fn::If: both branches are statements.
  if (items.some(isIntrinsic)) return items.flatMap(branchesOf).filter((item) => item.type === 'object' && !isIntrinsic(item));
  return items.filter((item) => item.type === 'object');
}

function policyKindOf(policyNode: Node): PolicyKind {
  const statements = statementsOf(policyNode);
  const withPrincipal = statements.filter((s) => property(s, 'Principal') !== undefined || property(s, 'NotPrincipal') !== undefined);
  if (withPrincipal.length === 0) return 'identity';
  const actions = withPrincipal.flatMap((s) => {
    const action = property(s, 'Action');
    return action?.type === 'array' ? arrayItems(action).map(stringValue) : [stringValue(action)];
  });
  const trust = actions.length > 0 && actions.every((a) => a !== undefined && TRUST_ACTIONS.test(a));
  return trust ? 'trust' : 'resource';
}

/** Where each resource type keeps its policy documents, and what type they are (a resource type id for resource policies). */
const TEMPLATE_POLICIES = table<Array<{ path: string[]; type: string }>>({
  'AWS::IAM::Role': [
    { path: ['AssumeRolePolicyDocument'], type: 'trust' },
    { path: ['Policies', '*', 'PolicyDocument'], type: 'identity' },
  ],
  'AWS::IAM::User': [{ path: ['Policies', '*', 'PolicyDocument'], type: 'identity' }],
  'AWS::IAM::Group': [{ path: ['Policies', '*', 'PolicyDocument'], type: 'identity' }],
  'AWS::IAM::Policy': [{ path: ['PolicyDocument'], type: 'identity' }],
  'AWS::IAM::ManagedPolicy': [{ path: ['PolicyDocument'], type: 'identity' }],
  'AWS::IAM::RolePolicy': [{ path: ['PolicyDocument'], type: 'identity' }],
  'AWS::IAM::UserPolicy': [{ path: ['PolicyDocument'], type: 'identity' }],
  'AWS::IAM::GroupPolicy': [{ path: ['PolicyDocument'], type: 'identity' }],
  'AWS::S3::BucketPolicy': [{ path: ['PolicyDocument'], type: 's3-bucket' }],
  'AWS::S3::AccessPoint': [{ path: ['Policy'], type: 's3-access-point' }],
  'AWS::S3Express::BucketPolicy': [{ path: ['PolicyDocument'], type: 's3express-bucket' }],
  'AWS::SQS::QueuePolicy': [{ path: ['PolicyDocument'], type: 'sqs-queue' }],
  'AWS::SQS::QueueInlinePolicy': [{ path: ['PolicyDocument'], type: 'sqs-queue' }],
  'AWS::SNS::TopicPolicy': [{ path: ['PolicyDocument'], type: 'sns-topic' }],
  'AWS::SNS::TopicInlinePolicy': [{ path: ['PolicyDocument'], type: 'sns-topic' }],
  'AWS::KMS::Key': [{ path: ['KeyPolicy'], type: 'kms-key' }],
  'AWS::KMS::ReplicaKey': [{ path: ['KeyPolicy'], type: 'kms-key' }],
  'AWS::ECR::Repository': [{ path: ['RepositoryPolicyText'], type: 'ecr-repository' }],
  'AWS::ECR::RegistryPolicy': [{ path: ['PolicyText'], type: 'ecr-registry' }],
  'AWS::SecretsManager::ResourcePolicy': [{ path: ['ResourcePolicy'], type: 'secretsmanager-secret' }],
  'AWS::OpenSearchService::Domain': [{ path: ['AccessPolicies'], type: 'opensearch-domain' }],
  'AWS::Elasticsearch::Domain': [{ path: ['AccessPolicies'], type: 'opensearch-domain' }],
  'AWS::EFS::FileSystem': [{ path: ['FileSystemPolicy'], type: 'efs-file-system' }],
  'AWS::Backup::BackupVault': [{ path: ['AccessPolicy'], type: 'backup-vault' }],
  'AWS::Events::EventBus': [{ path: ['Policy'], type: 'eventbridge-bus' }],
  'AWS::ApiGateway::RestApi': [{ path: ['Policy'], type: 'api-gateway' }],
  'AWS::CodeArtifact::Domain': [{ path: ['PermissionsPolicyDocument'], type: 'codeartifact' }],
  'AWS::CodeArtifact::Repository': [{ path: ['PermissionsPolicyDocument'], type: 'codeartifact' }],
  'AWS::DynamoDB::Table': [{ path: ['ResourcePolicy', 'PolicyDocument'], type: 'dynamodb-table' }],
  'AWS::Kinesis::ResourcePolicy': [{ path: ['ResourcePolicy'], type: 'kinesis-stream' }],
  'AWS::Glacier::Vault': [{ path: ['AccessPolicy'], type: 'glacier-vault' }],
  // `Content` holds the policy for every `Type`; only SCPs and RCPs are IAM policies (see organizationsPolicyType).
  'AWS::Organizations::Policy': [{ path: ['Content'], type: 'organizations' }],
});

/** The IAM policy type of an `AWS::Organizations::Policy` by its `Type`; tag, backup and other policies are not IAM policies. */
const ORGANIZATIONS_POLICY_TYPES = table<PolicyType>({
  SERVICE_CONTROL_POLICY: 'scp',
  RESOURCE_CONTROL_POLICY: 'rcp',
});

export interface TemplateResource {
  id: string;
  idNode: Node;
  type: string;
  node: Node;
  properties: Node | undefined;
}

const resourcesCache = new WeakMap<Node, TemplateResource[]>();

/** The resources of a template: logical id, type and Properties (objects only). Computed once per tree. */
export function templateResources(root: Node | undefined): TemplateResource[] {
  if (!root) return [];
  let resources = resourcesCache.get(root);
  if (!resources) {
    resources = readResources(root);
    resourcesCache.set(root, resources);
  }
  return resources;
}

function readResources(root: Node): TemplateResource[] {
  const result: TemplateResource[] = [];
  for (const prop of property(root, 'Resources')?.children ?? []) {
    const idNode = prop.children?.[0];
    const node = prop.children?.[1];
    if (!idNode || node?.type !== 'object') continue;
    result.push({
      id: String(idNode.value),
      idNode,
      type: stringValue(property(node, 'Type')) ?? '',
      node,
      properties: property(node, 'Properties'),
    });
  }
  return result;
}

function classifyTemplate(root: Node, source: ClassifySource | undefined): Classification {
  const taskDefinitions: TaskDefinitionView[] = [];
  const policies: PolicyView[] = [];
  const boundaries = permissionsBoundaryIds(root);
  const services: ServiceView[] = [];
  for (const resource of templateResources(root)) {
    const properties = resource.properties;
    if (properties?.type !== 'object') continue;
    if (resource.type === 'AWS::ECS::Service') {
      markCloudFormationSubtree(properties);
      services.push({ node: properties, format: 'cloudformation', resource: resource.id });
      continue;
    }
    if (SAM_ROLE_RESOURCE_TYPES.has(resource.type)) {
      policies.push(...samResourcePolicies(resource.id, resource.type, properties));
      continue;
    }
    if (resource.type === 'AWS::Serverless::Api') {
      const api = samApiPolicyNode(property(property(properties, 'Auth'), 'ResourcePolicy'));
      if (api) policies.push(samApiPolicy(api, resource.id));
      continue;
    }
    if (resource.type === 'AWS::ECS::TaskDefinition') {
      markCloudFormationSubtree(properties);
      taskDefinitions.push({ node: properties, format: 'cloudformation' });
      continue;
    }
    for (const { path, type: typeId } of TEMPLATE_POLICIES[resource.type] ?? []) {
      const typed = templatePolicyType(typeId, resource, boundaries);
      if (!typed) continue;
      let nodes: Node[] = [properties];
      for (const step of path) {
        nodes = nodes.flatMap((node) =>
          (step === '*' ? arrayItems(node) : [property(node, step)]).filter((n): n is Node => n !== undefined).flatMap(branchesOf),
        );
      }
      for (const node of nodes) {
        if (node.type === 'object' && !isIntrinsic(node) && property(node, 'Statement') !== undefined) {
          policies.push({
            node,
            kind: KIND_OF_TYPE[typed.type],
            type: typed.type,
            resourceType: typed.resourceType,
            typeSource: 'cloudformation',
            resource: resource.id,
            resourceTypeName: resource.type,
          });
        } else if (source && (node.type === 'string' || isIntrinsic(node))) {
          // "PolicyDocument": "{\"Version\": ...}": parsed, with offsets in the template's text.
          const embedded = parseEmbeddedJson(source.text, node, source.yaml);
          if (embedded && property(embedded.root, 'Statement') !== undefined) {
            policies.push({
              node: embedded.root,
              kind: KIND_OF_TYPE[typed.type],
              type: typed.type,
              resourceType: typed.resourceType,
              typeSource: 'cloudformation',
              resource: resource.id,
              resourceTypeName: resource.type,
              embedded: embedded.region,
            });
          }
        }
      }
    }
  }
  // Globals.Api applies to every API of the template, implicit ones too: checked once, where it is written.
  const globalApi = samApiPolicyNode(property(property(samGlobals(root, 'Api'), 'Auth'), 'ResourcePolicy'));
  if (globalApi) policies.push(samApiPolicy(globalApi, undefined));
  return { kind: 'cloudformation-template', taskDefinitions, policies, services };
}

/** The identity policies of a SAM function or state machine: its inline statements and expanded policy templates. */
function samResourcePolicies(id: string, resourceType: string, properties: Node): PolicyView[] {
  const result: PolicyView[] = [];
  const identity = {
    kind: 'identity',
    type: 'identity',
    typeSource: 'cloudformation',
    resource: id,
    resourceTypeName: resourceType,
  } as const;
  for (const entry of samPolicyEntries(id, properties)) {
    if (entry.kind === 'statement') result.push({ node: entry.policyNode, ...identity });
    if (entry.kind === 'template') {
      const sam: SamOrigin = {
        kind: 'template',
        label: `SAM policy template \`${entry.name}\``,
        span: { offset: entry.nameNode.offset, length: entry.nameNode.length },
        entry: entry.entry,
      };
      result.push({ node: entry.policyNode, ...identity, sam });
    }
  }
  return result;
}

function samApiPolicy(api: { policyNode: Node; keyNode: Node }, id: string | undefined): PolicyView {
  const entry = api.keyNode.parent ?? api.keyNode;
  const sam: SamOrigin = {
    kind: 'api',
    label: 'SAM API resource policy',
    span: { offset: api.keyNode.offset, length: api.keyNode.length },
    entry,
  };
  return {
    node: api.policyNode,
    kind: 'resource',
    type: 'resource',
    resourceType: RESOURCE_POLICY_BY_ID.get('api-gateway'),
    typeSource: 'cloudformation',
    ...(id ? { resource: id, resourceTypeName: 'AWS::Serverless::Api' } : {}),
    sam,
  };
}

/** The type of a policy held by a template resource; undefined for Organizations policies that are not SCPs or RCPs. */
function templatePolicyType(
  typeId: string,
  resource: TemplateResource,
  boundaries: ReadonlySet<string>,
): { type: PolicyType; resourceType?: ResourcePolicyType } | undefined {
  if (typeId === 'organizations') {
    const type = ORGANIZATIONS_POLICY_TYPES[stringValue(property(resource.properties, 'Type')) ?? ''];
    return type ? { type } : undefined;
  }
  if (typeId === 'identity' && resource.type === 'AWS::IAM::ManagedPolicy' && boundaries.has(resource.id)) {
    return { type: 'permissions-boundary' };
  }
  return policyTypeSetting(typeId);
}

/**
 * The logical ids of the managed policies the template's roles and users use as `PermissionsBoundary`
 * (`{"Ref": "Boundary"}`, which gives the policy's ARN). A policy named only by an ARN string is not knowable.
 */
function permissionsBoundaryIds(root: Node): Set<string> {
  const ids = new Set<string>();
  for (const resource of templateResources(root)) {
    if (resource.type !== 'AWS::IAM::Role' && resource.type !== 'AWS::IAM::User') continue;
    const boundary = property(resource.properties, 'PermissionsBoundary');
    for (const branch of boundary ? branchesOf(boundary) : []) {
      const ref = stringValue(property(branch, 'Ref'));
      if (ref) ids.add(ref);
    }
  }
  return ids;
}
