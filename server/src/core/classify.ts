// Decides what a JSON document is from its shape. Anything we do not recognise is
// "unrelated" and gets no findings at all: package.json, tsconfig.json and settings files
// must stay clean.
import { branchesOf, isIntrinsic } from './intrinsics';
import { arrayItems, markCloudFormationSubtree, property, stringValue, type Node } from './json';
import type { DocumentKind } from './types';
import { table } from './table';

export const CONFIG_FILE_NAME = '.ecs-iam.json';

/** One task definition inside a document. `node` is the object holding `containerDefinitions`. */
export interface TaskDefinitionView {
  node: Node;
  /** register-task-definition input, describe-task-definition output (wrapped), or a CloudFormation resource. */
  format: 'register' | 'describe' | 'cloudformation';
}

export type PolicyKind = 'identity' | 'resource' | 'trust';

/** One IAM policy document inside a document. `node` is the object holding `Statement`. */
export interface PolicyView {
  node: Node;
  kind: PolicyKind;
  /** In a CloudFormation template: the logical id of the resource that holds the policy. */
  resource?: string;
}

export interface Classification {
  kind: DocumentKind;
  taskDefinitions: TaskDefinitionView[];
  policies: PolicyView[];
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

export function classify(root: Node | undefined, fileName?: string): Classification {
  const none: Classification = { kind: 'unrelated', taskDefinitions: [], policies: [] };
  if (fileName && baseName(fileName) === CONFIG_FILE_NAME) return { ...none, kind: 'ecs-iam-config' };
  if (!root || root.type !== 'object') return none;

  const wrapped = property(root, 'taskDefinition');
  if (wrapped && isTaskDefinition(wrapped)) {
    return { kind: 'ecs-task-definition', taskDefinitions: [{ node: wrapped, format: 'describe' }], policies: [] };
  }
  if (isTaskDefinition(root) || (fileName && isStartedTaskDefinition(root, baseName(fileName)))) {
    return { kind: 'ecs-task-definition', taskDefinitions: [{ node: root, format: 'register' }], policies: [] };
  }
  if (isCloudFormationTemplate(root)) return classifyTemplate(root);

  // get-role-policy / get-account-authorization-details style wrappers hold the document one level down.
  const policyNode = isPolicy(root) ? root : [property(root, 'PolicyDocument'), property(root, 'AssumeRolePolicyDocument')].find(isPolicy);
  if (policyNode) {
    const policyKind = policyKindOf(policyNode);
    return { kind: `iam-${policyKind}-policy` as DocumentKind, taskDefinitions: [], policies: [{ node: policyNode, kind: policyKind }] };
  }
  return none;
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

/** Where each resource type keeps its policy documents, and what kind they are. */
const TEMPLATE_POLICIES = table<Array<{ path: string[]; kind: PolicyKind }>>({
  'AWS::IAM::Role': [
    { path: ['AssumeRolePolicyDocument'], kind: 'trust' },
    { path: ['Policies', '*', 'PolicyDocument'], kind: 'identity' },
  ],
  'AWS::IAM::User': [{ path: ['Policies', '*', 'PolicyDocument'], kind: 'identity' }],
  'AWS::IAM::Group': [{ path: ['Policies', '*', 'PolicyDocument'], kind: 'identity' }],
  'AWS::IAM::Policy': [{ path: ['PolicyDocument'], kind: 'identity' }],
  'AWS::IAM::ManagedPolicy': [{ path: ['PolicyDocument'], kind: 'identity' }],
  'AWS::IAM::RolePolicy': [{ path: ['PolicyDocument'], kind: 'identity' }],
  'AWS::S3::BucketPolicy': [{ path: ['PolicyDocument'], kind: 'resource' }],
  'AWS::SQS::QueuePolicy': [{ path: ['PolicyDocument'], kind: 'resource' }],
  'AWS::SNS::TopicPolicy': [{ path: ['PolicyDocument'], kind: 'resource' }],
  'AWS::ECR::Repository': [{ path: ['RepositoryPolicyText'], kind: 'resource' }],
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

function classifyTemplate(root: Node): Classification {
  const taskDefinitions: TaskDefinitionView[] = [];
  const policies: PolicyView[] = [];
  for (const resource of templateResources(root)) {
    const properties = resource.properties;
    if (properties?.type !== 'object') continue;
    if (resource.type === 'AWS::ECS::TaskDefinition') {
      markCloudFormationSubtree(properties);
      taskDefinitions.push({ node: properties, format: 'cloudformation' });
      continue;
    }
    for (const { path, kind } of TEMPLATE_POLICIES[resource.type] ?? []) {
      let nodes: Node[] = [properties];
      for (const step of path) {
        nodes = nodes.flatMap((node) =>
          (step === '*' ? arrayItems(node) : [property(node, step)]).filter((n): n is Node => n !== undefined).flatMap(branchesOf),
        );
      }
      for (const node of nodes) {
        if (node.type === 'object' && !isIntrinsic(node) && property(node, 'Statement') !== undefined) {
          policies.push({ node, kind, resource: resource.id });
        }
      }
    }
  }
  return { kind: 'cloudformation-template', taskDefinitions, policies };
}
