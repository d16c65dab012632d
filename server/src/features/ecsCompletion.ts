// Completion inside task definitions: the keys valid at the cursor (with snippets for structured values),
// enum values, log driver and FireLens option names and values, container names, Fargate cpu/memory sizes
// and role ARNs. Inside a CloudFormation `AWS::ECS::TaskDefinition` the same, with keys in CloudFormation's
// spelling, and the template's own AWS::IAM::Role resources (`Fn::GetAtt`) for TaskRoleArn/ExecutionRoleArn.
import { findNodeAtLocation, getLocation, getNodePath, type JSONPath } from 'jsonc-parser';
import type { TaskDefinitionView } from '../core/classify';
import type { JsonDocument } from '../core/document';
import { apiNameOf, cloudFormationName, nodeAtOffset, objectProperties, property, stringValue, type Node } from '../core/json';
import type { TextSpan } from '../core/types';
import { taskDefinitionContext } from '../ecs/executionRoleNeeds';
import { fargateCpuOption, FARGATE_TASK_SIZES, formatCpu, formatMemory, parseCpuUnits } from '../ecs/fargate';
import { FIRELENS_OPTIONS, firelensOption, logOption, logOptionsFor } from '../ecs/logOptions';
import {
  CREATE_SERVICE_SHAPE,
  enumValues,
  resolvePath,
  ROOT_TYPE,
  serviceRootType,
  SHAPES,
  shapeInfo,
  typeLabel,
  type Location,
  type ShapeType,
} from '../ecs/schema';
import { containersOf, isFargate } from '../ecs/taskDefinition';
import { familyOf, taskDefinitionsOfService } from '../ecs/services';
import { templateRoleOf, templateRoles } from '../roles/cloudformationLinking';
import { ECS_TASKS_PRINCIPAL } from '../roles/evaluate';
import type { RoleField } from '../roles/linking';
import type { CompletionContext, CompletionSuggestion } from './completion';
import { roleValues } from './roleCompletion';
import { table } from '../core/table';
import { yamlKeyLocation, yamlScalar, yamlValueLocation, type YamlValueLocation } from './yamlLocation';

/** Snippets for values people write again and again; other structures get `{}` or `[{}]`. */
const VALUE_SNIPPETS = table<string>({
  logConfiguration:
    '{\n\t"logDriver": "awslogs",\n\t"options": {\n\t\t"awslogs-group": "${1:/ecs/name}",\n\t\t"awslogs-region": "${2:us-east-1}",\n\t\t"awslogs-stream-prefix": "${3:ecs}"\n\t}\n}',
  secrets: '[\n\t{ "name": "${1:NAME}", "valueFrom": "${2:arn:aws:secretsmanager:region:account:secret:name}" }\n]',
  portMappings: '[\n\t{ "containerPort": ${1:80}, "protocol": "${2|tcp,udp|}" }\n]',
  environment: '[\n\t{ "name": "${1:NAME}", "value": "${2:value}" }\n]',
  environmentFiles: '[\n\t{ "value": "${1:arn:aws:s3:::bucket/file.env}", "type": "s3" }\n]',
  healthCheck:
    '{\n\t"command": ["CMD-SHELL", "${1:curl -f http://localhost/ || exit 1}"],\n\t"interval": ${2:30},\n\t"timeout": ${3:5},\n\t"retries": ${4:3},\n\t"startPeriod": ${5:10}\n}',
  dependsOn: '[\n\t{ "containerName": "${1:name}", "condition": "${2|START,COMPLETE,SUCCESS,HEALTHY|}" }\n]',
  mountPoints: '[\n\t{ "sourceVolume": "${1:volume}", "containerPath": "${2:/data}", "readOnly": ${3|false,true|} }\n]',
  ulimits: '[\n\t{ "name": "${1:nofile}", "softLimit": ${2:65536}, "hardLimit": ${3:65536} }\n]',
  repositoryCredentials: '{ "credentialsParameter": "${1:arn:aws:secretsmanager:region:account:secret:name}" }',
  firelensConfiguration: '{ "type": "${1|fluentbit,fluentd|}" }',
  runtimePlatform:
    '{ "operatingSystemFamily": "${1|LINUX,WINDOWS_SERVER_2022_CORE,WINDOWS_SERVER_2019_CORE|}", "cpuArchitecture": "${2|X86_64,ARM64|}" }',
  ephemeralStorage: '{ "sizeInGiB": ${1:21} }',
  requiresCompatibilities: '["${1|FARGATE,EC2,EXTERNAL,MANAGED_INSTANCES|}"]',
  containerDefinitions: '[\n\t{\n\t\t"name": "${1:app}",\n\t\t"image": "${2:image:tag}",\n\t\t"essential": true$0\n\t}\n]',
});

