// A JSON document written as a string inside a template (`"PolicyDocument": "{\"Version\": ...}"`, a YAML block
// scalar, a `Fn::Join` with an empty delimiter whose parts are literal strings, or a `Fn::Sub` in either form):
// parsed into a tree of its own whose offsets are those of the characters in the template's text, so rules, hover
// and fixes work on it as on any policy. Escape sequences are mapped: `\"` is two characters of the template for one
// of the policy. Fixes inside such a string are re-escaped by the analyser (`escapeEmbeddedText`).
//
// In a `Fn::Sub`, a JSON string value holding a variable (`"arn:aws:s3:::${Bucket}/*"`) is a value known only at
// deployment: it becomes a `{"Fn::Sub": "..."}` node of the tree (with the variables of the template's Fn::Sub), so
// every rule treats it as it treats an intrinsic function written as an object, never as a literal. `${!Literal}` is
// CloudFormation's escape for the text `${Literal}` (an IAM policy variable such as `${aws:username}`): a string
// holding only such escapes is a literal whose value drops the `!`. A variable outside a JSON string, or in a property
// name, leaves the document unparsed (no finding is better than a false one).
import { parseTree, type ParseError } from 'jsonc-parser';
import { arrayItems, stringValue, type Node } from './json';
import { intrinsicOf, setEmbeddedHost, setSubVariables } from './intrinsics';

/**
 * For each string node of an embedded tree: how many characters of the template's text its opening quote takes
 * (2 for `\"` inside a JSON string, 1 in a YAML scalar), so `innerSpan` finds the contents between the quotes.
 */
const QUOTE_WIDTH = Symbol('embedded-quote-width');
// A field on the node itself: a WeakMap entry per string of a large document (a long container list) costs more than the parse.
const quoteWidths = {
  get: (node: Node) => (node as Node & { [QUOTE_WIDTH]?: number })[QUOTE_WIDTH],
  set: (node: Node, width: number) => void ((node as Node & { [QUOTE_WIDTH]?: number })[QUOTE_WIDTH] = width),
};

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

interface Pieces {
  /** The string nodes whose concatenation is the document's text. */
  nodes: Node[];
  /** A Fn::Sub: its `${...}` are CloudFormation's; `variables` is the map of its two-argument form. */
  sub?: { variables: Node | undefined };
}

/** The string pieces whose concatenation is the value: a string, a Fn::Sub (one or two arguments), a Fn::Join with "" of strings. */
function piecesOf(node: Node): Pieces | undefined {
  if (node.type === 'string') return { nodes: [node] };
  const intrinsic = intrinsicOf(node);
  if (intrinsic?.name === 'Fn::Sub') {
    const argument = intrinsic.argument;
    if (argument?.type === 'string') return { nodes: [argument], sub: { variables: undefined } };
    const [template, variables] = arrayItems(argument);
    if (argument?.type !== 'array' || template?.type !== 'string' || (variables !== undefined && variables.type !== 'object')) {
      return undefined;
    }
    return { nodes: [template], sub: { variables } };
  }
  if (intrinsic?.name === 'Fn::Join') {
    const [delimiter, list] = arrayItems(intrinsic.argument);
    if (stringValue(delimiter) !== '' || list?.type !== 'array') return undefined;
    const parts = arrayItems(list);
    return parts.length > 0 && parts.every((part) => part.type === 'string') ? { nodes: parts } : undefined;
  }
  return undefined;
}

/** A Fn::Sub variable (`${Bucket}`, `${AWS::Region}`, `${Role.Arn}`); `${!Text}` is the escape for the literal `${Text}`. */
const SUB_VARIABLE = /\$\{(?!!)[^{}$]{0,256}\}/;
const SUB_ESCAPE = /\$\{!([^{}$]{0,256})\}/g;

/**
 * In a Fn::Sub document: each string value holding a variable becomes a `{"Fn::Sub": ...}` node with the same span
 * (its text is the Fn::Sub template, resolved with the template's variables); a string holding only escapes gets the
 * value CloudFormation produces. False when a property name holds a variable.
 */
