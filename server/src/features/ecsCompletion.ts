// Completion inside task definitions: the keys valid at the cursor (with snippets for structured values),
// enum values, awslogs option names and values, container names, and Fargate cpu/memory sizes.
import { findNodeAtLocation, getLocation, type JSONPath } from 'jsonc-parser';
import type { JsonDocument } from '../core/document';
import { objectProperties, property, stringValue, type Node } from '../core/json';
import type { TextSpan } from '../core/types';
import { taskDefinitionContext } from '../ecs/executionRoleNeeds';
import { fargateCpuOption, FARGATE_TASK_SIZES, formatCpu, formatMemory, parseCpuUnits } from '../ecs/fargate';
import { AWSLOGS_OPTIONS, awslogsOption } from '../ecs/logOptions';
import { enumValues, ROOT_TYPE, SHAPES, shapeInfo, typeLabel, type MemberInfo, type ShapeType } from '../ecs/schema';
import { containersOf, isFargate } from '../ecs/taskDefinition';
import type { CompletionSuggestion } from './completion';

/** Snippets for values people write again and again; other structures get `{}` or `[{}]`. */
const VALUE_SNIPPETS: Record<string, string> = {
  logConfiguration: '{\n\t"logDriver": "awslogs",\n\t"options": {\n\t\t"awslogs-group": "${1:/ecs/name}",\n\t\t"awslogs-region": "${2:us-east-1}",\n\t\t"awslogs-stream-prefix": "${3:ecs}"\n\t}\n}',
  secrets: '[\n\t{ "name": "${1:NAME}", "valueFrom": "${2:arn:aws:secretsmanager:region:account:secret:name}" }\n]',
  portMappings: '[\n\t{ "containerPort": ${1:80}, "protocol": "${2|tcp,udp|}" }\n]',
  environment: '[\n\t{ "name": "${1:NAME}", "value": "${2:value}" }\n]',
  environmentFiles: '[\n\t{ "value": "${1:arn:aws:s3:::bucket/file.env}", "type": "s3" }\n]',
  healthCheck: '{\n\t"command": ["CMD-SHELL", "${1:curl -f http://localhost/ || exit 1}"],\n\t"interval": ${2:30},\n\t"timeout": ${3:5},\n\t"retries": ${4:3},\n\t"startPeriod": ${5:10}\n}',
  dependsOn: '[\n\t{ "containerName": "${1:name}", "condition": "${2|START,COMPLETE,SUCCESS,HEALTHY|}" }\n]',
  mountPoints: '[\n\t{ "sourceVolume": "${1:volume}", "containerPath": "${2:/data}", "readOnly": ${3|false,true|} }\n]',
  ulimits: '[\n\t{ "name": "${1:nofile}", "softLimit": ${2:65536}, "hardLimit": ${3:65536} }\n]',
  repositoryCredentials: '{ "credentialsParameter": "${1:arn:aws:secretsmanager:region:account:secret:name}" }',
  firelensConfiguration: '{ "type": "${1|fluentbit,fluentd|}" }',
  runtimePlatform: '{ "operatingSystemFamily": "${1|LINUX,WINDOWS_SERVER_2022_CORE,WINDOWS_SERVER_2019_CORE|}", "cpuArchitecture": "${2|X86_64,ARM64|}" }',
  ephemeralStorage: '{ "sizeInGiB": ${1:21} }',
  requiresCompatibilities: '["${1|FARGATE,EC2,EXTERNAL,MANAGED_INSTANCES|}"]',
  containerDefinitions: '[\n\t{\n\t\t"name": "${1:app}",\n\t\t"image": "${2:image:tag}",\n\t\t"essential": true$0\n\t}\n]',
};

interface CursorContext {
  /** Path inside the task definition (the view's own node is the empty path). */
  path: JSONPath;
  isAtPropertyKey: boolean;
  previousNode?: Node;
  taskDefinition: Node;
}

export async function ecsCompletions(document: JsonDocument, offset: number): Promise<CompletionSuggestion[]> {
  const context = cursorContext(document, offset);
  if (!context) return [];
  return context.isAtPropertyKey ? keyCompletions(document, offset, context) : valueCompletions(document, offset, context);
}

