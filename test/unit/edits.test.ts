// core/edits.ts, the edit library every fix uses: the result follows the document's layout and stays valid JSON.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTree, type Node } from 'jsonc-parser';
import { jsonEditor } from '../../server/src/core/edits';
import type { TextEdit } from '../../server/src/core/types';
import { applyEdits, isStrictJson } from '../helpers';

type Case = {
  name: string;
  text: string;
  edit: (root: Node, editor: ReturnType<typeof jsonEditor>) => TextEdit | TextEdit[];
  output: string;
};

const CASES: Case[] = [
  {
    name: 'insert last, one property per line',
    text: '{\n  "a": 1\n}',
    edit: (root, e) => e.insertProperty(root, 'b', '2'),
    output: '{\n  "a": 1,\n  "b": 2\n}',
  },
  {
    name: 'insert first, CRLF',
    text: '{\r\n\t"b": 2\r\n}',
    edit: (root, e) => e.insertProperty(root, 'a', '1', 'first'),
    output: '{\r\n\t"a": 1,\r\n\t"b": 2\r\n}',
  },
  {
    name: 'insert after a property, one line',
    text: '{"a": 1, "c": 3}',
    edit: (root, e) => e.insertProperty(root, 'b', '2', root.children![0]),
    output: '{"a": 1, "b": 2, "c": 3}',
  },
  {
    name: 'insert into an empty object over lines',
    text: '{\n    "o": {\n    }\n}',
    edit: (root, e) => e.insertProperty(root.children![0].children![1], 'k', 'true'),
    output: '{\n    "o": {\n        "k": true\n    }\n}',
  },
  {
    name: 'append to an array over lines',
    text: '[\n  1,\n  2\n]',
    edit: (root, e) => e.appendToArray(root, '3'),
    output: '[\n  1,\n  2,\n  3\n]',
  },
  {
    name: 'add to a string value',
    text: '{"R": "a"}',
    edit: (root, e) => e.addToStringOrArray(root.children![0].children![1], 'b'),
    output: '{"R": ["a", "b"]}',
  },
  { name: 'remove the middle item', text: '[1, 2, 3]', edit: (root, e) => e.remove([root.children![1]]), output: '[1, 3]' },
  {
    name: 'remove the last property',
    text: '{\n  "a": 1,\n  "b": 2\n}',
    edit: (root, e) => e.remove([root.children![1]]),
    output: '{\n  "a": 1\n}',
  },
  {
    name: 'replace with a string',
    text: '{"a": 1}',
    edit: (root, e) => e.replaceWithString(root.children![0].children![1], 'x"y'),
    output: '{"a": "x\\"y"}',
  },
  {
    name: "render a value at an indentation, in the document's step",
    text: '{\n    "a": []\n}',
    edit: (root, e) => e.appendToArray(root.children![0].children![1], e.render({ k: [1] }, '    ')),
    output: '{\n    "a": [{\n        "k": [\n            1\n        ]\n    }]\n}',
  },
];

for (const { name, text, edit, output } of CASES) {
  test(`jsonEditor: ${name}`, () => {
    const root = parseTree(text)!;
    const edits = edit(root, jsonEditor(text));
    const result = applyEdits(text, Array.isArray(edits) ? edits : [edits]);
    assert.equal(result, output);
    assert.ok(isStrictJson(result));
  });
}
