// Hover for every task-definition field: the ECS API model's documentation, the valid values, and what
// the value under the cursor means (CPU units in vCPU, memory in GiB, the Fargate memory range ...).
import type { JsonDocument } from '../core/document';
import { property, stringValue, type Node } from '../core/json';
import type { ServiceView, TaskDefinitionView } from '../core/classify';
import { parsePrivateEcrImage } from '../ecs/executionRoleNeeds';
import {
  fargateCpuOption,
  fargateCpusForMemory,
  FARGATE_TASK_SIZES,
  formatCpu,
  formatMemory,
  parseCpuUnits,
  parseMemoryMiB,
} from '../ecs/fargate';
import { AWSLOGS_URL, FIRELENS_CONFIGURATION_DOCS, firelensOption, logDriverDocs, logOption, type OptionDoc } from '../ecs/logOptions';
import {
  apiReferenceUrl,
  enumValues,
  isReadOnlyField,
  isRootShape,
  locate,
  ROOT_SHAPE,
  serviceRootType,
  SHAPES,
  typeLabel,
  type Location,
  type ShapeType,
  UPDATE_SERVICE_SHAPE,
} from '../ecs/schema';
import { taskDefinitionsOfService } from '../ecs/services';
import { ecsViews, isFargate, networkModeOf } from '../ecs/taskDefinition';
import type { HoverResult } from './hover';
import { table } from '../core/table';

const CLOUDFORMATION_SERVICE_URL = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ecs-service.html';
const CLOUDFORMATION_TASK_DEFINITION_URL =
  'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ecs-taskdefinition.html';

const NETWORK_MODES = table<string>({
  awsvpc: 'each task gets its own elastic network interface and private IP; required on Fargate.',
  bridge: "containers sit on Docker's virtual bridge network; host ports can be dynamic (`hostPort` 0 or omitted).",
  host: "containers use the instance's network stack directly; a port can be used by one task per instance.",
  none: 'containers have no external network connectivity.',
});

export function ecsFieldHover(document: JsonDocument, node: Node): HoverResult | undefined {
  const view = ecsViews(document).find(
    (candidate) => node.offset >= candidate.node.offset && node.offset + node.length <= candidate.node.offset + candidate.node.length,
  );
  if (!view) {
    const service = document.services.find(
      (candidate) => node.offset >= candidate.node.offset && node.offset + node.length <= candidate.node.offset + candidate.node.length,
    );
    return service ? serviceFieldHover(document, service, node) : undefined;
  }
  // The key of a property stands for its value.
  const propertyNode = node.parent?.type === 'property' ? node.parent : node.type === 'property' ? node : undefined;
  const isKey = propertyNode !== undefined && propertyNode.children?.[0] === node;
  const target = propertyNode && (isKey || node.type === 'property') ? propertyNode.children?.[1] : node;
  if (!target || target === view.node) return undefined;
  const span = { offset: node.offset, length: node.length };

  const cloudFormation = view.format === 'cloudformation';
  if (!cloudFormation && propertyNode && propertyNode.parent === view.node && isReadOnlyField(String(propertyNode.children?.[0]?.value))) {
    const name = String(propertyNode.children?.[0]?.value);
    return {
      span,
      markdown: [
        `**${name}** · read-only`,
        '',
        SHAPES.readOnlyFields[name].doc,
        '',
        'ECS sets this field; describe-task-definition returns it, register-task-definition does not accept it. Remove it before registering the file again.',
      ].join('\n'),
    };
  }

  const location = locate(view.node, target);
  if (!location) return undefined;
  // An item of an array (e.g. "FARGATE" in requiresCompatibilities) is documented by its array's field.
  const fieldLocation =
    location.member || location.mapKey !== undefined ? location : target.parent ? locate(view.node, target.parent) : undefined;
  if (!fieldLocation) return undefined;

  if (fieldLocation.mapKey !== undefined) return mapEntryHover(view, target, fieldLocation, span);
  if (!fieldLocation.member) return undefined;
  const { name, written, info, ownerShape } = fieldLocation.member;
  const lines: string[] = [];
  const badges = [
    `\`${typeLabel(info.type)}\``,
    info.required ? 'required' : undefined,
    info.deprecated ? '**deprecated**' : undefined,
  ].filter(Boolean);
  // Named as written (CloudFormation's spelling in a template); the documentation is the ECS API's.
  lines.push(`**${written}** · ${badges.join(' · ')}${ownerShape === ROOT_SHAPE ? '' : ` · in \`${ownerShape}\``}`);
  const meaning = valueMeaning(view, name, ownerShape, target, location.type);
  if (meaning.length > 0) lines.push('', ...meaning);
  if (info.doc) lines.push('', '---', '', info.doc);
  const enumType = enumOf(info.type);
  if (enumType) {
    const current = stringValue(target);
    const values = (SHAPES.enums[enumType] ?? []).map((entry) =>
      entry.value === current ? `**\`${entry.value}\`**` : `\`${entry.value}\``,
    );
    lines.push('', `Valid values: ${values.join(', ')}`);
    const currentDoc = SHAPES.enums[enumType]?.find((entry) => entry.value === current)?.doc;
    if (currentDoc) lines.push('', `\`${current}\`: ${currentDoc}`);
  }
  lines.push(
    '',
    `[${ownerShape === ROOT_SHAPE ? 'RegisterTaskDefinition' : ownerShape} (ECS API reference)](${apiReferenceUrl(ownerShape)})`,
  );
  if (cloudFormation) {
    lines.push(
      '',
      `\`${name}\` in the ECS API. [AWS::ECS::TaskDefinition (CloudFormation reference)](${CLOUDFORMATION_TASK_DEFINITION_URL})`,
    );
  }
  return { span, markdown: lines.join('\n') };
}

