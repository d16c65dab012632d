import type { JsonDocument } from '../core/document';
import type { Node } from '../core/json';
import type { HoverResult } from './hover';

/** Actions, ARNs, condition keys and operators explained (filled in by the IAM issue). */
export async function iamHover(_document: JsonDocument, _node: Node): Promise<HoverResult | undefined> {
  return undefined;
}
