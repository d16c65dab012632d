// Wording shared by the shape rules: how a structure and a JSON value read in messages.
import type { Node } from '../../core/json';
import { CREATE_SERVICE_SHAPE, ROOT_SHAPE, UPDATE_SERVICE_SHAPE } from '../../ecs/schema';

export function shapeName(shape: string): string {
  if (shape === ROOT_SHAPE) return 'the task definition';
  if (shape === CREATE_SERVICE_SHAPE) return 'the service (create-service input)';
  if (shape === UPDATE_SERVICE_SHAPE) return 'the service (update-service input)';
  const words = shape
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(' ')
    .map((word) => (/^[A-Z][a-z]/.test(word) ? word.toLowerCase() : word));
  return `a ${words.join(' ')}`;
}

export function describeJsonValue(node: Node): string {
  switch (node.type) {
    case 'string':
      return `the string ${JSON.stringify(node.value).slice(0, 60)}`;
    case 'number':
      return `the number ${node.value}`;
    case 'boolean':
      return `the boolean ${node.value}`;
    case 'null':
      return 'null';
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
    default:
      return 'a value';
  }
}

/** Where to put a finding about a whole object: the key holding it, else its opening brace. */
export function objectAnchor(objectNode: Node): Node | { offset: number; length: number } {
  const parent = objectNode.parent;
  if (parent?.type === 'property' && parent.children?.[0]) return parent.children[0];
  return { offset: objectNode.offset, length: 1 };
}