interface CursorContext {
  /** Path inside the task definition (the view's own node is the empty path), keys as written. */
  path: JSONPath;
  isAtPropertyKey: boolean;
  previousNode?: Node;
  taskDefinition: Node;
  /** A CloudFormation `AWS::ECS::TaskDefinition`: keys are written in CloudFormation's spelling. */
  cloudFormation: boolean;
  /** The shape at the top: RegisterTaskDefinitionRequest, or a service's CreateServiceRequest / UpdateServiceRequest. */
  rootType: ShapeType;
  /** In YAML, the value typed after `Key: `. */
  yamlValue?: YamlValueLocation;
  /** In a Terraform file (HCL object syntax inside `jsonencode`, or a resource's arguments): where the cursor is. */
  hcl?: { replace: TextSpan; after: string; siblings: string[]; quoted: boolean };
}

export async function ecsCompletions(
  document: JsonDocument,
  offset: number,
  workspaceContext: CompletionContext = {},
): Promise<CompletionSuggestion[]> {
  const context = cursorContext(document, offset);
  if (!context) return [];
  return context.isAtPropertyKey
    ? keyCompletions(document, offset, context)
    : valueCompletions(document, offset, context, workspaceContext);
}

/** An empty object standing for a task definition or service the parser lost to a syntax error. */
const NO_NODE: Node = { type: 'object', offset: 0, length: 0, children: [] } as unknown as Node;

/**
 * Completion in a Terraform file at an API path below a task definition or service (`['containerDefinitions',
 * 0, 'ima']` at a key, `['networkMode']` at a value), in HCL: `name = value` keys, strings quoted, numbers and
 * booleans bare.
 */
export function hclEcsCompletions(
  document: JsonDocument,
  offset: number,
  input: { node: Node | undefined; service: boolean; path: JSONPath; atKey: boolean; hcl: NonNullable<CursorContext['hcl']> },
  workspaceContext: CompletionContext = {},
): CompletionSuggestion[] {
  const node = input.node ?? NO_NODE;
  const context: CursorContext = {
    path: input.path,
    isAtPropertyKey: input.atKey,
    taskDefinition: node,
    cloudFormation: false,
    rootType: input.service ? (input.node ? serviceRootType(input.node) : { kind: 'structure', shape: CREATE_SERVICE_SHAPE }) : ROOT_TYPE,
    hcl: input.hcl,
  };
  return input.atKey ? keyCompletions(document, offset, context) : valueCompletions(document, offset, context, workspaceContext);
}

function cursorContext(document: JsonDocument, offset: number): CursorContext | undefined {
  if (!document.root || (document.taskDefinitions.length === 0 && document.services.length === 0)) return undefined;
  // In YAML: a key alone on its line, or a value after `Key: ` on the cursor's line.
  const location =
    document.format === 'yaml' ? (yamlKeyLocation(document, offset) ?? yamlValueLocation(document, offset)) : locationAt(document, offset);
  if (!location) return undefined;
  for (const view of document.taskDefinitions) {
    // The span check also tells apart duplicate keys on the way (the last one is the task definition).
    if (offset < view.node.offset || offset > view.node.offset + view.node.length) continue;
    const prefix = viewPath(view);
    if (location.path.length <= prefix.length || prefix.some((segment, index) => location.path[index] !== segment)) continue;
    return {
      path: location.path.slice(prefix.length),
      isAtPropertyKey: location.isAtPropertyKey,
      previousNode: 'previousNode' in location ? (location.previousNode as Node | undefined) : undefined,
      yamlValue: 'replace' in location ? location : undefined,
      taskDefinition: view.node,
      cloudFormation: view.format === 'cloudformation',
      rootType: ROOT_TYPE,
    };
  }
  // A service (create-service / update-service input, or an AWS::ECS::Service's Properties): keys and enum values.
  for (const service of document.services) {
    if (offset < service.node.offset || offset > service.node.offset + service.node.length) continue;
    const prefix = service.format === 'api' ? [] : getNodePath(service.node);
    if (location.path.length <= prefix.length || prefix.some((segment, index) => location.path[index] !== segment)) continue;
    return {
      path: location.path.slice(prefix.length),
      isAtPropertyKey: location.isAtPropertyKey,
      previousNode: 'previousNode' in location ? (location.previousNode as Node | undefined) : undefined,
      taskDefinition: service.node,
      cloudFormation: service.format === 'cloudformation',
      rootType: serviceRootType(service.node),
    };
  }
  return undefined;
}

