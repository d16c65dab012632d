// The strict-JSON fast path must build exactly jsonc-parser's tree, and must accept exactly what JSON.parse
// accepts (anything else falls back to jsonc-parser). Checked on every corpus and fixture document and on
// thousands of mutations of them (the fuzzer's: character edits, token swaps, truncation, unicode, CRLF).
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { parseTree, type Node } from 'jsonc-parser';
import { parseStrictJson } from '../../server/src/core/strictParse';
import { CORPUS, jsonFilesBelow, REPO_ROOT } from '../helpers';
import { createRng, mutate, readSeeds } from '../hardening/fuzzer';

/** Structural comparison of two trees, parents included (as identity of the compared counterpart). */
function assertSameTree(actual: Node | undefined, expected: Node | undefined, where: string): void {
  if (!actual || !expected) {
    assert.equal(actual, expected, where);
    return;
  }
  const walk = (a: Node, e: Node, aParent: Node | undefined, eParent: Node | undefined, at: string): void => {
    assert.equal(a.type, e.type, `${at}: type`);
    assert.equal(a.offset, e.offset, `${at}: offset`);
    assert.equal(a.length, e.length, `${at}: length`);
    assert.equal(a.colonOffset, e.colonOffset, `${at}: colonOffset`);
    assert.ok(Object.is(a.value, e.value), `${at}: value ${String(a.value)} vs ${String(e.value)}`);
    assert.equal(a.parent, aParent, `${at}: parent`);
    assert.equal(e.parent, eParent, `${at}: reference parent`);
    assert.equal(a.children?.length, e.children?.length, `${at}: children`);
    for (let i = 0; i < (e.children?.length ?? 0); i++) walk(a.children![i], e.children![i], a, e, `${at}/${i}`);
  };
  walk(actual, expected, undefined, undefined, where);
}

/** Nesting depth of a parsed JSON value. */
function valueDepth(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let deepest = 0;
  for (const item of Object.values(value)) deepest = Math.max(deepest, valueDepth(item));
  return deepest + 1;
}

const DEPTH_LIMIT = 400;

/** Whether JSON.parse accepts the text within the depth limit (deeper documents are left to parseDocument's check). */
function acceptsJson(text: string): boolean {
  try {
    return valueDepth(JSON.parse(text)) <= DEPTH_LIMIT;
  } catch {
    return false;
  }
}

function check(text: string, where: string): void {
  const strict = parseStrictJson(text, DEPTH_LIMIT);
  assert.equal(strict !== undefined, acceptsJson(text), `${where}: accepted by the fast path iff JSON.parse accepts it`);
  if (strict === undefined) return;
  const errors: unknown[] = [];
  const reference = parseTree(text, errors as never[], { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  assert.deepEqual(errors, [], `${where}: jsonc-parser finds no error in valid JSON`);
  assertSameTree(strict, reference, where);
}

test('strict parse: the same tree as jsonc-parser on every corpus and fixture document', () => {
  const files = [...jsonFilesBelow(CORPUS), ...jsonFilesBelow(path.join(REPO_ROOT, 'test', 'fixtures'))];
  assert.ok(files.length > 100);
  for (const { source, text } of readSeeds(files, REPO_ROOT)) check(text, source);
});

test('strict parse: mutated documents are either the same tree or left to jsonc-parser', () => {
  const seeds = readSeeds(jsonFilesBelow(CORPUS), REPO_ROOT);
  const rng = createRng(7);
  let accepted = 0;
  for (let round = 0; round < 10; round++) {
    for (const seed of seeds) {
      const mutant = mutate(seed.text, rng, { hugeStringLength: 2_000 });
      check(mutant.text, `${seed.source} (${mutant.kind})`);
      if (parseStrictJson(mutant.text, DEPTH_LIMIT)) accepted++;
    }
  }
  assert.ok(accepted > 100, `some mutants stay valid JSON (${accepted})`);
});

test('strict parse: edge cases of the JSON grammar', () => {
  const cases = [
    '0',
    '-0',
    '1.5e10',
    '1E+2',
    '-1.25e-3',
    '01',
    '1.',
    '.5',
    '-',
    '1e',
    '+1',
    'NaN',
    'Infinity',
    '1_000',
    'true',
    'false',
    'null',
    'nul',
    'truex',
    'True',
    '""',
    '"a\\"b"',
    '"\\u00e9\\ud83d\\ude00"',
    '"\\ud800"',
    '"\\x41"',
    '"\\u12"',
    '"a\tb"',
    '"line\nbreak"',
    '"unterminated',
    '{}',
    '[]',
    '{"a":1,}',
    '[1,]',
    '[,1]',
    '{"a" 1}',
    '{a:1}',
    "{'a':1}",
    '{"a":1 "b":2}',
    '[1 2]',
    ' \r\n\t{"a" : [ 1 , {"b":null} ] }\r\n',
    '\u00a0{}',
    '\ufeff{}',
    '{}//c',
    '/*c*/{}',
    '{"a":1}{"b":2}',
    '',
    '{"a":1,"a":2}',
    '"😀 — ü"',
    '[[[[[]]]]]',
  ];
  for (const text of cases) check(text, JSON.stringify(text));
});
