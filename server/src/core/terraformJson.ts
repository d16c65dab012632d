// Terraform's JSON syntax (`*.tf.json`, https://developer.hashicorp.com/terraform/language/syntax/json) read
// into the same CloudFormation-shaped tree `hcl.ts` makes of a `.tf` file, so every rule, hover, CodeLens and
// role check that works there works here:
// - `{"resource": {"aws_iam_role": {"exec": {...}}}}` is the resource `aws_iam_role.exec` of type
//   `AWS::IAM::Role`; `data`, `locals` likewise (each level an object, or an array of objects);
// - nested blocks (`statement`, `volume`, `inline_policy`, ...) are an object or an array of objects under the
//   block type's name; `"//"` keys are comments;
// - a string is a template: `"${aws_iam_role.exec.arn}"` alone is a reference (`Fn::GetAtt`, `Ref`, a policy
//   document, a local's literal value), literal text around interpolations makes a `Fn::Sub` (an unknown part of
//   a known string), a `%{...}` directive or anything else an unknown value (a `Ref` to a name no resource has);
// - `container_definitions` and `policy`-like arguments are strings holding JSON: parsed at their place in the
//   text (escapes mapped, `core/embedded.ts`), `${...}` in their string values handled as above; a string that is
//   no JSON is an unknown value (reported as invalid JSON only when it holds no interpolation).
// The nodes are real JSON nodes of the file, so fixes are ordinary JSON edits. Nodes made up for the mapping
// (objects with API names over Terraform argument objects, intrinsic wrappers, `Statement` lists made of
// `statement` blocks) are marked: `terraformJsonFixIsSafe` drops a fix that edits one, except the edits written
// here in Terraform's names (an argument added to a resource, a statement added to a policy document).
import { parseTree, type ParseError } from 'jsonc-parser';
import type { Node } from './json';
import { TASK_ARGUMENTS, TERRAFORM_POLICY_RESOURCES } from './terraformPlan';
import { attachedRoleKey, camelCase, getAttTarget, SERVICE_ARGUMENTS, STATEMENT_ARGUMENTS, terraformName, type HclProblem } from './hcl';
import { parseEmbeddedJson, parseEmbeddedJsonValue, type EmbeddedRegion } from './embedded';
import { indentationAt, indentUnit, lineBreakBetween, lineBreakOf } from './layout';
import type { Fix, TextEdit } from './types';

type Building = { -readonly [Key in keyof Node]: Node[Key] };

/** Whether a file name is Terraform's JSON syntax (`main.tf.json`). */
export function isTerraformJsonFileName(name: string | undefined): boolean {
  return name !== undefined && /\.tf\.json$/i.test(name);
}

/** What a made-up node stands for (edits need it). */
interface Origin {
  /** `arguments`: an object with API names over a block's JSON object; `statements`: a policy document's `statement` list. */
  kind: 'made' | 'arguments' | 'statements';
  /** The JSON object (arguments) or array (statements) of the file the node stands for. */
  source?: Node;
  /** For `arguments`: Terraform argument names by API name. */
  names?: Record<string, string>;
}

/** A flag on the node itself: a WeakMap entry for each of tens of thousands of nodes costs more than the parse. */
const ORIGIN = Symbol('terraform-json-origin');
type Marked = Node & { [ORIGIN]?: Origin };
const ORIGINS = {
  get: (node: Node) => (node as Marked)[ORIGIN],
  has: (node: Node) => (node as Marked)[ORIGIN] !== undefined,
  set: (node: Node, origin: Origin) => void ((node as Marked)[ORIGIN] = origin),
};
const MADE: Origin = { kind: 'made' };
/** JSON documents parsed from strings -> where their string is. */
const REGIONS = new WeakMap<Node, EmbeddedRegion>();
/** Edits written here in Terraform's names (trusted). */
const written = new WeakSet<TextEdit>();

function mark(edit: TextEdit): TextEdit {
  written.add(edit);
  return edit;
}

export interface TerraformJsonView {
  address: string;
  node: Node;
}

export interface TerraformJsonPolicy extends TerraformJsonView {
  kind: 'identity' | 'resource' | 'trust';
  /** A policy written as a JSON string: where, for escaping fixes. */
  embedded?: EmbeddedRegion;
}

export interface ParsedTerraformJson {
  root: Node;
  problems: HclProblem[];
  taskDefinitions: TerraformJsonView[];
  policies: TerraformJsonPolicy[];
  services: TerraformJsonView[];
  /** JSON strings parsed in place (container definitions, policies): fixes written there are escaped. */
  regions: EmbeddedRegion[];
}

/** A block's body: a JSON object whose properties are arguments or nested blocks. */
interface Body {
  node: Node;
  /** Argument (or nested block) values by name, and their key nodes. */
  values: Map<string, Node>;
  keys: Map<string, Node>;
  /** Names of `dynamic` blocks inside: their content is unknown. */
  dynamic: Set<string>;
}

interface Block extends Body {
  type: string;
  labels: string[];
  /** The key node of the block's last label (the resource name), where findings on the resource point. */
  nameKey: Node;
}

function readBody(node: Node): Body {
  const body: Body = { node, values: new Map(), keys: new Map(), dynamic: new Set() };
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    if (key?.type !== 'string' || !value || key.value === '//') continue;
    const name = String(key.value);
    if (name === 'dynamic') {
      for (const object of objectsOf(value)) {
        for (const inner of object.children ?? []) body.dynamic.add(String(inner.children?.[0]?.value));
      }
      continue;
    }
    body.values.set(name, value);
    body.keys.set(name, key);
  }
  return body;
}

/** An object, or the objects of an array (Terraform's JSON syntax allows both wherever blocks are listed). */
function objectsOf(node: Node | undefined): Node[] {
  if (!node) return [];
  if (node.type === 'object') return [node];
  if (node.type === 'array') return (node.children ?? []).filter((item) => item.type === 'object');
  return [];
}

/** The nested blocks named `name` in a body. */
function blocksOf(body: Body, name: string): Block[] {
  const value = body.values.get(name);
  const key = body.keys.get(name);
  if (!value || !key) return [];
  return objectsOf(value).map((object) => ({ ...readBody(object), type: name, labels: [], nameKey: key }));
}