function applySubstitutions(root: Node, variables: Node | undefined): boolean {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.type === 'string' && typeof current.value === 'string' && current.value.includes('${')) {
      const parent = current.parent;
      const isKey = parent?.type === 'property' && parent.children?.[0] === current;
      if (SUB_VARIABLE.test(current.value)) {
        if (isKey || !parent?.children) return false;
        const intrinsic = subNode(current, variables);
        parent.children[parent.children.indexOf(current)] = intrinsic;
        (intrinsic as { parent?: Node }).parent = parent;
        continue;
      }
      (current as { value: string }).value = current.value.replace(SUB_ESCAPE, '$${$1}');
      continue;
    }
    for (const child of current.children ?? []) stack.push(child);
  }
  return true;
}

/** `{"Fn::Sub": <string>}` over the string's span; the key is an empty span at its end, so offsets inside the string find the string. */
function subNode(string: Node, variables: Node | undefined): Node {
  const end = string.offset + string.length;
  const object = { type: 'object', offset: string.offset, length: string.length, children: [] as Node[] } as unknown as Node;
  const entry = {
    type: 'property',
    offset: string.offset,
    length: string.length,
    parent: object,
    children: [] as Node[],
  } as unknown as Node;
  const key = { type: 'string', value: 'Fn::Sub', offset: end, length: 0, parent: entry } as unknown as Node;
  entry.children!.push(key, string);
  (string as { parent?: Node }).parent = entry;
  object.children!.push(entry);
  if (variables) setSubVariables(object, variables);
  return object;
}

/**
 * The JSON object written as a string at `node`, parsed, with offsets in the template's text; undefined when
 * the node is no such string or its text is not a JSON object.
 */
export function parseEmbeddedJson(text: string, node: Node, yaml: boolean): { root: Node; region: EmbeddedRegion } | undefined {
  if (parsed.has(node)) return parsed.get(node) ?? undefined;
  const result = parseUncached(text, node, yaml);
  parsed.set(node, result ?? null);
  return result;
}

/** The template node a document was parsed from -> that document (null: not a JSON object). */
const parsed = new WeakMap<Node, { root: Node; region: EmbeddedRegion } | null>();

/** The document parsed from a string (or Fn::Sub, Fn::Join) of the template, once the template was classified. */
export function embeddedDocumentOf(node: Node): Node | undefined {
  return parsed.get(node)?.root;
}

/**
 * A JSON object or array written as a JSON string at `node` (a Terraform `.tf.json` file's `container_definitions`),
 * parsed with offsets in the file's text, not cached; undefined when the node is no such string or its text is not JSON.
 */
export function parseEmbeddedJsonValue(text: string, node: Node): { root: Node; region: EmbeddedRegion } | undefined {
  return parseUncached(text, node, false, true);
}

function parseUncached(text: string, node: Node, yaml: boolean, anyValue = false): { root: Node; region: EmbeddedRegion } | undefined {
  const found = piecesOf(node);
  if (!found) return undefined;
  const pieces = found.nodes;
  let value = '';
  let starts: number[] = [];
  let ends: number[] = [];
  for (const piece of pieces) {
    const mapping = mapString(text, piece, yaml);
    if (!mapping) return undefined;
    value += mapping.value;
    if (pieces.length === 1) {
      ({ starts, ends } = mapping);
      break;
    }
    // One by one: spreading a long string's offsets as arguments overflows the call stack (about 120,000 characters).
    for (let i = 0; i < mapping.starts.length; i++) {
      starts.push(mapping.starts[i]);
      ends.push(mapping.ends[i]);
    }
  }
  if (!(anyValue ? /^\s*[{[]/ : /^\s*\{/).test(value) || value.length > 1_000_000) return undefined;
  const errors: ParseError[] = [];
  const root = parseTree(value, errors, { allowTrailingComma: false, disallowComments: true });
  if (!root || (root.type !== 'object' && !(anyValue && root.type === 'array')) || errors.length > 0) return undefined;
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
  if (found.sub && !applySubstitutions(root, found.sub.variables)) return undefined;
  // Parameters, resources and pseudo parameters of a `${...}` are the template's.
  setEmbeddedHost(root, node);
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