/** Above this size the cursor's location is read from the start of its container, not of the document. */
const LARGE_DOCUMENT = 64 * 1024;

/**
 * jsonc-parser's getLocation, which scans the text from its start (150 ms and more in a 1 MB task definition,
 * on every request). In a large document the scan starts at the outermost array item holding the cursor (a
 * container definition), and that item's path comes from the parsed tree.
 */
export function locationAt(document: JsonDocument, offset: number): { path: JSONPath; isAtPropertyKey: boolean; previousNode?: Node } {
  let anchor: Node | undefined;
  if (document.text.length > LARGE_DOCUMENT) {
    for (let node = nodeAtOffset(document.root, offset); node; node = node.parent) {
      if (node.type === 'object' && node.parent?.type === 'array' && node.offset < offset) anchor = node;
    }
  }
  if (!anchor) {
    const location = getLocation(document.text, offset);
    return { path: location.path, isAtPropertyKey: location.isAtPropertyKey, previousNode: location.previousNode as Node | undefined };
  }
  const base = anchor.offset;
  const location = getLocation(document.text.slice(base), offset - base);
  const previous = location.previousNode as Node | undefined;
  return {
    path: [...getNodePath(anchor), ...location.path],
    isAtPropertyKey: location.isAtPropertyKey,
    previousNode: previous ? { ...previous, offset: previous.offset + base } : undefined,
  };
}

/** Where a task definition sits in its document: the root, `taskDefinition`, or `Resources.<id>.Properties`. */
function viewPath(view: TaskDefinitionView): JSONPath {
  if (view.format === 'register') return [];
  if (view.format === 'describe') return ['taskDefinition'];
  return getNodePath(view.node);
}

