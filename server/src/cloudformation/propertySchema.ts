// The CloudFormation property schema of the resource types that hold a task definition, a service, a role
// or a policy (generated from @aws-cdk/aws-service-spec by scripts/generate-cfn-schema.mjs), and the one
// walk that compares a template's resources with it. Rules `cfn/*` report from that walk; hover reads the
// documentation. Intrinsic functions (`Ref`, `Fn::*`, dynamic references `{{resolve:...}}`) are unknown
// values: never a type error; both branches of a `Fn::If` are checked, `AWS::NoValue` is an absent property.
import type { JsonDocument } from '../core/document';
import { branchesOf, isIntrinsic, isNoValue } from '../core/intrinsics';
import { templateResources, type TemplateResource } from '../core/classify';
import { apiNameOf, arrayItems, property, stringValue, type Node } from '../core/json';
import SCHEMA from './propertySchema.generated.json';

export type SchemaType =
  | 'string'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'json'
  | 'date-time'
  | 'tag'
  | { enum: string[] }
  | { array: SchemaType }
  | { map: SchemaType }
  | { ref: string }
  | { union: SchemaType[] };

export interface PropertyInfo {
  type: SchemaType;
  required?: boolean;
  doc?: string;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  patternText?: string;
  minimum?: number;
  maximum?: number;
  uniqueItems?: boolean;
  source?: string;
}

interface PropertyGroup {
  properties: string[];
  source: string;
}

export interface TypeInfo {
  doc: string;
  properties: Record<string, PropertyInfo>;
  exclusive?: PropertyGroup[];
  anyOf?: PropertyGroup[];
}

const resources = SCHEMA.resources as unknown as Record<string, TypeInfo>;
const types = SCHEMA.types as unknown as Record<string, TypeInfo>;

/** Resource types whose properties the ECS task-definition schema already checks (`ecs/*` shape rules). */
const CHECKED_ELSEWHERE = new Set(['AWS::ECS::TaskDefinition']);

export function resourceSchema(resourceType: string): TypeInfo | undefined {
  return Object.prototype.hasOwnProperty.call(resources, resourceType) ? resources[resourceType] : undefined;
}

export function propertyTypeSchema(name: string): TypeInfo | undefined {
  return Object.prototype.hasOwnProperty.call(types, name) ? types[name] : undefined;
}

export function ownProperty(info: TypeInfo | undefined, name: string): PropertyInfo | undefined {
  return info && Object.prototype.hasOwnProperty.call(info.properties, name) ? info.properties[name] : undefined;
}

export const CLOUDFORMATION_REFERENCE = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference';

/** The page of a resource type in the CloudFormation template reference (`AWS::IAM::Role` -> aws-resource-iam-role.html). */
export function resourcePage(resourceType: string): string {
  const [, service, name] = resourceType.split('::');
  return `${CLOUDFORMATION_REFERENCE}/aws-resource-${(service ?? '').toLowerCase()}-${(name ?? '').toLowerCase()}.html`;
}

export function describeSchemaType(type: SchemaType): string {
  if (typeof type === 'string') {
    switch (type) {
      case 'json':
        return 'a JSON object';
      case 'tag':
        return 'a tag ({ "Key": ..., "Value": ... })';
      case 'date-time':
        return 'a date and time string';
      case 'integer':
        return 'an integer';
      default:
        return `a ${type}`;
    }
  }
  if ('enum' in type) return 'one of the allowed strings';
  if ('array' in type) return `a list of ${plural(describeSchemaType(type.array))}`;
  if ('map' in type) return 'an object (a map)';
  if ('ref' in type) return `an object (${type.ref.split('.').pop()})`;
  return type.union.map(describeSchemaType).join(' or ');
}

function plural(description: string): string {
  return description.replace(/^an? /, '').replace(/^(string|integer|number|boolean)$/, '$1s');
}

