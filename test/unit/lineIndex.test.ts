// LineIndex against a plain reference: LSP lines end at "\n", "\r\n" or a lone "\r"; characters are UTF-16 units.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex } from '../../server/src/core/lineIndex';
import { createRng } from '../hardening/fuzzer';

function referencePosition(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') {
      // Between \r and \n: the end of the line the \r ends (the position of the \r).
      if (i + 1 >= offset) return { line, character: i - lineStart };
      i++;
    }
    if (text[i] === '\n' || text[i] === '\r') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

test('positions and offsets agree with a reference on LF, CRLF, CR, mixed line ends and emoji (never between \\r and \\n)', () => {
  const rng = createRng(42);
  const pieces = ['a', 'é', '😀', ' ', '\n', '\r\n', '\r', '{"x":1}', '\n\n', '\r\r\n'];
  for (let round = 0; round < 300; round++) {
    let text = '';
    const length = rng.int(40);
    for (let i = 0; i < length; i++) text += rng.pick(pieces);
    const index = new LineIndex(text);
    for (let offset = 0; offset <= text.length; offset++) {
      const position = index.positionAt(offset);
      assert.deepEqual(position, referencePosition(text, offset), `${JSON.stringify(text)} at ${offset}`);
      // Offsets inside a \r\n pair map to the position before the \n; every other offset round-trips.
      if (!(text[offset - 1] === '\r' && text[offset] === '\n')) {
        assert.equal(index.offsetAt(position), offset, `${JSON.stringify(text)} round trip at ${offset}`);
      }
    }
  }
});

test('offsets outside the text are clamped; positions past the end give the end', () => {
  const index = new LineIndex('ab\ncd');
  assert.deepEqual(index.positionAt(-5), { line: 0, character: 0 });
  assert.deepEqual(index.positionAt(99), { line: 1, character: 2 });
  assert.equal(index.offsetAt({ line: 7, character: 0 }), 5);
  assert.equal(index.offsetAt({ line: 0, character: 99 }), 3);
  assert.equal(index.lineCount, 2);
});
