// CloudFormation intrinsic functions (Ref, Fn::Sub, Fn::Join, Fn::If, Fn::GetAtt, Fn::ImportValue ...)
// are values the linter cannot know. Rules never report an error on one; where a value can be worked
// out (a Fn::Sub of pseudo parameters, a Ref to a parameter with a Default, both branches of a Fn::If)
// the resolved candidates are checked instead.
import { arrayItems, property, setIntrinsicResolver, stringValue, type Node } from './json';

/** `{ "Ref": ... }`, `{ "Fn::...": ... }` or `{ "Condition": ... }`: an object with one such key. */
export function isIntrinsic(node: Node | undefined): boolean {
  if (!node || node.type !== 'object' || node.children?.length !== 1) return false;
  const key = node.children[0].children?.[0]?.value;
  return typeof key === 'string' && (key === 'Ref' || key.startsWith('Fn::') || key === 'Condition');
}

/** The function name and argument of an intrinsic (`Fn::Sub`, its value). */
export function intrinsicOf(node: Node | undefined): { name: string; argument: Node | undefined } | undefined {
  if (!isIntrinsic(node)) return undefined;
  const prop = node!.children![0];
  return { name: String(prop.children![0].value), argument: prop.children?.[1] };
}

/** `{ "Ref": "AWS::NoValue" }`: the property is removed. */
export function isNoValue(node: Node | undefined): boolean {
  const intrinsic = intrinsicOf(node);
  return intrinsic?.name === 'Ref' && stringValue(intrinsic.argument) === 'AWS::NoValue';
}

/** The value nodes a Fn::If may produce (both branches, without AWS::NoValue), or the node itself. */
export function branchesOf(node: Node): Node[] {
  const intrinsic = intrinsicOf(node);
  if (intrinsic?.name !== 'Fn::If') return isNoValue(node) ? [] : [node];
  const result: Node[] = [];
  const stack = arrayItems(intrinsic.argument).slice(1, 3).reverse();
  let guard = 0;
  while (stack.length > 0 && guard++ < 64) {
    const branch = stack.pop()!;
    const inner = intrinsicOf(branch);
    if (inner?.name === 'Fn::If') stack.push(...arrayItems(inner.argument).slice(1, 3).reverse());
    else if (!isNoValue(branch)) result.push(branch);
  }
  return result;
}

/** Stand-ins for pseudo parameters where a concrete, valid value is needed (format checks). */
const PSEUDO_EXACT: Record<string, string> = {
  'AWS::AccountId': '123456789012',
  'AWS::Region': 'us-east-1',
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackName': 'stack',
  'AWS::StackId': 'arn:aws:cloudformation:us-east-1:123456789012:stack/stack/00000000-0000-0000-0000-000000000000',
};

/**
 * `exact`: a concrete value or nothing (pseudo parameters become valid stand-ins, unknowns make the
 * value unknown). `pattern`: unknown parts become the IAM wildcard `*` (for matching needs against policies).
 */
export type ResolveMode = 'exact' | 'pattern';

const MAX_CANDIDATES = 16;
const MAX_DEPTH = 24;

interface TemplateFacts {
  parameters: Map<string, string | undefined>;
  /** Logical id -> resource node. */
  resources: Map<string, Node>;
}

/**
 * What `Ref` returns for resource types whose value shows in task definitions and policies, as a
 * pattern: the property holding the name (when set) and how it appears. Others are unknown (`*`).
 */
const REF_PATTERNS: Record<string, { nameProperty?: string; format: (name: string) => string }> = {
  'AWS::SecretsManager::Secret': {
    nameProperty: 'Name',
    format: (name) => `arn:*:secretsmanager:*:*:secret:${name === '*' ? '*' : `${name}*`}`,
  },
  'AWS::SSM::Parameter': { nameProperty: 'Name', format: (name) => name },
  'AWS::Logs::LogGroup': { nameProperty: 'LogGroupName', format: (name) => name },
  'AWS::ECR::Repository': { nameProperty: 'RepositoryName', format: (name) => name },
  'AWS::S3::Bucket': { nameProperty: 'BucketName', format: (name) => name },
  'AWS::IAM::Role': { nameProperty: 'RoleName', format: (name) => name },
  'AWS::KMS::Key': { format: () => '*' },
};
const factsCache = new WeakMap<Node, TemplateFacts>();

