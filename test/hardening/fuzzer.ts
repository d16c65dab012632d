// Deterministic fuzzing of the analysis core: mutations of real documents through analyze, hoverAt,
// completionsAt (at random offsets) and every fix. Shared by the bounded pass in `npm test`
// (fuzz.test.ts) and the long one in `npm run fuzz` (scripts/fuzz.mjs, which loads the compiled file).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createScanner, SyntaxKind, type Node } from 'jsonc-parser';
import { parseDocument } from '../../server/src/core/document';
import { analyze } from '../../server/src/analyzer';
import type { TextSpan } from '../../server/src/core/types';
import { completionsAt } from '../../server/src/features/completion';
import { hoverAt } from '../../server/src/features/hover';

/** mulberry32: small, fast, deterministic. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (max: number) => Math.floor(next() * max),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  };
}

export interface Rng {
  next(): number;
  int(max: number): number;
  pick<T>(items: readonly T[]): T;
}

const ALPHABET = '{}[]:,"\\ \n\t0123456789-+.eEaAzZ*?$/';
const ODD_CHARACTERS = [
  '\uD800',
  '\uDBFF',
  '\uDC00',
  '\uDFFF',
  '😀',
  '\u2028',
  '\u2029',
  '\u0000',
  '\u0007',
  '\uFEFF',
  '\r',
  '\u00e9',
  '\u200B',
  '\uFFFF',
  '𝔘',
];
const REPLACEMENT_VALUES = [
  'null',
  'true',
  '0',
  '-1',
  '1e999',
  '-0.0',
  '""',
  '"*"',
  '"?"',
  '[]',
  '{}',
  '[null]',
  '{"":null}',
  '[[[]]]',
  '"arn:aws:iam::*:role/x"',
  '"arn:aws:iam::123456789012:role/${aws:username}"',
  '"arn:"',
  '"arn:aws:s3:::"',
  '":::"',
  '"s3:*"',
  '"*:*"',
  '"iam:Pass*"',
  '"${AWS::AccountId}"',
  '{"Ref":"X"}',
  '{"Fn::GetAtt":["R","Arn"]}',
  '{"Fn::Sub":"${A}"}',
  '"FARGATE"',
  '"awsvpc"',
  '"host"',
  '"0"',
  '"512"',
  '"\\u0000"',
  '"\\uD800"',
  '"a\\"b"',
  '12345678901234567890',
  '{"AWS":"*"}',
  '{"Service":["ecs-tasks.amazonaws.com"]}',
  '["*",1,null,{}]',
  '{"StringEquals":{"aws:SourceAccount":[]}}',
  // Names of Object.prototype members, where a lookup table keyed by user text could find a function.
  '"constructor"',
  '"s3:constructor"',
  '"__proto__:toString"',
  '"arn:aws:constructor:::x"',
  '{"constructor":{"toString":"x"}}',
];
const REPLACEMENT_KEYS = [
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'NotPrincipal',
  'Condition',
  'Sid',
  'Statement',
  'Version',
  'containerDefinitions',
  'taskRoleArn',
  'executionRoleArn',
  'requiresCompatibilities',
  'networkMode',
  'cpu',
  'memory',
  'image',
  'name',
  'portMappings',
  'secrets',
  'environment',
  'logConfiguration',
  'Type',
  'Properties',
  'Resources',
  'PolicyDocument',
  'taskDefinition',
  '',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'aws:constructor',
];

export type MutationKind =
  | 'char-edit'
  | 'token-swap'
  | 'truncate'
  | 'deep-nesting'
  | 'huge-string'
  | 'unicode'
  | 'line-ends-bom'
  | 'value-swap'
  | 'key-swap'
  | 'duplicate-node';

const MUTATIONS: MutationKind[] = [
  'char-edit',
  'token-swap',
  'truncate',
  'deep-nesting',
  'huge-string',
  'unicode',
  'line-ends-bom',
  'value-swap',
  'value-swap',
  'key-swap',
  'duplicate-node',
];

export interface Mutant {
  kind: MutationKind;
  text: string;
}

/** One random mutation of `text`; sometimes several stacked. */
export function mutate(text: string, rng: Rng, options: { hugeStringLength?: number } = {}): Mutant {
  let current = text;
  const kinds: MutationKind[] = [];
  const rounds = rng.next() < 0.25 ? 2 + rng.int(3) : 1;
  for (let round = 0; round < rounds; round++) {
    const kind = rng.pick(MUTATIONS);
    kinds.push(kind);
    current = applyMutation(current, kind, rng, options.hugeStringLength ?? 200_000);
  }
  return { kind: kinds.join('+') as MutationKind, text: current };
}

