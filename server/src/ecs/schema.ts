// Typed access to the task-definition and service shapes derived from the ECS API model
// (taskDefinitionSchema.generated.json, written by scripts/generate-ecs-schema.mjs).
import { apiNameOf, arrayItems, isCloudFormationObject, type Node } from '../core/json';
import generated from './taskDefinitionSchema.generated.json';

export type ShapeType =
  | { kind: 'string' | 'integer' | 'boolean' | 'timestamp' }
  /** Any JSON value (a Smithy document). */
  | { kind: 'document' }
  | { kind: 'enum'; enum: string }
  | { kind: 'array'; items: ShapeType }
  | { kind: 'map'; values: ShapeType }
  | { kind: 'structure'; shape: string };

export interface MemberInfo {
  type: ShapeType;
  required?: boolean;
  deprecated?: string | boolean;
  /** Markdown, from the model's HTML documentation. */
  doc: string;
}

export interface ShapeInfo {
  doc: string;
  /** A Smithy union: exactly one member must be set. */
  union?: boolean;
  members: Record<string, MemberInfo>;
}

export interface EnumValue {
  value: string;
  doc?: string;
}

interface ShapeTable {
  root: string;
  /** CreateServiceRequest, UpdateServiceRequest. */
  serviceRoots: string[];
  apiReference: string;
  source: { package: string; version: string };
  shapes: Record<string, ShapeInfo>;
  enums: Record<string, EnumValue[]>;
  readOnlyFields: Record<string, { doc: string }>;
}

export const SHAPES = generated as unknown as ShapeTable;
// Members are looked up by the keys a user wrote: `constructor` or `__proto__` must not find Object's.
for (const shape of Object.values(SHAPES.shapes)) Object.setPrototypeOf(shape.members, null);
Object.setPrototypeOf(SHAPES.enums, null);
export const ROOT_SHAPE = SHAPES.root;
export const ROOT_TYPE: ShapeType = { kind: 'structure', shape: ROOT_SHAPE };
export const CREATE_SERVICE_SHAPE = 'CreateServiceRequest';
export const UPDATE_SERVICE_SHAPE = 'UpdateServiceRequest';

/** Whether a shape is the top level of a document (a task definition or a service), not a nested structure. */
export function isRootShape(shape: string): boolean {
  return shape === ROOT_SHAPE || SHAPES.serviceRoots.includes(shape);
}

/** The service shape a create-service or update-service input follows: update-service names its service with `service`. */
export function serviceRootType(serviceNode: Node): ShapeType {
  const update = serviceNode.children?.some((entry) => entry.children?.[0]?.value === 'service');
  return { kind: 'structure', shape: update ? UPDATE_SERVICE_SHAPE : CREATE_SERVICE_SHAPE };
}

export function shapeInfo(name: string): ShapeInfo {
  return SHAPES.shapes[name];
}

export function enumValues(name: string): string[] {
  return (SHAPES.enums[name] ?? []).map((entry) => entry.value);
}

/** Fields describe-task-definition returns but register-task-definition does not take. */
export function isReadOnlyField(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(SHAPES.readOnlyFields, name);
}

/** The API reference page of a structure, e.g. API_ContainerDefinition.html. */
export function apiReferenceUrl(shape: string): string {
  const page =
    shape === ROOT_SHAPE
      ? 'API_RegisterTaskDefinition'
      : SHAPES.serviceRoots.includes(shape)
        ? `API_${shape.replace(/Request$/, '')}`
        : `API_${shape}`;
  return `${SHAPES.apiReference}/${page}.html`;
}