/** Hover on a field of a service: the CreateService / UpdateService documentation, valid values, and the task definition it runs. */
function serviceFieldHover(document: JsonDocument, service: ServiceView, node: Node): HoverResult | undefined {
  const propertyNode = node.parent?.type === 'property' ? node.parent : node.type === 'property' ? node : undefined;
  const isKey = propertyNode !== undefined && propertyNode.children?.[0] === node;
  const target = propertyNode && (isKey || node.type === 'property') ? propertyNode.children?.[1] : node;
  if (!target || target === service.node) return undefined;
  const rootType = serviceRootType(service.node);
  const location = locate(service.node, target, rootType);
  const fieldLocation = location?.member ? location : target.parent ? locate(service.node, target.parent, rootType) : undefined;
  if (!fieldLocation?.member) return undefined;
  const { name, written, info, ownerShape } = fieldLocation.member;
  const badges = [
    `\`${typeLabel(info.type)}\``,
    info.required ? 'required' : undefined,
    info.deprecated ? '**deprecated**' : undefined,
  ].filter(Boolean);
  const root = isRootShape(ownerShape);
  const lines = [`**${written}** · ${badges.join(' · ')}${root ? '' : ` · in \`${ownerShape}\``}`];
  if (root && name === 'taskDefinition') {
    const linked = taskDefinitionsOfService(document, service);
    if (linked.length > 0) lines.push('', `Runs the ${linked.map((entry) => entry.label).join(', ')} of this file.`);
  }
  if (info.doc) lines.push('', '---', '', info.doc);
  const enumType = enumOf(info.type);
  if (enumType) {
    const current = stringValue(target);
    lines.push(
      '',
      `Valid values: ${(SHAPES.enums[enumType] ?? []).map((entry) => (entry.value === current ? `**\`${entry.value}\`**` : `\`${entry.value}\``)).join(', ')}`,
    );
  }
  const api = root ? (ownerShape === UPDATE_SERVICE_SHAPE ? 'UpdateService' : 'CreateService') : ownerShape;
  lines.push('', `[${api} (ECS API reference)](${apiReferenceUrl(ownerShape)})`);
  if (service.format === 'cloudformation') {
    lines.push('', `\`${name}\` in the ECS API. [AWS::ECS::Service (CloudFormation reference)](${CLOUDFORMATION_SERVICE_URL})`);
  }
  return { span: { offset: node.offset, length: node.length }, markdown: lines.join('\n') };
}