function cursorContext(document: JsonDocument, offset: number): CursorContext | undefined {
  const view = document.taskDefinitions.find((candidate) => candidate.format !== 'cloudformation');
  if (!view || !document.root) return undefined;
  const location = getLocation(document.text, offset);
  let path = location.path;
  if (view.format === 'describe') {
    if (path[0] !== 'taskDefinition') return undefined;
    path = path.slice(1);
  }
  if (path.length === 0) return undefined;
  return { path, isAtPropertyKey: location.isAtPropertyKey, previousNode: location.previousNode as Node | undefined, taskDefinition: view.node };
}

/** The expected type at a path below the task definition, following the model. */
function typeAt(path: JSONPath): { type: ShapeType; member?: MemberInfo; mapKey?: string } | undefined {
  let current: { type: ShapeType; member?: MemberInfo; mapKey?: string } = { type: ROOT_TYPE };
  for (const segment of path) {
    const type = current.type;
    if (typeof segment === 'number') {
      if (type.kind !== 'array') return undefined;
      current = { type: type.items };
    } else if (type.kind === 'structure') {
      const member = shapeInfo(type.shape).members[segment];
      if (!member) return undefined;
      current = { type: member.type, member };
    } else if (type.kind === 'map') {
      current = { type: type.values, mapKey: segment };
    } else {
      return undefined;
    }
  }
  return current;
}

function keyCompletions(document: JsonDocument, offset: number, context: CursorContext): CompletionSuggestion[] {
  const objectPath = context.path.slice(0, -1);
  const owner = typeAt(objectPath);
  if (!owner) return [];
  const objectNode = objectPath.length === 0 ? context.taskDefinition : findNodeAtLocation(context.taskDefinition, objectPath);
  // jsonc-parser reports the key being typed as previousNode (type "property", with the string's span).
  const previous = context.previousNode;
  const keyNode = previous && (previous.type === 'property' || previous.type === 'string') && offset >= previous.offset && offset <= previous.offset + previous.length ? previous : undefined;
  const replace: TextSpan = keyNode ? { offset: keyNode.offset, length: keyNode.length } : wordAt(document.text, offset);
  const existing = new Set(objectProperties(objectNode).map((entry) => entry.name));
  if (keyNode) existing.delete(String(keyNode.value));
  const after = document.text.slice(replace.offset + replace.length).trimStart();
  const keyOnly = after.startsWith(':');
  const needsComma = !keyOnly && after.startsWith('"');

  const suggestions: CompletionSuggestion[] = [];
  const push = (name: string, detail: string, documentation: string, valueSnippet: string) => {
    if (existing.has(name)) return;
    const insertText = keyOnly ? `"${name}"` : `"${name}": ${valueSnippet}${needsComma ? ',' : ''}`;
    suggestions.push({ label: name, kind: 'property', detail, documentation, insertText, isSnippet: !keyOnly, replace, filterText: `"${name}"` });
  };

  if (owner.type.kind === 'structure') {
    for (const [name, member] of Object.entries(shapeInfo(owner.type.shape).members)) {
      if (member.deprecated) continue;
      push(name, `${typeLabel(member.type)}${member.required ? ' (required)' : ''}`, member.doc, valueSnippet(name, member.type));
    }
    // Required fields first, then in the model's order.
    suggestions.forEach((suggestion, index) => {
      const required = (owner.type as { shape: string }).shape && shapeInfo((owner.type as { shape: string }).shape).members[suggestion.label]?.required;
      suggestion.sortText = `${required ? '0' : '1'}${String(index).padStart(3, '0')}`;
    });
  } else if (owner.type.kind === 'map' && isAwslogsOptions(context.taskDefinition, objectPath)) {
    AWSLOGS_OPTIONS.forEach((option, index) => {
      push(option.name, 'awslogs option', option.doc, option.values ? `"\${1|${option.values.join(',')}|}"` : `"\${1:${option.example ?? ''}}"`);
      if (suggestions.length > 0) suggestions[suggestions.length - 1].sortText = String(index).padStart(3, '0');
    });
  }
  return suggestions;
}

function valueSnippet(name: string, type: ShapeType): string {
  if (VALUE_SNIPPETS[name]) return VALUE_SNIPPETS[name];
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
      return type.items.kind === 'structure' ? '[\n\t{$1}\n]' : type.items.kind === 'enum' ? `["\${1|${enumValues(type.items.enum).join(',')}|}"]` : '["$1"]';
    case 'map':
    case 'structure':
      return '{$1}';
    default:
      return '$1';
  }
}

