// Where the cursor is in a Terraform file, in terms completion can use: the top-level block (`resource
// "aws_ecs_task_definition" "web"`), the path down to the cursor (nested blocks, arguments, function calls,
// list items, object keys), and whether a key (an argument name, an object key) or a value is being typed.
//
// A file being typed is half-written most of the time (`    ima` alone on a line is no valid HCL), so the
// path is not read from the parsed tree: the enclosing top-level block is found from the tree-sitter tree's
// resource spans (they survive the error nodes of a broken line), else from the nearest block header above
// at the start of a line, and the text from its opening brace to the cursor is scanned with HCL's lexical
// rules (strings with `${...}`, heredocs, comments, brackets), which need no complete statement.
import type { JsonDocument } from '../core/document';
import type { TextSpan } from '../core/types';

export type HclSegment =
  | { kind: 'block'; name: string; offset: number }
  | { kind: 'key'; name: string }
  | { kind: 'call'; name: string }
  | { kind: 'item'; index: number };

export interface HclCursor {
  /** The top-level block: `resource`, `data`, ... and its labels (`aws_ecs_task_definition`, `web`). */
  blockType: string;
  labels: string[];
  /** Where the top-level block starts. */
  blockOffset: number;
  /**
   * From the top-level block's body down. At a key, the path of the block or object the key is typed into;
   * at a value, it ends with the key whose value it is (and the item, in a list).
   */
  path: HclSegment[];
  at: 'key' | 'value';
  /** The text typed so far (inside the quotes of a string). */
  typed: string;
  /** What a suggestion replaces: the word, or the string from its opening quote through its closing one. */
  replace: TextSpan;
  /** The string's opening quote is typed. */
  quoted: boolean;
  /** The first character after the replaced text on its line (`=` when the key has its value already). */
  after: string;
  /** Keys (argument names, object keys) and block names already written in the block or object of a key. */
  siblings: string[];
}

interface Frame {
  type: 'block' | 'object' | 'tuple' | 'call' | 'paren' | 'interp';
  /** The segments that lead from the parent frame to this one. */
  via: HclSegment[];
  /** Items of a tuple or call so far (commas seen). */
  index: number;
  /** Block or object: the words of the element being read (a key, or a block's type and labels). */
  words: string[];
  /** Block or object: an `=` (or `:`) was seen in the current element. */
  assigned: boolean;
  /** Block or object: the key of the current element, after its `=`. */
  key?: string;
  /** Block or object: a value token was read after the `=`. */
  valueSeen: boolean;
  keys: string[];
  /** The function name just read (an identifier before `(`). */
  lastWord?: string;
}