function keyCompletions(document: JsonDocument, offset: number, context: CursorContext): CompletionSuggestion[] {
  const objectPath = context.path.slice(0, -1);
  const owner = resolvePath(objectPath, context.cloudFormation, context.rootType);
  if (!owner) return [];
  const objectNode = objectPath.length === 0 ? context.taskDefinition : findNodeAtLocation(context.taskDefinition, objectPath);
  // jsonc-parser reports the key being typed as previousNode (type "property", with the string's span).
  const previous = context.previousNode;
  const keyNode =
    previous &&
    (previous.type === 'property' || previous.type === 'string') &&
    offset >= previous.offset &&
    offset <= previous.offset + previous.length
      ? previous
      : undefined;
  const replace: TextSpan =
    context.hcl?.replace ?? (keyNode ? { offset: keyNode.offset, length: keyNode.length } : wordAt(document.text, offset));
  // Keys already present, in either spelling inside a template; the key being typed does not count.
  const structure = owner.type.kind === 'structure' ? shapeInfo(owner.type.shape) : undefined;
  const existing = new Set<string>();
  for (const name of context.hcl?.siblings ?? []) existing.add(name);
  for (const entry of context.hcl ? [] : objectProperties(objectNode)) {
    if (keyNode && entry.key.offset === keyNode.offset) continue;
    existing.add(entry.name);
    const apiName =
      context.cloudFormation && structure ? apiNameOf(entry.name, (candidate) => structure.members[candidate] !== undefined) : undefined;
    if (apiName) existing.add(apiName);
  }
  const after = document.text.slice(replace.offset + replace.length).trimStart();
  const keyOnly = context.hcl ? context.hcl.after === '=' || context.hcl.after === ':' : after.startsWith(':');
  const needsComma = !context.hcl && !keyOnly && after.startsWith('"');

  const suggestions: CompletionSuggestion[] = [];
  const push = (name: string, detail: string, documentation: string, valueSnippet: string, sortText: string) => {
    if (context.hcl) {
      // HCL object syntax, as jsonencode keeps the API's names: `name = value`, the key quoted when not an identifier.
      const key = hclObjectKey(name);
      suggestions.push({
        label: name,
        kind: 'property',
        detail,
        documentation,
        insertText: keyOnly ? key : `${key.replace(/[$}\\]/g, '\\$&')} = ${hclSnippet(valueSnippet)}`,
        isSnippet: !keyOnly,
        replace,
        filterText: context.hcl.quoted ? `"${name}"` : name,
        sortText,
      });
      return;
    }
    if (document.format === 'yaml') {
      // `Name: ` on its own line; the value is written in YAML by the user (the snippets are JSON).
      suggestions.push({
        label: name,
        kind: 'property',
        detail,
        documentation,
        insertText: keyOnly ? name : `${name}: `,
        isSnippet: false,
        replace,
        filterText: name,
        sortText,
      });
      return;
    }
    const insertText = keyOnly ? `"${name}"` : `"${name}": ${valueSnippet}${needsComma ? ',' : ''}`;
    suggestions.push({
      label: name,
      kind: 'property',
      detail,
      documentation,
      insertText,
      isSnippet: !keyOnly,
      replace,
      filterText: `"${name}"`,
      sortText,
    });
  };

  if (owner.type.kind === 'structure') {
    const shape = owner.type.shape;
    Object.entries(shapeInfo(shape).members).forEach(([name, member], index) => {
      if (member.deprecated || existing.has(name)) return;
      const written = context.cloudFormation ? cloudFormationName(name, shape) : name;
      if (existing.has(written)) return;
      const snippet = withFamily(valueSnippet(name, member.type), context.taskDefinition);
      // Required fields first, then in the model's order.
      push(
        written,
        `${typeLabel(member.type)}${member.required ? ' (required)' : ''}`,
        member.doc,
        context.cloudFormation ? cloudFormationSnippet(snippet) : snippet,
        `${member.required ? '0' : '1'}${String(index).padStart(3, '0')}`,
      );
    });
  } else if (owner.type.kind === 'map' && isLogOptions(owner)) {
    // The options of the driver this logConfiguration names; none for a driver we do not know.
    const driver = logDriverOf(context.taskDefinition, objectPath.slice(0, -1));
    logOptionsFor(driver).forEach((option, index) => {
      if (existing.has(option.name)) return;
      const snippet = option.values ? `"\${1|${option.values.join(',')}|}"` : `"\${1:${option.example ?? ''}}"`;
      push(option.name, `${driver} option${option.required ? ' (required)' : ''}`, option.doc, snippet, String(index).padStart(3, '0'));
    });
  } else if (owner.type.kind === 'map' && isFirelensOptions(owner)) {
    // The log router's own options; the example file matches the config-file-type already chosen.
    const s3 = stringValue(property(objectNode, 'config-file-type')) === 's3';
    FIRELENS_OPTIONS.forEach((option, index) => {
      if (existing.has(option.name)) return;
      const example = option.name === 'config-file-value' && s3 ? 'arn:aws:s3:::bucket/fluent.conf' : (option.example ?? '');
      const snippet = option.values ? `"\${1|${option.values.join(',')}|}"` : `"\${1:${example}}"`;
      push(
        option.name,
        `${context.cloudFormation ? 'FirelensConfiguration' : 'firelensConfiguration'} option`,
        option.doc,
        snippet,
        String(index).padStart(3, '0'),
      );
    });
  }
  return suggestions;
}

/** The awslogs group of a new logConfiguration is named after the task definition's family: `/ecs/<family>`. */
function withFamily(snippet: string, taskDefinition: Node): string {
  const family = stringValue(property(taskDefinition, 'family')) ?? stringValue(property(taskDefinition, 'Family'));
  if (!family || !/^[A-Za-z0-9_-]{1,255}$/.test(family)) return snippet;
  return snippet.replace('${1:/ecs/name}', `\${1:/ecs/${family}}`);
}

/** An object key in HCL: bare when it is an identifier (`logDriver`), else quoted (`"awslogs-group"`). */
function hclObjectKey(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : JSON.stringify(name);
}

/** A JSON value snippet in HCL object syntax: `"key": value` as `key = value` (lists, strings and numbers are the same). */
export function hclSnippet(snippet: string): string {
  return snippet.replace(/"([A-Za-z_][\w-]*)"(\s*):\s?/g, (_match, name: string) => `${hclObjectKey(name)} = `);
}

/** A value snippet with its keys in CloudFormation's spelling (`"logDriver":` -> `"LogDriver":`). */
function cloudFormationSnippet(snippet: string): string {
  return snippet.replace(/"([a-z][A-Za-z0-9]*)"(\s*):/g, (_match, name: string, space: string) => `"${cloudFormationName(name)}"${space}:`);
}

