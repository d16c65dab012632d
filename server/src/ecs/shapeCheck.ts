// Compares a task definition with the RegisterTaskDefinition shape from the ECS API model and lists
// what does not fit. Several rules (unknown field, wrong type, enum value, required field, read-only
// field) report from this one walk; it runs once per document.
import type { JsonDocument } from '../core/document';
import { fieldLabel } from '../core/fieldNames';
import { apiNameOf, cloudFormationName, type Node } from '../core/json';
import { branchesOf, isIntrinsic } from '../core/intrinsics';
import { terraformName } from '../core/hcl';
import { ecsViews } from './taskDefinition';
import {
  isReadOnlyField,
  ROOT_SHAPE,
  ROOT_TYPE,
  CREATE_SERVICE_SHAPE,
  serviceRootType,
  shapeInfo,
  enumValues,
  type MemberInfo,
  type ShapeInfo,
  type ShapeType,
} from './schema';

export type ShapeIssue = ShapeIssueKind & {
  /** On an `AWS::ECS::Service` of a template: its Properties (the CloudFormation schema decides what is reported). */
  templateService?: Node;
};

type ShapeIssueKind =
  | { kind: 'unknown-field'; key: Node; name: string; owner: Node; ownerShape: string; atRoot: boolean }
  | { kind: 'read-only-field'; key: Node; name: string; owner: Node }
  | { kind: 'wrong-type'; node: Node; expected: ShapeType; path: string }
  | { kind: 'invalid-enum'; node: Node; value: string; enumName: string; path: string }
  | {
      kind: 'missing-required';
      owner: Node;
      ownerShape: string;
      name: string;
      /** The name as the document spells it (`Subnets` in a template). */
      written: string;
      member: MemberInfo;
      path: string;
    }
  | { kind: 'union-members'; owner: Node; ownerShape: string; present: string[]; path: string };

const cache = new WeakMap<JsonDocument, ShapeIssue[]>();

export function shapeIssues(document: JsonDocument): ShapeIssue[] {
  let issues = cache.get(document);
  if (!issues) {
    issues = [];
    for (const view of ecsViews(document)) {
      checkValue(view.format === 'cloudformation' ? CLOUDFORMATION : API, view.node, ROOT_TYPE, [], issues, 0);
    }
    // create-service / update-service input.
    for (const service of document.services) {
      if (service.format === 'api') checkValue(API, service.node, serviceRootType(service.node), [], issues, 0);
    }
    // A template's AWS::ECS::Service follows CloudFormation's own property schema, which `cfn/*` rules check
    // (ForceNewDeployment is an object there, ClientToken does not exist). CloudFormation passes the properties to
    // CreateService, so what the API model says beyond that schema still holds; the issues are marked with the
    // service, and the rules keep those the schema does not report (rules/ecs/shapeText.ts).
    for (const service of document.services) {
      if (service.format !== 'cloudformation') continue;
      const found: ShapeIssue[] = [];
      const dialect = document.format === 'hcl' ? TERRAFORM : CLOUDFORMATION;
      checkValue(dialect, service.node, { kind: 'structure', shape: CREATE_SERVICE_SHAPE }, [], found, 0);
      for (const issue of found) issues.push({ ...issue, templateService: service.node });
    }
    cache.set(document, issues);
  }
  return issues;
}

/** Per structure: its required members (and whether it is a union), computed once. */
const requiredMembers = new Map<string, Array<[string, MemberInfo]>>();
function requiredOf(shape: string): Array<[string, MemberInfo]> {
  let list = requiredMembers.get(shape);
  if (!list) {
    list = Object.entries(shapeInfo(shape).members).filter(([, member]) => member.required);
    requiredMembers.set(shape, list);
  }
  return list;
}

const enumSets = new Map<string, Set<string>>();
function enumSet(name: string): Set<string> {
  let set = enumSets.get(name);
  if (!set) {
    set = new Set(enumValues(name));
    enumSets.set(name, set);
  }
  return set;
}