const HEADER = /^(resource|data)[ \t]+"([\w-]+)"[ \t]+"([\w-]+)"[ \t]*\{/gm;
/** Scans no further than this past the cursor (to collect the keys written after it). */
const LOOKAHEAD = 20_000;

/** The cursor in a Terraform document, or undefined (in a comment, a heredoc, outside a resource or data block). */
export function hclCursorAt(document: JsonDocument, offset: number): HclCursor | undefined {
  if (document.format !== 'hcl') return undefined;
  const text = document.text;
  const header = blockHeaderBefore(document, offset);
  if (!header) return undefined;
  return scan(text, header, offset);
}

interface Header {
  blockType: string;
  labels: string[];
  offset: number;
  /** Just past the block's opening brace. */
  bodyStart: number;
}

function blockHeaderBefore(document: JsonDocument, offset: number): Header | undefined {
  const text = document.text;
  // The resource spans of the parsed tree (`Resources.<address>` entries spanning their blocks).
  const resources = document.root?.children?.[0]?.children?.[1];
  for (const entry of resources?.children ?? []) {
    if (offset <= entry.offset || offset > entry.offset + entry.length) continue;
    const match = new RegExp(HEADER.source, 'y');
    match.lastIndex = entry.offset;
    const found = match.exec(text);
    // A block that ends before the cursor is not the one typed in (its closing brace is before it).
    if (found && offset > entry.offset + found[0].length - 1) {
      return { blockType: found[1], labels: [found[2], found[3]], offset: entry.offset, bodyStart: entry.offset + found[0].length };
    }
  }
  // A block the tree lost to a syntax error: the nearest header at the start of a line above.
  let last: Header | undefined;
  // Within the 200,000 characters above the cursor (a block longer than that is not completed in).
  HEADER.lastIndex = Math.max(0, offset - 200_000);
  for (let found = HEADER.exec(text); found && found.index < offset; found = HEADER.exec(text)) {
    const bodyStart = found.index + found[0].length;
    if (bodyStart <= offset) last = { blockType: found[1], labels: [found[2], found[3]], offset: found.index, bodyStart };
  }
  return last;
}

function newFrame(type: Frame['type'], via: HclSegment[]): Frame {
  return { type, via, index: 0, words: [], assigned: false, valueSeen: false, keys: [] };
}

/** Resets a block or object frame for its next element. */
function nextElement(frame: Frame): void {
  frame.words = [];
  frame.assigned = false;
  frame.key = undefined;
  frame.valueSeen = false;
}

function scan(text: string, header: Header, offset: number): HclCursor | undefined {
  const stack: Frame[] = [newFrame('block', [])];
  const limit = Math.min(text.length, offset + LOOKAHEAD);
  let cursor: HclCursor | undefined;
  /** The frame the cursor's key is typed in (its later keys are collected too). */
  let keyFrame: Frame | undefined;
  let i = header.bodyStart;
  /** In a string: where its opening quote is. */
  let stringStart = -1;

  const top = () => stack[stack.length - 1];
  const path = (): HclSegment[] => stack.slice(1).flatMap((frame) => frame.via);
  /** The segments to a frame opened in `parent` now. */
  const viaFrom = (parent: Frame): HclSegment[] => {
    if (parent.type === 'block' || parent.type === 'object') {
      return parent.assigned && parent.key ? [{ kind: 'key', name: parent.key }] : [];
    }
    if (parent.type === 'tuple') return [{ kind: 'item', index: parent.index }];
    return [];
  };
  const lineEnd = (from: number) => {
    let end = from;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    return end;
  };
  const afterOf = (end: number) => text.slice(end, lineEnd(end)).trimStart().charAt(0);

  /** The cursor is at a bare word (or nothing) from `start` to `end` in code. */
  const atWord = (start: number, end: number): HclCursor | undefined => {
    const frame = top();
    const replace = { offset: start, length: end - start };
    const typed = text.slice(start, offset);
    const base = { blockType: header.blockType, labels: header.labels, blockOffset: header.offset, typed, replace, quoted: false };
    if (frame.type === 'block' || frame.type === 'object') {
      if (!frame.assigned) {
        // A key: the element's first word (a second word is a block label or a syntax error).
        if (frame.words.length > 0) return undefined;
        keyFrame = frame;
        return { ...base, path: path(), at: 'key', after: afterOf(end), siblings: [] };
      }
      if (frame.valueSeen || !frame.key) return undefined;
      return { ...base, path: [...path(), { kind: 'key', name: frame.key }], at: 'value', after: afterOf(end), siblings: [] };
    }
    if (frame.type === 'tuple') {
      return { ...base, path: [...path(), { kind: 'item', index: frame.index }], at: 'value', after: afterOf(end), siblings: [] };
    }
    return undefined;
  };

  /** The cursor is inside a string opened at `start`. */
  const inString = (start: number): HclCursor | undefined => {
    // The string ends at its closing quote on this line, if there is one.
    let end = offset;
    const stop = lineEnd(offset);
    while (end < stop && text[end] !== '"') {
      if (text[end] === '\\') end++;
      end++;
    }
    const closed = end < stop && text[end] === '"';
    const replaceEnd = closed ? end + 1 : offset;
    const result = atWord(start, replaceEnd);
    if (!result) {
      // A quoted key in an object (`"aws:SourceAccount" = ...`).
      return undefined;
    }
    return { ...result, typed: text.slice(start + 1, offset), quoted: true };
  };

  while (i < limit) {
    if (cursor === undefined && i >= offset && keyFrame === undefined) {
      // The cursor between tokens: nothing typed yet.
      cursor = stringStart >= 0 ? inString(stringStart) : atWord(offset, offset);
      if (!cursor) return undefined;
      if (cursor.at === 'value' || !keyFrame) return cursor;
    }
    const frame = top();
    if (stringStart >= 0 && frame.type !== 'interp') {
      // Inside a string.
      const char = text[i];
      if (char === '\\') i += 2;
      else if (char === '"') {
        stringStart = -1;
        i++;
        markValue(frame);
      } else if ((char === '$' || char === '%') && text[i + 1] === '{') {
        stack.push({ ...newFrame('interp', []), words: [String(stringStart)] });
        i += 2;
        stringStart = -1;
      } else if (char === '\n' || char === '\r') {
        // An unterminated string ends at its line.
        stringStart = -1;
        markValue(frame);
      } else i++;
      continue;
    }
    const char = text[i];
    if (char === '\n' || char === '\r') {
      if ((frame.type === 'block' || frame.type === 'object') && (!frame.assigned || frame.valueSeen)) nextElement(frame);
      i++;
      continue;
    }
    if (char === ' ' || char === '\t') {
      i++;
      continue;
    }
    if (char === '#' || (char === '/' && text[i + 1] === '/')) {
      const end = lineEnd(i);
      if (cursor === undefined && offset > i && offset <= end) return undefined;
      i = end;
      continue;
    }
    if (char === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? text.length : close + 2;
      if (cursor === undefined && offset > i && offset < end) return undefined;
      i = end;
      continue;
    }
    if (char === '<' && text[i + 1] === '<') {
      const heredoc = /^<<-?([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(text.slice(i, i + 200));
      if (heredoc) {
        const marker = new RegExp(`^[ \\t]*${heredoc[1]}[ \\t]*$`, 'm');
        const bodyStart = i + heredoc[0].length;
        const close = marker.exec(text.slice(bodyStart));
        const end = close ? bodyStart + close.index + close[0].length : text.length;
        if (cursor === undefined && offset > i && offset <= end) return undefined;
        i = end;
        markValue(frame);
        continue;
      }
    }
    if (char === '"') {
      if (cursor === undefined && offset > i && offset <= lineEnd(i)) {
        // The cursor may be in this string: find its end first.
        let end = i + 1;
        const stop = lineEnd(i);
        let interpolated = false;
        while (end < stop && text[end] !== '"') {
          if (text[end] === '\\') end++;
          else if (text[end] === '$' && text[end + 1] === '{') interpolated = true;
          end++;
        }
        if (!interpolated && offset <= end) {
          cursor = inString(i);
          if (!cursor) return undefined;
          if (cursor.at === 'value' || !keyFrame) return cursor;
        }
      }
      if (!frame.assigned && (frame.type === 'block' || frame.type === 'object')) {
        // A quoted key or a block label.
        let end = i + 1;
        while (end < text.length && text[end] !== '"' && text[end] !== '\n') end += text[end] === '\\' ? 2 : 1;
        frame.words.push(text.slice(i + 1, end));
        i = end + 1;
        continue;
      }
      stringStart = i;
      i++;
      continue;
    }
    const word = /^[A-Za-z_][\w-]*|^\d[\w.]*/.exec(text.slice(i, i + 256));
    if (word) {
      const end = i + word[0].length;
      if (cursor === undefined && offset > i && offset <= end) {
        cursor = atWord(i, end);
        if (!cursor) return undefined;
        if (cursor.at === 'value' || !keyFrame) return cursor;
      }
      if ((frame.type === 'block' || frame.type === 'object') && !frame.assigned) frame.words.push(word[0]);
      else markValue(frame);
      frame.lastWord = word[0];
      i = end;
      continue;
    }
    switch (char) {
      case '=':
      case ':':
        if ((frame.type === 'block' || frame.type === 'object') && !frame.assigned && text[i + 1] !== '=' && frame.words.length > 0) {
          frame.assigned = true;
          frame.key = frame.words[0];
          frame.keys.push(frame.words[0]);
        }
        i++;
        break;
      case ',':
        if (frame.type === 'object') nextElement(frame);
        else if (frame.type === 'tuple' || frame.type === 'call') frame.index++;
        i++;
        break;
      case '{': {
        if (frame.type === 'block' && !frame.assigned && frame.words.length > 0) {
          // A nested block: `statement {`, `condition {`, `volume {`.
          frame.keys.push(frame.words[0]);
          stack.push(newFrame('block', [{ kind: 'block', name: frame.words[0], offset: i }]));
        } else {
          stack.push(newFrame('object', viaFrom(frame)));
        }
        i++;
        break;
      }
      case '[':
        stack.push(newFrame('tuple', viaFrom(frame)));
        i++;
        break;
      case '(': {
        const name = text.slice(0, i).match(/([A-Za-z_][\w-]*)[ \t]*$/)?.[1];
        stack.push(newFrame(name ? 'call' : 'paren', [...viaFrom(frame), ...(name ? [{ kind: 'call' as const, name }] : [])]));
        i++;
        break;
      }
      case '}':
      case ']':
      case ')': {
        if (stack.length === 1) {
          // The top-level block closes.
          if (cursor === undefined) return undefined;
          return finish(text, cursor, keyFrame);
        }
        const closed = stack.pop()!;
        if (keyFrame && closed === keyFrame) return finish(text, cursor!, keyFrame);
        if (closed.type === 'interp') {
          stringStart = Number(closed.words[0]);
        } else markValue(top());
        i++;
        break;
      }
      default:
        i++;
    }
  }
  if (cursor === undefined && i >= offset) cursor = stringStart >= 0 ? inString(stringStart) : atWord(offset, offset);
  return cursor ? finish(text, cursor, keyFrame) : undefined;
}

function markValue(frame: Frame): void {
  if ((frame.type === 'block' || frame.type === 'object') && frame.assigned) frame.valueSeen = true;
}

function finish(text: string, cursor: HclCursor, keyFrame: Frame | undefined): HclCursor {
  if (cursor.at === 'key' && keyFrame) {
    // The key being typed is not one already written (unless it is written twice).
    const word = text.slice(cursor.replace.offset, cursor.replace.offset + cursor.replace.length).replace(/^"|"$/g, '');
    const keys = [...keyFrame.keys];
    const index = keys.indexOf(word);
    if (index >= 0) keys.splice(index, 1);
    return { ...cursor, siblings: keys };
  }
  return cursor;
}
