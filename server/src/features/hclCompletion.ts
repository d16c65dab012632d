// Completion in Terraform files, written in HCL: in an `aws_ecs_task_definition` or `aws_ecs_service` body
// the provider's argument names (snake_case) with the API's documentation; inside `container_definitions =
// jsonencode([...])` the API's camelCase field names as HCL object keys (`name = `) and values in HCL; in
// `data "aws_iam_policy_document"` the `statement`, `principals` and `condition` arguments, and IAM actions,
// ARNs, operators, condition keys and principals in their strings (`iamCompletion.ts`), as in a
// `jsonencode` policy. Where the cursor is comes from `hclLocation.ts`, which reads half-typed text.
import type { JsonDocument } from '../core/document';
import type { Node } from '../core/json';
import { TASK_ARGUMENTS } from '../core/terraformPlan';
import { CREATE_SERVICE_SHAPE, enumValues, ROOT_SHAPE, shapeInfo, typeLabel, type MemberInfo, type ShapeType } from '../ecs/schema';
import { elementUrl } from '../iam/policyModel';
import type { CompletionContext, CompletionSuggestion } from './completion';
import { hclEcsCompletions } from './ecsCompletion';
import { hclCursorAt, type HclCursor, type HclSegment } from './hclLocation';
import { hclIamCompletions, type HclIamPosition } from './iamCompletion';

/** An argument or nested block of a Terraform resource, and the API member it maps to. */
interface TerraformArgument {
  name: string;
  /** The API member (RegisterTaskDefinition / CreateService) whose documentation and type it shares. */
  api?: string;
  /** A nested block (`volume { ... }`) rather than `name = value`. */
  block?: boolean;
  required?: boolean;
  /** Documentation for arguments the API does not have. */
  doc?: string;
  /** The value (or the block's body) as a snippet; by default from the API member's type. */
  snippet?: string;
}

const PROVIDER_DOCS = 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs';

const TASK_DEFINITION_ARGUMENTS: TerraformArgument[] = [
  ...TASK_ARGUMENTS.map(([name, api]): TerraformArgument => ({
    name,
    api,
    required: name === 'family' || name === 'container_definitions',
  })),
  { name: 'enable_fault_injection', api: 'enableFaultInjection' },
  { name: 'tags', doc: "Tags of the resource, as a map of strings (the API's list of `key`/`value` pairs).", snippet: '{\n\t$1\n}' },
  {
    name: 'skip_destroy',
    doc: 'Terraform only: keep the old revision registered (not deregistered) when the resource is destroyed or replaced.',
  },
  {
    name: 'track_latest',
    doc: 'Terraform only: track the latest ACTIVE revision of the family instead of the one this resource registered.',
  },
  { name: 'volume', api: 'volumes', block: true, snippet: 'name = "${1:data}"$0' },
  {
    name: 'runtime_platform',
    api: 'runtimePlatform',
    block: true,
    snippet:
      'operating_system_family = "${1|LINUX,WINDOWS_SERVER_2022_CORE,WINDOWS_SERVER_2019_CORE|}"\n\tcpu_architecture        = "${2|X86_64,ARM64|}"',
  },
  { name: 'ephemeral_storage', api: 'ephemeralStorage', block: true, snippet: 'size_in_gib = ${1:21}' },
  {
    name: 'placement_constraints',
    api: 'placementConstraints',
    block: true,
    snippet: 'type       = "memberOf"\n\texpression = "${1:attribute:ecs.availability-zone in [us-east-1a]}"',
  },
  {
    name: 'proxy_configuration',
    api: 'proxyConfiguration',
    block: true,
    snippet: 'type           = "APPMESH"\n\tcontainer_name = "${1:envoy}"\n\tproperties     = {\n\t\t$0\n\t}',
  },
  { name: 'inference_accelerator', api: 'inferenceAccelerators', block: true, snippet: 'device_name = "$1"\n\tdevice_type = "$2"' },
];