/** The path of a node as messages show it (`containerDefinitions[0].cpu`); built only for findings. */
type PathParts = Array<string | number>;
function pathText(parts: PathParts): string {
  let text = '';
  for (const part of parts) text += typeof part === 'number' ? `[${part}]` : text ? `.${part}` : part;
  return text;
}

/**
 * How a task definition is written. The API form (register input, describe output) names members as the
 * model does and types scalars strictly. A CloudFormation `AWS::ECS::TaskDefinition` writes PascalCase keys
 * (and CloudFormation's own spellings such as `EFSVolumeConfiguration`: `apiNameOf`, the mapping `property()`
 * uses), takes intrinsic functions as values (never a type error; both branches of a Fn::If are checked),
 * converts scalars (`"512"` for an integer), requires neither `Family` nor `ContainerDefinitions`, and has
 * no read-only fields.
 */
interface Dialect {
  cloudFormation: boolean;
  /** The model's member name for a key as written, or undefined when the structure has no such member. */
  memberName(written: string, shape: ShapeInfo): string | undefined;
  /** Checks a value whose type is a scalar (string, integer, boolean, enum, timestamp). */
  checkScalar(node: Node, type: ShapeType, parts: PathParts, issues: ShapeIssue[]): void;
  /** How the document writes a member's name, when it is not the model's (or CloudFormation's) spelling. */
  writtenName?(name: string, shape: string): string;
  /** How a message names a key of `owner` (in paths), when not as written. */
  keyLabel?(owner: Node, written: string): string;
}

const API: Dialect = {
  cloudFormation: false,
  memberName: (written, shape) => (shape.members[written] ? written : undefined),
  checkScalar(node, type, parts, issues) {
    switch (type.kind) {
      case 'enum': {
        if (node.type !== 'string') return void issues.push({ kind: 'wrong-type', node, expected: type, path: pathText(parts) });
        const value = String(node.value);
        if (!enumSet(type.enum).has(value)) issues.push({ kind: 'invalid-enum', node, value, enumName: type.enum, path: pathText(parts) });
        return;
      }
      case 'string':
        if (node.type !== 'string') issues.push({ kind: 'wrong-type', node, expected: type, path: pathText(parts) });
        return;
      case 'integer':
        if (node.type !== 'number' || !Number.isInteger(node.value)) {
          issues.push({ kind: 'wrong-type', node, expected: type, path: pathText(parts) });
        }
        return;
      case 'boolean':
        if (node.type !== 'boolean') issues.push({ kind: 'wrong-type', node, expected: type, path: pathText(parts) });
        return;
      default:
        return;
    }
  },
};

const CLOUDFORMATION: Dialect = {
  cloudFormation: true,
  memberName: (written, shape) => apiNameOf(written, (candidate) => shape.members[candidate] !== undefined),
  checkScalar(node, type, parts, issues) {
    // CloudFormation converts scalars: "512" for an integer, 512 for a string, "true" for a boolean.
    if (node.type === 'object' || node.type === 'array' || node.type === 'null') {
      issues.push({ kind: 'wrong-type', node, expected: type, path: pathText(parts) });
      return;
    }
    if (type.kind === 'enum' && node.type === 'string') {
      const value = String(node.value);
      if (!enumSet(type.enum).has(value)) issues.push({ kind: 'invalid-enum', node, value, enumName: type.enum, path: pathText(parts) });
    }
    if (type.kind === 'integer' && node.type === 'string' && !/^\s*-?\d+\s*$/.test(String(node.value))) {
      issues.push({ kind: 'wrong-type', node, expected: type, path: pathText(parts) });
    }
    if (type.kind === 'boolean' && node.type === 'string' && !/^(true|false)$/i.test(String(node.value))) {
      issues.push({ kind: 'wrong-type', node, expected: type, path: pathText(parts) });
    }
  },
};

/**
 * An `aws_ecs_service` of a Terraform file (core/hcl.ts): its arguments and blocks under CreateService's names,
 * scalars converted as Terraform converts them (`"2"` for a number), references unknown values; a missing
 * member is named as Terraform writes it.
 */