function valueSnippet(name: string, type: ShapeType): string {
  const snippet = VALUE_SNIPPETS[name];
  if (snippet) return snippet;
  switch (type.kind) {
    case 'string':
      return name === 'cpu' ? '"${1:256}"' : name === 'memory' ? '"${1:512}"' : '"$1"';
    case 'integer':
      return '${1:0}';
    case 'boolean':
      return '${1|true,false|}';
    case 'enum':
      return `"\${1|${enumValues(type.enum).join(',')}|}"`;
    case 'array':
      return type.items.kind === 'structure'
        ? '[\n\t{$1}\n]'
        : type.items.kind === 'enum'
          ? `["\${1|${enumValues(type.items.enum).join(',')}|}"]`
          : '["$1"]';
    case 'map':
    case 'structure':
      return '{$1}';
    default:
      return '$1';
  }
}

/** The location is the `options` map of a logConfiguration. */
function isLogOptions(location: Location): boolean {
  return location.member?.name === 'options' && location.member.ownerShape === 'LogConfiguration';
}

/** The location is the `options` map of a firelensConfiguration (the log router's settings). */
function isFirelensOptions(location: Location): boolean {
  return location.member?.name === 'options' && location.member.ownerShape === 'FirelensConfiguration';
}

/** The `logDriver` of the logConfiguration at `logConfigurationPath` (keys as written). */
function logDriverOf(taskDefinition: Node, logConfigurationPath: JSONPath): string | undefined {
  return stringValue(property(findNodeAtLocation(taskDefinition, logConfigurationPath), 'logDriver'));
}

function valueCompletions(
  document: JsonDocument,
  offset: number,
  context: CursorContext,
  workspaceContext: CompletionContext,
): CompletionSuggestion[] {
  const target = resolvePath(context.path, context.cloudFormation, context.rootType);
  if (!target) return [];
  const replace = context.hcl?.replace ?? context.yamlValue?.replace ?? valueSpan(document, offset, context);
  // Field names in the API's spelling, whatever the document spells them.
  const last = target.apiPath[target.apiPath.length - 1];
  const fieldName = typeof last === 'string' ? last : target.apiPath[target.apiPath.length - 2];
  const values: ValueSuggestion[] = [];
  const strings = (list: Array<{ value: string; detail?: string; documentation?: string }>) =>
    list.forEach((entry) =>
      values.push({
        label: entry.value,
        insertText: JSON.stringify(entry.value),
        detail: entry.detail,
        documentation: entry.documentation,
      }),
    );

  const type = target.type;
  if (type.kind === 'enum') {
    strings((SHAPES.enums[type.enum] ?? []).map((entry) => ({ value: entry.value, detail: type.enum, documentation: entry.doc })));
  } else if (type.kind === 'boolean') {
    values.push({ label: 'true', insertText: 'true' }, { label: 'false', insertText: 'false' });
  } else if (target.mapKey !== undefined && target.map?.name === 'options' && target.map.ownerShape === 'LogConfiguration') {
    const option = logOption(logDriverOf(context.taskDefinition, context.path.slice(0, -2)), target.mapKey);
    if (option?.values) strings(option.values.map((value) => ({ value, detail: option.name })));
    if (option?.name === 'awslogs-region') {
      const region = taskDefinitionContext(context.taskDefinition).region;
      if (region) strings([{ value: region, detail: 'region used elsewhere in this task definition' }]);
    }
  } else if (target.mapKey !== undefined && target.map?.name === 'options' && target.map.ownerShape === 'FirelensConfiguration') {
    const option = firelensOption(target.mapKey);
    if (option?.values) strings(option.values.map((value) => ({ value, detail: option.name, documentation: option.doc })));
  } else if (context.path.length === 1 && fieldName === 'cpu') {
    strings(
      FARGATE_TASK_SIZES.map((size) => ({
        value: String(size.cpu),
        detail: formatCpu(size.cpu),
        documentation: `On Fargate: memory ${size.range}.`,
      })),
    );
  } else if (context.path.length === 1 && fieldName === 'memory') {
    const cpuNode = property(context.taskDefinition, 'cpu');
    const option = fargateCpuOption(parseCpuUnits((cpuNode?.value as string | number | undefined) ?? undefined) ?? -1);
    if (option && isFargate(context.taskDefinition)) {
      strings(
        option.memory.map((memory) => ({
          value: String(memory),
          detail: formatMemory(memory),
          documentation: `Valid on Fargate with cpu ${option.cpu}.`,
        })),
      );
    } else if (option) {
      strings(option.memory.map((memory) => ({ value: String(memory), detail: formatMemory(memory) })));
    }
  } else if (
    context.rootType !== ROOT_TYPE &&
    (fieldName === 'containerName' || (fieldName === 'taskDefinition' && context.path.length === 1))
  ) {
    values.push(...serviceValues(document, context, fieldName, workspaceContext));
  } else if (fieldName === 'containerName' || fieldName === 'sourceContainer' || fieldName === 'links') {
    strings(
      containersOf(context.taskDefinition)
        .filter((container) => container.name)
        .map((container) => ({ value: container.name!, detail: 'container in this task definition' })),
    );
  } else if ((fieldName === 'executionRoleArn' || fieldName === 'taskRoleArn') && context.path.length === 1) {
    if (context.cloudFormation) values.push(...templateRoleValues(document, context.taskDefinition, fieldName));
    // In Terraform, the module's aws_iam_role resources by reference (`aws_iam_role.exec.arn`), where no quote is typed.
    if (context.hcl && !context.hcl.quoted) values.push(...templateRoleValues(document, context.taskDefinition, fieldName, true));
    for (const role of roleValues(context.taskDefinition, fieldName, context.cloudFormation ? {} : workspaceContext)) {
      values.push({
        label: role.label,
        insertText: role.insertText,
        detail: role.detail,
        kind: 'reference',
        isSnippet: role.isSnippet,
        filterText: JSON.stringify(role.label),
      });
    }
  }
  const yamlValue = context.yamlValue;
  if (yamlValue) values.forEach((value) => Object.assign(value, asYaml(value, yamlValue)));
  // In HCL a string is written as in JSON; a bare word typed (no quote yet) is matched against the label.
  if (context.hcl && !context.hcl.quoted) values.forEach((value) => (value.filterText = value.label));
  return values.map((value, index) => ({
    label: value.label,
    kind: value.kind ?? (type.kind === 'enum' ? 'enum' : 'value'),
    detail: value.detail,
    documentation: value.documentation,
    insertText: value.insertText,
    isSnippet: value.isSnippet,
    replace,
    sortText: String(index).padStart(3, '0'),
    filterText: value.filterText ?? value.insertText,
  }));
}