const SERVICE_ARGUMENTS: TerraformArgument[] = [
  { name: 'name', api: 'serviceName', required: true },
  { name: 'cluster', api: 'cluster', snippet: '$1' },
  { name: 'task_definition', api: 'taskDefinition', snippet: '$1' },
  { name: 'desired_count', api: 'desiredCount' },
  { name: 'launch_type', api: 'launchType' },
  { name: 'platform_version', api: 'platformVersion' },
  { name: 'scheduling_strategy', api: 'schedulingStrategy' },
  { name: 'enable_execute_command', api: 'enableExecuteCommand' },
  { name: 'health_check_grace_period_seconds', api: 'healthCheckGracePeriodSeconds' },
  { name: 'enable_ecs_managed_tags', api: 'enableECSManagedTags' },
  { name: 'propagate_tags', api: 'propagateTags' },
  { name: 'availability_zone_rebalancing', api: 'availabilityZoneRebalancing' },
  { name: 'iam_role', api: 'role', snippet: '$1' },
  { name: 'tags', doc: "Tags of the resource, as a map of strings (the API's list of `key`/`value` pairs).", snippet: '{\n\t$1\n}' },
  {
    name: 'deployment_maximum_percent',
    doc: "The API's `deploymentConfiguration.maximumPercent`: the upper limit, as a percentage of `desired_count`, of the tasks running during a deployment.",
    snippet: '${1:200}',
  },
  {
    name: 'deployment_minimum_healthy_percent',
    doc: "The API's `deploymentConfiguration.minimumHealthyPercent`: the lower limit, as a percentage of `desired_count`, of the tasks that stay running and healthy during a deployment.",
    snippet: '${1:100}',
  },
  {
    name: 'force_new_deployment',
    doc: "Terraform only: start a new deployment on every apply (the API's UpdateService `forceNewDeployment`), e.g. to pick up a new image with the same tag.",
    snippet: '${1|true,false|}',
  },
  {
    name: 'wait_for_steady_state',
    doc: 'Terraform only: `terraform apply` waits until the service reaches a steady state.',
    snippet: '${1|true,false|}',
  },
  { name: 'triggers', doc: 'Terraform only: a map of values whose change forces a new deployment.', snippet: '{\n\t$1\n}' },
  {
    name: 'network_configuration',
    api: 'networkConfiguration',
    block: true,
    snippet: 'subnets          = ${1:[]}\n\tsecurity_groups  = ${2:[]}\n\tassign_public_ip = ${3|false,true|}',
  },
  {
    name: 'load_balancer',
    api: 'loadBalancers',
    block: true,
    snippet: 'target_group_arn = $1\n\tcontainer_name   = "$2"\n\tcontainer_port   = ${3:80}',
  },
  {
    name: 'capacity_provider_strategy',
    api: 'capacityProviderStrategy',
    block: true,
    snippet: 'capacity_provider = "${1|FARGATE,FARGATE_SPOT|}"\n\tweight            = ${2:1}',
  },
  {
    name: 'ordered_placement_strategy',
    api: 'placementStrategy',
    block: true,
    snippet: 'type  = "${1|spread,binpack,random|}"\n\tfield = "${2:attribute:ecs.availability-zone}"',
  },
  {
    name: 'placement_constraints',
    api: 'placementConstraints',
    block: true,
    snippet: 'type       = "${1|distinctInstance,memberOf|}"\n\texpression = "$2"',
  },
  { name: 'service_registries', api: 'serviceRegistries', block: true, snippet: 'registry_arn = $1' },
  {
    name: 'service_connect_configuration',
    api: 'serviceConnectConfiguration',
    block: true,
    snippet:
      'enabled   = true\n\tnamespace = $1\n\n\tservice {\n\t\tport_name = "$2"\n\n\t\tclient_alias {\n\t\t\tport = ${3:80}\n\t\t}\n\t}',
  },
  { name: 'deployment_controller', api: 'deploymentController', block: true, snippet: 'type = "${1|ECS,CODE_DEPLOY,EXTERNAL|}"' },
  {
    name: 'deployment_circuit_breaker',
    doc: "The API's `deploymentConfiguration.deploymentCircuitBreaker`: stop a deployment whose tasks cannot reach a steady state, and roll back when `rollback` is true.",
    block: true,
    snippet: 'enable   = true\n\trollback = true',
  },
];