/** A document parsed from a string of the template (core/embedded.ts) -> the template node that holds the string. */
const embeddedHosts = new WeakMap<Node, Node>();
/** A `{"Fn::Sub": ...}` node built inside such a document -> the variable map of the template's two-argument Fn::Sub. */
const subVariables = new WeakMap<Node, Node>();

export function setEmbeddedHost(root: Node, host: Node): void {
  embeddedHosts.set(root, host);
}

export function setSubVariables(intrinsic: Node, variables: Node): void {
  subVariables.set(intrinsic, variables);
}

export function templateRootOf(node: Node): Node {
  let current = node;
  for (let hops = 0; hops < 4; hops++) {
    while (current.parent) current = current.parent;
    const host = embeddedHosts.get(current);
    if (!host) break;
    current = host;
  }
  return current;
}

function factsOf(root: Node): TemplateFacts {
  let facts = factsCache.get(root);
  if (!facts) {
    const parameters = new Map<string, string | undefined>();
    for (const prop of property(root, 'Parameters')?.children ?? []) {
      const name = prop.children?.[0]?.value;
      const fallback = property(prop.children?.[1], 'Default');
      const value = fallback && (fallback.type === 'string' || fallback.type === 'number') ? String(fallback.value) : undefined;
      if (typeof name === 'string') parameters.set(name, value);
    }
    const resources = new Map<string, Node>();
    for (const prop of property(root, 'Resources')?.children ?? []) {
      const name = prop.children?.[0]?.value;
      const resource = prop.children?.[1];
      if (typeof name === 'string' && resource) resources.set(name, resource);
    }
    facts = { parameters, resources };
    factsCache.set(root, facts);
  }
  return facts;
}

/**
 * The values a string-valued node may take: one for a plain string, both branches of a Fn::If, the
 * substitution of Fn::Sub and Fn::Join. Undefined when a value cannot be known (exact mode), or not a string.
 */
export function resolveStrings(node: Node | undefined, mode: ResolveMode = 'exact'): string[] | undefined {
  if (!node) return undefined;
  if (node.type === 'string') return [String(node.value)];
  if (!isIntrinsic(node)) return node.type === 'number' ? [String(node.value)] : undefined;
  // Rules, needs and links ask for the same values: resolve each intrinsic once per mode.
  const cache = mode === 'exact' ? exactCache : patternCache;
  if (cache.has(node)) return cache.get(node);
  const values = resolve(node, mode, factsOf(templateRootOf(node)), 0);
  cache.set(node, values);
  return values;
}
const exactCache = new WeakMap<Node, string[] | undefined>();
const patternCache = new WeakMap<Node, string[] | undefined>();

/** One value (the first candidate), for messages and needs. */
export function resolveString(node: Node | undefined, mode: ResolveMode = 'exact'): string | undefined {
  return resolveStrings(node, mode)?.[0];
}

function unknown(mode: ResolveMode): string[] | undefined {
  return mode === 'pattern' ? ['*'] : undefined;
}

function resolveName(name: string, mode: ResolveMode, facts: TemplateFacts, variables?: Node, depth = 0): string[] | undefined {
  const variable = property(variables, name);
  if (variable) return resolveAny(variable, mode, facts, depth + 1);
  if (name.startsWith('AWS::')) {
    if (mode === 'exact') return PSEUDO_EXACT[name] !== undefined ? [PSEUDO_EXACT[name]] : undefined;
    return name === 'AWS::URLSuffix' ? ['amazonaws.com'] : ['*'];
  }
  if (facts.parameters.has(name)) {
    const value = facts.parameters.get(name);
    return value !== undefined ? [value] : unknown(mode);
  }
  const resource = facts.resources.get(name);
  const refPattern = resource && mode === 'pattern' ? REF_PATTERNS[stringValue(property(resource, 'Type')) ?? ''] : undefined;
  if (refPattern) {
    const nameNode = refPattern.nameProperty ? property(property(resource, 'Properties'), refPattern.nameProperty) : undefined;
    const names = nameNode && depth < MAX_DEPTH ? (resolveAny(nameNode, mode, facts, depth + 1) ?? ['*']) : ['*'];
    return names.map(refPattern.format);
  }
  return unknown(mode);
}

