// YAML documents (CloudFormation templates, `--cli-input-yaml` task definitions and policies) parsed into
// the same tree as JSON: jsonc-parser's Node kinds (object, property, array, string, number, boolean, null),
// UTF-16 offsets into the text, key nodes, parents. Every rule, hover, completion and the roles engine read
// that tree, so they run on YAML unchanged.
//
// CloudFormation's short-form tags become the long form the intrinsic resolver reads: `!Ref X` is the object
// `{ "Ref": "X" }` whose key node spans the tag, `!GetAtt A.B` is `{ "Fn::GetAtt": ["A", "B"] }` with one string
// node for each part. The parser is the `yaml` package (ISC), which keeps source ranges.
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node as YamlNode } from 'yaml';
import type { Node } from './json';
import type { TextEdit } from './types';
import { YAML_STYLE as STYLE, registerYamlText, yamlStyle, type YamlStyle } from './yamlStyle';

export { yamlStyle, type YamlStyle } from './yamlStyle';

type Building = { -readonly [Key in keyof Node]: Node[Key] } & { [STYLE]?: YamlStyle };

/** What a YAML problem is about: the syntax rule words its message from it. */
export type YamlProblemKind = 'syntax' | 'duplicate-key' | 'alias' | 'multiple-documents' | 'unknown-tag' | 'warning';

export interface YamlProblem {
  kind: YamlProblemKind;
  offset: number;
  length: number;
  message: string;
  /** The `yaml` library's error code, when it found the problem. */
  code?: string;
}

export interface ParsedYaml {
  root: Node | undefined;
  problems: YamlProblem[];
  /** Set when the text nests deeper than the limit: nothing was parsed. */
  tooDeep?: number;
}

/** The CloudFormation short forms and the long-form key each stands for. */
const SHORT_FORMS: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  ...Object.fromEntries(
    [
      'Base64',
      'Cidr',
      'FindInMap',
      'GetAtt',
      'GetAZs',
      'ImportValue',
      'Join',
      'Select',
      'Split',
      'Sub',
      'Transform',
      'And',
      'Equals',
      'If',
      'Not',
      'Or',
      'Length',
      'ToJsonString',
      'ForEach',
      // The functions of a template's Rules section.
      'Contains',
      'EachMemberEquals',
      'EachMemberIn',
      'RefAll',
      'ValueOf',
      'ValueOfAll',
    ].map((name) => [`!${name}`, `Fn::${name}`]),
  ),
});

/** An alias is expanded into a copy of its anchor's tree, up to this many nodes per document (a "billion laughs" file stays small). */
const MAX_ALIAS_NODES = 10_000;

export function parseYaml(text: string, maxDepth: number): ParsedYaml {
  // The parser recurses per level and some deep inputs make it allocate without bound: count first.
  const depth = yamlNestingDepth(text, maxDepth);
  if (depth > maxDepth) return { root: undefined, problems: [], tooDeep: depth };

  let documents: Array<Document.Parsed>;
  try {
    documents = parseAllDocuments(text, {
      prettyErrors: false,
      uniqueKeys: true,
      schema: 'core',
      merge: false,
      keepSourceTokens: false,
    }) as Array<Document.Parsed>;
  } catch (error) {
    if (error instanceof RangeError) return { root: undefined, problems: [], tooDeep: depth };
    throw error;
  }
  // parseAllDocuments returns an EmptyStream (an array) for text without documents.
  if (!Array.isArray(documents) || documents.length === 0) return { root: undefined, problems: [] };

  const problems: YamlProblem[] = [];
  const first = documents[0];
  for (const error of first.errors) problems.push(libraryProblem(text, error, error.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'syntax'));
  for (const warning of first.warnings) {
    // Our short forms are tags the library does not know; they are handled below.
    if (warning.code === 'TAG_RESOLVE_FAILED') continue;
    problems.push(libraryProblem(text, warning, 'warning'));
  }
  const extra = documents.slice(1).filter((document) => document.contents !== null || document.errors.length > 0);
  if (extra.length > 0) {
    const start = documentStart(text, extra[0]);
    problems.push({
      kind: 'multiple-documents',
      offset: start,
      length: Math.max(1, lineEnd(text, start) - start),
      message: `This file holds ${extra.length + 1} YAML documents; CloudFormation and the AWS CLI read exactly one. Only the first is checked.`,
    });
  }
  const converter = new Converter(text, first, problems);
  const root = first.contents ? converter.convert(first.contents as YamlNode, undefined, 0) : undefined;
  if (root) registerYamlText(root, text);
  return { root, problems };
}