/** In a service: the containers of the task definition it runs (`containerName`), or the task-definition families it may run. */
function serviceValues(
  document: JsonDocument,
  context: CursorContext,
  fieldName: string,
  workspaceContext: CompletionContext,
): ValueSuggestion[] {
  const service = document.services.find((candidate) => candidate.node === context.taskDefinition);
  if (!service) return [];
  if (fieldName === 'containerName') {
    return taskDefinitionsOfService(document, service, workspaceContext.workspace, workspaceContext.filePath).flatMap((linked) =>
      containersOf(linked.view.node)
        .filter((container) => container.name)
        .map((container) => ({
          label: container.name!,
          insertText: JSON.stringify(container.name),
          detail: `container in the ${linked.label}`,
        })),
    );
  }
  // taskDefinition: the families of the task definitions in this document and the workspace.
  const families = new Map<string, string>();
  for (const view of document.taskDefinitions) {
    const family = familyOf(view.node);
    if (family) families.set(family, 'task definition in this file');
  }
  for (const file of workspaceContext.workspace?.files() ?? []) {
    if (file.path === workspaceContext.filePath) continue;
    for (const view of file.document.taskDefinitions) {
      const family = familyOf(view.node);
      if (family && !families.has(family)) families.set(family, `task definition in ${workspaceContext.workspace!.label(file.path)}`);
    }
  }
  return [...families].map(([family, detail]) => ({ label: family, insertText: JSON.stringify(family), detail }));
}

/**
 * A value suggestion written in YAML: a JSON string as a scalar (plain where YAML allows, else in the quote
 * typed), `{"Fn::GetAtt": [Role, "Arn"]}` as `!GetAtt Role.Arn`; filtered by the text typed after `Key: `.
 */
