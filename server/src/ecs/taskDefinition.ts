// Facts about one task definition that several rules, the hover and completion read.
import type { JsonDocument } from '../core/document';
import type { TaskDefinitionView } from '../core/classify';
import { arrayItems, property, stringValue, type Node } from '../core/json';

/**
 * Every task definition of the document: register input, describe output, and the Properties of
 * CloudFormation `AWS::ECS::TaskDefinition` resources (whose PascalCase names `property()` maps).
 */
export function ecsViews(document: JsonDocument): TaskDefinitionView[] {
  return document.taskDefinitions;
}

export function launchTypes(taskDefinition: Node): string[] {
  return arrayItems(property(taskDefinition, 'requiresCompatibilities'))
    .map(stringValue)
    .filter((value): value is string => value !== undefined);
}

export function isFargate(taskDefinition: Node): boolean {
  return launchTypes(taskDefinition).includes('FARGATE');
}

/** The network mode in effect: the API default is `bridge` on EC2 (Fargate requires `awsvpc` to be set). */
export function networkModeOf(taskDefinition: Node): string {
  return stringValue(property(taskDefinition, 'networkMode')) ?? 'bridge';
}

export interface ContainerView {
  node: Node;
  name: string | undefined;
  nameNode: Node | undefined;
}

const containerCache = new WeakMap<Node, ContainerView[]>();

/** The container definitions (objects only), computed once per task-definition node: many rules ask. */
export function containersOf(taskDefinition: Node): ContainerView[] {
  let containers = containerCache.get(taskDefinition);
  if (!containers) {
    containers = readContainers(taskDefinition);
    containerCache.set(taskDefinition, containers);
  }
  return containers;
}

function readContainers(taskDefinition: Node): ContainerView[] {
  return arrayItems(property(taskDefinition, 'containerDefinitions'))
    .filter((node) => node.type === 'object')
    .map((node) => {
      const nameNode = property(node, 'name');
      return { node, name: stringValue(nameNode), nameNode };
    });
}

/** "container `web`" or "container 2" for messages. */
export function containerLabel(container: ContainerView, index: number): string {
  return container.name ? `container \`${container.name}\`` : `container ${index + 1}`;
}

export function booleanValue(node: Node | undefined): boolean | undefined {
  return node?.type === 'boolean' ? Boolean(node.value) : undefined;
}

export function numberValue(node: Node | undefined): number | undefined {
  return node?.type === 'number' && typeof node.value === 'number' ? node.value : undefined;
}

/** The node of a key, for findings about a property (the value may be long). */
export function keyOf(valueNode: Node): Node {
  const parent = valueNode.parent;
  return parent?.type === 'property' && parent.children?.[0] ? parent.children[0] : valueNode;
}
