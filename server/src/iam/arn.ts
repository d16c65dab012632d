// ARNs: parsing, and deciding whether an ARN written in a policy (with `*`, `?` and policy variables)
// can match any resource of a resource type whose pattern comes from the IAM catalogue
// (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`). Both sides have wildcards, so the question is
// whether two patterns share at least one string; a small dynamic programme answers it.

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
  /** Offsets of each field inside the ARN text: partition, service, region, account, resource. */
  fieldOffsets: [number, number, number, number, number];
}

export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'];

/** `arn:partition:service:region:account:resource`; the resource part may itself contain colons. */
export function parseArn(text: string): ParsedArn | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const fields: string[] = [];
  const offsets: number[] = [];
  let start = 4;
  let depth = 0;
  // Colons inside policy variables (`${aws:PrincipalAccount}`) do not separate fields.
  for (let i = 4; i < text.length && fields.length < 4; i++) {
    const char = text[i];
    if (char === '$' && text[i + 1] === '{') depth++;
    else if (char === '}' && depth > 0) depth--;
    else if (char === ':' && depth === 0) {
      fields.push(text.slice(start, i));
      offsets.push(start);
      start = i + 1;
    }
  }
  if (fields.length < 4) return undefined;
  return {
    partition: fields[0],
    service: fields[1],
    region: fields[2],
    account: fields[3],
    resource: text.slice(start),
    fieldOffsets: [offsets[0], offsets[1], offsets[2], offsets[3], start],
  };
}

// Tokens: a literal character (a string of length 1), or a wildcard: a run of any length (`*`, a
// variable) or exactly one character (`?`, the first character of a variable). A wildcard may exclude
// characters: variables in the partition/service/region/account fields hold no `:`, and some resource
// variables hold no `/`.
interface Wildcard {
  run: boolean;
  excludes: string;
}
type Token = string | Wildcard;

const STAR: Wildcard = { run: true, excludes: '' };
const ONE: Wildcard = { run: false, excludes: '' };
const wildcards = new Map<string, Wildcard>();
function wildcard(run: boolean, excludes: string): Wildcard {
  const key = `${run ? 1 : 0}${excludes}`;
  let token = wildcards.get(key);
  if (!token) wildcards.set(key, (token = { run, excludes }));
  return token;
}

const tokenCache = new Map<string, Token[]>();

/** Tokens of an ARN as written in a policy: `*`, `?` and `${...}` policy variables are wildcards. */
function policyTokens(text: string): Token[] {
  const key = `p${text}`;
  let tokens = tokenCache.get(key);
  if (tokens) return tokens;
  tokens = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '*') {
      if (tokens[tokens.length - 1] !== STAR) tokens.push(STAR);
    } else if (char === '?') tokens.push(ONE);
    else if (char === '$' && text[i + 1] === '{') {
      const end = text.indexOf('}', i);
      if (end < 0) {
        tokens.push(char);
        continue;
      }
      // ${*}, ${?}, ${$} are escapes for the literal character.
      const inner = text.slice(i + 2, end);
      if (inner === '*' || inner === '?' || inner === '$') tokens.push(inner);
      else if (tokens[tokens.length - 1] !== STAR) tokens.push(STAR);
      i = end;
    } else tokens.push(char.toLowerCase());
  }
  cacheTokens(key, tokens);
  return tokens;
}

/**
 * Tokens of a catalogue pattern: each `${Variable}` stands for one or more characters. Variables before
 * the resource part hold no `:`. A variable that ends a pattern which another resource type of the
 * service extends with `/` (`${BucketName}` vs `${BucketName}/${ObjectName}`) holds no `/`: that is
 * what tells a bucket from its objects.
 */
function patternTokens(pattern: string, slashFreeTail: boolean): Token[] {
  const key = `t${slashFreeTail ? 1 : 0}${pattern}`;
  let tokens = tokenCache.get(key);
  if (tokens) return tokens;
  tokens = [];
  let colons = 0;
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '$' && pattern[i + 1] === '{') {
      const end = pattern.indexOf('}', i);
      const isLast = end === pattern.length - 1;
      const excludes = (colons < 5 ? ':' : '') + (slashFreeTail && isLast ? '/' : '');
      tokens.push(wildcard(false, excludes), wildcard(true, excludes));
      i = end;
    } else {
      if (pattern[i] === ':') colons++;
      tokens.push(pattern[i].toLowerCase());
    }
  }
  cacheTokens(key, tokens);
  return tokens;
}

function cacheTokens(key: string, tokens: Token[]): void {
  if (tokenCache.size > 20000) tokenCache.clear();
  tokenCache.set(key, tokens);
}

function isRun(token: Token | undefined): token is Wildcard {
  return typeof token === 'object' && token.run;
}

// Visited-state marks for intersects(), reused across calls: a cell is visited when it holds the current
// stamp. Searches larger than the shared array's cap (absurdly long ARNs) get an array of their own.
const MAX_SHARED_CELLS = 1 << 18;
let marks = new Uint32Array(4096);
let stamp = 0;