function asYaml(value: ValueSuggestion, location: YamlValueLocation): Partial<ValueSuggestion> {
  const getAtt = /^\{"Fn::GetAtt": \["([A-Za-z0-9]+)", "Arn"\]\}$/.exec(value.insertText);
  if (getAtt) return { insertText: `!GetAtt ${getAtt[1]}.Arn`, filterText: `${location.quote}${value.label}` };
  if (value.insertText.startsWith('"') && value.insertText.endsWith('"')) {
    if (value.isSnippet) {
      const body = value.insertText.slice(1, -1);
      return {
        insertText: location.quote ? `${location.quote}${body}${location.quote}` : body,
        filterText: `${location.quote}${value.label}`,
      };
    }
    return {
      insertText: yamlScalar(JSON.parse(value.insertText) as string, location.quote),
      filterText: `${location.quote}${value.label}`,
    };
  }
  return { filterText: value.label };
}

interface ValueSuggestion {
  label: string;
  /** JSON that replaces the value being typed. */
  insertText: string;
  detail?: string;
  documentation?: string;
  kind?: CompletionSuggestion['kind'];
  filterText?: string;
  isSnippet?: boolean;
}

const ROLE_FIELD_NAMES: Record<RoleField, string> = { taskRoleArn: 'task role', executionRoleArn: 'execution role' };

/**
 * In a template, `{"Fn::GetAtt": [Role, "Arn"]}` for each AWS::IAM::Role resource: roles that ECS tasks may
 * assume first, the role the other field already names last (the same role for both is a warning).
 */
function templateRoleValues(document: JsonDocument, taskDefinition: Node, field: RoleField, terraform = false): ValueSuggestion[] {
  const otherField: RoleField = field === 'taskRoleArn' ? 'executionRoleArn' : 'taskRoleArn';
  const other = templateRoleOf(document, taskDefinition, otherField)?.id;
  const rank = (role: { id: string; trustsEcsTasks: boolean }) => (role.id === other ? 2 : role.trustsEcsTasks ? 0 : 1);
  return templateRoles(document)
    .map((role, index) => ({ role, index }))
    .sort((a, b) => rank(a.role) - rank(b.role) || a.index - b.index)
    .map(({ role }) => {
      const trust = role.trustsEcsTasks ? `trusted by ${ECS_TASKS_PRINCIPAL}` : `not trusted by ${ECS_TASKS_PRINCIPAL}`;
      const insertText = terraform ? `${role.id}.arn` : `{"Fn::GetAtt": [${JSON.stringify(role.id)}, "Arn"]}`;
      const what = terraform ? `The ARN of the role resource \`${role.id}\`` : `The ARN of the \`AWS::IAM::Role\` resource \`${role.id}\``;
      return {
        label: terraform ? insertText : role.id,
        kind: 'reference' as const,
        insertText,
        detail: `role in this ${terraform ? 'file' : 'template'}, ${trust}${role.id === other ? `; already the ${ROLE_FIELD_NAMES[otherField]}` : ''}`,
        documentation: `${what}: \`${insertText}\`.${role.trustsEcsTasks ? '' : ` Its trust policy does not let \`${ECS_TASKS_PRINCIPAL}\` call \`sts:AssumeRole\`, so tasks could not assume it.`}`,
        // Matched against what is typed in place of the value: a quote, or the start of the role's name.
        filterText: terraform ? insertText : JSON.stringify(role.id),
      };
    });
}

/**
 * What a value suggestion replaces: the string, number or literal under the cursor; a whole object or array
 * value when the cursor is at its edge (`"TaskRoleArn": |{"Ref": "Role"}`), so the result stays one value;
 * else the word being typed.
 */
function valueSpan(document: JsonDocument, offset: number, context: CursorContext): TextSpan {
  const previous = context.previousNode;
  if (previous && previous.type !== 'property' && offset >= previous.offset && offset <= previous.offset + previous.length) {
    return { offset: previous.offset, length: previous.length };
  }
  const current = findNodeAtLocation(context.taskDefinition, context.path);
  if (
    current &&
    (current.type === 'object' || current.type === 'array') &&
    (offset === current.offset || offset === current.offset + current.length)
  ) {
    return { offset: current.offset, length: current.length };
  }
  return wordAt(document.text, offset);
}

/** The partial word (letters, digits and - _ .) around the cursor, for replacing what is being typed. */
function wordAt(text: string, offset: number): TextSpan {
  let start = offset;
  while (start > 0 && /[\w.-]/.test(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && /[\w.-]/.test(text[end])) end++;
  return { offset: start, length: end - start };
}