const IAM_STATEMENT_ARGUMENTS: Array<TerraformArgument & { element: string }> = [
  { name: 'sid', element: 'Sid', doc: 'The statement ID (`Sid`): letters and digits, unique within the policy.', snippet: '"$1"' },
  {
    name: 'effect',
    element: 'Effect',
    doc: "Whether the statement allows or denies (`Effect`): `Allow` (Terraform's default when left out) or `Deny`.",
    snippet: '"${1|Allow,Deny|}"',
  },
  {
    name: 'actions',
    element: 'Action',
    doc: 'The actions the statement allows or denies (`Action`), as `service:ActionName`; `*` and `?` are wildcards.',
    snippet: '["$1"]',
  },
  { name: 'not_actions', element: 'NotAction', doc: 'Every action except these (`NotAction`).', snippet: '["$1"]' },
  {
    name: 'resources',
    element: 'Resource',
    doc: 'The resources the statement covers (`Resource`): ARNs, with `*` and `?` wildcards.',
    snippet: '["$1"]',
  },
  { name: 'not_resources', element: 'NotResource', doc: 'Every resource except these (`NotResource`).', snippet: '["$1"]' },
  {
    name: 'principals',
    element: 'Principal',
    block: true,
    doc: 'Who the statement is about (`Principal`), in trust and resource policies: `type` (`AWS`, `Service`, `Federated`, `CanonicalUser` or `*`) and its `identifiers`.',
    snippet: 'type        = "${1|AWS,Service,Federated,CanonicalUser,*|}"\n\tidentifiers = ["$2"]',
  },
  {
    name: 'not_principals',
    element: 'NotPrincipal',
    block: true,
    doc: 'Every principal except these (`NotPrincipal`): `type` and `identifiers`.',
    snippet: 'type        = "${1|AWS,Service,Federated,CanonicalUser|}"\n\tidentifiers = ["$2"]',
  },
  {
    name: 'condition',
    element: 'Condition',
    block: true,
    doc: 'When the statement applies (`Condition`): `test` is the operator (`StringEquals`, ...), `variable` the condition key, `values` what it is compared with.',
    snippet: 'test     = "${1:StringEquals}"\n\tvariable = "$2"\n\tvalues   = ["$3"]',
  },
];

const POLICY_DOCUMENT_ARGUMENTS: TerraformArgument[] = [
  {
    name: 'statement',
    block: true,
    doc: 'A statement of the policy: `effect`, `actions`, `resources`, and `principals` and `condition` blocks.',
    snippet: 'effect    = "${1|Allow,Deny|}"\n\tactions   = ["$2"]\n\tresources = ["$3"]',
  },
  { name: 'version', doc: 'The policy language version: `2012-10-17` (the default).', snippet: '"2012-10-17"' },
  { name: 'policy_id', doc: 'The policy ID (`Id`).', snippet: '"$1"' },
  {
    name: 'source_policy_documents',
    doc: 'Documents whose statements are merged in (statements with the same `sid` here replace theirs).',
    snippet: '[$1]',
  },
  { name: 'override_policy_documents', doc: 'Documents whose statements replace those with the same `sid` here.', snippet: '[$1]' },
];

const PRINCIPALS_ARGUMENTS: TerraformArgument[] = [
  {
    name: 'type',
    doc: 'The principal type: `AWS` (accounts, roles, users), `Service`, `Federated`, `CanonicalUser` or `*`.',
    snippet: '"${1|AWS,Service,Federated,CanonicalUser,*|}"',
  },
  { name: 'identifiers', doc: 'The principals of that type: ARNs, account IDs, service principals, providers.', snippet: '["$1"]' },
];

