// Small helpers over jsonc-parser's tree. Every walk here is iterative, so a deeply nested
// document cannot overflow the stack.
import type { Node } from 'jsonc-parser';
import { table } from './table';
import type { TextEdit } from './types';

export type { Node } from 'jsonc-parser';

/**
 * Object nodes inside a CloudFormation `AWS::ECS::TaskDefinition`'s Properties. CloudFormation spells the
 * RegisterTaskDefinition fields in PascalCase (`ContainerDefinitions`, `ExecutionRoleArn`), so `property()`
 * falls back to that spelling there and every ECS rule runs on templates unchanged. Maps whose keys are
 * data (log `Options`, `DockerLabels`) are not marked.
 */
const CLOUDFORMATION = Symbol('cloudformation');
type MarkedNode = Node & { [CLOUDFORMATION]?: true };
// A flag on the node itself: marking tens of thousands of nodes in a WeakSet costs more than the parse.
const cloudFormationObjects = {
  has: (node: Node) => (node as MarkedNode)[CLOUDFORMATION] === true,
  add: (node: Node) => void ((node as MarkedNode)[CLOUDFORMATION] = true),
};

/** API (camelCase) names CloudFormation does not spell as plain PascalCase. */
export const CLOUDFORMATION_ALIASES = table<string>({
  efsVolumeConfiguration: 'EFSVolumeConfiguration',
  fsxWindowsFileServerVolumeConfiguration: 'FSxWindowsFileServerVolumeConfiguration',
  iam: 'IAM',
  fileSystemId: 'FilesystemId',
  properties: 'ProxyConfigurationProperties',
  // The API's `s3filesVolumeConfiguration`; CloudFormation names the property after its type S3FilesVolumeConfiguration.
  s3filesVolumeConfiguration: 'S3FilesVolumeConfiguration',
});
const REVERSE_ALIASES = table<string>(Object.fromEntries(Object.entries(CLOUDFORMATION_ALIASES).map(([api, cfn]) => [cfn, api as string])));

/**
 * Spellings that hold in one structure only. The API's `fileSystemId` is `FilesystemId` in CloudFormation's
 * EFSVolumeConfiguration (the alias above) but `FileSystemId` in FSxWindowsFileServerVolumeConfiguration
 * (CloudFormation template reference). `property()` and `apiNameOf()` accept both spellings everywhere;
 * this only decides which one to write.
 */
const SHAPE_ALIASES = table({
  FSxWindowsFileServerVolumeConfiguration: table({ fileSystemId: 'FileSystemId' }),
});

/** Values of these CloudFormation task-definition keys are maps with data keys. */
const CLOUDFORMATION_MAP_KEYS = new Set(['Options', 'DockerLabels', 'DriverOpts', 'Labels']);

export function isCloudFormationObject(node: Node | undefined): boolean {
  return node !== undefined && cloudFormationObjects.has(node);
}

/** Marks the objects of a CloudFormation task-definition subtree (iterative). */
export function markCloudFormationSubtree(root: Node): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'object') {
      cloudFormationObjects.add(node);
      for (const prop of node.children ?? []) {
        const key = prop.children?.[0];
        const value = prop.children?.[1];
        if (value && (value.type === 'object' || value.type === 'array') && !(key && CLOUDFORMATION_MAP_KEYS.has(String(key.value)))) {
          stack.push(value);
        }
      }
    } else if (node.type === 'array') {
      for (const child of node.children ?? []) if (child.type === 'object' || child.type === 'array') stack.push(child);
    }
  }
}

const pascalNames = new Map<string, string>();
function pascalCase(name: string): string {
  let pascal = pascalNames.get(name);
  if (pascal === undefined) {
    pascal = name.charAt(0).toUpperCase() + name.slice(1);
    if (pascalNames.size < 10_000) pascalNames.set(name, pascal);
  }
  return pascal;
}

/**
 * The CloudFormation spelling of an API field name (`containerDefinitions` -> `ContainerDefinitions`);
 * `ownerShape`, the API structure holding the field, settles the names spelt differently per structure.
 */
export function cloudFormationName(apiName: string, ownerShape?: string): string {
  const scoped = ownerShape === undefined ? undefined : SHAPE_ALIASES[ownerShape]?.[apiName];
  return scoped ?? CLOUDFORMATION_ALIASES[apiName] ?? apiName.charAt(0).toUpperCase() + apiName.slice(1);
}