export type SchemaIssue =
  | { kind: 'unknown-property'; resource: TemplateResource; key: Node; name: string; owner: string; known: string[] }
  | { kind: 'missing-property'; resource: TemplateResource; at: Node; name: string; owner: string }
  | { kind: 'wrong-type'; resource: TemplateResource; node: Node; expected: SchemaType; path: string }
  | { kind: 'enum'; resource: TemplateResource; node: Node; value: string; allowed: string[]; path: string }
  | { kind: 'length'; resource: TemplateResource; node: Node; value: string; property: PropertyInfo; path: string }
  | { kind: 'pattern'; resource: TemplateResource; node: Node; value: string; property: PropertyInfo; path: string }
  | { kind: 'range'; resource: TemplateResource; node: Node; value: number; property: PropertyInfo; path: string }
  | { kind: 'duplicate'; resource: TemplateResource; node: Node; first: Node; path: string }
  | { kind: 'exclusive'; resource: TemplateResource; keys: Node[]; group: PropertyGroup }
  | { kind: 'any-of'; resource: TemplateResource; at: Node; group: PropertyGroup };

const cache = new WeakMap<JsonDocument, SchemaIssue[]>();

/** Every place a template's in-scope resources differ from the schema; computed once per document. */
export function schemaIssues(document: JsonDocument): SchemaIssue[] {
  let issues = cache.get(document);
  if (!issues) {
    issues = [];
    // A Terraform file is mapped onto CloudFormation types for the ECS and IAM rules; its arguments are the
    // provider's, not CloudFormation's properties, so the CloudFormation schema does not apply to it.
    if (
      document.kind === 'cloudformation-template' &&
      document.format !== 'hcl' &&
      !document.terraformJson &&
      !hasRewritingTransform(document.root)
    ) {
      for (const resource of templateResources(document.root)) {
        if (CHECKED_ELSEWHERE.has(resource.type)) continue;
        const schema = resourceSchema(resource.type);
        if (schema) checkResource(resource, schema, issues);
      }
    }
    cache.set(document, issues);
  }
  return issues;
}

/** Transforms that leave the properties of `AWS::*` resources as written; any other (a macro) may rewrite them. */
const KEEPING_TRANSFORMS = new Set(['AWS::LanguageExtensions', 'AWS::Serverless-2016-10-31']);

/** A template processed by a macro is checked after the macro runs, which the linter cannot do. */
function hasRewritingTransform(root: Node | undefined): boolean {
  const transform = property(root, 'Transform');
  if (!transform) return false;
  const names = transform.type === 'array' ? arrayItems(transform) : [transform];
  return names.some((name) => !KEEPING_TRANSFORMS.has(stringValue(name) ?? ''));
}

function checkResource(resource: TemplateResource, schema: TypeInfo, issues: SchemaIssue[]): void {
  const properties = resource.properties;
  if (properties === undefined) {
    // No Properties at all: every required property is missing.
    const typeNode = resource.node.children?.find((child) => child.children?.[0]?.value === 'Type')?.children?.[0] ?? resource.idNode;
    for (const [name, info] of Object.entries(schema.properties)) {
      if (info.required) issues.push({ kind: 'missing-property', resource, at: typeNode, name, owner: resource.type });
    }
    return;
  }
  // `Properties: !If [...]` and the like: unknown.
  if (isIntrinsic(properties)) return;
  const walk: Walk = { resource, issues, steps: 0 };
  checkObject(walk, properties, schema, resource.type, []);
}

interface Walk {
  resource: TemplateResource;
  issues: SchemaIssue[];
  /** Guards against pathological documents: the depth is already bounded by the parser's limit. */
  steps: number;
}

const MAX_STEPS = 200_000;

function pathText(parts: Array<string | number>): string {
  let text = '';
  for (const part of parts) text += typeof part === 'number' ? `[${part}]` : text ? `.${part}` : part;
  return text;
}

