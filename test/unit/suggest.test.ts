// Did-you-mean ranking (core/suggest.ts): optimal string alignment distance, ties broken by fit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closestMatch, editDistance } from '../../server/src/core/suggest';

/** Unbounded optimal string alignment distance, written plainly, as the reference. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

test('editDistance: a swap of neighbours is one edit', () => {
  const table: Array<[string, string, number]> = [
    ['aws:sourcevcp', 'aws:sourcevpc', 1],
    ['aws:sourcevcp', 'aws:sourceip', 2],
    ['ab', 'ba', 1],
    ['abc', 'ca', 3],
    ['', 'abc', 3],
    ['memoryreservaton', 'memoryreservation', 1],
    ['getobjekt', 'getobject', 1],
  ];
  for (const [a, b, expected] of table) assert.equal(editDistance(a, b), expected, `${a} -> ${b}`);
});

test('editDistance with a bound: exact up to the bound, bound + 1 beyond, as the unbounded reference says', () => {
  let seed = 12;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const word = () => Array.from({ length: Math.floor(random() * 8) }, () => 'abc'[Math.floor(random() * 3)]).join('');
  for (let i = 0; i < 3000; i++) {
    const [a, b, max] = [word(), word(), Math.floor(random() * 5)];
    const exact = reference(a, b);
    assert.equal(editDistance(a, b), exact, `${a} ${b}`);
    assert.equal(editDistance(a, b, max), Math.min(exact, max + 1), `${a} ${b} max ${max}`);
  }
});

test('closestMatch: the closest wins; a tie goes to a candidate that fits, then to the first', () => {
  const keys = ['aws:SourceIp', 'aws:SourceVpc', 'aws:SourceVpce'];
  assert.equal(closestMatch('aws:SourceVcp', keys), 'aws:SourceVpc');
  assert.equal(closestMatch('aws:SourceIx', keys), 'aws:SourceIp');
  assert.equal(closestMatch('abcd', ['abce', 'abcf']), 'abce');
  assert.equal(closestMatch('abcd', ['abce', 'abcf'], { fits: (candidate) => candidate === 'abcf' }), 'abcf');
  assert.equal(
    closestMatch('abcd', ['abxy', 'abce'], { fits: (candidate) => candidate === 'abxy' }),
    'abce',
    'fit never beats a closer candidate',
  );
  assert.equal(closestMatch('zzzz', keys), undefined, 'too far: no suggestion');
});
