// Where the cursor is in a YAML document, in the terms completion uses for JSON (jsonc-parser's
// getLocation): the path of the key being typed and that it is a key. A key is being typed on a line that
// holds only an indentation (or `- `) and a word; its mapping is the one whose keys start at that column
// on the lines above.
import { getNodePath, type JSONPath } from 'jsonc-parser';
import type { JsonDocument } from '../core/document';
import { nodeAtOffset, type Node } from '../core/json';

export interface YamlKeyLocation {
  path: JSONPath;
  isAtPropertyKey: true;
  /** The mapping the key is typed into. */
  objectNode: Node;
}

export function yamlKeyLocation(document: JsonDocument, offset: number): YamlKeyLocation | undefined {
  const text = document.text;
  let lineStart = offset;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  const typed = /^([ ]*)([A-Za-z0-9_-]*)$/.exec(text.slice(lineStart, offset));
  if (!typed) return undefined;
  const column = typed[1].length;
  // The nearest line above with a key at the same column names the mapping.
  let end = lineStart;
  for (let lines = 0; end > 0 && lines < 10_000; lines++) {
    let start = end - 1;
    if (text[start] === '\n' && text[start - 1] === '\r') start--;
    while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
    const line = text.slice(start, end);
    const match = /^([ ]*)(- )?([^\s#][^:#]*?):(\s|$)/.exec(line);
    end = start;
    if (!match) continue;
    const keyColumn = match[1].length + (match[2]?.length ?? 0);
    if (keyColumn < column && !match[2]) return undefined;
    if (keyColumn !== column) {
      if (keyColumn < column) return undefined;
      continue;
    }
    const keyNode = nodeAtOffset(document.root, start + keyColumn);
    const property = keyNode?.type === 'property' ? keyNode : keyNode?.parent?.type === 'property' ? keyNode.parent : undefined;
    const objectNode = property?.parent;
    if (!objectNode || objectNode.type !== 'object') return undefined;
    return { path: [...getNodePath(objectNode), typed[2]], isAtPropertyKey: true, objectNode };
  }
  return undefined;
}

export interface YamlValueLocation {
  path: JSONPath;
  isAtPropertyKey: false;
  /** The scalar being typed after `Key: ` (empty at the colon's space), which a value replaces. */
  replace: { offset: number; length: number };
  /** The quote it is written in, if any. */
  quote: '' | '"' | "'";
}

/** A value typed after `Key: ` on the cursor's line (block style): the key's path and the scalar's span. */
export function yamlValueLocation(document: JsonDocument, offset: number): YamlValueLocation | undefined {
  const text = document.text;
  let lineStart = offset;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  const match = /^([ ]*)(- )?([A-Za-z0-9_.-]+):[ ]+(["']?)([^"'#]*)$/.exec(text.slice(lineStart, offset));
  if (!match) return undefined;
  const keyOffset = lineStart + match[1].length + (match[2]?.length ?? 0);
  const keyNode = nodeAtOffset(document.root, keyOffset);
  const property = keyNode?.type === 'property' ? keyNode : keyNode?.parent?.type === 'property' ? keyNode.parent : undefined;
  if (!property || property.children?.[0]?.value !== match[3]) return undefined;
  const start = offset - match[4].length - match[5].length;
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r' && text[end] !== '#') end++;
  while (end > offset && text[end - 1] === ' ') end--;
  const value = property.children?.[1];
  const path = value ? getNodePath(value) : [...getNodePath(property.parent!), match[3]];
  return { path, isAtPropertyKey: false, replace: { offset: start, length: end - start }, quote: match[4] as '' | '"' | "'" };
}

/** A string as a YAML scalar: in `quote` if given, plain when YAML allows it, else single-quoted. */
export function yamlScalar(value: string, quote: '' | '"' | "'" = ''): string {
  const plain =
    value.length > 0 &&
    !/^[-?:,[\]{}#&*!|>'"%@`\s]/.test(value) &&
    !/: |\s#|:$|\s$/.test(value) &&
    !/^(true|false|null|~|yes|no|on|off|[-+.\d][\d_.eE+-]*)$/i.test(value);
  const use = quote || (plain ? '' : "'");
  if (use === "'") return `'${value.replace(/'/g, "''")}'`;
  if (use === '"') return JSON.stringify(value);
  return value;
}
