// How a node of a YAML document's tree is written (plain or quoted scalar, block or flow collection, a
// short-form tag). Kept on the node itself by core/yaml.ts; JSON nodes have none. Edits and spans that
// depend on quoting ask here, without loading the YAML parser.
import type { Node } from 'jsonc-parser';

export type YamlStyle =
  'plain' | 'double' | 'single' | 'block-scalar' | 'block-map' | 'flow-map' | 'block-seq' | 'flow-seq' | 'tag' | 'alias';

export const YAML_STYLE = Symbol('yamlStyle');

/** The style of a node of a YAML tree; undefined for JSON nodes. */
export function yamlStyle(node: Node | undefined): YamlStyle | undefined {
  return node ? (node as Node & { [YAML_STYLE]?: YamlStyle })[YAML_STYLE] : undefined;
}

/** Whether a string node's text has a quote on each side (JSON strings, quoted YAML scalars). */
export function isQuoted(node: Node): boolean {
  const style = yamlStyle(node);
  return style === undefined ? node.type === 'string' : style === 'double' || style === 'single';
}

/** The text of each YAML tree, by its root: edit helpers that get only nodes find the text here. */
const texts = new WeakMap<Node, string>();

export function registerYamlText(root: Node, text: string): void {
  texts.set(root, text);
}

/** The text of the YAML document a node belongs to (undefined for JSON nodes). */
export function yamlTextOf(node: Node | undefined): string | undefined {
  if (!yamlStyle(node) && !(node?.type === 'property' && yamlStyle(node.parent))) return undefined;
  let root = node!;
  while (root.parent) root = root.parent;
  return texts.get(root);
}