function libraryProblem(text: string, error: { code: string; message: string; pos: [number, number] }, kind: YamlProblemKind): YamlProblem {
  const [start, end] = error.pos;
  // An error at the very end (an unclosed bracket) gets the last character, so a squiggle is visible.
  const offset = Math.max(0, Math.min(start, text.length - 1));
  // The library's messages end with " at line L, column C" (and a code excerpt when pretty): the editor shows the place.
  const message = error.message
    .split('\n')[0]
    .replace(/ at line \d+, column \d+:?$/, '')
    .trim();
  let length = Math.max(text.length > 0 ? 1 : 0, Math.min(end, text.length) - offset);
  if (kind === 'duplicate-key') {
    // The library marks the key's first character: the whole key is up to its colon.
    const keyEnd = /^[^\r\n]*?(?=:(\s|$))/.exec(text.slice(offset, offset + 1024))?.[0].length;
    if (keyEnd) length = keyEnd;
  }
  return { kind, offset, length, message, code: error.code };
}

function documentStart(text: string, document: Document.Parsed): number {
  // The `---` that opens the document, when there is one before its contents.
  const contentStart = document.range[0];
  const marker = text.lastIndexOf('---', contentStart);
  return marker >= 0 && contentStart - marker < 4 + 200 ? marker : contentStart;
}

function lineEnd(text: string, offset: number): number {
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return end;
}

class Converter {
  private aliasNodes = 0;

  constructor(
    private readonly text: string,
    private readonly document: Document.Parsed,
    private readonly problems: YamlProblem[],
  ) {}

  convert(yamlNode: YamlNode | null | undefined, parent: Node | undefined, depth: number, at?: { offset: number; length: number }): Node {
    if (yamlNode === null || yamlNode === undefined) return this.leaf(parent, 'null', null, at?.offset ?? 0, 0, 'plain');
    if (isAlias(yamlNode)) return this.alias(yamlNode, parent, depth);

    const [start, valueEnd] = yamlNode.range ?? [0, 0];
    const tag = yamlNode.tag;
    const longForm = tag !== undefined ? SHORT_FORMS[tag] : undefined;
    if (longForm !== undefined) return this.intrinsic(yamlNode, longForm, tag!, parent, depth, at);
    // Tags of template tools with a namespace (`!Rain::Embed`) are theirs to expand before CloudFormation sees the file.
    if (tag !== undefined && tag.startsWith('!') && !tag.startsWith('!!') && !tag.includes('::')) {
      const tagStart = this.tagStart(tag, start);
      this.problems.push({
        kind: 'unknown-tag',
        offset: tagStart,
        length: tag.length,
        message: `\`${tag}\` is not a CloudFormation function tag: CloudFormation rejects the template unless a tool expands the tag first. The short forms are !Ref, !GetAtt, !Sub, !Join, !If, !Select, !Split, !FindInMap, !GetAZs, !ImportValue, !Base64, !Cidr, !Equals, !And, !Or, !Not, !Condition, !Transform.`,
      });
    }
    const offset = at?.offset ?? start;
    let length = at?.length ?? valueEnd - start;

    if (isMap(yamlNode)) {
      const object = this.node(parent, 'object', offset, length, yamlNode.flow ? 'flow-map' : 'block-map');
      if (!yamlNode.flow && !at) this.endAtContent(object);
      object.children = [];
      for (const pair of yamlNode.items) {
        const key = pair.key as YamlNode | null;
        const keyRange = key && !isAlias(key) && key.range ? key.range : undefined;
        const keyStart = at ? offset : (keyRange?.[0] ?? offset);
        const keyEnd = at ? offset + length : (keyRange?.[1] ?? keyStart);
        const property = this.node(object, 'property', keyStart, 0, undefined);
        const keyText = isScalar(key) ? (key.value === null ? '' : String(key.value)) : key ? this.text.slice(keyStart, keyEnd) : '';
        const keyNode = this.leaf(
          property,
          'string',
          keyText,
          keyStart,
          keyEnd - keyStart,
          key && isScalar(key) ? scalarStyle(key.type) : 'plain',
        );
        const colon = this.text.indexOf(':', keyEnd);
        property.colonOffset = colon >= 0 ? colon : keyEnd;
        const value = this.convert(
          pair.value as YamlNode | null,
          property,
          depth + 1,
          at ?? (pair.value ? undefined : { offset: property.colonOffset + 1, length: 0 }),
        );
        property.children = [keyNode, value];
        property.length = Math.max(keyEnd, value.offset + value.length) - keyStart;
        object.children.push(property);
      }
      return object;
    }
    if (isSeq(yamlNode)) {
      const array = this.node(parent, 'array', offset, length, yamlNode.flow ? 'flow-seq' : 'block-seq');
      array.children = yamlNode.items.map((item) =>
        this.convert(item as YamlNode | null, array, depth + 1, at ?? (item ? undefined : { offset, length: 0 })),
      );
      if (!yamlNode.flow && !at) this.endAtContent(array);
      return array;
    }
    if (isScalar(yamlNode)) {
      const value = yamlNode.value;
      const style = scalarStyle(yamlNode.type);
      // A block scalar's range ends after its last line break; its span ends with its text.
      if (style === 'block-scalar' && !at) while (length > 0 && /\s/.test(this.text[offset + length - 1])) length--;
      if (typeof value === 'string') return this.leaf(parent, 'string', value, offset, length, style);
      if (typeof value === 'number') return this.leaf(parent, 'number', value, offset, length, style);
      if (typeof value === 'boolean') return this.leaf(parent, 'boolean', value, offset, length, style);
      if (value === null || value === undefined) return this.leaf(parent, 'null', null, offset, length, style);
      return this.leaf(parent, 'string', yamlNode.source ?? String(value), offset, length, style);
    }
    return this.leaf(parent, 'null', null, offset, length, 'plain');
  }

