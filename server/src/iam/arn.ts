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

// Tokens, as integers in an Int32Array: a literal character is its lower-cased UTF-16 code (or, in the rare
// case where lower-casing one code unit gives several, an interned id above 0xFFFF); a wildcard is negative:
// a run of any length (`*`, a variable) or exactly one character (`?`, the first character of a variable),
// which may exclude `:` (variables in the partition/service/region/account fields) or `/` (some resource
// variables). Integers keep the search below free of strings and object tokens.
type Tokens = Int32Array;

const RUN = 1;
const NO_COLON = 2;
const NO_SLASH = 4;
const COLON = 58;
const SLASH = 47;
const wildcardToken = (flags: number): number => -1 - flags;
const STAR = wildcardToken(RUN);
const ONE = wildcardToken(0);

const longLowerCase = new Map<string, number>();
/** The token of one literal code unit, compared case-insensitively. */
function literalToken(char: string): number {
  const code = char.charCodeAt(0);
  if (code < 128) return code >= 65 && code <= 90 ? code + 32 : code;
  const lowered = char.toLowerCase();
  if (lowered.length === 1) return lowered.charCodeAt(0);
  let id = longLowerCase.get(lowered);
  if (id === undefined) longLowerCase.set(lowered, (id = 0x10000 + longLowerCase.size));
  return id;
}

const policyTokenCache = new Map<string, Tokens>();

/** Tokens of an ARN as written in a policy: `*`, `?` and `${...}` policy variables are wildcards. */
function policyTokens(text: string): Tokens {
  let cached = policyTokenCache.get(text);
  if (cached) return cached;
  const tokens: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '*') {
      if (tokens[tokens.length - 1] !== STAR) tokens.push(STAR);
    } else if (char === '?') tokens.push(ONE);
    else if (char === '$' && text[i + 1] === '{') {
      const end = text.indexOf('}', i);
      if (end < 0) {
        tokens.push(literalToken(char));
        continue;
      }
      // ${*}, ${?}, ${$} are escapes for the literal character.
      const inner = text.slice(i + 2, end);
      if (inner === '*' || inner === '?' || inner === '$') tokens.push(literalToken(inner));
      else if (tokens[tokens.length - 1] !== STAR) tokens.push(STAR);
      i = end;
    } else tokens.push(literalToken(char));
  }
  cached = Int32Array.from(tokens);
  if (policyTokenCache.size > 20000) policyTokenCache.clear();
  policyTokenCache.set(text, cached);
  return cached;
}

/**
 * Tokens of a catalogue pattern: each `${Variable}` stands for one or more characters. Variables before
 * the resource part hold no `:`. A variable that ends a pattern which another resource type of the
 * service extends with `/` (`${BucketName}` vs `${BucketName}/${ObjectName}`) holds no `/`: that is
 * what tells a bucket from its objects.
 */
function patternTokens(pattern: string, slashFreeTail: boolean): Tokens {
  const tokens: number[] = [];
  let colons = 0;
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '$' && pattern[i + 1] === '{') {
      const end = pattern.indexOf('}', i);
      const isLast = end === pattern.length - 1;
      const excludes = (colons < 5 ? NO_COLON : 0) | (slashFreeTail && isLast ? NO_SLASH : 0);
      tokens.push(wildcardToken(excludes), wildcardToken(RUN | excludes));
      i = end;
    } else {
      if (pattern[i] === ':') colons++;
      tokens.push(literalToken(pattern[i]));
    }
  }
  return Int32Array.from(tokens);
}

/** What a pattern's matching needs, computed once per pattern object. */
interface PatternData {
  tokens: Tokens;
  /** The service field in lower case, or undefined when it holds a variable. */
  service: string | undefined;
  /** Policy ARN -> can it match (bounded; see arnCanMatch). */
  matches: Map<string, boolean>;
}
let patternData = new WeakMap<ResourcePattern, PatternData>();
let cachedMatches = 0;

function dataOf(pattern: ResourcePattern): PatternData {
  let data = patternData.get(pattern);
  if (!data) {
    const service = pattern.arnPattern.split(':')[2];
    data = {
      tokens: patternTokens(pattern.arnPattern, pattern.slashFreeTail),
      service: service.includes('$') ? undefined : service.toLowerCase(),
      matches: new Map(),
    };
    patternData.set(pattern, data);
  }
  return data;
}

const isRun = (token: number): boolean => token < 0 && ((-1 - token) & RUN) !== 0;

// Visited-state marks for intersects(), reused across calls: a cell is visited when it holds the current
// stamp. Searches larger than the shared array's cap (absurdly long ARNs) get an array of their own.
const MAX_SHARED_CELLS = 1 << 18;
let marks = new Uint32Array(4096);
let stamp = 0;
let stack = new Int32Array(1024);

