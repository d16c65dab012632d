// Hover on a property of an ECS, IAM or resource-policy resource in a CloudFormation template: its type,
// constraints and documentation from the generated property schema (task definitions have the ECS hover).
import type { JsonDocument } from '../core/document';
import { templateResources } from '../core/classify';
import type { Node } from '../core/json';
import {
  describeSchemaType,
  ownProperty,
  propertyTypeSchema,
  resourcePage,
  resourceSchema,
  type PropertyInfo,
  type SchemaType,
  type TypeInfo,
} from '../cloudformation/propertySchema';

export function cfnPropertyHover(
  document: JsonDocument,
  propertyNode: Node | undefined,
): { markdown: string; span: { offset: number; length: number } } | undefined {
  if (document.kind !== 'cloudformation-template' || propertyNode?.type !== 'property') return undefined;
  // The names from the resource's Properties down to this key.
  const names: string[] = [];
  let current: Node | undefined = propertyNode;
  let resourceProperties: Node | undefined;
  const resources = templateResources(document.root);
  const byProperties = new Map(resources.filter((resource) => resource.properties).map((resource) => [resource.properties!, resource]));
  let guard = 0;
  while (current && guard++ < 512) {
    if (current.type === 'property') names.unshift(String(current.children?.[0]?.value));
    if (current.type === 'object' && byProperties.has(current)) {
      resourceProperties = current;
      break;
    }
    current = current.parent;
  }
  if (!resourceProperties) return undefined;
  const resource = byProperties.get(resourceProperties)!;
  if (resource.type === 'AWS::ECS::TaskDefinition') return undefined;
  let owner: TypeInfo | undefined = resourceSchema(resource.type);
  let ownerName = resource.type;
  let info: PropertyInfo | undefined;
  for (const [index, name] of names.entries()) {
    info = ownProperty(owner, name);
    if (!info) return undefined;
    if (index === names.length - 1) break;
    const next = refOf(info.type);
    if (!next) return undefined;
    owner = propertyTypeSchema(next);
    ownerName = next;
  }
  if (!info) return undefined;
  const constraints: string[] = [];
  if (info.required) constraints.push('required');
  if (info.maxLength !== undefined) constraints.push(`${info.minLength ?? 0}–${info.maxLength} characters`);
  if (info.patternText) constraints.push(info.patternText);
  if (info.minimum !== undefined) constraints.push(`${info.minimum}–${info.maximum}`);
  if (typeof info.type === 'object' && 'enum' in info.type) {
    constraints.push(`one of ${info.type.enum.map((value) => `\`${value}\``).join(', ')}`);
  }
  const name = names[names.length - 1];
  const markdown = [
    `**${name}** — ${ownerName === resource.type ? `\`${resource.type}\`` : `\`${ownerName.split('.').pop()}\` of \`${resource.type}\``}`,
    '',
    `${describeSchemaType(info.type).replace(/^./, (first) => first.toUpperCase())}${constraints.length ? ` (${constraints.join('; ')})` : ''}.`,
    '',
    info.doc ?? '',
    '',
    `[CloudFormation reference](${resourcePage(resource.type)})`,
  ].join('\n');
  return { markdown, span: { offset: propertyNode.children![0].offset, length: propertyNode.children![0].length } };
}

/** The property type a value of this type holds objects of (through lists, maps and unions). */
function refOf(type: SchemaType): string | undefined {
  if (typeof type === 'string') return undefined;
  if ('ref' in type) return type.ref;
  if ('array' in type) return refOf(type.array);
  if ('map' in type) return refOf(type.map);
  if ('union' in type) return type.union.map(refOf).find((name) => name !== undefined);
  return undefined;
}
