import type { Node } from '../../core/json';
import type { Rule } from '../../core/rule';
import type { Fix } from '../../core/types';
import { removeNodes } from '../../core/edits';
import { ECS_DOCS } from '../../ecs/links';
import { describeType, type ShapeType } from '../../ecs/schema';
import { describeJsonValue, reportedShapeIssues } from './shapeText';

export const invalidType: Rule = {
  meta: {
    id: 'ecs/invalid-type',
    title: 'A value of the wrong JSON type',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: ECS_DOCS.registerApi,
    fixable: true,
    appliesTo: ['ecs-task-definition', 'ecs-service', 'cloudformation-template'],
    description: [
      'Each field has the type the ECS API model gives it, and the AWS CLI and SDKs refuse other types before the',
      'request is sent. Two cases surprise people: task-level `cpu` and `memory` are **strings** (`"256"`,',
      '`"1 vCPU"`, `"2 GB"`), while container-level `cpu`, `memory` and `memoryReservation` are **integers**; and',
      'every value in `logConfiguration.options` and `dockerLabels` is a string, so `"awslogs-create-group": true`',
      'must be written `"true"`. Quick fixes add or remove the quotes, or wrap a single value in an array.',
    ].join('\n'),
  },
  check(context) {
    const { text } = context.document;
    for (const issue of reportedShapeIssues(context.document)) {
      if (issue.kind !== 'wrong-type') continue;
      const field = issue.path || 'the task definition';
      const special =
        issue.path === 'cpu' || issue.path === 'memory'
          ? ' The API takes the task-level size as a string (in CPU units or MiB, or like "1 vCPU" / "2 GB"); containers take integers.'
          : '';
      const message =
        issue.node.type === 'null'
          ? `\`${field}\` is null; the AWS CLI and SDKs reject null where ${describeType(issue.expected)} is expected. Leave the field out instead (its default then applies).`
          : `\`${field}\` must be ${describeType(issue.expected)}, not ${describeJsonValue(issue.node)}.${special}`;
      context.report({
        at: issue.node,
        message,
        fixes: conversions(text, issue.node, issue.expected),
      });
    }
  },
};

function conversions(text: string, node: Node, expected: ShapeType): Fix[] {
  const replace = (title: string, newText: string): Fix => ({
    title,
    edits: [{ offset: node.offset, length: node.length, newText }],
    isPreferred: true,
  });
  const raw = text.slice(node.offset, node.offset + node.length);
  if (node.type === 'null' && node.parent?.type === 'property') {
    return [{ title: 'Remove the null field', edits: removeNodes([node.parent]), isPreferred: true }];
  }
  if ((expected.kind === 'string' || expected.kind === 'enum') && (node.type === 'number' || node.type === 'boolean')) {
    return [replace(`Write it as the string "${raw}"`, JSON.stringify(raw))];
  }
  if (expected.kind === 'integer' && node.type === 'string' && /^\s*-?\d+\s*$/.test(String(node.value))) {
    const number = String(Number(String(node.value).trim()));
    return [replace(`Write it as the number ${number}`, number)];
  }
  if (expected.kind === 'boolean' && node.type === 'string' && /^(true|false)$/i.test(String(node.value).trim())) {
    const value = String(node.value).trim().toLowerCase();
    return [replace(`Write it as the boolean ${value}`, value)];
  }
  if (expected.kind === 'array' && node.type !== 'array' && node.type !== 'null') {
    const itemFits =
      (expected.items.kind === 'structure' && node.type === 'object') ||
      ((expected.items.kind === 'string' || expected.items.kind === 'enum') && node.type === 'string');
    if (itemFits) return [replace('Wrap it in an array', `[${raw}]`)];
  }
  return [];
}