function applyMutation(text: string, kind: MutationKind, rng: Rng, hugeStringLength: number): string {
  const at = rng.int(text.length + 1);
  switch (kind) {
    case 'char-edit': {
      const edits = 1 + rng.int(4);
      let result = text;
      for (let i = 0; i < edits; i++) {
        const position = rng.int(result.length + 1);
        const choice = rng.int(3);
        if (choice === 0) result = result.slice(0, position) + rng.pick(ALPHABET.split('')) + result.slice(position);
        else if (choice === 1) result = result.slice(0, position) + result.slice(position + 1 + rng.int(3));
        else result = result.slice(0, position) + rng.pick(ALPHABET.split('')) + result.slice(position + 1);
      }
      return result;
    }
    case 'token-swap': {
      const tokens = tokenSpans(text);
      if (tokens.length < 2) return text;
      const a = rng.pick(tokens);
      const b = rng.pick(tokens);
      const [first, second] = a.offset <= b.offset ? [a, b] : [b, a];
      if (first.offset + first.length > second.offset) return text;
      const choice = rng.int(3);
      const firstText = text.slice(first.offset, first.offset + first.length);
      const secondText = text.slice(second.offset, second.offset + second.length);
      if (choice === 0) {
        return (
          text.slice(0, first.offset) +
          secondText +
          text.slice(first.offset + first.length, second.offset) +
          firstText +
          text.slice(second.offset + second.length)
        );
      }
      if (choice === 1) return text.slice(0, first.offset) + text.slice(first.offset + first.length); // drop a token
      return text.slice(0, second.offset) + firstText + text.slice(second.offset); // duplicate a token
    }
    case 'truncate':
      return rng.next() < 0.5 ? text.slice(0, at) : text.slice(at);
    case 'deep-nesting': {
      const depth = rng.pick([20, 200, 511, 513, 600, 5000]);
      const open = rng.next() < 0.5 ? '[' : '{"a":';
      const close = open === '[' ? ']' : '}';
      const balanced = rng.next() < 0.7;
      return text.slice(0, at) + open.repeat(depth) + '1' + (balanced ? close.repeat(depth) : '') + text.slice(at);
    }
    case 'huge-string': {
      const strings = valueNodes(text).filter((node) => node.type === 'string');
      const filler = rng
        .pick(['x', '*', 'é', '😀', 'arn:aws:s3:::', '${'])
        .repeat(Math.ceil(hugeStringLength / 4) + rng.int(hugeStringLength));
      if (strings.length === 0) return text.slice(0, at) + JSON.stringify(filler) + text.slice(at);
      const node = rng.pick(strings);
      return text.slice(0, node.offset) + JSON.stringify(filler) + text.slice(node.offset + node.length);
    }
    case 'unicode': {
      let result = text;
      const count = 1 + rng.int(5);
      for (let i = 0; i < count; i++) {
        const position = rng.int(result.length + 1);
        result = result.slice(0, position) + rng.pick(ODD_CHARACTERS) + result.slice(position);
      }
      // Sometimes split a surrogate pair already in the text.
      if (rng.next() < 0.3) {
        const pair = /[\uD800-\uDBFF][\uDC00-\uDFFF]/.exec(result);
        if (pair) result = result.slice(0, pair.index + 1) + result.slice(pair.index + 2);
      }
      return result;
    }
    case 'line-ends-bom': {
      const choice = rng.int(4);
      if (choice === 0) return text.replace(/\r?\n/g, '\r\n');
      if (choice === 1) return text.replace(/\r?\n/g, '\r');
      if (choice === 2) return '\uFEFF' + text;
      return '\uFEFF' + text.replace(/\r?\n/g, '\r\n');
    }
    case 'value-swap': {
      const nodes = valueNodes(text);
      if (nodes.length === 0) return text;
      const node = rng.pick(nodes);
      return text.slice(0, node.offset) + rng.pick(REPLACEMENT_VALUES) + text.slice(node.offset + node.length);
    }
    case 'key-swap': {
      const keys = keyNodes(text);
      if (keys.length === 0) return text;
      const node = rng.pick(keys);
      return text.slice(0, node.offset) + JSON.stringify(rng.pick(REPLACEMENT_KEYS)) + text.slice(node.offset + node.length);
    }
    case 'duplicate-node': {
      const nodes = valueNodes(text).filter((node) => node.type === 'object' || node.type === 'array');
      if (nodes.length === 0) return text;
      const node = rng.pick(nodes);
      const copy = text.slice(node.offset, node.offset + node.length);
      return text.slice(0, node.offset) + `[${copy},${copy}]` + text.slice(node.offset + node.length);
    }
  }
}