const CONDITION_ARGUMENTS: TerraformArgument[] = [
  { name: 'test', doc: 'The condition operator (`StringEquals`, `ArnLike`, `ForAnyValue:StringLike`, ...).', snippet: '"$1"' },
  { name: 'variable', doc: 'The condition key (`aws:SourceAccount`, `s3:prefix`, ...).', snippet: '"$1"' },
  { name: 'values', doc: 'The values the key is compared with (any one matches).', snippet: '["$1"]' },
];

/** Arguments of a resource that hold a policy (as `jsonencode({...})`). */
const POLICY_ATTRIBUTES = new Set(['policy', 'assume_role_policy', 'policy_document']);

/** Completion in a Terraform file; empty where the cursor is not in something this extension knows. */
export async function hclCompletions(document: JsonDocument, offset: number, context: CompletionContext): Promise<CompletionSuggestion[]> {
  const cursor = hclCursorAt(document, offset);
  if (!cursor) return [];
  const type = cursor.labels[0];
  const address = `${cursor.labels[0]}.${cursor.labels[1]}`;
  if (cursor.blockType === 'resource' && (type === 'aws_ecs_task_definition' || type === 'aws_ecs_service')) {
    const service = type === 'aws_ecs_service';
    const view = (service ? document.services : document.taskDefinitions).find((candidate) => candidate.resource === address)?.node;
    const result = ecsResourceCompletions(document, offset, cursor, service, view, context);
    if (result) return result;
  }
  if (cursor.blockType === 'data' && type === 'aws_iam_policy_document') {
    return policyDocumentCompletions(document, offset, cursor, context);
  }
  // A policy in `jsonencode({...})` (any resource's policy argument, an inline_policy block's).
  const policyPath = jsonencodedPolicyPath(cursor.path);
  if (policyPath) return iamAt(document, offset, cursor, policyPath, context);
  return [];
}

function ecsResourceCompletions(
  document: JsonDocument,
  offset: number,
  cursor: HclCursor,
  service: boolean,
  view: Node | undefined,
  context: CompletionContext,
): CompletionSuggestion[] | undefined {
  const { path } = cursor;
  const hcl = { replace: cursor.replace, after: cursor.after, siblings: cursor.siblings, quoted: cursor.quoted };
  if (path.length === 0 && cursor.at === 'key') {
    return argumentCompletions(
      cursor,
      service ? SERVICE_ARGUMENTS : TASK_DEFINITION_ARGUMENTS,
      service ? CREATE_SERVICE_SHAPE : ROOT_SHAPE,
    );
  }
  const table = service ? SERVICE_ARGUMENTS : TASK_DEFINITION_ARGUMENTS;
  const first = path[0];
  if (first?.kind !== 'key') return undefined;
  const argument = table.find((entry) => entry.name === first.name && !entry.block);
  if (!argument?.api) return undefined;
  // The API path below the argument: `jsonencode(...)` is the value itself; keys and list items as written.
  const apiPath: Array<string | number> = [argument.api];
  for (const segment of path.slice(1)) {
    if (segment.kind === 'call') {
      if (segment.name !== 'jsonencode') return undefined;
    } else if (segment.kind === 'item') apiPath.push(segment.index);
    else if (segment.kind === 'key') apiPath.push(segment.name);
    else return undefined;
  }
  if (cursor.at === 'key') {
    if (apiPath.length === 1) return undefined;
    apiPath.push(cursor.typed);
  }
  return hclEcsCompletions(document, offset, { node: view, service, path: apiPath, atKey: cursor.at === 'key', hcl }, context);
}

/**
 * `name = value` or `name { ... }` for the arguments not written yet, required first, the API's documentation (or
 * ours, with a link to the provider's `page`).
 */