  /** `!Name argument` as `{ "Fn::Name": argument }`: the object and its property span tag and argument, the key spans the tag. */
  private intrinsic(
    yamlNode: YamlNode,
    longForm: string,
    tag: string,
    parent: Node | undefined,
    depth: number,
    at?: { offset: number; length: number },
  ): Node {
    const [start, valueEnd] = yamlNode.range ?? [0, 0];
    const tagStart = at ? at.offset : this.tagStart(tag, start);
    const end = at ? at.offset + at.length : valueEnd;
    const object = this.node(parent, 'object', tagStart, end - tagStart, 'tag');
    const property = this.node(object, 'property', tagStart, end - tagStart, undefined);
    property.colonOffset = at ? tagStart : tagStart + tag.length;
    const keyNode = this.leaf(property, 'string', longForm, tagStart, at ? at.length : tag.length, 'plain');
    // The argument is the same node without its tag.
    const untagged = yamlNode as YamlNode & { tag?: string };
    const savedTag = untagged.tag;
    untagged.tag = undefined;
    let value: Node;
    try {
      value = this.convert(yamlNode, property, depth + 1, at);
    } finally {
      untagged.tag = savedTag;
    }
    if (longForm === 'Fn::GetAtt' && value.type === 'string' && typeof value.value === 'string') value = this.getAttParts(value, property);
    // The argument's span may end before the library's range (a block collection without its trailing line breaks).
    const argumentEnd = Math.max(value.offset + value.length, tagStart + (at ? at.length : tag.length));
    object.length = property.length = argumentEnd - tagStart;
    property.children = [keyNode, value];
    object.children = [property];
    return object;
  }