function enumOf(type: ShapeType): string | undefined {
  if (type.kind === 'enum') return type.enum;
  if (type.kind === 'array' && type.items.kind === 'enum') return type.items.enum;
  return undefined;
}

function mapEntryHover(
  view: TaskDefinitionView,
  target: Node,
  location: Location,
  span: { offset: number; length: number },
): HoverResult | undefined {
  if (location.map?.name === 'options' && location.map.ownerShape === 'FirelensConfiguration') {
    // Any other key goes to the log router as it is: no verdict on it.
    const option = firelensOption(location.mapKey!);
    if (!option) return undefined;
    const note =
      option.name === 'config-file-type' && isFargate(view.node)
        ? 'This task definition requires FARGATE compatibility, where only `file` is supported.'
        : undefined;
    return {
      span,
      markdown: optionMarkdown(
        option,
        `${view.format === 'cloudformation' ? 'FirelensConfiguration' : 'firelensConfiguration'} option`,
        FIRELENS_CONFIGURATION_DOCS,
        note,
      ).join('\n'),
    };
  }
  if (location.map?.name !== 'options' || location.map.ownerShape !== 'LogConfiguration') return undefined;
  // value -> property -> options object -> "options" property -> logConfiguration object
  const logConfiguration = target.parent?.parent?.parent?.parent;
  const driver = stringValue(property(logConfiguration, 'logDriver'));
  const docs = logDriverDocs(driver);
  if (!docs) return undefined;
  const option = logOption(driver, location.mapKey!);
  if (!option) {
    // Only awslogs keeps its verdict on options it does not list; Docker drivers gain options between
    // versions and FireLens hands any option to its output plugin, so an unknown option is not called wrong there.
    if (driver !== 'awslogs') return undefined;
    return {
      span,
      markdown: `**${location.mapKey}** · awslogs option\n\nThis is not an option of the awslogs log driver. [awslogs options](${AWSLOGS_URL})`,
    };
  }
  const note =
    option.name === 'awslogs-stream-prefix' && isFargate(view.node)
      ? 'This task definition requires FARGATE compatibility, where this option is required.'
      : undefined;
  return { span, markdown: optionMarkdown(option, `${driver} option`, docs, note).join('\n') };
}

/** The hover lines of one documented key of an options map: title, doc, closed values, links. */
function optionMarkdown(option: OptionDoc, what: string, docs: { title: string; url: string }, note?: string): string[] {
  const lines = [`**${option.name}** · ${what} · \`string\`${option.required ? ' · required' : ''}`, '', option.doc];
  if (option.values) lines.push('', `Values: ${option.values.map((value) => `\`"${value}"\``).join(', ')}`);
  if (note) lines.push('', note);
  if (option.url) lines.push('', `[More about \`${option.name}\`](${option.url})`);
  lines.push('', `[${docs.title}](${docs.url})`);
  return lines;
}

