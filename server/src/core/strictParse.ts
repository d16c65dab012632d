// A fast path for the common case: text that is strictly valid JSON (RFC 8259). It builds the same tree
// as jsonc-parser's parseTree (node types, offsets, lengths, parents, values, colon offsets) without the
// visitor and token machinery, which made parsing the largest single cost of linking a small file.
// At the first departure from strict JSON (a comment, a trailing comma, an error, unusual whitespace,
// empty text) it gives up and the caller parses with jsonc-parser, which is tolerant and reports errors:
// so on anything but valid JSON the result is exactly jsonc-parser's. Deeper nesting than `maxDepth` is
// left to the caller too (parseDocument reports it).
import type { Node } from 'jsonc-parser';

/** jsonc-parser's Node with its fields writable, for building. */
type Building = { -readonly [Key in keyof Node]: Node[Key] };

const NOT_STRICT = { notStrict: true };

let text = '';
let pos = 0;
let depth = 0;
let maxDepth = 0;

/** The jsonc-parser tree of `source` if it is strictly valid JSON, else `undefined` (parse it with jsonc-parser). */
export function parseStrictJson(source: string, depthLimit = 1000): Node | undefined {
  text = source;
  maxDepth = depthLimit;
  pos = 0;
  depth = 0;
  try {
    skipWhitespace();
    if (pos >= text.length) return undefined;
    const root = parseValue(undefined);
    skipWhitespace();
    return pos === text.length ? root : undefined;
  } catch (error) {
    if (error === NOT_STRICT) return undefined;
    throw error;
  } finally {
    text = '';
  }
}

function skipWhitespace(): void {
  for (;;) {
    const code = text.charCodeAt(pos);
    if (code === 32 || code === 10 || code === 13 || code === 9) pos++;
    else return;
  }
}

function parseValue(parent: Node | undefined): Node {
  const code = text.charCodeAt(pos);
  switch (code) {
    case 123 /* { */:
      return parseObject(parent);
    case 91 /* [ */:
      return parseArray(parent);
    case 34 /* " */: {
      const offset = pos;
      const value = readString();
      return { type: 'string', offset, length: pos - offset, parent, value } as Node;
    }
    case 116 /* t */:
      return literal(parent, 'true', 'boolean', true);
    case 102 /* f */:
      return literal(parent, 'false', 'boolean', false);
    case 110 /* n */:
      return literal(parent, 'null', 'null', null);
    default:
      if (code === 45 /* - */ || (code >= 48 && code <= 57)) return parseNumber(parent);
      throw NOT_STRICT;
  }
}

function literal(parent: Node | undefined, word: string, type: 'boolean' | 'null', value: boolean | null): Node {
  if (!text.startsWith(word, pos)) throw NOT_STRICT;
  const offset = pos;
  pos += word.length;
  return { type, offset, length: word.length, parent, value } as Node;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function parseNumber(parent: Node | undefined): Node {
  const offset = pos;
  if (text.charCodeAt(pos) === 45) pos++;
  const first = text.charCodeAt(pos);
  if (first === 48) pos++;
  else if (first >= 49 && first <= 57) while (isDigit(text.charCodeAt(++pos)));
  else throw NOT_STRICT;
  if (text.charCodeAt(pos) === 46 /* . */) {
    if (!isDigit(text.charCodeAt(++pos))) throw NOT_STRICT;
    while (isDigit(text.charCodeAt(++pos)));
  }
  const exponent = text.charCodeAt(pos);
  if (exponent === 101 || exponent === 69 /* e E */) {
    const sign = text.charCodeAt(++pos);
    if (sign === 43 || sign === 45) pos++;
    if (!isDigit(text.charCodeAt(pos))) throw NOT_STRICT;
    while (isDigit(text.charCodeAt(++pos)));
  }
  return { type: 'number', offset, length: pos - offset, parent, value: Number(text.slice(offset, pos)) } as Node;
}

/** Reads the string at `pos` (its opening quote) and leaves `pos` after its closing quote. */
function readString(): string {
  const start = pos + 1;
  for (let at = start; ; at++) {
    const code = text.charCodeAt(at);
    if (code === 34) {
      pos = at + 1;
      return text.slice(start, at);
    }
    if (code === 92 /* \ */) return readEscapedString(at);
    // Control characters are not allowed in JSON strings; NaN is the end of the text.
    if (!(code >= 32)) throw NOT_STRICT;
  }
}

const SIMPLE_ESCAPES = new Set([34, 92, 47, 98, 102, 110, 114, 116]); // " \ / b f n r t

function readEscapedString(firstEscape: number): string {
  const quote = pos;
  let at = firstEscape;
  for (;;) {
    const code = text.charCodeAt(at);
    if (code === 34) break;
    if (code === 92) {
      const escaped = text.charCodeAt(at + 1);
      if (escaped === 117 /* u */) {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) throw NOT_STRICT;
        at += 6;
        continue;
      }
      if (!SIMPLE_ESCAPES.has(escaped)) throw NOT_STRICT;
      at += 2;
      continue;
    }
    if (!(code >= 32)) throw NOT_STRICT;
    at++;
  }
  pos = at + 1;
  // The escapes are exactly JSON's, so JSON.parse decodes them as jsonc-parser does (lone surrogates included).
  return JSON.parse(text.slice(quote, pos)) as string;
}

function enter(): void {
  if (++depth > maxDepth) throw NOT_STRICT;
}

function parseObject(parent: Node | undefined): Node {
  enter();
  const object: Building = { type: 'object', offset: pos, length: -1, parent, children: [] };
  pos++;
  skipWhitespace();
  if (text.charCodeAt(pos) === 125 /* } */) {
    pos++;
    object.length = pos - object.offset;
    depth--;
    return object;
  }
  for (;;) {
    if (text.charCodeAt(pos) !== 34) throw NOT_STRICT;
    const offset = pos;
    const property: Building = { type: 'property', offset, length: -1, parent: object, children: [], colonOffset: -1 };
    const name = readString();
    property.children!.push({ type: 'string', offset, length: pos - offset, parent: property, value: name } as Node);
    skipWhitespace();
    if (text.charCodeAt(pos) !== 58 /* : */) throw NOT_STRICT;
    property.colonOffset = pos;
    pos++;
    skipWhitespace();
    property.children!.push(parseValue(property));
    property.length = pos - offset;
    object.children!.push(property);
    skipWhitespace();
    const next = text.charCodeAt(pos);
    if (next === 44 /* , */) {
      pos++;
      skipWhitespace();
      continue;
    }
    if (next !== 125) throw NOT_STRICT;
    pos++;
    object.length = pos - object.offset;
    depth--;
    return object;
  }
}

function parseArray(parent: Node | undefined): Node {
  enter();
  const array: Building = { type: 'array', offset: pos, length: -1, parent, children: [] };
  pos++;
  skipWhitespace();
  if (text.charCodeAt(pos) === 93 /* ] */) {
    pos++;
    array.length = pos - array.offset;
    depth--;
    return array;
  }
  for (;;) {
    array.children!.push(parseValue(array));
    skipWhitespace();
    const next = text.charCodeAt(pos);
    if (next === 44) {
      pos++;
      skipWhitespace();
      continue;
    }
    if (next !== 93) throw NOT_STRICT;
    pos++;
    array.length = pos - array.offset;
    depth--;
    return array;
  }
}
