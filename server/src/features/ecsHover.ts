import type { JsonDocument } from '../core/document';
import type { Node } from '../core/json';
import type { HoverResult } from './hover';

/** Documentation of any task-definition field from the ECS API model (filled in by the ECS issue). */
export function ecsFieldHover(_document: JsonDocument, _node: Node): HoverResult | undefined {
  return undefined;
}