/** One piece of a string template: literal text, or the source of an interpolation. */
type Piece = { literal: string } | { expression: string };

/**
 * A Terraform string template split into literal text and `${...}` interpolations (`$${` and `%%{` are escapes);
 * undefined for a directive (`%{if}`), an unclosed interpolation, or one too long to be a reference.
 */
export function templatePieces(value: string): Piece[] | undefined {
  const pieces: Piece[] = [];
  let literal = '';
  let i = 0;
  while (i < value.length) {
    if (value.startsWith('$${', i) || value.startsWith('%%{', i)) {
      literal += value[i] + '{';
      i += 3;
      continue;
    }
    if (value.startsWith('%{', i)) return undefined;
    if (!value.startsWith('${', i)) {
      literal += value[i++];
      continue;
    }
    // The matching brace, skipping strings (with their escapes) inside the expression.
    let depth = 1;
    let j = i + 2;
    while (j < value.length && depth > 0) {
      const c = value[j];
      if (c === '"') {
        for (j++; j < value.length && value[j] !== '"'; j++) if (value[j] === '\\') j++;
      } else if (c === '{') depth++;
      else if (c === '}') depth--;
      j++;
    }
    if (depth > 0) return undefined;
    if (literal) pieces.push({ literal });
    literal = '';
    pieces.push({
      expression: value
        .slice(i + 2, j - 1)
        .replace(/^~/, '')
        .replace(/~$/, '')
        .trim(),
    });
    i = j;
  }
  if (literal || pieces.length === 0) pieces.push({ literal });
  return pieces;
}

/** Arguments of nested blocks whose value is a map (keys are data), not a block. */
const MAP_ARGUMENTS = new Set(['driver_opts', 'labels', 'properties', 'tags', 'options', 'docker_labels']);

const REFERENCE = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[[^\][]*\])*$/;
const MAX_LOCAL_DEPTH = 8;
const MAX_EMBEDDED_DEPTH = 256;

class Converter {
  readonly problems: HclProblem[] = [];
  readonly taskDefinitions: TerraformJsonView[] = [];
  readonly policies: TerraformJsonPolicy[] = [];
  readonly services: TerraformJsonView[] = [];
  readonly regions: EmbeddedRegion[] = [];
  private readonly resources = new Map<string, Block>();
  private readonly data = new Map<string, Block>();
  private readonly locals = new Map<string, Node>();
  private readonly placedDocuments = new Set<string>();
  private readonly roleAttachments = new Map<string, Building[]>();
  private readonly roleByName = new Map<string, string>();
  private localDepth = 0;

  constructor(private readonly text: string) {}

  convert(top: Node): Building {
    for (const file of objectsOf(top)) {
      for (const property of file.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key?.value === 'resource' || key?.value === 'data') this.readBlocks(String(key.value), value);
        else if (key?.value === 'locals') {
          for (const object of objectsOf(value)) {
            for (const local of object.children ?? []) {
              const [name, localValue] = local.children ?? [];
              if (name?.type === 'string' && localValue) this.locals.set(String(name.value), localValue);
            }
          }
        }
      }
    }
    for (const [address, block] of this.resources) {
      if (block.labels[0] !== 'aws_iam_role') continue;
      const name = block.values.get('name');
      const literal = name ? this.literalString(name) : undefined;
      if (literal) this.roleByName.set(literal, address);
    }

    const span = { offset: top.offset, length: top.length };
    const root = this.node(undefined, 'object', span.offset, span.length);
    const resourcesProperty = this.node(root, 'property', span.offset, span.length);
    root.children = [resourcesProperty];
    const resources = this.node(resourcesProperty, 'object', span.offset, span.length);
    resourcesProperty.children = [this.leaf(resourcesProperty, 'string', 'Resources', span.offset, 0), resources];
    resources.children = [];

