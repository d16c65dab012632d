// IAM's wildcards: `*` matches any run of characters (also none), `?` exactly one. Action names compare
// case-insensitively. Compiled patterns are cached: the same few hundred patterns recur across policies.

const compiled = new Map<string, RegExp>();

export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

/** A case-insensitive RegExp for an IAM wildcard pattern (`s3:Get*`, `ec2:Describe?pcs`). */
export function wildcardRegExp(pattern: string): RegExp {
  let regex = compiled.get(pattern);
  if (!regex) {
    // Runs of `*` mean the same as one, and runs of `?` become a counted repeat: a pasted or mangled
    // action of thousands of wildcards must not make an invalid (too large) regular expression.
    let source = '';
    for (const run of pattern.match(/\*+|\?+|[^*?]+/g) ?? []) {
      if (run[0] === '*') source += '.*';
      else if (run[0] === '?') source += run.length === 1 ? '.' : `.{${run.length}}`;
      else source += run.replace(/[.+^${}()|[\]\\/-]/g, '\\$&');
    }
    try {
      regex = new RegExp(`^${source}$`, 'is');
      // V8 compiles on first use, and only then rejects a pattern as too large (100,000 `é`): compile now.
      regex.test('');
    } catch {
      regex = /(?!)/; // matches nothing; such a pattern names no real action
    }
    if (compiled.size > 50000) compiled.clear();
    compiled.set(pattern, regex);
  }
  return regex;
}

export function matchesWildcard(pattern: string, value: string): boolean {
  if (!hasWildcard(pattern)) return pattern.length === value.length && pattern.toLowerCase() === value.toLowerCase();
  if (literalPrefixDiffers(pattern, value)) return false;
  return wildcardRegExp(pattern).test(value);
}

/** The usual quick answer: the pattern's text before its first wildcard (`ec2:Describe` of `ec2:Describe*`) is not how the value starts. */
function literalPrefixDiffers(pattern: string, value: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const a = pattern.charCodeAt(i);
    if (a === 42 /* * */ || a === 63 /* ? */) return false;
    const b = value.charCodeAt(i);
    if (a === b) continue;
    if (Number.isNaN(b)) return true;
    // Outside ASCII, leave case folding to the RegExp.
    if (a >= 128 || b >= 128) return false;
    const lowerA = a | 32;
    if (lowerA !== (b | 32) || lowerA < 97 || lowerA > 122) return true;
  }
  return false;
}

/** True when every string `inner` matches is also matched by `outer` (for the simple patterns actions use). */
export function wildcardCovers(outer: string, inner: string): boolean {
  if (!hasWildcard(inner)) return matchesWildcard(outer, inner);
  // A pattern covers another when it matches the other's text with its wildcards read literally,
  // and each of the other's wildcards falls inside one of its own `*`. Checking the literal prefix
  // form is enough for the `service:Prefix*` shapes policies use.
  if (outer === '*') return true;
  const outerStar = outer.indexOf('*');
  if (outerStar === outer.length - 1 && !outer.slice(0, -1).includes('?')) {
    const prefix = outer.slice(0, -1).toLowerCase();
    return inner.toLowerCase().startsWith(prefix);
  }
  return false;
}