function resolveAny(node: Node, mode: ResolveMode, facts: TemplateFacts, depth: number): string[] | undefined {
  if (node.type === 'string') return [String(node.value)];
  if (node.type === 'number') return [String(node.value)];
  if (!isIntrinsic(node) || depth > MAX_DEPTH) return unknown(mode);
  return resolve(node, mode, facts, depth);
}

function resolve(node: Node, mode: ResolveMode, facts: TemplateFacts, depth: number): string[] | undefined {
  const { name, argument } = intrinsicOf(node)!;
  switch (name) {
    case 'Ref': {
      const target = stringValue(argument);
      return target ? resolveName(target, mode, facts, undefined, depth) : undefined;
    }
    case 'Fn::Sub': {
      const template = argument?.type === 'array' ? arrayItems(argument)[0] : argument;
      const variables = argument?.type === 'array' ? arrayItems(argument)[1] : subVariables.get(node);
      const text = stringValue(template);
      if (text === undefined) return unknown(mode);
      let results: string[] = [''];
      const pattern = /\$\{([^{}$]{0,256})\}/g;
      let last = 0;
      for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
        const literal = text.slice(last, match.index);
        last = match.index + match[0].length;
        let values: string[] | undefined;
        if (match[1].startsWith('!')) values = [`\${${match[1].slice(1)}}`];
        else {
          const variable = match[1].trim();
          // ${Resource.Attribute} is a Fn::GetAtt: never known.
          values =
            variable.includes('.') && !property(variables, variable) ? unknown(mode) : resolveName(variable, mode, facts, variables, depth);
        }
        if (!values) return undefined;
        results = combine(
          results.map((prefix) => prefix + literal),
          values,
        );
      }
      return results.map((prefix) => prefix + text.slice(last));
    }
    case 'Fn::Join': {
      const [separatorNode, listNode] = arrayItems(argument);
      const separator = stringValue(separatorNode) ?? '';
      if (listNode?.type !== 'array') return unknown(mode);
      let results: string[] = [''];
      arrayItems(listNode).forEach((item, index) => {
        if (!results) return;
        const values = resolveAny(item, mode, facts, depth + 1);
        if (!values) {
          results = undefined as unknown as string[];
          return;
        }
        results = combine(
          results.map((prefix) => (index > 0 ? prefix + separator : prefix)),
          values,
        );
      });
      return results;
    }
    case 'Fn::If': {
      const values: string[] = [];
      for (const branch of arrayItems(argument).slice(1, 3)) {
        if (isNoValue(branch)) continue;
        const resolved = resolveAny(branch, mode, facts, depth + 1);
        if (!resolved) return undefined;
        values.push(...resolved);
      }
      return values.length > 0 ? [...new Set(values)].slice(0, MAX_CANDIDATES) : undefined;
    }
    default:
      return unknown(mode);
  }
}

function combine(prefixes: string[], values: string[]): string[] {
  const result: string[] = [];
  for (const prefix of prefixes) for (const value of values) if (result.length < MAX_CANDIDATES) result.push(prefix + value);
  return result;
}

/** Whether a string node is the template text of a Fn::Sub (its `${...}` are CloudFormation's, not IAM's). */
export function isSubTemplate(node: Node): boolean {
  let owner = node.parent;
  if (owner?.type === 'array') {
    if (owner.children?.[0] !== node) return false;
    owner = owner.parent;
  }
  return owner?.type === 'property' && owner.children?.[0]?.value === 'Fn::Sub';
}

setIntrinsicResolver((node) => {
  if (!isIntrinsic(node)) return undefined;
  const values = resolveStrings(node, 'exact');
  return values && values.length > 0 && values.every((value) => value === values[0]) ? values[0] : undefined;
});

/**
 * A string for deriving what a role needs: a literal, or in a template an intrinsic's pattern (unknown
 * parts `*`, a Ref to a secret its ARN pattern), so a need is still found and matched leniently.
 */
export function needValue(node: Node | undefined): string | undefined {
  if (isIntrinsic(node)) return resolveStrings(node, 'pattern')?.[0];
  return stringValue(node);
}