    for (const block of this.resources.values()) {
      const type = block.labels[0];
      if (type === 'aws_iam_role_policy_attachment') this.attachment(block, [block.values.get('role')]);
      else if (type === 'aws_iam_role_policy') this.opaqueRolePolicy(block);
      else if (type === 'aws_iam_policy_attachment') this.attachment(block, this.listItems(block.values.get('roles')));
    }
    const roles: Array<[string, Block]> = [];
    for (const [address, block] of this.resources) {
      if (block.labels[0] === 'aws_iam_role') {
        roles.push([address, block]);
        continue;
      }
      const entry = this.resource(resources, address, block);
      if (entry) resources.children.push(entry);
    }
    for (const [address, block] of roles) resources.children.push(this.role(resources, address, block));
    for (const [address, block] of this.data) {
      if (block.labels[0] !== 'aws_iam_policy_document' || this.placedDocuments.has(address)) continue;
      const entry = this.entry(resources, address, block, 'Terraform::IAM::PolicyDocument');
      const properties = this.propertiesOf(entry);
      const property = this.madeProperty(properties, 'PolicyDocument', block.node);
      const policy = this.policyDocument(property, block, address);
      property.children!.push(policy.node);
      properties.children!.push(property);
      this.policies.push({ address, node: policy.node, kind: policy.trust ? 'trust' : 'identity' });
      resources.children.push(entry);
    }
    return root;
  }

  dataBlocks(): Array<{ address: string; offset: number; length: number }> {
    return [...this.data].map(([address, block]) => ({ address, offset: block.node.offset, length: block.node.length }));
  }

  private readBlocks(kind: string, value: Node | undefined): void {
    for (const types of objectsOf(value)) {
      for (const typeProperty of types.children ?? []) {
        const [typeKey, names] = typeProperty.children ?? [];
        if (typeKey?.type !== 'string' || typeKey.value === '//') continue;
        for (const named of objectsOf(names)) {
          for (const nameProperty of named.children ?? []) {
            const [nameKey, bodyValue] = nameProperty.children ?? [];
            if (nameKey?.type !== 'string' || nameKey.value === '//') continue;
            const body = objectsOf(bodyValue)[0];
            if (!body) continue;
            const block: Block = { ...readBody(body), type: kind, labels: [String(typeKey.value), String(nameKey.value)], nameKey };
            const address = `${kind === 'data' ? 'data.' : ''}${typeKey.value}.${nameKey.value}`;
            (kind === 'data' ? this.data : this.resources).set(address, block);
          }
        }
      }
    }
  }

  // ---- nodes ----

  private node(parent: Node | undefined, type: Node['type'], offset: number, length: number, origin: Origin = MADE): Building {
    const node: Building = { type, offset, length, parent };
    ORIGINS.set(node, origin);
    return node;
  }

  private leaf(parent: Node | undefined, type: Node['type'], value: unknown, offset: number, length: number): Building {
    const node = this.node(parent, type, offset, length);
    node.value = value;
    return node;
  }

  /** A copy of a JSON leaf of the file (a real node: edits on it are JSON edits at its place). */
  private real(parent: Node | undefined, source: Node, value: unknown = source.value): Building {
    const node: Building = { type: source.type, offset: source.offset, length: source.length, parent, value };
    if (source.colonOffset !== undefined) node.colonOffset = source.colonOffset;
    return node;
  }

  /** A property with an API name (`executionRoleArn`) over the Terraform key (`execution_role_arn`) and its value. */
  private madeProperty(parent: Node, name: string, key: Node, value?: Node): Building {
    const end = value ? value.offset + value.length : key.offset + key.length;
    const property = this.node(parent, 'property', key.offset, end - key.offset);
    property.children = [this.leaf(property, 'string', name, key.offset, key.length)];
    return property;
  }

  /** `{ Name: argument }` over a span: an intrinsic. */
  private intrinsic(parent: Node | undefined, name: string, argument: unknown, over: Node): Building {
    const object = this.node(parent, 'object', over.offset, over.length);
    const property = this.node(object, 'property', over.offset, over.length);
    object.children = [property];
    property.children = [this.leaf(property, 'string', name, over.offset, 0), this.plain(property, argument, over)];
    return object;
  }

  private plain(parent: Node, value: unknown, over: Node): Building {
    if (Array.isArray(value)) {
      const array = this.node(parent, 'array', over.offset, over.length);
      array.children = value.map((item) => this.plain(array, item, over));
      return array;
    }
    return this.leaf(parent, 'string', value, over.offset, 0);
  }

  private unknown(parent: Node | undefined, over: Node, expression?: string): Building {
    const name = expression ?? this.text.slice(over.offset, over.offset + over.length);
    return this.intrinsic(parent, 'Ref', name.length > 200 ? 'terraform-expression' : name, over);
  }

  // ---- expressions ----

  /** A JSON value of the file as the value Terraform reads: strings are templates. */
  expression(node: Node, parent: Node | undefined, depth = 0): Building {
    if (depth > 64) return this.unknown(parent, node);
    switch (node.type) {
      case 'string':
        return this.template(node, parent);
      case 'array': {
        const array = this.real(parent, node);
        array.children = (node.children ?? []).map((item) => this.expression(item, array, depth + 1));
        return array;
      }
      case 'object': {
        const object = this.real(parent, node);
        object.children = [];
        for (const property of node.children ?? []) {
          const [key, value] = property.children ?? [];
          if (key?.type !== 'string' || !value) continue;
          const copy = this.real(object, property);
          copy.children = [this.real(copy, key), this.expression(value, copy, depth + 1)];
          object.children.push(copy);
        }
        return object;
      }
      default:
        return this.real(parent, node);
    }
  }

  /** A string of the file: a literal, a reference, a Fn::Sub (literal text around interpolations) or unknown. */
  private template(node: Node, parent: Node | undefined): Building {
    const value = String(node.value);
    if (!value.includes('{')) return this.real(parent, node);
    const pieces = templatePieces(value);
    if (!pieces) return this.unknown(parent, node);
    if (pieces.length === 1 && 'literal' in pieces[0]) {
      // `$${` in the text is `${` in the value: a made node (an edit writing the value would lose the escape).
      return pieces[0].literal === value
        ? this.real(parent, node)
        : this.leaf(parent, 'string', pieces[0].literal, node.offset, node.length);
    }
    if (pieces.length === 1 && 'expression' in pieces[0]) return this.reference(pieces[0].expression, node, parent);
    let sub = '';
    for (const piece of pieces) {
      if ('literal' in piece) sub += piece.literal.replace(/\$\{/g, '${!');
      else sub += `\${${REFERENCE.test(piece.expression) ? piece.expression : 'terraform.expression'}}`;
    }
    return this.intrinsic(parent, 'Fn::Sub', sub, node);
  }

  /** `aws_iam_role.exec.arn`, `local.x`, `data.aws_iam_policy_document.x.json`, or an unknown value. */
  private reference(expression: string, over: Node, parent: Node | undefined): Building {
    if (!REFERENCE.test(expression)) return this.unknown(parent, over, expression);
    const names: string[] = [];
    for (const part of expression.match(/[A-Za-z_][\w-]*|\[[^\][]*\]/g) ?? []) {
      // `[0]` / `["key"]` of a resource with count or for_each: the same resource block.
      if (part.startsWith('[')) {
        if (names.length < 2) return this.unknown(parent, over, expression);
        continue;
      }
      names.push(part);
    }
    if (names[0] === 'local' && names.length === 2) {
      const local = this.locals.get(names[1]);
      if (local && this.localDepth < MAX_LOCAL_DEPTH) {
        const literal = this.literalString(local);
        if (literal !== undefined) return this.leaf(parent, 'string', literal, over.offset, over.length);
      }
      return this.unknown(parent, over, expression);
    }
    if (names[0] === 'data' && names.length >= 3) {
      const address = `data.${names[1]}.${names[2]}`;
      const block = this.data.get(address);
      // Not while a value is read for its literal text (a local, a role's name): that would place the document nowhere.
      const placeable = this.localDepth === 0 && names[1] === 'aws_iam_policy_document' && names[3] === 'json';
      if (block && placeable && !this.placedDocuments.has(address)) {
        return this.policyDocument(parent, block, address).node;
      }
      return this.unknown(parent, over, expression);
    }
    if (names.length === 3 && this.resources.has(`${names[0]}.${names[1]}`)) {
      const address = `${names[0]}.${names[1]}`;
      if (names[2] === 'arn') return this.intrinsic(parent, 'Fn::GetAtt', [address, 'Arn'], over);
      if (names[2] === 'name' || names[2] === 'id') return this.intrinsic(parent, 'Ref', address, over);
    }
    return this.unknown(parent, over, expression);
  }

  /** A value's literal string (following locals), or undefined. */
  private literalString(node: Node): string | undefined {
    this.localDepth++;
    try {
      const value = this.expression(node, undefined);
      return value.type === 'string' || value.type === 'number' ? String(value.value) : undefined;
    } finally {
      this.localDepth--;
    }
  }

  private listItems(node: Node | undefined): Array<Node | undefined> {
    if (!node) return [];
    return node.type === 'array' ? (node.children ?? []) : [node];
  }

  // ---- JSON in strings ----

  /**
   * A string argument holding a JSON document (`container_definitions`, `policy`): parsed at its place in the text;
   * a pure reference as any reference (a policy document); anything else unknown.
   */
  private jsonValue(node: Node, parent: Node, list: boolean): Building {
    if (node.type !== 'string') return this.unknown(parent, node);
    const value = String(node.value);
    const pieces = templatePieces(value);
    if (!pieces) return this.unknown(parent, node);
    if (pieces.length === 1 && 'expression' in pieces[0]) return this.reference(pieces[0].expression, node, parent);
    const interpolated = pieces.some((piece) => 'expression' in piece);
    if (jsonDepth(value) > MAX_EMBEDDED_DEPTH) return this.unknown(parent, node);
    const parsed = list ? parseEmbeddedJsonValue(this.text, node) : parseEmbeddedJson(this.text, node, false);
    if (!parsed) {
      if (!interpolated && value.trim() !== '') {
        const errors: ParseError[] = [];
        parseTree(value, errors, { allowTrailingComma: false, disallowComments: true });
        if (errors.length > 0 || !/^\s*[{[]/.test(value)) {
          this.problems.push({
            offset: node.offset,
            length: node.length,
            message:
              'This string is not valid JSON: Terraform accepts it at plan time and the AWS API rejects it at apply. Write the value as `${jsonencode(...)}` or fix the JSON.',
          });
        }
      }
      return this.unknown(parent, node);
    }
    const root = parsed.root as Building;
    if (!this.interpolateStrings(root)) return this.unknown(parent, node);
    root.parent = parent;
    this.regions.push(parsed.region);
    REGIONS.set(root, parsed.region);
    return root;
  }

  /**
   * In a parsed JSON string, each string value holding `${...}` becomes the value its template is (a reference,
   * a Fn::Sub, unknown); false when a property name holds one (the document is then unknown).
   */
  private interpolateStrings(root: Node): boolean {
    if (root.type === 'string') return false;
    const stack: Node[] = [root];
    while (stack.length > 0) {
      const current = stack.pop()! as Building;
      const children = current.children ?? [];
      for (let index = 0; index < children.length; index++) {
        const child = children[index];
        if (child.type !== 'string' || typeof child.value !== 'string' || !/[$%]\{/.test(child.value)) {
          if (child.children) stack.push(child);
          continue;
        }
        const pieces = templatePieces(child.value);
        if (pieces?.length === 1 && 'literal' in pieces[0] && pieces[0].literal === child.value) continue;
        // A property name holding an interpolation: the document's shape is unknown.
        if (current.type === 'property' && index === 0) return false;
        const replaced = this.template(child, current);
        children[index] = replaced;
        ORIGINS.set(replaced, ORIGINS.get(replaced) ?? MADE);
      }
    }
    return true;
  }

  // ---- resources ----

  /** `{ address: { Type, Properties } }` spanning the block's body, Properties an object with API names over it. */
  private entry(resources: Node, address: string, block: Block, type: string): Building {
    const body = block.node;
    const entry = this.node(resources, 'property', body.offset, body.length);
    entry.children = [this.leaf(entry, 'string', address, block.nameKey.offset, block.nameKey.length)];
    const resource = this.node(entry, 'object', body.offset, body.length);
    entry.children.push(resource);
    const typeProperty = this.node(resource, 'property', body.offset, 0);
    typeProperty.children = [
      this.leaf(typeProperty, 'string', 'Type', body.offset, 0),
      this.leaf(typeProperty, 'string', type, body.offset, 0),
    ];
    const propertiesProperty = this.node(resource, 'property', body.offset, body.length);
    const properties = this.node(propertiesProperty, 'object', body.offset, body.length, { kind: 'arguments', source: body, names: {} });
    properties.children = [];
    propertiesProperty.children = [this.leaf(propertiesProperty, 'string', 'Properties', body.offset, 0), properties];
    resource.children = [typeProperty, propertiesProperty];
    return entry;
  }

  private propertiesOf(entry: Building): Building {
    return entry.children![1].children![1].children![1] as Building;
  }

  /** Adds `apiName: <value of the Terraform argument>` (a JSON document value when `json`). */
  private argument(properties: Building, block: Body, name: string, apiName: string, json?: 'object' | 'list'): Building | undefined {
    const value = block.values.get(name);
    const key = block.keys.get(name);
    const names = ORIGINS.get(properties)?.names;
    if (names) names[apiName] = name;
    if (!value || !key) return undefined;
    const property = this.madeProperty(properties, apiName, key, value);
    property.children!.push(json ? this.jsonValue(value, property, json === 'list') : this.expression(value, property));
    properties.children!.push(property);
    return property.children![1] as Building;
  }

  private resource(resources: Node, address: string, block: Block): Building | undefined {
    const type = block.labels[0];
    switch (type) {
      case 'aws_ecs_task_definition':
        return this.taskDefinition(resources, address, block);
      case 'aws_ecs_service':
        return this.service(resources, address, block);
      default: {
        const policy = TERRAFORM_POLICY_RESOURCES[type];
        if (!policy) return undefined;
        const entry = this.policyResource(resources, address, block, policy.mappedType, policy.argument, policy.kind);
        const role = type === 'aws_iam_role_policy' ? block.values.get('role') : undefined;
        if (role) {
          const properties = this.propertiesOf(entry);
          const roles = this.madeProperty(properties, 'Roles', block.keys.get('role')!, role);
          const array = this.node(roles, 'array', role.offset, role.length);
          array.children = [this.expression(role, array)];
          roles.children!.push(array);
          properties.children!.push(roles);
        }
        return entry;
      }
    }
  }

  private policyResource(
    resources: Node,
    address: string,
    block: Block,
    cfnType: string,
    argumentName: string,
    kind: 'identity' | 'resource',
  ): Building {
    const entry = this.entry(resources, address, block, cfnType);
    const value = this.argument(this.propertiesOf(entry), block, argumentName, 'PolicyDocument', 'object');
    if (value) this.addPolicy(address, value, kind);
    return entry;
  }

  private addPolicy(address: string, value: Node, kind: TerraformJsonPolicy['kind']): void {
    if (!isPolicyShaped(value)) return;
    const region = REGIONS.get(value);
    this.policies.push({ address, node: value, kind, ...(region ? { embedded: region } : {}) });
  }

  private taskDefinition(resources: Node, address: string, block: Block): Building {
    const entry = this.entry(resources, address, block, 'AWS::ECS::TaskDefinition');
    const properties = this.propertiesOf(entry);
    for (const [name, apiName] of TASK_ARGUMENTS) {
      this.argument(properties, block, name, apiName, name === 'container_definitions' ? 'list' : undefined);
    }
    const volumes = blocksOf(block, 'volume');
    if (volumes.length > 0) {
      const value = block.values.get('volume')!;
      const property = this.madeProperty(properties, 'volumes', block.keys.get('volume')!, value);
      const array = this.node(property, 'array', value.offset, value.length);
      array.children = volumes.map((volume) => this.blockObject(array, volume, 0));
      property.children!.push(array);
      properties.children!.push(property);
    }
    for (const [name, apiName] of [
      ['runtime_platform', 'runtimePlatform'],
      ['ephemeral_storage', 'ephemeralStorage'],
    ] as const) {
      const inner = blocksOf(block, name)[0];
      if (!inner) continue;
      const property = this.madeProperty(properties, apiName, block.keys.get(name)!, block.values.get(name));
      property.children!.push(this.blockObject(property, inner, 0));
      properties.children!.push(property);
    }
    this.taskDefinitions.push({ address, node: properties });
    return entry;
  }

  /** An `aws_ecs_service` as CreateService input, as core/hcl.ts reads it. */
  private service(resources: Node, address: string, block: Block): Building {
    const entry = this.entry(resources, address, block, 'AWS::ECS::Service');
    const properties = this.propertiesOf(entry);
    for (const [name, apiName] of SERVICE_ARGUMENTS) this.argument(properties, block, name, apiName);
    for (const [name, apiName] of [
      ['load_balancer', 'loadBalancers'],
      ['capacity_provider_strategy', 'capacityProviderStrategy'],
    ] as const) {
      const list = blocksOf(block, name);
      if (list.length === 0) continue;
      const value = block.values.get(name)!;
      const property = this.madeProperty(properties, apiName, block.keys.get(name)!, value);
      const array = this.node(property, 'array', value.offset, value.length);
      array.children = list.map((inner) => {
        const object = this.blockObject(array, inner, 0);
        for (const child of object.children ?? []) {
          const key = child.children?.[0] as Building | undefined;
          if (key?.value === 'elbName') key.value = 'loadBalancerName';
        }
        return object;
      });
      property.children!.push(array);
      properties.children!.push(property);
    }
    const network = blocksOf(block, 'network_configuration')[0];
    if (network) {
      const key = block.keys.get('network_configuration')!;
      const property = this.madeProperty(properties, 'networkConfiguration', key, block.values.get('network_configuration'));
      const wrapper = this.node(property, 'object', network.node.offset, network.node.length);
      const awsvpc = this.madeProperty(wrapper, 'awsvpcConfiguration', key, network.node);
      const object = this.blockObject(awsvpc, network, 0);
      object.children = (object.children ?? []).filter((child) =>
        ['subnets', 'securityGroups'].includes(String(child.children?.[0]?.value)),
      );
      awsvpc.children!.push(object);
      wrapper.children = [awsvpc];
      property.children!.push(wrapper);
      properties.children!.push(property);
    }
    const controller = blocksOf(block, 'deployment_controller')[0];
    if (controller) {
      const property = this.madeProperty(
        properties,
        'deploymentController',
        block.keys.get('deployment_controller')!,
        block.values.get('deployment_controller'),
      );
      property.children!.push(this.blockObject(property, controller, 0));
      properties.children!.push(property);
    }
    this.services.push({ address, node: properties });
    return entry;
  }

  /**
   * A nested block as an object with camelCase keys (`efs_volume_configuration { file_system_id }`). Without the
   * provider's schema, an object value is a nested block and anything else an argument.
   */
  private blockObject(parent: Node, block: Body, depth: number): Building {
    const names: Record<string, string> = {};
    const object = this.node(parent, 'object', block.node.offset, block.node.length, { kind: 'arguments', source: block.node, names });
    object.children = [];
    for (const [name, value] of block.values) {
      const key = block.keys.get(name)!;
      const apiName = name === 'host_path' ? 'host' : name === 'size_in_gib' ? 'sizeInGiB' : camelCase(name);
      names[apiName] = name;
      const property = this.madeProperty(object, apiName, key, value);
      if (name === 'host_path') {
        const host = this.node(property, 'object', value.offset, value.length);
        const sourcePath = this.madeProperty(host, 'sourcePath', key, value);
        sourcePath.children!.push(this.expression(value, sourcePath));
        host.children = [sourcePath];
        property.children!.push(host);
      } else if (objectsOf(value).length > 0 && !MAP_ARGUMENTS.has(name)) {
        if (depth >= 8) continue;
        const inner = objectsOf(value).map((objectNode) => this.blockObject(property, readBody(objectNode), depth + 1));
        if (value.type === 'array') {
          const array = this.node(property, 'array', value.offset, value.length);
          array.children = inner;
          for (const item of inner) item.parent = array;
          property.children!.push(array);
        } else property.children!.push(inner[0]);
      } else property.children!.push(this.expression(value, property));
      object.children.push(property);
    }
    return object;
  }

  private role(resources: Node, address: string, block: Block): Building {
    const entry = this.entry(resources, address, block, 'AWS::IAM::Role');
    const properties = this.propertiesOf(entry);
    // A fix that gives the role its first inline policy writes an `inline_policy` block (`terraformJsonInsertArgument`).
    if (!block.values.has('inline_policy')) ORIGINS.get(properties)!.names!.Policies = 'inline_policy';
    this.argument(properties, block, 'name', 'RoleName');
    const trust = this.argument(properties, block, 'assume_role_policy', 'AssumeRolePolicyDocument', 'object');
    if (trust) this.addPolicy(address, trust, 'trust');

    const inline = blocksOf(block, 'inline_policy');
    const opaque: Building[] = [];
    if (inline.length > 0) {
      const value = block.values.get('inline_policy')!;
      const property = this.madeProperty(properties, 'Policies', block.keys.get('inline_policy')!, value);
      const array = this.node(property, 'array', value.offset, value.length);
      array.children = [];
      for (const policyBlock of inline) {
        const item = this.node(array, 'object', policyBlock.node.offset, policyBlock.node.length, {
          kind: 'arguments',
          source: policyBlock.node,
          names: {},
        });
        item.children = [];
        this.argument(item, policyBlock, 'name', 'PolicyName');
        const document = this.argument(item, policyBlock, 'policy', 'PolicyDocument', 'object');
        if (document) this.addPolicy(address, document, 'identity');
        const policy = policyBlock.values.get('policy');
        if (policy && !this.readablePolicy(policy)) opaque.push(this.unknown(undefined, policy));
        array.children.push(item);
      }
      property.children!.push(array);
      properties.children!.push(property);
    }

    const managed = block.values.get('managed_policy_arns');
    const attached = [...(this.roleAttachments.get(address) ?? [])];
    for (const [name, roleAddress] of this.roleByName) {
      if (roleAddress === address) attached.push(...(this.roleAttachments.get(name) ?? []));
    }
    const entries: Building[] = [...opaque, ...attached];
    if (managed || entries.length > 0) {
      const key = managed ? block.keys.get('managed_policy_arns')! : block.nameKey;
      const property = this.madeProperty(properties, 'ManagedPolicyArns', key, managed);
      const value = managed ? this.expression(managed, property) : this.node(property, 'array', key.offset, 0);
      if (value.type !== 'array') {
        const wrapper = this.node(property, 'array', value.offset, value.length);
        value.parent = wrapper;
        wrapper.children = [value];
        property.children!.push(wrapper);
        this.adopt(wrapper, entries);
      } else {
        // The list is the file's, but entries from attachments join it: a made list.
        if (entries.length > 0) ORIGINS.set(value, MADE);
        property.children!.push(value);
        this.adopt(value, entries);
      }
      properties.children!.push(property);
    }
    return entry;
  }

  private adopt(array: Building, entries: Building[]): void {
    array.children ??= [];
    for (const item of entries) {
      item.parent = array;
      array.children.push(item);
    }
  }

  /** Records an attachment's policy ARN for the roles it names (resolved when the roles are built). */
  private attachment(block: Block, roleValues: Array<Node | undefined>, opaque = false, policyArn = block.values.get('policy_arn')): void {
    if (!policyArn) return;
    for (const roleValue of roleValues) {
      if (!roleValue) continue;
      const key = attachedRoleKey(this.expression(roleValue, undefined));
      if (!key) continue;
      let arn = opaque ? this.unknown(undefined, policyArn) : this.expression(policyArn, undefined);
      const target = getAttTarget(arn);
      const policyBlock = target ? this.resources.get(target) : undefined;
      if (policyBlock && policyBlock.labels[0] === 'aws_iam_policy' && !this.readablePolicy(policyBlock.values.get('policy'))) {
        arn = this.unknown(undefined, policyArn);
      }
      const list = this.roleAttachments.get(key) ?? [];
      list.push(arn);
      this.roleAttachments.set(key, list);
    }
  }

  /** Whether a policy argument is a document this file shows whole: a JSON string, a policy document without merged or dynamic parts. */
  private readablePolicy(value: Node | undefined): boolean {
    if (value?.type !== 'string') return false;
    const text = String(value.value).trim();
    const reference = /^\$\{\s*data\.aws_iam_policy_document\.([\w-]+)(\[[^\]]*\])?\.json\s*\}$/.exec(text);
    if (reference) {
      const block = this.data.get(`data.aws_iam_policy_document.${reference[1]}`);
      return block !== undefined && !isOpaqueDocument(block);
    }
    if (!text.startsWith('{')) return false;
    const pieces = templatePieces(text);
    return pieces !== undefined && pieces.every((piece) => 'literal' in piece);
  }

  /** An aws_iam_role_policy whose document is not shown whole: its role may hold anything. */
  private opaqueRolePolicy(block: Block): void {
    const role = block.values.get('role');
    if (!role || this.readablePolicy(block.values.get('policy'))) return;
    this.attachment(block, [role], true, block.values.get('policy') ?? block.node);
  }

  // ---- aws_iam_policy_document ----

  private policyDocument(parent: Node | undefined, block: Block, address: string): { node: Building; trust: boolean } {
    this.placedDocuments.add(address);
    const body = block.node;
    const policy = this.node(parent, 'object', body.offset, body.length);
    policy.children = [];
    const version = block.values.get('version');
    const versionProperty = this.madeProperty(policy, 'Version', block.keys.get('version') ?? block.nameKey, version);
    versionProperty.children!.push(
      version ? this.expression(version, versionProperty) : this.leaf(versionProperty, 'string', '2012-10-17', body.offset, 0),
    );
    policy.children.push(versionProperty);
    const statements = blocksOf(block, 'statement');
    const statementValue = block.values.get('statement');
    const statementProperty = this.madeProperty(policy, 'Statement', block.keys.get('statement') ?? block.nameKey, statementValue);
    // A `statement` array of the file: statements are appended to it (in Terraform's names, `terraformJsonAppendArrayItem`).
    const array = this.node(
      statementProperty,
      'array',
      statementValue?.offset ?? body.offset,
      statementValue?.length ?? 0,
      statementValue?.type === 'array' ? { kind: 'statements', source: statementValue } : MADE,
    );
    array.children = [];
    let trust = false;
    for (const statement of statements) {
      array.children.push(this.statement(array, statement));
      trust ||= statement.values.has('principals');
    }
    if (block.dynamic.has('statement') || block.values.has('source_policy_documents') || block.values.has('override_policy_documents')) {
      array.children.push(this.unknown(array, body));
    }
    statementProperty.children!.push(array);
    policy.children.push(statementProperty);
    if (trust) {
      const actions = statements.flatMap((s) => {
        const value = s.values.get('actions');
        return value ? [this.text.slice(value.offset, value.offset + value.length)] : [];
      });
      trust = actions.length > 0 && actions.every((text) => /sts:/.test(text));
    }
    return { node: policy, trust };
  }

  private statement(parent: Node, block: Block): Building {
    const object = this.node(parent, 'object', block.node.offset, block.node.length);
    object.children = [];
    const add = (name: string, value: Building, key: Node, over?: Node) => {
      const property = this.madeProperty(object, name, key, over);
      value.parent = property;
      property.children!.push(value);
      object.children!.push(property);
    };
    for (const [name, iamName] of STATEMENT_ARGUMENTS) {
      const value = block.values.get(name);
      if (value) add(iamName, this.expression(value, undefined), block.keys.get(name)!, value);
    }
    if (!block.values.has('effect')) {
      const property = this.node(object, 'property', block.node.offset, 0);
      property.children = [
        this.leaf(property, 'string', 'Effect', block.node.offset, 0),
        this.leaf(property, 'string', 'Allow', block.node.offset, 0),
      ];
      object.children.unshift(property);
    }
    for (const [blockName, iamName] of [
      ['principals', 'Principal'],
      ['not_principals', 'NotPrincipal'],
    ] as const) {
      const principals = blocksOf(block, blockName);
      if (principals.length === 0) continue;
      const value = block.values.get(blockName)!;
      const principal = this.node(undefined, 'object', value.offset, value.length);
      principal.children = [];
      for (const entry of principals) {
        const type = entry.values.get('type');
        const identifiers = entry.values.get('identifiers');
        const typeName = type ? this.literalString(type) : undefined;
        if (!typeName || !identifiers) continue;
        const property = this.madeProperty(principal, typeName, entry.keys.get('type')!, identifiers);
        property.children!.push(this.expression(identifiers, property));
        principal.children.push(property);
      }
      add(iamName, principal, block.keys.get(blockName)!, value);
    }
    const conditions = blocksOf(block, 'condition');
    if (conditions.length > 0) {
      const value = block.values.get('condition')!;
      const condition = this.node(undefined, 'object', value.offset, value.length);
      condition.children = [];
      const byOperator = new Map<string, Building>();
      for (const entry of conditions) {
        const test = entry.values.get('test');
        const variable = entry.values.get('variable');
        const values = entry.values.get('values');
        const operator = test ? this.literalString(test) : undefined;
        const key = variable ? this.literalString(variable) : undefined;
        if (!operator || !key || !values) continue;
        let operatorObject = byOperator.get(operator);
        if (!operatorObject) {
          const property = this.madeProperty(condition, operator, entry.keys.get('test')!, entry.node);
          operatorObject = this.node(property, 'object', entry.node.offset, entry.node.length);
          operatorObject.children = [];
          property.children!.push(operatorObject);
          condition.children.push(property);
          byOperator.set(operator, operatorObject);
        }
        const property = this.madeProperty(operatorObject, key, entry.keys.get('variable')!, values);
        property.children!.push(this.expression(values, property));
        operatorObject.children!.push(property);
      }
      add('Condition', condition, block.keys.get('condition')!, value);
    }
    if (block.dynamic.size > 0) return this.unknown(parent, block.node);
    return object;
  }
}

function isOpaqueDocument(block: Block): boolean {
  return (
    block.dynamic.has('statement') ||
    ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json'].some((name) => block.values.has(name)) ||
    blocksOf(block, 'statement').some((statement) => statement.dynamic.size > 0)
  );
}

function isPolicyShaped(node: Node): boolean {
  return node.type === 'object' && (node.children ?? []).some((property) => property.children?.[0]?.value === 'Statement');
}

/** Bracket nesting of a JSON text, outside its strings (the parser recurses once per level). */
function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 34) {
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
    } else if (code === 123 || code === 91) max = Math.max(max, ++depth);
    else if ((code === 125 || code === 93) && depth > 0) depth--;
  }
  return max;
}

