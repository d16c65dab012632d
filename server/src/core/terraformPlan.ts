// `terraform show -json` output (a plan or a state): the task definitions and policies among its resources,
// checked like those of a template, each finding naming the resource address. The plan holds the values
// Terraform will send: `container_definitions` and every policy are JSON strings, parsed here and placed on
// the string (their escaped text has no offsets of its own). A value "known after apply" (`after_unknown`)
// is an unknown value, never a missing one.
import { parseTree, type ParseError } from 'jsonc-parser';
import type { Classification, PolicyKind, PolicyView, TaskDefinitionView } from './classify';
import { arrayItems, property, stringValue, type Node } from './json';
import { table } from './table';

type Building = { -readonly [Key in keyof Node]: Node[Key] };

/** `{ format_version, terraform_version, planned_values | resource_changes | values }`. */
export function isTerraformPlan(root: Node): boolean {
  if (root.type !== 'object' || stringValue(property(root, 'format_version')) === undefined) return false;
  if (property(root, 'terraform_version') === undefined) return false;
  return ['planned_values', 'resource_changes', 'values', 'prior_state'].some((key) => property(root, key) !== undefined);
}

/**
 * The arguments of aws_ecs_task_definition and their RegisterTaskDefinition names, for `.tf` files (core/hcl.ts)
 * and plans (here).
 */
export const TASK_ARGUMENTS: ReadonlyArray<[string, string]> = [
  ['family', 'family'],
  ['container_definitions', 'containerDefinitions'],
  ['task_role_arn', 'taskRoleArn'],
  ['execution_role_arn', 'executionRoleArn'],
  ['network_mode', 'networkMode'],
  ['requires_compatibilities', 'requiresCompatibilities'],
  ['cpu', 'cpu'],
  ['memory', 'memory'],
  ['pid_mode', 'pidMode'],
  ['ipc_mode', 'ipcMode'],
];

/**
 * The resources of `.tf` and `.tf.json` files that hold one policy document in an argument (core/hcl.ts,
 * core/terraformJson.ts): the argument, the policy's grammar, and the resource type the mapped tree gives
 * them (the IAM ones as CloudFormation's, so the role linking reads them; the others `Terraform::<type>`).
 */
export const TERRAFORM_POLICY_RESOURCES = table<{ argument: string; kind: 'identity' | 'resource'; mappedType: string }>({
  aws_iam_policy: { argument: 'policy', kind: 'identity', mappedType: 'AWS::IAM::ManagedPolicy' },
  aws_iam_role_policy: { argument: 'policy', kind: 'identity', mappedType: 'AWS::IAM::Policy' },
  ...Object.fromEntries(
    [
      'aws_s3_bucket_policy',
      'aws_sqs_queue_policy',
      'aws_sns_topic_policy',
      'aws_ecr_repository_policy',
      'aws_secretsmanager_secret_policy',
      'aws_kms_key',
      'aws_ecr_registry_policy',
    ].map((type) => [type, { argument: 'policy', kind: 'resource' as const, mappedType: `Terraform::${type}` }]),
  ),
  aws_cloudwatch_log_resource_policy: {
    argument: 'policy_document',
    kind: 'resource',
    mappedType: 'Terraform::aws_cloudwatch_log_resource_policy',
  },
});

/** Resource types and the arguments holding a policy document. */
const POLICY_ARGUMENTS: Record<string, Array<{ path: string[]; kind: PolicyKind }>> = {
  aws_iam_role: [
    { path: ['assume_role_policy'], kind: 'trust' },
    { path: ['inline_policy', '*', 'policy'], kind: 'identity' },
  ],
  aws_iam_policy: [{ path: ['policy'], kind: 'identity' }],
  aws_iam_role_policy: [{ path: ['policy'], kind: 'identity' }],
  aws_iam_user_policy: [{ path: ['policy'], kind: 'identity' }],
  aws_iam_group_policy: [{ path: ['policy'], kind: 'identity' }],
  aws_s3_bucket_policy: [{ path: ['policy'], kind: 'resource' }],
  aws_sqs_queue_policy: [{ path: ['policy'], kind: 'resource' }],
  aws_sns_topic_policy: [{ path: ['policy'], kind: 'resource' }],
  aws_ecr_repository_policy: [{ path: ['policy'], kind: 'resource' }],
  aws_secretsmanager_secret_policy: [{ path: ['policy'], kind: 'resource' }],
  aws_kms_key: [{ path: ['policy'], kind: 'resource' }],
};