/** Do two token lists share at least one string? A search over (i, j) states, each visited once. */
function intersects(a: Tokens, b: Tokens): boolean {
  // Literal characters at the start (and at the end) of both must agree one for one: a quick answer for
  // the usual mismatch (another resource type of the service), and a smaller search for the rest.
  let start = 0;
  while (start < a.length && start < b.length && a[start] >= 0 && b[start] >= 0) {
    if (a[start] !== b[start]) return false;
    start++;
  }
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] >= 0 && b[endB - 1] >= 0) {
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
  // An explicit stack keeps long ARNs from overflowing the call stack. Each cell is visited once and a
  // visit pushes at most two (i, j) pairs, so 4 * cells + 2 entries always suffice.
  const needed = 4 * cells + 2;
  if (stack.length < needed) stack = new Int32Array(needed);
  let top = 0;
  stack[top++] = start;
  stack[top++] = start;
  while (top > 0) {
    const j = stack[--top];
    const i = stack[--top];
    const cell = (i - start) * width + (j - start);
    if (seen[cell] === stamp) continue;
    seen[cell] = stamp;
    if (i === endA && j === endB) return true;
    const hasA = i < endA;
    const hasB = j < endB;
    const ta = hasA ? a[i] : 0;
    const tb = hasB ? b[j] : 0;
    if (hasA && isRun(ta)) {
      // The run matches nothing more, or consumes b's next character (or b's run matches nothing).
      stack[top++] = i + 1;
      stack[top++] = j;
      if (hasB && (isRun(tb) || compatible(ta, tb))) {
        stack[top++] = i;
        stack[top++] = j + 1;
      }
    } else if (hasB && isRun(tb)) {
      stack[top++] = i;
      stack[top++] = j + 1;
      if (hasA && compatible(tb, ta)) {
        stack[top++] = i + 1;
        stack[top++] = j;
      }
    } else if (hasA && hasB && compatible(ta, tb)) {
      stack[top++] = i + 1;
      stack[top++] = j + 1;
    }
  }
  return false;
}

/** Can a run or one-character wildcard `x`, or a literal, and the single-character token `y` be the same character? */
function compatible(x: number, y: number): boolean {
  if (x >= 0 && y >= 0) return x === y;
  if (x >= 0) return !excludes(y, x);
  if (y >= 0) return !excludes(x, y);
  return true;
}

function excludes(wildcard: number, literal: number): boolean {
  const flags = -1 - wildcard;
  return ((flags & NO_COLON) !== 0 && literal === COLON) || ((flags & NO_SLASH) !== 0 && literal === SLASH);
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

/** Can the policy ARN (with wildcards and variables) name a resource of this pattern? */
export function arnCanMatch(policyArn: string, pattern: ResourcePattern): boolean {
  if (policyArn === '*' || policyArn.length > MAX_MATCHED_ARN_LENGTH) return true;
  const data = dataOf(pattern);
  let result = data.matches.get(policyArn);
  if (result !== undefined) return result;
  result = computeMatch(policyArn, data);
  if (++cachedMatches > 50000) {
    patternData = new WeakMap();
    cachedMatches = 0;
  } else {
    data.matches.set(policyArn, result);
  }
  return result;
}

/**
 * A matcher for one policy ARN against many patterns (all resource types of a service), without the
 * per-pair cache: callers that cache per ARN (resourceTypesMatching) would only fill it.
 */
export function policyArnMatcher(policyArn: string): (pattern: ResourcePattern) => boolean {
  if (policyArn === '*' || policyArn.length > MAX_MATCHED_ARN_LENGTH) return () => true;
  const tokens = policyTokens(policyArn);
  return (pattern) => intersects(tokens, dataOf(pattern).tokens);
}

/** The service field of a policy ARN in lower case, when it is written out (no wildcard or variable). */
const literalServices = new Map<string, string | null>();
function literalServiceOf(policyArn: string): string | undefined {
  let service = literalServices.get(policyArn);
  if (service === undefined) {
    const parsed = parseArn(policyArn);
    service = parsed && !/[*?$]/.test(parsed.service) ? parsed.service.toLowerCase() : null;
    if (literalServices.size > 20000) literalServices.clear();
    literalServices.set(policyArn, service);
  }
  return service ?? undefined;
}

function computeMatch(policyArn: string, pattern: PatternData): boolean {
  // Quick rejection on the service field when both sides spell it out.
  const service = literalServiceOf(policyArn);
  if (service !== undefined && pattern.service !== undefined && service !== pattern.service) return false;
  return intersects(policyTokens(policyArn), pattern.tokens);
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