function argumentCompletions(cursor: HclCursor, table: TerraformArgument[], shape: string, page?: string): CompletionSuggestion[] {
  const members = shapeInfo(shape).members;
  const written = new Set(cursor.siblings);
  const keyOnly = cursor.after === '=' || cursor.after === '{';
  return table.flatMap((argument, index) => {
    if (written.has(argument.name) && !argument.block) return [];
    const member: MemberInfo | undefined = argument.api ? members[argument.api] : undefined;
    const snippet = argument.snippet ?? (member ? valueSnippet(argument.name, member.type) : '$1');
    const insertText = keyOnly ? argument.name : argument.block ? `${argument.name} {\n\t${snippet}\n}` : `${argument.name} = ${snippet}`;
    const detail = argument.block
      ? `block${argument.api ? ` · ${argument.api}` : ''}`
      : `${member ? typeLabel(member.type) : 'Terraform argument'}${argument.api && argument.api !== argument.name ? ` · ${argument.api}` : ''}${argument.required || member?.required ? ' (required)' : ''}`;
    return [
      {
        label: argument.name,
        kind: argument.block ? ('snippet' as const) : ('property' as const),
        detail,
        documentation:
          argument.doc && page ? `${argument.doc} [aws_${page.split('/')[1]}](${PROVIDER_DOCS}/${page})` : (argument.doc ?? member?.doc),
        insertText,
        isSnippet: !keyOnly,
        replace: cursor.replace,
        filterText: argument.name,
        sortText: `${argument.required || member?.required ? 0 : 1}${String(index).padStart(3, '0')}`,
      },
    ];
  });
}

/** An HCL value snippet for an API type. */
function valueSnippet(name: string, type: ShapeType): string {
  if (name === 'container_definitions') {
    return 'jsonencode([\n\t{\n\t\tname      = "${1:app}"\n\t\timage     = "${2:image:tag}"\n\t\tessential = true$0\n\t}\n])';
  }
  switch (type.kind) {
    case 'string':
      return name === 'cpu' ? '"${1:256}"' : name === 'memory' ? '"${1:512}"' : name.endsWith('_arn') ? '$1' : '"$1"';
    case 'integer':
      return '${1:0}';
    case 'boolean':
      return '${1|true,false|}';
    case 'enum':
      return `"\${1|${enumValues(type.enum).join(',')}|}"`;
    case 'array':
      return type.items.kind === 'enum' ? `["\${1|${enumValues(type.items.enum).join(',')}|}"]` : '[$1]';
    case 'map':
    case 'structure':
      return '{\n\t$1\n}';
    default:
      return '$1';
  }
}

function policyDocumentCompletions(
  document: JsonDocument,
  offset: number,
  cursor: HclCursor,
  context: CompletionContext,
): CompletionSuggestion[] | Promise<CompletionSuggestion[]> {
  const { path } = cursor;
  const blocks = path.filter((segment): segment is Extract<HclSegment, { kind: 'block' }> => segment.kind === 'block').map((s) => s.name);
  if (cursor.at === 'key') {
    if (path.length === 0) return argumentCompletions(cursor, POLICY_DOCUMENT_ARGUMENTS, ROOT_SHAPE, 'data-sources/iam_policy_document');
    if (path.length === 1 && blocks[0] === 'statement') return statementArgumentCompletions(cursor);
    if (path.length === 2 && blocks[0] === 'statement' && (blocks[1] === 'principals' || blocks[1] === 'not_principals')) {
      return argumentCompletions(cursor, PRINCIPALS_ARGUMENTS, ROOT_SHAPE);
    }
    if (path.length === 2 && blocks[0] === 'statement' && blocks[1] === 'condition') {
      return argumentCompletions(cursor, CONDITION_ARGUMENTS, ROOT_SHAPE);
    }
    return [];
  }
  if (path[0]?.kind !== 'block' || path[0].name !== 'statement') return [];
  const key = path[1]?.kind === 'key' ? path[1].name : undefined;
  const inner = path[1]?.kind === 'block' ? path[1] : undefined;
  const innerKey = path[2]?.kind === 'key' ? path[2].name : undefined;
  let position: HclIamPosition | undefined;
  if (key === 'actions' || key === 'not_actions') position = { at: 'action' };
  else if (key === 'resources' || key === 'not_resources') position = { at: 'resource' };
  else if (key === 'effect') position = { at: 'effect' };
  else if (inner?.name === 'condition' && innerKey === 'test') position = { at: 'operator' };
  else if (inner?.name === 'condition' && innerKey === 'variable') {
    position = { at: 'condition-key', operator: argumentValue(document.text, inner.offset, 'test') };
  } else if ((inner?.name === 'principals' || inner?.name === 'not_principals') && innerKey === 'type') position = { at: 'principal-type' };
  else if ((inner?.name === 'principals' || inner?.name === 'not_principals') && innerKey === 'identifiers') {
    const type = argumentValue(document.text, inner.offset, 'type');
    if (type) position = { at: 'principal', type };
  }
  return position ? hclIamCompletions(document, offset, cursor, position, context) : [];
}

