// matchesWildcard's quick prefix rejection must never change an answer: compared with the plain RegExp
// on random patterns and values (ASCII letters in both cases, separators, non-ASCII, wildcards).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchesWildcard, wildcardRegExp } from '../../server/src/iam/wildcard';
import { createRng } from '../hardening/fuzzer';

test('matchesWildcard agrees with its RegExp on random patterns and values', () => {
  const rng = createRng(11);
  const alphabet = ['a', 'A', 'b', 'B', 's', 'S', ':', '@', '`', '[', '{', 'é', 'É', 'ſ', 'K', 'k', '\u212a', '3'];
  const word = (length: number, wild: boolean) => {
    let text = '';
    for (let i = 0; i < length; i++) text += wild && rng.next() < 0.15 ? rng.pick(['*', '?']) : rng.pick(alphabet);
    return text;
  };
  let matches = 0;
  for (let round = 0; round < 20_000; round++) {
    const pattern = word(1 + rng.int(6), true);
    if (!pattern.includes('*') && !pattern.includes('?')) continue;
    // Half the values are made from the pattern, so that matches are common.
    const value = rng.next() < 0.5 ? pattern.replace(/[*?]/g, () => word(rng.int(3), false) || 'a') : word(rng.int(8), false);
    const expected = wildcardRegExp(pattern).test(value);
    assert.equal(matchesWildcard(pattern, value), expected, `${JSON.stringify(pattern)} vs ${JSON.stringify(value)}`);
    if (expected) matches++;
  }
  assert.ok(matches > 1000, `matches are exercised (${matches})`);
});

test('a wildcard V8 cannot compile (too large) matches nothing instead of throwing', () => {
  const pattern = `${'é'.repeat(50_000)}*`;
  assert.equal(matchesWildcard(pattern, 'ecr:GetAuthorizationToken'), false);
  assert.equal(wildcardRegExp(pattern).test(`${'é'.repeat(50_000)}x`), false);
});