/** Converted root -> the data blocks of the file, by address (placed where referenced, they are no resource of the tree). */
const DATA_BLOCKS = new WeakMap<Node, Array<{ address: string; offset: number; length: number }>>();

/** The `data` blocks of a converted `.tf.json` file with their spans, for the address of a finding inside one. */
export function terraformJsonDataBlocks(root: Node | undefined): Array<{ address: string; offset: number; length: number }> {
  return (root && DATA_BLOCKS.get(root)) ?? [];
}

/** The module of a `.tf.json` file (its jsonc-parser tree) as a CloudFormation-shaped tree. */
export function convertTerraformJson(text: string, root: Node): ParsedTerraformJson {
  const converter = new Converter(text);
  const converted = converter.convert(root);
  DATA_BLOCKS.set(converted, converter.dataBlocks());
  return {
    root: converted,
    problems: converter.problems,
    taskDefinitions: converter.taskDefinitions,
    policies: converter.policies,
    services: converter.services,
    regions: converter.regions,
  };
}

// ---- edits ----

/**
 * Adds an argument to the block an object with API names stands for (`"execution_role_arn": ...` in the
 * resource's JSON object); undefined for other nodes, and for a value that would be a nested block in Terraform
 * (an object, which the API's names inside would make wrong).
 */