function tokenSpans(text: string): TextSpan[] {
  const scanner = createScanner(text, false);
  const spans: TextSpan[] = [];
  for (let token = scanner.scan(); token !== SyntaxKind.EOF && spans.length < 20_000; token = scanner.scan()) {
    if (token !== SyntaxKind.Trivia && token !== SyntaxKind.LineBreakTrivia) {
      spans.push({ offset: scanner.getTokenOffset(), length: scanner.getTokenLength() });
    }
  }
  return spans;
}

function allNodes(text: string): Node[] {
  // Through parseDocument's limits: an earlier mutation in a stack may have nested the text too deep to parse.
  const root = parseDocument(text, { maxFileSize: Infinity }).root;
  const result: Node[] = [];
  const stack: Node[] = root ? [root] : [];
  while (stack.length > 0 && result.length < 50_000) {
    const node = stack.pop()!;
    result.push(node);
    for (const child of node.children ?? []) stack.push(child);
  }
  return result;
}

function valueNodes(text: string): Node[] {
  return allNodes(text).filter(
    (node) => node.type !== 'property' && !(node.parent?.type === 'property' && node.parent.children?.[0] === node),
  );
}

function keyNodes(text: string): Node[] {
  return allNodes(text).filter((node) => node.parent?.type === 'property' && node.parent.children?.[0] === node);
}

/**
 * An analysis slower than this is recorded as a problem (it would freeze the editor's server). Off by
 * default (tests make no timed assertions); `npm run fuzz` sets it.
 */
let slowMs = Number.POSITIVE_INFINITY;
export function setSlowThreshold(ms: number): void {
  slowMs = ms;
}

export interface FuzzProblem {
  /** What went wrong: an exception, a rule failure, a range outside the document. */
  problem: string;
  source: string;
  mutation: string;
  text: string;
}

export interface FuzzStats {
  documents: number;
  calls: number;
  problems: FuzzProblem[];
  /** Milliseconds per core call (analyze, hover, completion), for percentiles. */
  durations: number[];
}

function inside(span: TextSpan, length: number): boolean {
  return (
    Number.isInteger(span.offset) &&
    Number.isInteger(span.length) &&
    span.offset >= 0 &&
    span.length >= 0 &&
    span.offset + span.length <= length
  );
}