  /** `!GetAtt Resource.Attribute` as the list `[Resource, Attribute]` (split at the first dot), one node per part. */
  private getAttParts(scalar: Node, parent: Node): Node {
    const text = scalar.value as string;
    const array = this.node(parent, 'array', scalar.offset, scalar.length, 'flow-seq');
    const dot = text.indexOf('.');
    const style = yamlStyle(scalar) ?? 'plain';
    const quote = style === 'double' || style === 'single' ? 1 : 0;
    // Offsets are exact for a scalar written as is (plain, or quoted without escapes).
    const exact = this.text.slice(scalar.offset + quote, scalar.offset + scalar.length - quote) === text;
    if (dot < 0) {
      array.children = [this.leaf(array, 'string', text, scalar.offset, scalar.length, style)];
      return array;
    }
    const first = text.slice(0, dot);
    const second = text.slice(dot + 1);
    array.children = exact
      ? [
          this.leaf(array, 'string', first, scalar.offset + quote, first.length, 'plain'),
          this.leaf(array, 'string', second, scalar.offset + quote + dot + 1, second.length, 'plain'),
        ]
      : [
          this.leaf(array, 'string', first, scalar.offset, scalar.length, style),
          this.leaf(array, 'string', second, scalar.offset, scalar.length, style),
        ];
    return array;
  }

  /** An alias stands for a copy of its anchor's tree, every node of it at the alias's place. */
  private alias(alias: YamlNode & { source: string }, parent: Node | undefined, depth: number): Node {
    const [start, end] = alias.range ?? [0, 0];
    this.problems.push({
      kind: 'alias',
      offset: start,
      length: end - start,
      message: `\`*${alias.source}\` is a YAML alias. CloudFormation does not support aliases (nor anchors or merge keys) in templates; write the value out.`,
    });
    const target = isAlias(alias) ? alias.resolve(this.document) : undefined;
    if (!target || this.aliasNodes > MAX_ALIAS_NODES || depth > 64) return this.leaf(parent, 'null', null, start, end - start, 'alias');
    const before = this.aliasNodes;
    const copy = this.convert(target as YamlNode, parent, depth, { offset: start, length: end - start });
    this.aliasNodes = before + countNodes(copy);
    return copy;
  }

  /** A block collection's span ends where its content does, not after the line breaks and comments that follow. */
  private endAtContent(node: Building): void {
    let end = node.offset + node.length;
    while (end > node.offset && /\s/.test(this.text[end - 1])) end--;
    node.length = end - node.offset;
  }

  /** Where the tag written before a node starts (the library's range starts at the value). */
  private tagStart(tag: string, valueStart: number): number {
    const found = this.text.lastIndexOf(tag, valueStart);
    return found >= 0 && valueStart - found < 4096 ? found : valueStart;
  }

  private node(parent: Node | undefined, type: Node['type'], offset: number, length: number, style: YamlStyle | undefined): Building {
    const node: Building = { type, offset, length, parent } as Building;
    if (style) node[STYLE] = style;
    return node;
  }

  private leaf(parent: Node | undefined, type: Node['type'], value: unknown, offset: number, length: number, style: YamlStyle): Node {
    const node = this.node(parent, type, offset, length, style);
    node.value = value;
    return node;
  }
}

function countNodes(root: Node): number {
  let count = 0;
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    count++;
    if (node.children) stack.push(...node.children);
  }
  return count;
}

function scalarStyle(type: string | undefined): YamlStyle {
  switch (type) {
    case 'QUOTE_DOUBLE':
      return 'double';
    case 'QUOTE_SINGLE':
      return 'single';
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED':
      return 'block-scalar';
    default:
      return 'plain';
  }
}

/**
 * An upper bound of how deep `text` nests as YAML, counted line by line without parsing (stops early past
 * `limit`): block levels from indentation and compact `- ` / `? ` indicators, plus flow brackets that open a
 * collection (after `:`, `-`, `,`, `[`, `{`, `?`, a tag or anchor, or at the start of a line), skipping
 * quoted strings and comments.
 */