export function terraformJsonInsertArgument(text: string, objectNode: Node, apiName: string, valueText: string): TextEdit | undefined {
  const origin = ORIGINS.get(objectNode);
  if (origin?.kind !== 'arguments' || !origin.source || !origin.names) return undefined;
  const source = origin.source;
  const children = source.children ?? [];
  const last = children[children.length - 1];
  if (apiName === 'Policies' && origin.names.Policies === 'inline_policy') {
    // A role's first inline policy: an `inline_policy` block whose `policy` is the document as a JSON string.
    const blocks = inlinePolicyBlocks(valueText);
    if (!blocks) return undefined;
    const indent = last ? indentationAt(text, last.offset) : indentationAt(text, source.offset) + indentUnit(text);
    valueText = renderIndented(blocks, indent, indentUnit(text), lineBreakOf(text));
  } else if (valueText.includes('{')) return undefined;
  const name = origin.names[apiName] ?? (/^[a-z][A-Za-z0-9]*$/.test(apiName) ? terraformName(apiName) : undefined);
  if (!name) return undefined;
  const entry = `${JSON.stringify(name)}: ${valueText}`;
  if (!last) return mark({ offset: source.offset + 1, length: source.length - 2, newText: entry });
  const separator = lineBreakBetween(text, source.offset, last.offset) ? `,${lineBreakOf(text)}${indentationAt(text, last.offset)}` : ', ';
  return mark({ offset: last.offset + last.length, length: 0, newText: `${separator}${entry}` });
}