/** The API spelling of a CloudFormation key, for schema lookups; undefined when it is not PascalCase. */
export function apiNameOf(cloudFormationKey: string, isMember: (name: string) => boolean): string | undefined {
  const first = cloudFormationKey.charAt(0);
  if (first === '' || first !== first.toUpperCase() || first === first.toLowerCase()) return undefined;
  const lowered = first.toLowerCase() + cloudFormationKey.slice(1);
  if (isMember(lowered)) return lowered;
  const alias = REVERSE_ALIASES[cloudFormationKey];
  return alias && isMember(alias) ? alias : undefined;
}

/** The name to write for field `apiName` in `objectNode` (PascalCase in CloudFormation task definitions). */
export function fieldName(objectNode: Node | undefined, apiName: string): string {
  return objectNode && cloudFormationObjects.has(objectNode) ? cloudFormationName(apiName) : apiName;
}

/**
 * Objects with at least this many properties get a key index on first lookup (a template's `Resources`,
 * `Parameters`, `Mappings`: rules look up every `Ref` target there, and a scan per lookup made a large
 * template quadratic). Smaller objects are scanned: that is cheaper than building and reaching a map.
 */
const INDEXED_AT = 16;
/** Object node -> key -> position of the last property with that key. Trees are never changed after parsing. */
const keyIndexes = new WeakMap<Node, Map<unknown, number>>();

function keyIndex(objectNode: Node, children: Node[]): Map<unknown, number> {
  let index = keyIndexes.get(objectNode);
  if (!index) {
    index = new Map();
    for (let i = 0; i < children.length; i++) {
      const key = children[i].children?.[0];
      if (key) index.set(key.value, i);
    }
    keyIndexes.set(objectNode, index);
  }
  return index;
}

/** The value node of `name` in an object node, or undefined. The last duplicate key wins, as in JSON.parse. */
export function property(objectNode: Node | undefined, name: string): Node | undefined {
  if (!objectNode || objectNode.type !== 'object' || !objectNode.children) return undefined;
  if (objectNode.children.length >= INDEXED_AT) return indexedProperty(objectNode, objectNode.children, name);
  let found: Node | undefined;
  if (!cloudFormationObjects.has(objectNode)) {
    for (const prop of objectNode.children) {
      const key = prop.children?.[0];
      if (key && key.value === name) found = prop.children?.[1];
    }
    return found;
  }
  // One pass for both spellings; the API name wins when both are present.
  const pascal = pascalCase(name);
  const alias = CLOUDFORMATION_ALIASES[name];
  let foundCloudFormation: Node | undefined;
  for (const prop of objectNode.children) {
    const key = prop.children?.[0];
    if (!key) continue;
    if (key.value === name) found = prop.children?.[1];
    else if (key.value === pascal || key.value === alias) foundCloudFormation = prop.children?.[1];
  }
  return found ?? foundCloudFormation;
}

/** `property()` through the key index: the same answer, including duplicates and the CloudFormation spellings. */
function indexedProperty(objectNode: Node, children: Node[], name: string): Node | undefined {
  const index = keyIndex(objectNode, children);
  const at = index.get(name);
  const found = at === undefined ? undefined : children[at].children?.[1];
  if (!cloudFormationObjects.has(objectNode)) return found;
  // The last property spelt the CloudFormation way (PascalCase or the alias), unless spelt as `name` itself.
  const pascal = pascalCase(name);
  const alias = CLOUDFORMATION_ALIASES[name];
  const atPascal = pascal === name ? undefined : index.get(pascal);
  const atAlias = alias === undefined || alias === name ? undefined : index.get(alias);
  const atCloudFormation = atPascal === undefined ? atAlias : atAlias === undefined ? atPascal : Math.max(atPascal, atAlias);
  const foundCloudFormation = atCloudFormation === undefined ? undefined : children[atCloudFormation].children?.[1];
  return found ?? foundCloudFormation;
}

/** The property node (key + value) of `name`. */
export function propertyNode(objectNode: Node | undefined, name: string): Node | undefined {
  return property(objectNode, name)?.parent;
}