const TERRAFORM: Dialect = {
  cloudFormation: true,
  memberName: API.memberName,
  checkScalar: CLOUDFORMATION.checkScalar,
  writtenName: (name) => terraformName(name),
  keyLabel: (owner, written) => fieldLabel(owner, written),
};

/** Intrinsic functions nested deeper than this (Fn::If in Fn::If ...) are not followed. */
const MAX_INTRINSIC_DEPTH = 64;

/** The one walk: a value against its type from the model; `depth` 0 is the task definition itself. */
function checkValue(dialect: Dialect, node: Node, type: ShapeType, parts: PathParts, issues: ShapeIssue[], depth: number): void {
  if (dialect.cloudFormation && isIntrinsic(node)) {
    if (depth > MAX_INTRINSIC_DEPTH) return;
    // Fn::If: each branch must fit; other intrinsics are values the linter cannot know.
    const branches = branchesOf(node);
    if (branches.length === 1 && branches[0] === node) return;
    for (const branch of branches) if (!isIntrinsic(branch)) checkValue(dialect, branch, type, parts, issues, depth + 1);
    return;
  }
  switch (type.kind) {
    case 'structure': {
      if (node.type !== 'object') return void issues.push({ kind: 'wrong-type', node, expected: type, path: pathText(parts) });
      const shape = shapeInfo(type.shape);
      const required = requiredOf(type.shape);
      const present: string[] | undefined = required.length > 0 || shape.union ? [] : undefined;
      const atRoot = depth === 0;
      for (const property of node.children ?? []) {
        const key = property.children?.[0];
        if (!key) continue;
        const written = String(key.value);
        const name = dialect.memberName(written, shape);
        if (!name) {
          // describe-task-definition output carries read-only fields; in a register input they are mistakes too,
          // but a different one (copied output), so they get their own finding.
          if (atRoot && !dialect.cloudFormation && type.shape === ROOT_SHAPE && isReadOnlyField(written)) {
            issues.push({ kind: 'read-only-field', key, name: written, owner: node });
          } else issues.push({ kind: 'unknown-field', key, name: written, owner: node, ownerShape: type.shape, atRoot });
          continue;
        }
        present?.push(name);
        const value = property.children?.[1];
        if (value) {
          parts.push(dialect.keyLabel ? dialect.keyLabel(node, written) : written);
          checkValue(dialect, value, shape.members[name].type, parts, issues, depth + 1);
          parts.pop();
        }
      }
      if (shape.union) {
        if (present!.length !== 1) {
          issues.push({ kind: 'union-members', owner: node, ownerShape: type.shape, present: present!, path: pathText(parts) });
        }
        return;
      }
      // In a template, neither Family nor ContainerDefinitions is required.
      if (atRoot && dialect.cloudFormation) return;
      for (const [name, member] of required) {
        if (!present!.includes(name)) {
          issues.push({
            kind: 'missing-required',
            owner: node,
            ownerShape: type.shape,
            name,
            written: dialect.writtenName
              ? dialect.writtenName(name, type.shape)
              : dialect.cloudFormation
                ? cloudFormationName(name, type.shape)
                : name,
            member,
            path: pathText(parts),
          });
        }
      }
      return;
    }
    case 'array': {
      if (node.type !== 'array') return void issues.push({ kind: 'wrong-type', node, expected: type, path: pathText(parts) });
      const items = node.children ?? [];
      for (let index = 0; index < items.length; index++) {
        parts.push(index);
        checkValue(dialect, items[index], type.items, parts, issues, depth + 1);
        parts.pop();
      }
      return;
    }
    case 'map': {
      if (node.type !== 'object') return void issues.push({ kind: 'wrong-type', node, expected: type, path: pathText(parts) });
      for (const property of node.children ?? []) {
        const value = property.children?.[1];
        if (!value) continue;
        parts.push(String(property.children?.[0]?.value));
        checkValue(dialect, value, type.values, parts, issues, depth + 1);
        parts.pop();
      }
      return;
    }
    case 'document':
      return;
    default:
      dialect.checkScalar(node, type, parts, issues);
  }
}