/**
 * Appends IAM statements (written by a fix as JSON with IAM names) to an `aws_iam_policy_document`'s `statement`
 * array, as Terraform statement blocks (`sid`, `effect`, `actions`, `resources`, `condition`); undefined for other arrays.
 */
export function terraformJsonAppendArrayItem(text: string, arrayNode: Node, itemText: string): TextEdit | undefined {
  const origin = ORIGINS.get(arrayNode);
  if (origin?.kind !== 'statements' || !origin.source) return undefined;
  let statements: unknown;
  try {
    statements = JSON.parse(`[${itemText}]`);
  } catch {
    return undefined;
  }
  const blocks = (statements as unknown[]).map(statementBlock);
  if (blocks.some((block) => block === undefined)) return undefined;
  const source = origin.source;
  const items = source.children ?? [];
  const last = items[items.length - 1];
  const eol = lineBreakOf(text);
  if (!last) return undefined;
  const multiline = lineBreakBetween(text, source.offset, last.offset);
  const indent = indentationAt(text, last.offset);
  const rendered = blocks.map((block) => (multiline ? renderIndented(block, indent, indentUnit(text), eol) : JSON.stringify(block)));
  const separator = multiline ? `,${eol}${indent}` : ', ';
  return mark({ offset: last.offset + last.length, length: 0, newText: rendered.map((item) => `${separator}${item}`).join('') });
}