interface PlanResource {
  address: string;
  type: string;
  values: Node;
  unknown: Node | undefined;
}

/** The resources of the plan's planned values (every module), else of its resource changes' `after`. */
function planResources(root: Node): PlanResource[] {
  const unknownByAddress = new Map<string, Node>();
  const fromChanges: PlanResource[] = [];
  for (const change of arrayItems(property(root, 'resource_changes'))) {
    const address = stringValue(property(change, 'address'));
    const type = stringValue(property(change, 'type'));
    const details = property(change, 'change');
    const actions = arrayItems(property(details, 'actions')).map(stringValue);
    const after = property(details, 'after');
    if (!address || !type) continue;
    const unknown = property(details, 'after_unknown');
    if (unknown?.type === 'object') unknownByAddress.set(address, unknown);
    if (after?.type === 'object' && !(actions.length === 1 && actions[0] === 'delete')) {
      fromChanges.push({ address, type, values: after, unknown });
    }
  }
  const modules: Node[] = [];
  for (const top of ['planned_values', 'values']) {
    const rootModule = property(property(root, top), 'root_module');
    if (rootModule) modules.push(rootModule);
  }
  const result: PlanResource[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < modules.length && i < 10_000; i++) {
    const module = modules[i];
    for (const resource of arrayItems(property(module, 'resources'))) {
      const address = stringValue(property(resource, 'address'));
      const type = stringValue(property(resource, 'type'));
      const values = property(resource, 'values');
      if (!address || !type || values?.type !== 'object' || stringValue(property(resource, 'mode')) === 'data') continue;
      seen.add(address);
      result.push({ address, type, values, unknown: unknownByAddress.get(address) });
    }
    modules.push(...arrayItems(property(module, 'child_modules')));
  }
  for (const resource of fromChanges) if (!seen.has(resource.address)) result.push(resource);
  return result;
}

/** The plan's task definitions and policies, as views over made-up nodes on the plan's text. */
export function classifyPlan(root: Node): Classification {
  const taskDefinitions: TaskDefinitionView[] = [];
  const policies: PolicyView[] = [];
  for (const resource of planResources(root)) {
    if (resource.type === 'aws_ecs_task_definition') {
      const node = taskDefinition(resource);
      if (node) taskDefinitions.push({ node, format: 'register', resource: resource.address });
      continue;
    }
    for (const { path, kind } of POLICY_ARGUMENTS[resource.type] ?? []) {
      let nodes: Node[] = [resource.values];
      for (const step of path) {
        nodes = nodes
          .flatMap((node) => (step === '*' ? arrayItems(node) : [property(node, step)]))
          .filter((n): n is Node => n !== undefined);
      }
      for (const node of nodes) {
        const policy = jsonOfString(node, node.parent);
        if (policy?.type === 'object' && property(policy, 'Statement') !== undefined) {
          policies.push({ node: policy, kind, type: kind, typeSource: 'content', resource: resource.address });
        }
      }
    }
  }
  const related = taskDefinitions.length > 0 || policies.length > 0;
  return { kind: related ? 'cloudformation-template' : 'unrelated', taskDefinitions, policies, services: [], terraformPlan: true };
}