/** How a type reads in messages: "a string", "an array of PortMapping objects", ... */
export function describeType(type: ShapeType): string {
  switch (type.kind) {
    case 'string':
      return 'a string';
    case 'integer':
      return 'an integer';
    case 'boolean':
      return 'a boolean (true or false)';
    case 'timestamp':
      return 'a timestamp';
    case 'document':
      return 'any JSON value';
    case 'enum':
      return `one of the strings ${enumValues(type.enum)
        .map((value) => `"${value}"`)
        .join(', ')}`;
    case 'array':
      return type.items.kind === 'structure'
        ? `an array of ${type.items.shape} objects`
        : `an array of ${describeType(type.items).replace(/^an? /, '')}s`;
    case 'map':
      return `an object whose values are ${describeType(type.values).replace(/^an? /, '')}s`;
    case 'structure':
      return `a ${type.shape} object`;
  }
}

/** Short type label for hovers and completion details. */
export function typeLabel(type: ShapeType): string {
  switch (type.kind) {
    case 'enum':
      return type.enum;
    case 'array':
      return `${typeLabel(type.items)}[]`;
    case 'map':
      return `Record<string, ${typeLabel(type.values)}>`;
    case 'structure':
      return type.shape;
    default:
      return type.kind;
  }
}

export interface Location {
  /** The type expected at the node. */
  type: ShapeType;
  /**
   * Set when the node is (the value of) a structure member: its API name, the key as written (the
   * CloudFormation spelling inside a template) and the structure that holds it.
   */
  member?: { name: string; written: string; info: MemberInfo; ownerShape: string };
  /** Set when the node is an entry of a map (e.g. a log option). */
  mapKey?: string;
  /** With `mapKey`: the member whose value is the map (`options` of `LogConfiguration`). */
  map?: { name: string; ownerShape: string };
  /** The path from the task definition with API names for structure members. */
  apiPath: Array<string | number>;
}

/**
 * The expected type at a path of keys and indexes below a task definition, following the shape. In a
 * CloudFormation task definition (`cloudFormation`) structure keys are read in CloudFormation's spelling,
 * as the shape rules read them (`apiNameOf`). Undefined where the path leaves the model (unknown keys).
 */
export function resolvePath(
  path: ReadonlyArray<string | number>,
  cloudFormation = false,
  rootType: ShapeType = ROOT_TYPE,
): Location | undefined {
  const apiPath: Array<string | number> = [];
  let location: Omit<Location, 'apiPath'> = { type: rootType };
  for (const segment of path) {
    const type = location.type;
    if (typeof segment === 'number') {
      if (type.kind !== 'array') return undefined;
      location = { type: type.items };
      apiPath.push(segment);
    } else if (type.kind === 'structure') {
      const members = shapeInfo(type.shape).members;
      const name = cloudFormation
        ? apiNameOf(segment, (candidate) => members[candidate] !== undefined)
        : members[segment]
          ? segment
          : undefined;
      if (name === undefined) return undefined;
      const info = members[name];
      location = { type: info.type, member: { name, written: segment, info, ownerShape: type.shape } };
      apiPath.push(name);
    } else if (type.kind === 'map') {
      location = {
        type: type.values,
        mapKey: segment,
        map: location.member ? { name: location.member.name, ownerShape: location.member.ownerShape } : undefined,
      };
      apiPath.push(segment);
    } else {
      return undefined;
    }
  }
  return { ...location, apiPath };
}

/**
 * The expected type of `node` (a value inside the task definition `root`), found by walking the
 * path from the root down the shape. Undefined where the path leaves the model (unknown keys).
 */
export function locate(root: Node, node: Node, rootType: ShapeType = ROOT_TYPE): Location | undefined {
  const path: Array<string | number> = [];
  let current: Node | undefined = node;
  while (current && current !== root) {
    const parent: Node | undefined = current.parent;
    if (!parent) return undefined;
    if (parent.type === 'property') {
      path.push(String(parent.children?.[0]?.value));
      current = parent.parent;
    } else if (parent.type === 'array') {
      path.push(arrayItems(parent).indexOf(current));
      current = parent;
    } else {
      return undefined;
    }
  }
  if (current !== root) return undefined;
  return resolvePath(path.reverse(), isCloudFormationObject(root), rootType);
}
