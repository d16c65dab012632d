// Compares a task definition with the RegisterTaskDefinition shape from the ECS API model and lists
// what does not fit. Several rules (unknown field, wrong type, enum value, required field, read-only
// field) report from this one walk; it runs once per document.
import type { JsonDocument } from '../core/document';
import { objectProperties, type Node } from '../core/json';
import { ecsViews } from './taskDefinition';
import { isReadOnlyField, ROOT_TYPE, shapeInfo, enumValues, type MemberInfo, type ShapeType } from './schema';

export type ShapeIssue =
  | { kind: 'unknown-field'; key: Node; name: string; owner: Node; ownerShape: string; atRoot: boolean }
  | { kind: 'read-only-field'; key: Node; name: string; owner: Node }
  | { kind: 'wrong-type'; node: Node; expected: ShapeType; path: string }
  | { kind: 'invalid-enum'; node: Node; value: string; enumName: string; path: string }
  | { kind: 'missing-required'; owner: Node; ownerShape: string; name: string; member: MemberInfo; path: string }
  | { kind: 'union-members'; owner: Node; ownerShape: string; present: string[]; path: string };

const cache = new WeakMap<JsonDocument, ShapeIssue[]>();

export function shapeIssues(document: JsonDocument): ShapeIssue[] {
  let issues = cache.get(document);
  if (!issues) {
    issues = [];
    for (const view of ecsViews(document)) checkValue(view.node, ROOT_TYPE, '', issues, view.format === 'describe', true);
    cache.set(document, issues);
  }
  return issues;
}

function checkValue(node: Node, type: ShapeType, path: string, issues: ShapeIssue[], describeOutput: boolean, atRoot = false): void {
  switch (type.kind) {
    case 'structure': {
      if (node.type !== 'object') return void issues.push({ kind: 'wrong-type', node, expected: type, path });
      const shape = shapeInfo(type.shape);
      const present: string[] = [];
      for (const { key, value, name } of objectProperties(node)) {
        const member = shape.members[name];
        if (!member) {
          // describe-task-definition output carries read-only fields; in a register input they are mistakes too,
          // but a different one (copied output), so they get their own finding.
          if (atRoot && isReadOnlyField(name)) issues.push({ kind: 'read-only-field', key, name, owner: node });
          else issues.push({ kind: 'unknown-field', key, name, owner: node, ownerShape: type.shape, atRoot });
          continue;
        }
        present.push(name);
        if (value) checkValue(value, member.type, path ? `${path}.${name}` : name, issues, describeOutput);
      }
      if (shape.union) {
        if (present.length !== 1) issues.push({ kind: 'union-members', owner: node, ownerShape: type.shape, present, path });
        return;
      }
      for (const [name, member] of Object.entries(shape.members)) {
        if (member.required && !present.includes(name)) issues.push({ kind: 'missing-required', owner: node, ownerShape: type.shape, name, member, path });
      }
      return;
    }
    case 'array': {
      if (node.type !== 'array') return void issues.push({ kind: 'wrong-type', node, expected: type, path });
      (node.children ?? []).forEach((item, index) => checkValue(item, type.items, `${path}[${index}]`, issues, describeOutput));
      return;
    }
    case 'map': {
      if (node.type !== 'object') return void issues.push({ kind: 'wrong-type', node, expected: type, path });
      for (const { value, name } of objectProperties(node)) if (value) checkValue(value, type.values, `${path}.${name}`, issues, describeOutput);
      return;
    }
    case 'enum': {
      if (node.type !== 'string') return void issues.push({ kind: 'wrong-type', node, expected: type, path });
      const value = String(node.value);
      if (!enumValues(type.enum).includes(value)) issues.push({ kind: 'invalid-enum', node, value, enumName: type.enum, path });
      return;
    }
    case 'string':
      if (node.type !== 'string') issues.push({ kind: 'wrong-type', node, expected: type, path });
      return;
    case 'integer':
      if (node.type !== 'number' || !Number.isInteger(node.value)) issues.push({ kind: 'wrong-type', node, expected: type, path });
      return;
    case 'boolean':
      if (node.type !== 'boolean') issues.push({ kind: 'wrong-type', node, expected: type, path });
      return;
    case 'timestamp':
      return;
  }
}