function checkObject(walk: Walk, node: Node, schema: TypeInfo, owner: string, parts: Array<string | number>): void {
  if (node.type !== 'object') return;
  const present = new Map<string, Node>();
  for (const prop of node.children ?? []) {
    const key = prop.children?.[0];
    const value = prop.children?.[1];
    if (!key) continue;
    const name = String(key.value);
    const info = ownProperty(schema, name);
    if (!info) {
      walk.issues.push({ kind: 'unknown-property', resource: walk.resource, key, name, owner, known: Object.keys(schema.properties) });
      continue;
    }
    if (!value || isNoValue(value)) continue;
    present.set(name, key);
    checkValue(walk, value, info, [...parts, name]);
  }
  for (const [name, info] of Object.entries(schema.properties)) {
    if (info.required && !present.has(name)) {
      walk.issues.push({ kind: 'missing-property', resource: walk.resource, at: keyOrSelf(node), name, owner });
    }
  }
  for (const group of schema.exclusive ?? []) {
    const keys = group.properties.map((name) => present.get(name)).filter((key): key is Node => key !== undefined);
    if (keys.length > 1) walk.issues.push({ kind: 'exclusive', resource: walk.resource, keys, group });
  }
  for (const group of schema.anyOf ?? []) {
    if (!group.properties.some((name) => present.has(name))) {
      walk.issues.push({ kind: 'any-of', resource: walk.resource, at: keyOrSelf(node), group });
    }
  }
}

/** The key a missing property is reported on: the key of the object that lacks it, or the object. */
function keyOrSelf(node: Node): Node {
  return node.parent?.type === 'property' && node.parent.children?.[0] ? node.parent.children[0] : node;
}

function isDynamicReference(node: Node): boolean {
  return node.type === 'string' && typeof node.value === 'string' && node.value.includes('{{resolve:');
}

function checkValue(walk: Walk, value: Node, info: PropertyInfo, parts: Array<string | number>): void {
  if (++walk.steps > MAX_STEPS) return;
  for (const branch of branchesOf(value)) {
    if (isIntrinsic(branch) || isDynamicReference(branch)) continue;
    checkTyped(walk, branch, info.type, info, parts);
  }
}

function checkTyped(walk: Walk, node: Node, type: SchemaType, info: PropertyInfo | undefined, parts: Array<string | number>): void {
  if (++walk.steps > MAX_STEPS) return;
  const path = pathText(parts);
  const wrong = (): void => {
    walk.issues.push({ kind: 'wrong-type', resource: walk.resource, node, expected: type, path });
  };
  if (typeof type === 'string') {
    switch (type) {
      case 'string':
      case 'date-time':
        // CloudFormation converts numbers and booleans to strings.
        if (node.type === 'object' || node.type === 'array' || node.type === 'null') return wrong();
        if (node.type === 'string' && info) checkString(walk, node, String(node.value), info, path);
        return;
      case 'integer':
      case 'number': {
        const numeric =
          node.type === 'number'
            ? Number(node.value)
            : node.type === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(String(node.value))
              ? Number(String(node.value))
              : undefined;
        if (numeric === undefined || (type === 'integer' && !Number.isInteger(numeric))) return wrong();
        if (info && ((info.minimum !== undefined && numeric < info.minimum) || (info.maximum !== undefined && numeric > info.maximum))) {
          walk.issues.push({ kind: 'range', resource: walk.resource, node, value: numeric, property: info, path });
        }
        return;
      }
      case 'boolean':
        if (node.type === 'boolean') return;
        if (node.type === 'string' && /^(true|false)$/i.test(String(node.value))) return;
        return wrong();
      case 'json':
        // Policy documents and other free-form JSON: an object, or a JSON string.
        if (node.type === 'number' || node.type === 'boolean' || node.type === 'null') return wrong();
        return;
      case 'tag':
        if (node.type !== 'object') return wrong();
        return;
    }
    return;
  }
  if ('enum' in type) {
    if (node.type === 'object' || node.type === 'array' || node.type === 'null') return wrong();
    const text = String(node.value);
    if (!type.enum.includes(text)) walk.issues.push({ kind: 'enum', resource: walk.resource, node, value: text, allowed: type.enum, path });
    return;
  }
  if ('array' in type) {
    if (node.type !== 'array') return wrong();
    const items = node.children ?? [];
    const seen = new Map<string, Node>();
    items.forEach((item, index) => {
      if (info?.uniqueItems) {
        const text = canonical(item);
        const first = seen.get(text);
        if (first) walk.issues.push({ kind: 'duplicate', resource: walk.resource, node: item, first, path: pathText([...parts, index]) });
        else seen.set(text, item);
      }
      for (const branch of branchesOf(item)) {
        if (isIntrinsic(branch) || isDynamicReference(branch)) continue;
        checkTyped(walk, branch, type.array, undefined, [...parts, index]);
      }
    });
    return;
  }
  if ('map' in type) {
    if (node.type !== 'object') return wrong();
    for (const prop of node.children ?? []) {
      const value = prop.children?.[1];
      const key = prop.children?.[0];
      if (!value || !key) continue;
      for (const branch of branchesOf(value)) {
        if (isIntrinsic(branch) || isDynamicReference(branch)) continue;
        checkTyped(walk, branch, type.map, undefined, [...parts, String(key.value)]);
      }
    }
    return;
  }
  if ('ref' in type) {
    if (node.type !== 'object') return wrong();
    const schema = propertyTypeSchema(type.ref);
    if (schema) checkObject(walk, node, schema, type.ref, parts);
    return;
  }
  // A union: fine when any member fits without a type error of its own.
  for (const member of type.union) {
    const trial: Walk = { resource: walk.resource, issues: [], steps: walk.steps };
    checkTyped(trial, node, member, info, parts);
    walk.steps = trial.steps;
    if (!trial.issues.some((issue) => issue.kind === 'wrong-type' && issue.node === node)) {
      walk.issues.push(...trial.issues);
      return;
    }
  }
  wrong();
}

