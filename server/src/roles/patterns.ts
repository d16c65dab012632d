// Matching of resource patterns where both sides may hold IAM wildcards (`*` any run, `?` one
// character): a policy's `Resource` against a requirement whose unknown parts (an account or region
// the task definition does not reveal) are `*` too.

/**
 * True when some concrete string matches both patterns. ARNs compare case-sensitively, as IAM does
 * for resources. Dynamic programming over both patterns: O(|a| × |b|), fine for ARNs.
 */
export function patternsIntersect(a: string, b: string): boolean {
  if (a === b || a === '*' || b === '*') return true;
  // Fast rejection: the literal prefixes before the first wildcard of either must agree.
  const prefix = Math.min(firstWildcard(a), firstWildcard(b));
  for (let i = 0; i < prefix; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  const n = a.length;
  const m = b.length;
  // can[i][j]: the suffixes a[i:] and b[j:] have a common match. Filled from the ends backwards.
  let next = new Uint8Array(m + 1); // row i + 1
  let current = new Uint8Array(m + 1); // row i
  // Row n: a is exhausted; b's suffix must be all stars.
  next[m] = 1;
  for (let j = m - 1; j >= 0; j--) next[j] = b[j] === '*' && next[j + 1] ? 1 : 0;
  for (let i = n - 1; i >= 0; i--) {
    current[m] = a[i] === '*' && next[m] ? 1 : 0;
    for (let j = m - 1; j >= 0; j--) {
      const x = a[i];
      const y = b[j];
      let value = 0;
      if (x === '*') {
        value = next[j] || current[j + 1] ? 1 : 0;
      } // the star matches nothing, or absorbs b[j]
      else if (y === '*') {
        value = current[j + 1] || next[j] ? 1 : 0;
      } // b's star matches nothing, or absorbs a[i]
      else if (x === '?' || y === '?' || x === y) value = next[j + 1];
      current[j] = value;
    }
    [next, current] = [current, next];
  }
  return next[0] === 1;
}

/** True when every string `inner` can match is matched by `outer` (used for "Resource must be `*`"). */
export function patternCoversEverything(pattern: string): boolean {
  return /^\*+$/.test(pattern);
}

/** Policy variables (`${aws:username}`) stand for values known only at request time: treat them as `*`. */
export function withoutPolicyVariables(pattern: string): { pattern: string; hadVariables: boolean } {
  const replaced = pattern
    .replace(/\$\{(?!\*\}|\?\}|\$\})[^{}$]{0,128}\}/g, '*')
    .replace(/\$\{\*\}/g, '*')
    .replace(/\$\{\?\}/g, '?')
    .replace(/\$\{\$\}/g, '$');
  return { pattern: replaced, hadVariables: replaced !== pattern };
}

function firstWildcard(pattern: string): number {
  for (let i = 0; i < pattern.length; i++) {
    const code = pattern.charCodeAt(i);
    if (code === 42 /* * */ || code === 63 /* ? */) return i;
  }
  return pattern.length;
}