/** The task definition a resource's values describe, with the API's names over the plan's keys. */
function taskDefinition(resource: PlanResource): Node | undefined {
  const values = resource.values;
  const object: Building = { type: 'object', offset: values.offset, length: values.length, parent: values.parent, children: [] };
  for (const [planName, apiName] of TASK_ARGUMENTS) {
    if (planName === 'container_definitions') continue; // the JSON document, read on its own
    const unknown = property(resource.unknown, planName)?.value === true;
    const valueNode = property(values, planName);
    if (!unknown && (!valueNode || valueNode.type === 'null')) continue;
    const over = valueNode?.parent ?? values;
    const prop: Building = { type: 'property', offset: over.offset, length: over.length, parent: object, children: [] };
    prop.children!.push({
      type: 'string',
      value: apiName,
      offset: over.children?.[0]?.offset ?? over.offset,
      length: over.children?.[0]?.length ?? 0,
      parent: prop,
    });
    prop.children!.push(unknown || !valueNode ? unknownValue(prop, over) : { ...valueNode, parent: prop });
    object.children!.push(prop);
  }
  const definitions = property(values, 'container_definitions');
  const definitionsUnknown = property(resource.unknown, 'container_definitions')?.value === true;
  if (definitions || definitionsUnknown) {
    const over = definitions?.parent ?? values;
    const prop: Building = { type: 'property', offset: over.offset, length: over.length, parent: object, children: [] };
    prop.children!.push({ type: 'string', value: 'containerDefinitions', offset: over.offset, length: 0, parent: prop });
    const parsed = definitions && !definitionsUnknown ? jsonOfString(definitions, prop) : undefined;
    prop.children!.push(parsed ?? unknownValue(prop, over));
    object.children!.push(prop);
  }
  return object;
}

/** `{ "Ref": "terraform-known-after-apply" }`, empty, at the start of a span: a value known after apply. */
function unknownValue(parent: Node, over: Node): Node {
  const object: Building = { type: 'object', offset: over.offset, length: 0, parent, children: [] };
  const prop: Building = { type: 'property', offset: over.offset, length: 0, parent: object, children: [] };
  prop.children!.push({ type: 'string', value: 'Ref', offset: over.offset, length: 0, parent: prop });
  prop.children!.push({ type: 'string', value: 'terraform-known-after-apply', offset: over.offset, length: 0, parent: prop });
  object.children!.push(prop);
  return object;
}

/** The JSON document a string node holds, every node placed on the string; undefined if it is not JSON. */
function jsonOfString(node: Node, parent: Node | undefined): Node | undefined {
  if (node.type !== 'string') return undefined;
  if (tooDeep(String(node.value))) return undefined;
  const errors: ParseError[] = [];
  const tree = parseTree(String(node.value), errors);
  if (!tree || errors.length > 0) return undefined;
  const stack: Array<[Building, Node | undefined]> = [[tree as Building, parent]];
  let guard = 0;
  while (stack.length > 0 && guard++ < 1_000_000) {
    const [current, owner] = stack.pop()!;
    current.offset = node.offset;
    current.length = node.length;
    current.parent = owner;
    if (current.colonOffset !== undefined) current.colonOffset = node.offset;
    for (const child of current.children ?? []) stack.push([child as Building, current]);
  }
  return tree;
}

/** Whether JSON text nests deeper than any document (the parser recurses per level). */
function tooDeep(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 123 || code === 91) {
      if (++depth > 512) return true;
    } else if (code === 125 || code === 93) depth--;
  }
  return false;
}

/** Whether a finding is on a value known only after apply (an empty span where such a value was placed): never judged. */
export function onPlanUnknown(taskDefinitions: readonly TaskDefinitionView[], span: { offset: number; length: number }): boolean {
  if (span.length !== 0) return false;
  return taskDefinitions.some((view) =>
    (view.node.children ?? []).some((prop) => {
      const value = prop.children?.[1];
      return value?.type === 'object' && value.length === 0 && value.offset === span.offset;
    }),
  );
}