function checkString(walk: Walk, node: Node, value: string, info: PropertyInfo, path: string): void {
  if ((info.maxLength !== undefined && value.length > info.maxLength) || (info.minLength !== undefined && value.length < info.minLength)) {
    walk.issues.push({ kind: 'length', resource: walk.resource, node, value, property: info, path });
    return;
  }
  if (info.pattern !== undefined && !patternOf(info.pattern).test(value)) {
    walk.issues.push({ kind: 'pattern', resource: walk.resource, node, value, property: info, path });
  }
}

const patterns = new Map<string, RegExp>();
function patternOf(source: string): RegExp {
  let pattern = patterns.get(source);
  if (!pattern) {
    pattern = new RegExp(source, 'u');
    patterns.set(source, pattern);
  }
  return pattern;
}

/** A value's identity for duplicate detection: its JSON with whitespace ignored. */
function canonical(node: Node): string {
  if (node.type === 'string' || node.type === 'number' || node.type === 'boolean' || node.type === 'null') {
    return JSON.stringify(node.value);
  }
  const children = node.children ?? [];
  if (node.type === 'array') return `[${children.map(canonical).join(',')}]`;
  if (node.type === 'object') {
    return `{${children.map((prop) => `${JSON.stringify(prop.children?.[0]?.value)}:${prop.children?.[1] ? canonical(prop.children[1]) : ''}`).join(',')}}`;
  }
  return '';
}

/**
 * Where a node of a resource's Properties sits in the schema: the type of the object it is (`object`), or of the
 * value it is (`value`). Undefined when the path leaves the schema or passes through an intrinsic function.
 */
export function schemaAt(resourceType: string, properties: Node, node: Node): { object?: TypeInfo; value?: SchemaType } | undefined {
  const steps: Array<string | number> = [];
  for (let current = node; current !== properties;) {
    const parent = current.parent;
    if (!parent) return undefined;
    if (parent.type === 'property') {
      if (parent.children?.[1] !== current) return undefined;
      steps.unshift(String(parent.children[0].value));
      current = parent.parent!;
      if (!current) return undefined;
      if (isIntrinsic(current)) return undefined;
    } else if (parent.type === 'array') {
      steps.unshift(0);
      current = parent;
    } else return undefined;
  }
  let object: TypeInfo | undefined = resourceSchema(resourceType);
  let value: SchemaType | undefined;
  for (const step of steps) {
    if (typeof step === 'string') {
      const info = ownProperty(object, step);
      if (!info) return undefined;
      value = info.type;
      object = undefined;
    } else {
      if (!value || typeof value !== 'object' || !('array' in value)) return undefined;
      value = value.array;
    }
    if (value && typeof value === 'object' && 'ref' in value) object = propertyTypeSchema(value.ref);
  }
  return steps.length === 0 ? { object } : { object, value };
}

/** The key of a schema type spelling the API member `apiName` (`subnets` -> `Subnets`). */
export function schemaKeyFor(info: TypeInfo, apiName: string): string | undefined {
  return Object.keys(info.properties).find((key) => apiNameOf(key, (name) => name === apiName) === apiName);
}
