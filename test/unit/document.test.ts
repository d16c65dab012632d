// parseDocument's limits: the depth check must read the text as the parser does, or a deep document
// hidden behind an unterminated string or a comment reaches the recursive parser and overflows the stack.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_NESTING_DEPTH, parseDocument } from '../../server/src/core/document';

const deep = '['.repeat(100_000);
for (const [name, text] of [
  ['a string cut off by a line break (the parser ends strings there)', `"abc\n${deep}`],
  ['a quote inside a block comment', `/* " */${deep}`],
  ['a quote inside a line comment', `// "\n${deep}`],
  ['plain', deep],
]) {
  test(`too deep behind ${name}: skipped, not parsed`, () => {
    const document = parseDocument(text);
    assert.equal(document.skipped?.reason, 'too-deep');
    assert.match(document.skipped!.message, new RegExp(`beyond the ${MAX_NESTING_DEPTH} levels`));
  });
}

test('brackets inside strings (with escaped quotes) do not count', () => {
  const document = parseDocument(`{"Statement": [], "Sid": "${'[\\"'.repeat(1000)}"}`);
  assert.equal(document.skipped, undefined);
});