/** `sid`, `effect`, `actions`, ... in a `statement` block, with IAM's documentation of the element. */
function statementArgumentCompletions(cursor: HclCursor): CompletionSuggestion[] {
  return argumentCompletions(
    cursor,
    IAM_STATEMENT_ARGUMENTS.map((argument) => ({
      ...argument,
      doc: `${argument.doc} [${argument.element}](${elementUrl(argument.element.replace(/^Not/, ''))})`,
    })),
    ROOT_SHAPE,
  ).map((item, index) => ({ ...item, sortText: String(index).padStart(3, '0') }));
}

/** A string argument's value in the block whose body opens at `openBrace` (`test = "StringEquals"`), read from the text. */
function argumentValue(text: string, openBrace: number, name: string): string | undefined {
  const close = text.indexOf('}', openBrace);
  const body = text.slice(openBrace, close < 0 ? Math.min(text.length, openBrace + 2000) : close);
  return new RegExp(`(?:^|[\\s{])${name}\\s*=\\s*"([^"\\n]*)"`).exec(body)?.[1];
}

/** Below a policy argument's `jsonencode(...)`: the keys and items inside the policy. */
function jsonencodedPolicyPath(path: HclSegment[]): Array<string | number> | undefined {
  const index = path.findIndex(
    (segment, i) => segment.kind === 'call' && segment.name === 'jsonencode' && i > 0 && isPolicyAttribute(path[i - 1]),
  );
  if (index < 0) return undefined;
  const result: Array<string | number> = [];
  for (const segment of path.slice(index + 1)) {
    if (segment.kind === 'key') result.push(segment.name);
    else if (segment.kind === 'item') result.push(segment.index);
    else return undefined;
  }
  return result;
}

function isPolicyAttribute(segment: HclSegment): boolean {
  return segment.kind === 'key' && POLICY_ATTRIBUTES.has(segment.name);
}

/** IAM completion inside a `jsonencode` policy, from the keys above the cursor (`Statement`, item, `Action`). */
function iamAt(
  document: JsonDocument,
  offset: number,
  cursor: HclCursor,
  policyPath: Array<string | number>,
  context: CompletionContext,
): CompletionSuggestion[] | Promise<CompletionSuggestion[]> {
  const statementIndex = policyPath.indexOf('Statement');
  if (statementIndex < 0) return [];
  let rest = policyPath.slice(statementIndex + 1);
  if (typeof rest[0] === 'number') rest = rest.slice(1);
  const [element, second] = rest;
  let position: HclIamPosition | undefined;
  if (cursor.at === 'key') {
    if (element === 'Condition' && rest.length === 1) position = { at: 'operator', key: true };
    else if (element === 'Condition' && rest.length === 2 && typeof second === 'string') {
      position = { at: 'condition-key', operator: second, key: true };
    } else if ((element === 'Principal' || element === 'NotPrincipal') && rest.length === 1) position = { at: 'principal-type', key: true };
  } else if (element === 'Action' || element === 'NotAction') position = { at: 'action' };
  else if (element === 'Resource' || element === 'NotResource') position = { at: 'resource' };
  else if (element === 'Effect') position = { at: 'effect' };
  else if ((element === 'Principal' || element === 'NotPrincipal') && typeof second === 'string') {
    position = { at: 'principal', type: second };
  } else if ((element === 'Principal' || element === 'NotPrincipal') && second === undefined) position = { at: 'principal', type: '*' };
  return position ? hclIamCompletions(document, offset, cursor, position, context) : [];
}