export function keyNode(valueNode: Node | undefined): Node | undefined {
  const parent = valueNode?.parent;
  return parent && parent.type === 'property' ? parent.children?.[0] : undefined;
}

export function stringValue(node: Node | undefined): string | undefined {
  if (node && node.type === 'object' && cloudFormationObjects.has(node) && intrinsicResolver) return intrinsicResolver(node);
  return node && node.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}

/**
 * Set by core/intrinsics.ts: in a CloudFormation task definition, `stringValue()` of an intrinsic
 * function is its value when that can be known exactly (a Fn::Sub of pseudo parameters, a Ref to a
 * parameter's Default, a Fn::If whose branches agree), so the ECS rules check it like a literal.
 */
let intrinsicResolver: ((node: Node) => string | undefined) | undefined;
export function setIntrinsicResolver(resolver: (node: Node) => string | undefined): void {
  intrinsicResolver = resolver;
}

export function arrayItems(node: Node | undefined): Node[] {
  return node && node.type === 'array' && node.children ? node.children : [];
}

export function objectProperties(node: Node | undefined): Array<{ key: Node; value: Node | undefined; name: string }> {
  if (!node || node.type !== 'object' || !node.children) return [];
  const result: Array<{ key: Node; value: Node | undefined; name: string }> = [];
  for (const prop of node.children) {
    const key = prop.children?.[0];
    if (key) result.push({ key, value: prop.children?.[1], name: String(key.value) });
  }
  return result;
}

/** Calls `visit` for every string *value* (not property keys) below `root`, depth-first, in document order. */
export function forEachStringValue(root: Node | undefined, visit: (node: Node) => void): void {
  if (!root) return;
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'string') {
      const parent = node.parent;
      const isKey = parent?.type === 'property' && parent.children?.[0] === node;
      if (!isKey) visit(node);
      continue;
    }
    const children = node.children;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

/** The innermost node whose span contains `offset` (end inclusive, so a cursor right after a token still hits it). */
export function nodeAtOffset(root: Node | undefined, offset: number): Node | undefined {
  let current = root;
  if (!current || offset < current.offset || offset > current.offset + current.length) return undefined;
  for (;;) {
    const children: Node[] = current.children ?? [];
    const next: Node | undefined = children.find((child) => offset >= child.offset && offset <= child.offset + child.length);
    if (!next) return current;
    current = next;
  }
}

/** Offset just past the last non-whitespace character before `offset`. */
export function previousNonWhitespace(text: string, offset: number): number {
  let index = offset - 1;
  while (index >= 0 && /\s/.test(text[index])) index--;
  return index;
}

/** The nodes grouped by their parent (properties of one object, items of one array). */
export function groupByParent(nodes: readonly Node[]): Map<Node, Set<Node>> {
  const byParent = new Map<Node, Set<Node>>();
  for (const node of nodes) {
    const parent = node.parent;
    if (!parent) continue;
    if (!byParent.has(parent)) byParent.set(parent, new Set());
    byParent.get(parent)!.add(node);
  }
  return byParent;
}

/**
 * Deletions of the `removed` children of one comma-separated collection (a JSON object or array, a YAML flow
 * collection), each run of neighbours with the commas between them, so what remains is still separated right.
 * Edits never overlap.
 */
export function separatedListRemovals(children: readonly Node[], removed: ReadonlySet<Node>): TextEdit[] {
  const edits: TextEdit[] = [];
  const endOf = (node: Node) => node.offset + node.length;
  let index = 0;
  while (index < children.length) {
    if (!removed.has(children[index])) {
      index++;
      continue;
    }
    let last = index;
    while (last + 1 < children.length && removed.has(children[last + 1])) last++;
    const first = children[index];
    const end = children[last];
    if (last + 1 < children.length) {
      // Remove up to the next kept entry: the run, its commas and the whitespace before the next entry.
      edits.push({ offset: first.offset, length: children[last + 1].offset - first.offset, newText: '' });
    } else if (index > 0) {
      // The run ends the container: remove from the end of the previous kept entry (its comma included).
      const previous = children[index - 1];
      edits.push({ offset: endOf(previous), length: endOf(end) - endOf(previous), newText: '' });
    } else {
      edits.push({ offset: first.offset, length: endOf(end) - first.offset, newText: '' });
    }
    index = last + 1;
  }
  return edits;
}