/** What the current value means, in the task definition's context. */
function valueMeaning(view: TaskDefinitionView, name: string, ownerShape: string, target: Node, type: ShapeType): string[] {
  const taskDefinition = view.node;
  const raw = target.type === 'string' || target.type === 'number' ? (target.value as string | number) : undefined;
  const fargate = isFargate(taskDefinition);
  if (ownerShape === ROOT_SHAPE && name === 'cpu') {
    const cpu = parseCpuUnits(raw);
    const lines = [
      cpu !== undefined
        ? `Value: ${formatCpu(cpu)} for the whole task.`
        : 'Task CPU in CPU units (1024 = 1 vCPU), such as "256", "1024" or "1 vCPU".',
    ];
    if (fargate) {
      const option = cpu !== undefined ? fargateCpuOption(cpu) : undefined;
      lines.push(
        option
          ? `On Fargate this cpu allows memory of ${option.range}${option.note ? ` (${option.note})` : ''}.`
          : `On Fargate cpu must be one of ${FARGATE_TASK_SIZES.map((size) => size.cpu).join(', ')}.`,
      );
    }
    return lines;
  }
  if (ownerShape === ROOT_SHAPE && name === 'memory') {
    const memory = parseMemoryMiB(raw);
    const lines = [
      memory !== undefined
        ? `Value: ${formatMemory(memory)} for the whole task.`
        : 'Task memory in MiB, such as "512" or "2048", or in GB such as "2 GB".',
    ];
    if (fargate) {
      const cpu = parseCpuUnits(
        stringValue(property(taskDefinition, 'cpu')) ?? (property(taskDefinition, 'cpu')?.value as number | undefined),
      );
      const option = cpu !== undefined ? fargateCpuOption(cpu) : undefined;
      if (option) {
        lines.push(
          `On Fargate, with cpu ${cpu}, memory must be ${option.range}${memory !== undefined ? (option.memory.includes(memory) ? ' — this value fits.' : ' — **this value does not fit**.') : '.'}`,
        );
      }
      if (memory !== undefined) {
        const cpus = fargateCpusForMemory(memory);
        lines.push(cpus.length > 0 ? `${memory} MiB works with cpu ${cpus.join(', ')}.` : `No Fargate cpu allows ${memory} MiB.`);
      }
    }
    return lines;
  }
  if (ownerShape === 'ContainerDefinition') {
    if (name === 'cpu' && typeof raw === 'number') {
      return [
        `Value: ${raw} CPU units reserved for this container (${raw / 1024} vCPU). \`0\` means no reservation: the container shares what is left.`,
      ];
    }
    if (name === 'memory' && typeof raw === 'number') {
      return [`Value: hard limit of ${formatMemory(raw)}; the container is killed if it uses more.`];
    }
    if (name === 'memoryReservation' && typeof raw === 'number') {
      return [
        `Value: soft limit of ${formatMemory(raw)}, reserved on the instance; the container may use more up to \`memory\` or what the instance has.`,
      ];
    }
    if (name === 'essential') {
      return [
        target.type === 'boolean' && target.value === false
          ? 'Value: not essential — the task keeps running if this container stops.'
          : 'Essential (the default): if this container stops, the whole task stops.',
      ];
    }
    if (name === 'image' && typeof raw === 'string') {
      const ecr = parsePrivateEcrImage(raw);
      if (ecr) {
        return [
          `Private ECR image: repository \`${ecr.repository}\` in account \`${ecr.account}\`, region \`${ecr.region}\`. ECS pulls it with the task execution role (\`ecr:GetAuthorizationToken\`, \`ecr:BatchGetImage\`, ...).`,
        ];
      }
    }
  }
  if (name === 'networkMode') {
    const mode = typeof raw === 'string' ? raw : networkModeOf(taskDefinition);
    const meaning = NETWORK_MODES[mode];
    if (meaning) return [`\`${mode}\`${typeof raw === 'string' ? '' : ' (the default)'}: ${meaning}`];
  }
  if (name === 'hostPort' && typeof raw === 'number') {
    const mode = fargate ? 'awsvpc' : networkModeOf(taskDefinition);
    if (mode === 'bridge') {
      return [
        raw === 0
          ? 'Value 0: ECS picks a free host port (dynamic port mapping).'
          : `Value: the instance's port ${raw}; only one task per instance can use it.`,
      ];
    }
    return [`In the \`${mode}\` network mode hostPort must be left out or equal containerPort.`];
  }
  if (
    (name === 'startTimeout' || name === 'stopTimeout' || name === 'interval' || name === 'timeout' || name === 'startPeriod') &&
    typeof raw === 'number'
  ) {
    return [`Value: ${raw} seconds.`];
  }
  if (type.kind === 'enum' && typeof raw === 'string' && !enumValues(type.enum).includes(raw)) {
    return [`**"${raw}" is not a valid value.**`];
  }
  return [];
}