function isAwslogsOptions(taskDefinition: Node, objectPath: JSONPath): boolean {
  if (objectPath[objectPath.length - 1] !== 'options' || objectPath[objectPath.length - 2] !== 'logConfiguration') return false;
  const logConfiguration = findNodeAtLocation(taskDefinition, objectPath.slice(0, -1));
  return stringValue(property(logConfiguration, 'logDriver')) === 'awslogs';
}

function valueCompletions(document: JsonDocument, offset: number, context: CursorContext): CompletionSuggestion[] {
  const target = typeAt(context.path);
  if (!target) return [];
  const previous = context.previousNode;
  const replace: TextSpan =
    previous && previous.type !== 'property' && offset >= previous.offset && offset <= previous.offset + previous.length
      ? { offset: previous.offset, length: previous.length }
      : wordAt(document.text, offset);
  const last = context.path[context.path.length - 1];
  const fieldName = typeof last === 'string' ? last : context.path[context.path.length - 2];
  const values: Array<{ label: string; insertText: string; detail?: string; documentation?: string }> = [];
  const strings = (list: Array<{ value: string; detail?: string; documentation?: string }>) =>
    list.forEach((entry) => values.push({ label: entry.value, insertText: JSON.stringify(entry.value), detail: entry.detail, documentation: entry.documentation }));

  const type = target.type;
  if (type.kind === 'enum') {
    strings((SHAPES.enums[type.enum] ?? []).map((entry) => ({ value: entry.value, detail: type.enum, documentation: entry.doc })));
  } else if (type.kind === 'boolean') {
    values.push({ label: 'true', insertText: 'true' }, { label: 'false', insertText: 'false' });
  } else if (target.mapKey !== undefined && isAwslogsOptions(context.taskDefinition, context.path.slice(0, -1))) {
    const option = awslogsOption(target.mapKey);
    if (option?.values) strings(option.values.map((value) => ({ value, detail: `${option.name}` })));
    if (option?.name === 'awslogs-region') {
      const region = taskDefinitionContext(context.taskDefinition).region;
      if (region) strings([{ value: region, detail: 'region used elsewhere in this task definition' }]);
    }
  } else if (context.path.length === 1 && fieldName === 'cpu') {
    strings(FARGATE_TASK_SIZES.map((size) => ({ value: String(size.cpu), detail: formatCpu(size.cpu), documentation: `On Fargate: memory ${size.range}.` })));
  } else if (context.path.length === 1 && fieldName === 'memory') {
    const cpuNode = property(context.taskDefinition, 'cpu');
    const option = fargateCpuOption(parseCpuUnits((cpuNode?.value as string | number | undefined) ?? undefined) ?? -1);
    if (option && isFargate(context.taskDefinition)) {
      strings(option.memory.map((memory) => ({ value: String(memory), detail: formatMemory(memory), documentation: `Valid on Fargate with cpu ${option.cpu}.` })));
    } else if (option) {
      strings(option.memory.map((memory) => ({ value: String(memory), detail: formatMemory(memory) })));
    }
  } else if (fieldName === 'containerName' || fieldName === 'sourceContainer' || fieldName === 'links') {
    strings(containersOf(context.taskDefinition).filter((container) => container.name).map((container) => ({ value: container.name!, detail: 'container in this task definition' })));
  } else if ((fieldName === 'executionRoleArn' || fieldName === 'taskRoleArn') && context.path.length === 1) {
    const where = taskDefinitionContext(context.taskDefinition);
    const name = fieldName === 'executionRoleArn' ? 'ecsTaskExecutionRole' : 'ROLE_NAME';
    strings([{ value: `arn:${where.partition}:iam::${where.account ?? '123456789012'}:role/${name}`, detail: fieldName === 'executionRoleArn' ? 'the usual task execution role' : 'a task role ARN' }]);
  }
  return values.map((value, index) => ({
    label: value.label,
    kind: type.kind === 'enum' ? 'enum' : 'value',
    detail: value.detail,
    documentation: value.documentation,
    insertText: value.insertText,
    replace,
    sortText: String(index).padStart(3, '0'),
    filterText: value.insertText,
  }));
}

/** The partial word (letters, digits and - _ .) around the cursor, for replacing what is being typed. */
function wordAt(text: string, offset: number): TextSpan {
  let start = offset;
  while (start > 0 && /[\w.-]/.test(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && /[\w.-]/.test(text[end])) end++;
  return { offset: start, length: end - start };
}