/** Do two token lists share at least one string? A search over (i, j) states, each visited once. */
function intersects(a: Token[], b: Token[]): boolean {
  // Literal characters at the start (and at the end) of both must agree one for one: a quick answer for
  // the usual mismatch (another resource type of the service), and a smaller search for the rest.
  let start = 0;
  while (start < a.length && start < b.length && typeof a[start] === 'string' && typeof b[start] === 'string') {
    if (a[start] !== b[start]) return false;
    start++;
  }
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && typeof a[endA - 1] === 'string' && typeof b[endB - 1] === 'string') {
    if (a[endA - 1] !== b[endB - 1]) return false;
    endA--;
    endB--;
  }
  const width = endB - start + 1;
  const cells = (endA - start + 1) * width;
  if (cells > marks.length && cells <= MAX_SHARED_CELLS) marks = new Uint32Array(cells);
  const seen = cells <= marks.length ? marks : new Uint32Array(cells);
  if (++stamp === 0xffffffff) {
    marks.fill(0);
    stamp = 1;
  }
  // An explicit stack keeps long ARNs from overflowing the call stack.
  const stack: number[] = [start, start];
  while (stack.length > 0) {
    const j = stack.pop()!;
    const i = stack.pop()!;
    const cell = (i - start) * width + (j - start);
    if (seen[cell] === stamp) continue;
    seen[cell] = stamp;
    if (i === endA && j === endB) return true;
    const ta = i < endA ? a[i] : undefined;
    const tb = j < endB ? b[j] : undefined;
    if (isRun(ta)) {
      // The run matches nothing more, or consumes b's next character (or b's run matches nothing).
      stack.push(i + 1, j);
      if (tb !== undefined && (isRun(tb) || compatible(ta, tb))) stack.push(i, j + 1);
    } else if (isRun(tb)) {
      stack.push(i, j + 1);
      if (ta !== undefined && compatible(tb, ta)) stack.push(i + 1, j);
    } else if (ta !== undefined && tb !== undefined && compatible(ta, tb)) {
      stack.push(i + 1, j + 1);
    }
  }
  return false;
}

/** Can a run or one-character wildcard `x`, or a literal, and the single-character token `y` be the same character? */
function compatible(x: Token, y: Token): boolean {
  if (typeof x === 'string' && typeof y === 'string') return x === y;
  if (typeof x === 'string') return !(y as Wildcard).excludes.includes(x);
  if (typeof y === 'string') return !x.excludes.includes(y);
  return true;
}

export interface ResourcePattern {
  arnPattern: string;
  /** The last variable may not contain `/` (another resource type extends this pattern with `/`). */
  slashFreeTail: boolean;
}

/**
 * Longer ARNs are not matched (they count as matching anything): no real ARN comes close (IAM caps a whole
 * inline policy at 10,240 characters), and the search grows with the ARN's length times the pattern's.
 */
export const MAX_MATCHED_ARN_LENGTH = 2048;

const matchCache = new Map<string, boolean>();

/** Can the policy ARN (with wildcards and variables) name a resource of this pattern? */
export function arnCanMatch(policyArn: string, pattern: ResourcePattern): boolean {
  if (policyArn === '*' || policyArn.length > MAX_MATCHED_ARN_LENGTH) return true;
  const key = `${pattern.slashFreeTail ? 1 : 0}${pattern.arnPattern}\u0000${policyArn}`;
  let result = matchCache.get(key);
  if (result !== undefined) return result;
  result = computeMatch(policyArn, pattern);
  if (matchCache.size > 50000) matchCache.clear();
  matchCache.set(key, result);
  return result;
}

/**
 * A matcher for one policy ARN against many patterns (all resource types of a service), without the
 * per-pair cache: callers that cache per ARN (resourceTypesMatching) would only fill it.
 */
export function policyArnMatcher(policyArn: string): (pattern: ResourcePattern) => boolean {
  if (policyArn === '*' || policyArn.length > MAX_MATCHED_ARN_LENGTH) return () => true;
  const tokens = policyTokens(policyArn);
  return (pattern) => intersects(tokens, patternTokens(pattern.arnPattern, pattern.slashFreeTail));
}

function computeMatch(policyArn: string, pattern: ResourcePattern): boolean {
  // Quick rejection on the service field when both sides spell it out.
  const parsed = parseArn(policyArn);
  const patternService = pattern.arnPattern.split(':')[2];
  if (parsed && !/[*?$]/.test(parsed.service) && !patternService.includes('$') && parsed.service.toLowerCase() !== patternService.toLowerCase()) return false;
  return intersects(policyTokens(policyArn), patternTokens(pattern.arnPattern, pattern.slashFreeTail));
}

/** For each pattern of a service's resource types: does another pattern extend it with `/`? */
export function resourcePatternsOf(patterns: readonly string[]): ResourcePattern[] {
  return patterns.map((arnPattern) => ({
    arnPattern,
    slashFreeTail: /\$\{[^}]*\}$/.test(arnPattern) && patterns.some((other) => other !== arnPattern && other.startsWith(`${arnPattern}/`)),
  }));
}

/** Region codes such as us-east-1, eu-central-2, us-gov-west-1, cn-north-1, us-isob-east-1. */
export const REGION_PATTERN = /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
export const ACCOUNT_PATTERN = /^\d{12}$/;
