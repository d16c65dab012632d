// A JSON document written as a string inside a template (`"PolicyDocument": "{\"Version\": ...}"`, a YAML block
// scalar, or a `Fn::Join` with an empty delimiter / a `Fn::Sub` without variables whose parts are literal strings):
// parsed into a tree of its own whose offsets are those of the characters in the template's text, so rules, hover
// and fixes work on it as on any policy. Escape sequences are mapped: `\"` is two characters of the template for one
// of the policy. Fixes inside such a string are re-escaped by the analyser (`escapeEmbeddedEdit`).
import { parseTree, type ParseError } from 'jsonc-parser';
import { arrayItems, stringValue, type Node } from './json';
import { intrinsicOf } from './intrinsics';

/**
 * For each string node of an embedded tree: how many characters of the template's text its opening quote takes
 * (2 for `\"` inside a JSON string, 1 in a YAML scalar), so `innerSpan` finds the contents between the quotes.
 */
const quoteWidths = new WeakMap<Node, number>();

export function embeddedQuoteWidth(node: Node): number | undefined {
  return quoteWidths.get(node);
}

export interface EmbeddedRegion {
  /** Offsets in the template's text of the string contents (without quotes). */
  start: number;
  end: number;
  /** How text written there must be escaped: inside a JSON string, or YAML (no line breaks allowed). */
  format: 'json' | 'yaml';
}

/** Character i of the decoded string starts at starts[i] in the template's text and ends at ends[i]. */
interface Mapping {
  value: string;
  starts: number[];
  ends: number[];
}

/** Maps one string node's decoded value to the template's text, or undefined where it cannot. */
function mapString(text: string, node: Node, yaml: boolean): Mapping | undefined {
  if (node.type !== 'string' || typeof node.value !== 'string') return undefined;
  const value = node.value;
  const starts: number[] = [];
  const ends: number[] = [];
  const rawStart = node.offset;
  const rawEnd = node.offset + node.length;
  if (!yaml) {
    // A JSON string: "...", with escapes.
    if (text.charCodeAt(rawStart) !== 0x22) return undefined;
    let i = rawStart + 1;
    const end = rawEnd - 1;
    while (i < end) {
      const start = i;
      if (text[i] === '\\') {
        const next = text[i + 1];
        i += next === 'u' ? 6 : 2;
      } else {
        i += 1;
      }
      starts.push(start);
      ends.push(i);
    }
  } else {
    // YAML (plain, quoted or block scalar): align the value with the raw text, skipping what YAML adds
    // (quotes, indentation, escapes). Double-quoted YAML with escapes that change characters is refused.
    let i = rawStart;
    // A block scalar's header (`|`, `>-`, ...) ends its first line.
    if (text[i] === '|' || text[i] === '>') {
      while (i < rawEnd && text[i] !== '\n') i++;
    }
    for (let k = 0; k < value.length; k++) {
      const wanted = value[k];
      let guard = 0;
      while (i < rawEnd && text[i] !== wanted) {
        // Only what YAML may add between two characters: indentation, quotes, a line break folded away.
        if (!/[ \t'"\r\n]/.test(text[i]) || guard++ > 512) return undefined;
        i++;
      }
      if (i >= rawEnd) {
        // A block scalar's final line break (and only trailing whitespace) lies past the node's span.
        if (!/^\s*$/.test(value.slice(k))) return undefined;
        starts.push(rawEnd);
        ends.push(rawEnd);
        continue;
      }
      starts.push(i);
      ends.push(i + 1);
      i++;
    }
  }
  return starts.length === value.length ? { value, starts, ends } : undefined;
}

/** The string pieces whose concatenation is the value: a string, a static Fn::Sub, a Fn::Join with "" of strings. */
function piecesOf(node: Node): Node[] | undefined {
  if (node.type === 'string') return [node];
  const intrinsic = intrinsicOf(node);
  if (intrinsic?.name === 'Fn::Sub' && intrinsic.argument?.type === 'string') {
    return String(intrinsic.argument.value).includes('${') ? undefined : [intrinsic.argument];
  }
  if (intrinsic?.name === 'Fn::Join') {
    const [delimiter, list] = arrayItems(intrinsic.argument);
    if (stringValue(delimiter) !== '' || list?.type !== 'array') return undefined;
    const parts = arrayItems(list);
    return parts.length > 0 && parts.every((part) => part.type === 'string') ? parts : undefined;
  }
  return undefined;
}

/**
 * The JSON object written as a string at `node`, parsed, with offsets in the template's text; undefined when
 * the node is no such string or its text is not a JSON object.
 */
export function parseEmbeddedJson(text: string, node: Node, yaml: boolean): { root: Node; region: EmbeddedRegion } | undefined {
  const pieces = piecesOf(node);
  if (!pieces) return undefined;
  let value = '';
  const starts: number[] = [];
  const ends: number[] = [];
  for (const piece of pieces) {
    const mapping = mapString(text, piece, yaml);
    if (!mapping) return undefined;
    value += mapping.value;
    starts.push(...mapping.starts);
    ends.push(...mapping.ends);
  }
  if (!/^\s*\{/.test(value) || value.length > 1_000_000) return undefined;
  const errors: ParseError[] = [];
  const root = parseTree(value, errors, { allowTrailingComma: false, disallowComments: true });
  if (!root || root.type !== 'object' || errors.length > 0) return undefined;
  const place = (offset: number, length: number): { offset: number; length: number } => {
    const start = starts[offset] ?? ends[ends.length - 1];
    const end = length > 0 ? ends[offset + length - 1] : start;
    return { offset: start, length: end - start };
  };
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const current = stack.pop()!;
    const placed = place(current.offset, current.length);
    if (current.type === 'string' && current.length > 0) quoteWidths.set(current, ends[current.offset] - starts[current.offset]);
    // The tree is new and not shared: placing it in the template's text before anyone reads it.
    const writable = current as { offset: number; length: number; colonOffset?: number };
    if (writable.colonOffset !== undefined) writable.colonOffset = starts[writable.colonOffset];
    writable.offset = placed.offset;
    writable.length = placed.length;
    for (const child of current.children ?? []) stack.push(child);
  }
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  const region: EmbeddedRegion = {
    start: first.offset + (yaml ? 0 : 1),
    end: last.offset + last.length - (yaml ? 0 : 1),
    format: yaml ? 'yaml' : 'json',
  };
  return { root, region };
}

/** Text to write inside an embedded document: escaped for a JSON string; undefined where YAML cannot take it. */
export function escapeEmbeddedText(newText: string, region: EmbeddedRegion): string | undefined {
  if (region.format === 'json') return JSON.stringify(newText).slice(1, -1);
  return /[\r\n]/.test(newText) ? undefined : newText;
}