/** `[{PolicyName, PolicyDocument}]` (a role's `Policies`) as `inline_policy` blocks; undefined for anything else. */
function inlinePolicyBlocks(valueText: string): Array<{ name: string; policy: string }> | undefined {
  let entries: unknown;
  try {
    entries = JSON.parse(valueText);
  } catch {
    return undefined;
  }
  if (!Array.isArray(entries) || entries.length === 0) return undefined;
  const blocks: Array<{ name: string; policy: string }> = [];
  for (const entry of entries as Array<Record<string, unknown>>) {
    if (typeof entry?.PolicyName !== 'string' || !entry.PolicyDocument || typeof entry.PolicyDocument !== 'object') return undefined;
    blocks.push({ name: entry.PolicyName, policy: JSON.stringify(entry.PolicyDocument) });
  }
  return blocks;
}

function renderIndented(value: unknown, indent: string, unit: string, eol: string): string {
  return JSON.stringify(value, null, unit)
    .split('\n')
    .map((line, index) => (index === 0 ? line : indent + line))
    .join(eol);
}

/** An IAM statement as a Terraform `statement` block in JSON syntax; undefined for what it cannot say. */
function statementBlock(statement: unknown): Record<string, unknown> | undefined {
  if (!statement || typeof statement !== 'object' || Array.isArray(statement)) return undefined;
  const list = (value: unknown) => (Array.isArray(value) ? value : [value]);
  const block: Record<string, unknown> = {};
  for (const [iamName, value] of Object.entries(statement as Record<string, unknown>)) {
    const name = STATEMENT_ARGUMENTS.find(([, candidate]) => candidate === iamName)?.[0];
    if (name) {
      block[name] = name === 'sid' || name === 'effect' ? value : list(value);
    } else if (iamName === 'Condition' && value && typeof value === 'object') {
      const conditions: unknown[] = [];
      for (const [test, variables] of Object.entries(value as Record<string, unknown>)) {
        for (const [variable, values] of Object.entries((variables ?? {}) as Record<string, unknown>)) {
          conditions.push({ test, variable, values: list(values) });
        }
      }
      block.condition = conditions;
    } else if ((iamName === 'Principal' || iamName === 'NotPrincipal') && value && typeof value === 'object') {
      block[iamName === 'Principal' ? 'principals' : 'not_principals'] = Object.entries(value as Record<string, unknown>).map(
        ([type, identifiers]) => ({ type, identifiers: list(identifiers) }),
      );
    } else return undefined;
  }
  return block;
}