async function timed<T>(stats: FuzzStats, fn: () => Promise<T>): Promise<T> {
  const start = process.hrtime.bigint();
  try {
    return await fn();
  } finally {
    stats.calls++;
    stats.durations.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
}

/**
 * Runs one document through the core and records every broken invariant: no exception, no
 * `internal/rule-failed`, every span and edit inside the document, every fix applies and re-analyses.
 */
const MAX_FIXES_APPLIED = 300;

export async function checkDocument(text: string, source: string, mutation: string, rng: Rng, stats: FuzzStats, probes = 4): Promise<void> {
  stats.documents++;
  const fail = (problem: string, failingText = text) =>
    stats.problems.push({ problem: problem.length > 400 ? `${problem.slice(0, 400)}…` : problem, source, mutation, text: failingText });
  let result;
  const started = Date.now();
  try {
    result = await timed(stats, () => analyze(text, { fileName: path.basename(source) }));
    const elapsed = Date.now() - started;
    if (elapsed > slowMs) fail(`slow: analyze took ${(elapsed / 1000).toFixed(1)} s on ${text.length} characters`);
  } catch (error) {
    fail(`analyze threw: ${describe(error)}`);
    return;
  }
  // Every fix is applied and the result analysed again; a broken paste can carry thousands of fixes, so
  // beyond a few hundred a random sample of them is applied (all are still checked for their ranges).
  const fixCount = result.findings.reduce((sum, finding) => sum + finding.fixes.length, 0);
  const applyShare = fixCount > MAX_FIXES_APPLIED ? MAX_FIXES_APPLIED / fixCount : 1;
  const lineLengths = text.split(/\r\n|\r|\n/).map((line) => line.length);
  for (const finding of result.findings) {
    if (finding.ruleId === 'internal/rule-failed') fail(finding.message);
    if (!inside(finding.span, text.length)) {
      fail(`${finding.ruleId}: span ${JSON.stringify(finding.span)} outside a document of ${text.length}`);
    }
    // The LSP range the server will publish: each end on a line of the text, at most at its end.
    const range = result.document.lines.rangeOf(finding.span);
    for (const end of [range.start, range.end]) {
      if (end.line < 0 || end.line >= lineLengths.length || end.character < 0 || end.character > lineLengths[end.line]) {
        fail(`${finding.ruleId}: range ${JSON.stringify(range)} outside the document's lines`);
      }
    }
    for (const fix of finding.fixes) {
      const edits = [...fix.edits].sort((a, b) => a.offset - b.offset);
      if (edits.some((edit) => !inside(edit, text.length))) {
        fail(`${finding.ruleId}: fix "${fix.title}" edits outside the document`);
        continue;
      }
      if (edits.some((edit, i) => i > 0 && edits[i - 1].offset + edits[i - 1].length > edit.offset)) {
        fail(`${finding.ruleId}: fix "${fix.title}" has overlapping edits`);
        continue;
      }
      if (applyShare < 1 && rng.next() >= applyShare) continue;
      let fixed = text;
      for (const edit of edits.reverse()) fixed = fixed.slice(0, edit.offset) + edit.newText + fixed.slice(edit.offset + edit.length);
      try {
        const after = await timed(stats, () => analyze(fixed, { fileName: path.basename(source) }));
        for (const again of after.findings) {
          if (again.ruleId === 'internal/rule-failed') fail(`after fix "${fix.title}" of ${finding.ruleId}: ${again.message}`, fixed);
        }
      } catch (error) {
        fail(`analyze threw after fix "${fix.title}" of ${finding.ruleId}: ${describe(error)}`, fixed);
      }
    }
  }
  const offsets = [0, text.length, ...Array.from({ length: probes }, () => rng.int(text.length + 1))];
  for (const offset of offsets) {
    try {
      const hover = await timed(stats, () => hoverAt(result.document, offset));
      if (hover && !inside(hover.span, text.length)) fail(`hover at ${offset}: span outside the document`);
      if (hover && typeof hover.markdown !== 'string') fail(`hover at ${offset}: no markdown`);
    } catch (error) {
      fail(`hoverAt(${offset}) threw: ${describe(error)}`);
    }
    try {
      const suggestions = await timed(stats, () => completionsAt(result.document, offset));
      for (const suggestion of suggestions) {
        if (!inside(suggestion.replace, text.length)) fail(`completion at ${offset}: "${suggestion.label}" replaces outside the document`);
      }
    } catch (error) {
      fail(`completionsAt(${offset}) threw: ${describe(error)}`);
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.message}\n${error.stack?.split('\n').slice(1, 4).join('\n')}` : String(error);
}

export interface FuzzOptions {
  seed: number;
  /** Mutants per seed document. */
  perDocument: number;
  hugeStringLength?: number;
  /** Random offsets per document for hover and completion (besides the start and the end). */
  probes?: number;
  onProgress?: (stats: FuzzStats) => void;
}

/** Fuzzes every seed document `perDocument` times (plus the document itself). Deterministic for a seed. */
export async function fuzzCore(seeds: Array<{ source: string; text: string }>, options: FuzzOptions): Promise<FuzzStats> {
  const stats: FuzzStats = { documents: 0, calls: 0, problems: [], durations: [] };
  const rng = createRng(options.seed);
  for (const seed of seeds) {
    await checkDocument(seed.text, seed.source, 'none', rng, stats, options.probes);
    for (let i = 0; i < options.perDocument; i++) {
      const mutant = mutate(seed.text, rng, { hugeStringLength: options.hugeStringLength });
      await checkDocument(mutant.text, seed.source, mutant.kind, rng, stats, options.probes);
    }
    options.onProgress?.(stats);
  }
  return stats;
}

export function readSeeds(files: string[], root: string): Array<{ source: string; text: string }> {
  return files.map((file) => ({ source: path.relative(root, file), text: readFileSync(file, 'utf8') }));
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