export function yamlNestingDepth(text: string, limit: number): number {
  let max = 0;
  let flow = 0;
  const indents: number[] = [];
  const length = text.length;
  let i = 0;
  while (i < length) {
    // One line: its indentation, then its content.
    let column = 0;
    while (i < length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) {
      i++;
      column++;
    }
    const code = text.charCodeAt(i);
    if (i >= length) break;
    if (code === 10 || code === 13) {
      i++;
      continue;
    }
    if (flow === 0) {
      while (indents.length > 0 && indents[indents.length - 1] >= column) indents.pop();
      indents.push(column);
    }
    // Block depth: a mapping and a sequence may share an indentation, so two levels per indentation step.
    let lineDepth = indents.length * 2;
    let previous = 0; // the last significant character (0: start of line)
    let tagged = false;
    for (; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) break;
      if (c === 32 || c === 9) {
        continue;
      }
      if (c === 35 /* # */ && (previous === 0 || text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) {
        while (i < length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
        break;
      }
      const opensValue =
        previous === 0 ||
        previous === 58 ||
        previous === 45 ||
        previous === 44 ||
        previous === 91 ||
        previous === 123 ||
        previous === 63 ||
        tagged;
      if ((c === 34 || c === 39) && opensValue) {
        // A quoted scalar: skip to its closing quote (it may span lines; they hold no structure).
        const quote = c;
        for (i++; i < length; i++) {
          const q = text.charCodeAt(i);
          if (quote === 34 && q === 92) i++;
          else if (q === quote) {
            if (quote === 39 && text.charCodeAt(i + 1) === 39) i++;
            else break;
          }
        }
        previous = 120; // any scalar character
        tagged = false;
        continue;
      }
      if ((c === 91 || c === 123) && (opensValue || flow > 0)) {
        flow++;
        if (lineDepth + flow > max) max = lineDepth + flow;
        if (max > limit) return max;
      } else if ((c === 93 || c === 125) && flow > 0) {
        flow--;
      } else if ((c === 45 || c === 63) && (previous === 0 || previous === 45 || previous === 63) && flow === 0) {
        // A compact `- - x` nests on one line.
        const next = text.charCodeAt(i + 1);
        if (next === 32 || next === 9 || next === 10 || next === 13 || i + 1 >= length) lineDepth += 2;
      }
      if (flow === 0 && !startsNonPlain(text, i)) {
        // Inside a plain scalar of block context: brackets are text up to `: ` (the scalar was a key) or the line's end.
        for (; i < length; i++) {
          const p = text.charCodeAt(i);
          if (p === 10 || p === 13) break;
          if (p === 58 /* : */) {
            const after = text.charCodeAt(i + 1);
            if (after === 32 || after === 9 || after === 10 || after === 13 || i + 1 >= length) break;
          }
          if (p === 35 /* # */ && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) break;
        }
        if (i >= length || text.charCodeAt(i) !== 58) {
          i--;
          previous = 120;
          continue;
        }
        previous = 58;
        tagged = false;
        continue;
      }
      if (c === 33 /* ! */ || c === 38 /* & */) {
        // Skip the tag or anchor; the value after it opens like one after a colon.
        while (i + 1 < length && !/[\s,[\]{}]/.test(text[i + 1])) i++;
        tagged = true;
        previous = c;
        continue;
      }
      tagged = false;
      previous = c;
    }
    if (lineDepth + flow > max) max = lineDepth + flow;
    if (max > limit) return max;
  }
  return max;
}

/** Whether the character at `i` (block context) starts something other than a plain scalar: an indicator. */
function startsNonPlain(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 45 /* - */ || c === 63 /* ? */ || c === 58 /* : */) {
    const next = text.charCodeAt(i + 1);
    return next === 32 || next === 9 || next === 10 || next === 13 || i + 1 >= text.length;
  }
  // [ { " ' ! & * | > % @ `
  return (
    c === 91 ||
    c === 123 ||
    c === 34 ||
    c === 39 ||
    c === 33 ||
    c === 38 ||
    c === 42 ||
    c === 124 ||
    c === 62 ||
    c === 37 ||
    c === 64 ||
    c === 96 ||
    c === 93 ||
    c === 125 ||
    c === 44
  );
}

/**
 * Whether applying `edits` to a YAML text leaves it as readable as before (no new syntax error or duplicate
 * key): the editor offers a fix on YAML only when it does.
 */
export function yamlEditsKeepSyntax(text: string, edits: readonly TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => b.offset - a.offset);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.offset) + edit.newText + result.slice(edit.offset + edit.length);
  const errors = (source: string) => {
    const parsed = parseYaml(source, 512);
    if (parsed.tooDeep !== undefined) return Infinity;
    return parsed.problems.filter(
      (problem) => problem.kind === 'syntax' || problem.kind === 'duplicate-key' || problem.kind === 'multiple-documents',
    ).length;
  };
  return errors(result) <= errors(text);
}