/**
 * Whether a fix may be offered in a `.tf.json` file: every edit was written here, or lies inside a node that is
 * really in the file (a value, an object or list of the file, JSON inside a string) and not a made-up one.
 */
export function terraformJsonFixIsSafe(root: Node | undefined, fix: Fix): boolean {
  for (const edit of fix.edits) {
    if (written.has(edit)) continue;
    const end = edit.offset + edit.length;
    // An insertion belongs to the node it is strictly inside (after an object's last property: the object, not
    // that property's value); a replacement to the innermost node covering it.
    const holds = (node: Node) =>
      edit.length === 0
        ? node.offset < edit.offset && edit.offset < node.offset + node.length
        : node.offset <= edit.offset && node.offset + node.length >= end;
    let node = innermostAt(root, edit.offset);
    while (node && !holds(node)) node = node.parent;
    if (!node || ORIGINS.has(node)) return false;
    // A key of a made-up property has the API's name, not the file's.
    if (node.parent?.type === 'property' && node.parent.children?.[0] === node && ORIGINS.has(node.parent)) return false;
  }
  return true;
}

/** The deepest node at an offset, preferring a child that holds it (made-up keys have empty spans). */
function innermostAt(root: Node | undefined, offset: number): Node | undefined {
  let current = root;
  if (!current || offset < current.offset || offset > current.offset + current.length) return undefined;
  for (let guard = 0; guard < 4096; guard++) {
    const children: Node[] = current.children ?? [];
    const next: Node | undefined = children.find(
      (child) => child.length > 0 && offset >= child.offset && offset <= child.offset + child.length,
    );
    if (!next) return current;
    current = next;
  }
  return current;
}

/** Whether the text with these edits is still valid JSON (a fix that would break the file is not offered). */
export function terraformJsonEditsKeepSyntax(text: string, edits: readonly TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => b.offset - a.offset);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.offset) + edit.newText + result.slice(edit.offset + edit.length);
  const errors: ParseError[] = [];
  parseTree(result, errors, { allowTrailingComma: false, disallowComments: true });
  return errors.length === 0;
}
