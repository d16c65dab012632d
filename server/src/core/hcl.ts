// Terraform (HCL) files parsed into the same tree the rules read. The parser is the tree-sitter HCL
// grammar (`@tree-sitter-grammars/tree-sitter-hcl`, Apache-2.0) run by `web-tree-sitter` (MIT): both are
// WebAssembly, keep source positions and need no native code. WebAssembly is compiled asynchronously, once:
// the server and the CLI call `initHclParser` with the two `.wasm` files before they parse a `.tf` file
// (`workspace/hclWasm.ts` reads them); until then a `.tf` document is skipped with a message.
//
// A module is presented as a CloudFormation-like template, so the template machinery (role linking inside
// one file, intrinsic resolution, the template rules) runs unchanged:
// - `resource "aws_iam_role" "exec"` is the resource `aws_iam_role.exec` of type `AWS::IAM::Role`, its
//   `assume_role_policy` the `AssumeRolePolicyDocument`, its `inline_policy` blocks `Policies`;
// - `aws_iam_role_policy`, `aws_iam_policy`, `aws_iam_role_policy_attachment` become `AWS::IAM::Policy`,
//   `AWS::IAM::ManagedPolicy` and an entry of the role's `ManagedPolicyArns`;
// - `data "aws_iam_policy_document"` is a policy whose statements are its `statement` blocks, placed where it
//   is referenced (`data.aws_iam_policy_document.x.json`);
// - an `aws_ecs_task_definition` is a task definition in the API's camelCase (`execution_role_arn` is
//   `executionRoleArn`, key node on the HCL name), its `container_definitions` the `jsonencode(...)` value or
//   the JSON of a string or heredoc.
// References become intrinsics: `aws_iam_role.exec.arn` is `Fn::GetAtt [aws_iam_role.exec, Arn]`, `.name`/`.id`
// a `Ref`, `"${var.x}-y"` a `Fn::Sub`; anything else (`var.x`, a function call) is a `Ref` to a name no
// resource has, which every rule treats as an unknown value. Nodes made up for this (block objects, their
// camelCase keys, intrinsic wrappers) are marked, so edits on them are written in HCL (`hclEdits.ts`) or not offered.
import { parseTree, type ParseError } from 'jsonc-parser';
import { Language, Parser, type Node as TsNode } from 'web-tree-sitter';
import type { Node } from './json';
import { TASK_ARGUMENTS, TERRAFORM_POLICY_RESOURCES } from './terraformPlan';

type Building = { -readonly [Key in keyof Node]: Node[Key] };

/** Made-up nodes (their text is not JSON or not there): object from a block, camelCase key, intrinsic wrapper. */
const SYNTHETIC = Symbol('hcl-synthetic');
/** The HCL text a node belongs to, on the root (edits need it). */
const HCL_TEXT = Symbol('hcl-text');
type Marked = Node & { [SYNTHETIC]?: HclOrigin; [HCL_TEXT]?: string };

/** Where a made-up node comes from in the HCL text (for edits). */
export interface HclOrigin {
  /** `block`: an object made of a block's body; `policy-document`: a policy from an aws_iam_policy_document; `blocks`: a list made of repeated blocks. */
  kind: 'block' | 'policy-document' | 'blocks' | 'key' | 'intrinsic' | 'root';
  /** The block (for `block` and `policy-document`): where its body closes and how it is indented. */
  closeOffset?: number;
  indent?: string;
  /** For `block`: HCL argument names by API name, for inserts. */
  names?: Record<string, string>;
}

export function hclOrigin(node: Node | undefined): HclOrigin | undefined {
  return node ? (node as Marked)[SYNTHETIC] : undefined;
}

export function isHclSynthetic(node: Node | undefined): boolean {
  return hclOrigin(node) !== undefined;
}

export function hclTextOf(node: Node | undefined): string | undefined {
  let current = node;
  let guard = 0;
  while (current?.parent && guard++ < 4096) current = current.parent;
  return current ? (current as Marked)[HCL_TEXT] : undefined;
}

let parser: Parser | undefined;
let initializing: Promise<void> | undefined;

/** Loads the WebAssembly runtime and the HCL grammar; later calls return the first call's promise. */
export function initHclParser(load: () => Promise<{ runtime: Uint8Array; grammar: Uint8Array }>): Promise<void> {
  initializing ??= (async () => {
    const { runtime, grammar } = await load();
    await Parser.init({ wasmBinary: runtime });
    const language = await Language.load(grammar);
    const created = new Parser();
    created.setLanguage(language);
    parser = created;
  })();
  return initializing;
}

export function hclParserReady(): boolean {
  return parser !== undefined;
}

/** Whether a file name is a Terraform file (`.tf`, `.tf.json`, and `.tftpl`/`.json.tpl` templates are read as JSON). */
export function isTerraformFileName(name: string | undefined): boolean {
  return name !== undefined && /\.tf$/i.test(name);
}

export interface HclProblem {
  offset: number;
  length: number;
  message: string;
}

export interface TerraformTaskDefinition {
  address: string;
  node: Node;
}

export interface TerraformPolicy {
  address: string;
  node: Node;
  kind: 'identity' | 'resource' | 'trust';
}

export interface ParsedHcl {
  /** A CloudFormation-shaped root: `{ Resources: { address: { Type, Properties } } }`, made-up nodes over the text. */
  root: Node | undefined;
  problems: HclProblem[];
  taskDefinitions: TerraformTaskDefinition[];
  policies: TerraformPolicy[];
  /** `aws_ecs_service` resources: their arguments in CreateService's names. */
  services: TerraformTaskDefinition[];
  tooDeep?: number;
}

/** Bracket nesting (`{`, `[`, `(`) outside strings and comments, stopping past the limit. */
function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 123 || code === 91 || code === 40) {
      if (++depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if ((code === 125 || code === 93 || code === 41) && depth > 0) depth--;
    else if (code === 35 || (code === 47 && text.charCodeAt(i + 1) === 47)) {
      while (i < text.length && text.charCodeAt(i) !== 10) i++;
    }
  }
  return max;
}

interface Block {
  type: string;
  labels: string[];
  node: TsNode;
  attributes: Map<string, TsNode>;
  /** The attribute's name identifier (key spans). */
  names: Map<string, TsNode>;
  blocks: Block[];
  /** A `dynamic` block inside: its content is unknown. */
  dynamic: Set<string>;
}

function readBlock(node: TsNode): Block {
  const block: Block = { type: '', labels: [], node, attributes: new Map(), names: new Map(), blocks: [], dynamic: new Set() };
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'identifier' && !block.type) block.type = child.text;
    else if (child.type === 'string_lit') block.labels.push(stringLiteral(child) ?? '');
    else if (child.type === 'identifier') block.labels.push(child.text);
    else if (child.type === 'body') readBody(child, block);
  }
  return block;
}

function readBody(body: TsNode, into: Block): void {
  for (const child of body.namedChildren) {
    if (!child) continue;
    if (child.type === 'attribute') {
      const name = child.namedChildren[0];
      const value = child.namedChildren.find((c) => c?.type === 'expression');
      if (name && value) {
        into.attributes.set(name.text, value);
        into.names.set(name.text, name);
      }
    } else if (child.type === 'block') {
      const inner = readBlock(child);
      if (inner.type === 'dynamic') into.dynamic.add(inner.labels[0] ?? '');
      else into.blocks.push(inner);
    }
  }
}

/** The value of a string literal without interpolation (`"a\nb"` unescaped), or undefined. */
function stringLiteral(node: TsNode): string | undefined {
  let result = '';
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'template_literal') result += unescapeHcl(child.text);
    else if (child.type !== 'quoted_template_start' && child.type !== 'quoted_template_end') return undefined;
  }
  return result;
}

function unescapeHcl(text: string): string {
  if (!text.includes('\\') && !text.includes('$${') && !text.includes('%%{')) return text;
  return text
    .replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_match, escape: string) => {
      switch (escape[0]) {
        case 'n':
          return '\n';
        case 't':
          return '\t';
        case 'r':
          return '\r';
        case 'u':
        case 'U':
          return String.fromCodePoint(parseInt(escape.slice(1), 16));
        default:
          return escape;
      }
    })
    .replace(/\$\$\{/g, '${')
    .replace(/%%\{/g, '%{');
}

const MAX_LOCAL_DEPTH = 8;

class Converter {
  readonly problems: HclProblem[] = [];
  readonly taskDefinitions: TerraformTaskDefinition[] = [];
  readonly policies: TerraformPolicy[] = [];
  readonly services: TerraformTaskDefinition[] = [];
  private readonly resources = new Map<string, Block>();
  private readonly data = new Map<string, Block>();
  private readonly locals = new Map<string, TsNode>();
  /** Policy documents placed somewhere already (a second reference gets an unknown value). */
  private readonly placedDocuments = new Set<string>();
  /** Role address -> entries to add to its ManagedPolicyArns (made of attachment nodes). */
  private readonly roleAttachments = new Map<string, Building[]>();
  private readonly roleByName = new Map<string, string>();
  private localDepth = 0;

  constructor(private readonly text: string) {}

  convert(tree: TsNode): Building {
    const blocks: Block[] = [];
    for (const child of tree.namedChildren) {
      if (child?.type !== 'body') continue;
      for (const item of child.namedChildren) if (item?.type === 'block') blocks.push(readBlock(item));
    }
    for (const block of blocks) {
      if (block.type === 'resource' && block.labels.length >= 2) this.resources.set(`${block.labels[0]}.${block.labels[1]}`, block);
      else if (block.type === 'data' && block.labels.length >= 2) this.data.set(`data.${block.labels[0]}.${block.labels[1]}`, block);
      else if (block.type === 'locals') for (const [name, value] of block.attributes) this.locals.set(name, value);
    }
    for (const [address, block] of this.resources) {
      if (block.labels[0] !== 'aws_iam_role') continue;
      const name = block.attributes.get('name');
      const literal = name ? this.literalString(name) : undefined;
      if (literal) this.roleByName.set(literal, address);
    }

    const root = this.node(undefined, 'object', 0, this.text.length, { kind: 'root' });
    const resourcesProperty = this.node(root, 'property', 0, this.text.length, { kind: 'root' });
    root.children = [resourcesProperty];
    resourcesProperty.children = [this.leaf(resourcesProperty, 'string', 'Resources', 0, 0, { kind: 'root' })];
    const resources = this.node(resourcesProperty, 'object', 0, this.text.length, { kind: 'root' });
    resourcesProperty.children.push(resources);
    resources.children = [];

    // Attachments first: they add to the roles' ManagedPolicyArns.
    for (const [address, block] of this.resources) {
      const type = block.labels[0];
      if (type === 'aws_iam_role_policy_attachment') this.attachment(block, [block.attributes.get('role')]);
      else if (type === 'aws_iam_role_policy') this.opaqueRolePolicy(block);
      else if (type === 'aws_iam_policy_attachment') this.attachment(block, this.listItems(block.attributes.get('roles')));
      void address;
    }
    const roles: Array<[string, Block]> = [];
    for (const [address, block] of this.resources) {
      const type = block.labels[0];
      if (type === 'aws_iam_role') {
        roles.push([address, block]); // after the policies, so their opacity is known
        continue;
      }
      const entry = this.resource(resources, address, block);
      if (entry) resources.children.push(entry);
    }
    for (const [address, block] of roles) {
      const entry = this.resource(resources, address, block);
      if (entry) resources.children.push(entry);
    }
    // Policy documents no resource references: still policies to check.
    for (const [address, block] of this.data) {
      if (block.labels[0] !== 'aws_iam_policy_document' || this.placedDocuments.has(address)) continue;
      const entry = this.entry(resources, address, block, 'Terraform::IAM::PolicyDocument');
      const properties = entry.children![1].children![1].children![1];
      const property = this.syntheticProperty(properties, 'PolicyDocument', block.node);
      const policy = this.policyDocument(property, block, address);
      property.children!.push(policy.node);
      properties.children!.push(property);
      this.policies.push({ address, node: policy.node, kind: policy.trust ? 'trust' : 'identity' });
      resources.children.push(entry);
    }
    return root;
  }

  // ---- nodes ----

  private node(parent: Node | undefined, type: Node['type'], offset: number, length: number, origin?: HclOrigin): Building {
    const node: Building = { type, offset, length, parent };
    if (origin) (node as Marked)[SYNTHETIC] = origin;
    return node;
  }

  private leaf(parent: Node, type: Node['type'], value: unknown, offset: number, length: number, origin?: HclOrigin): Building {
    const node = this.node(parent, type, offset, length, origin);
    node.value = value;
    return node;
  }

  /** A property whose key (`name`) is made up, spanning `over` (an HCL name or block). */
  private syntheticProperty(parent: Node, name: string, over: TsNode): Building {
    const property = this.node(parent, 'property', over.startIndex, over.endIndex - over.startIndex, { kind: 'key' });
    // Over a block, the key is the block's type name (`load_balancer`), so the values inside stay the innermost nodes.
    const key = over.type === 'block' ? (over.namedChildren[0] ?? over) : over;
    property.children = [this.leaf(property, 'string', name, key.startIndex, key.endIndex - key.startIndex, { kind: 'key' })];
    return property;
  }

  /** `{ Name: argument }` over a span: an intrinsic. */
  private intrinsic(parent: Node | undefined, name: string, argument: unknown, over: { startIndex: number; endIndex: number }): Building {
    const offset = over.startIndex;
    const length = over.endIndex - over.startIndex;
    const object = this.node(parent, 'object', offset, length, { kind: 'intrinsic' });
    const property = this.node(object, 'property', offset, length, { kind: 'intrinsic' });
    object.children = [property];
    property.children = [
      this.leaf(property, 'string', name, offset, 0, { kind: 'intrinsic' }),
      this.plain(property, argument, offset, length),
    ];
    return object;
  }

  /** A made-up value (string, list of strings) over a span. */
  private plain(parent: Node, value: unknown, offset: number, length: number): Building {
    if (Array.isArray(value)) {
      const array = this.node(parent, 'array', offset, length, { kind: 'intrinsic' });
      array.children = value.map((item) => this.plain(array, item, offset, length));
      return array;
    }
    return this.leaf(parent, 'string', value, offset, 0, { kind: 'intrinsic' });
  }

  private unknown(parent: Node | undefined, over: TsNode): Building {
    return this.intrinsic(parent, 'Ref', over.text.length > 200 ? 'terraform-expression' : over.text, over);
  }

  // ---- expressions ----

  /** An HCL expression as a value node. */
  expression(node: TsNode, parent: Node | undefined, depth = 0): Building {
    if (depth > 600) return this.unknown(parent, node);
    let inner: TsNode = node;
    // `expression` wraps one value, or a traversal (variable_expr followed by get_attr / index).
    while (inner.type === 'expression' || inner.type === 'collection_value' || inner.type === 'template_expr') {
      const named = inner.namedChildren.filter((c): c is TsNode => c !== null);
      if (inner.type === 'expression' && named.length > 1) return this.traversal(inner, named, parent);
      if (named.length !== 1) return this.unknown(parent, inner);
      inner = named[0];
    }
    switch (inner.type) {
      case 'literal_value':
        return this.literal(inner, parent);
      case 'tuple': {
        const array = this.node(parent, 'array', inner.startIndex, inner.endIndex - inner.startIndex);
        array.children = inner.namedChildren
          .filter((c): c is TsNode => c?.type === 'expression')
          .map((item) => this.expression(item, array, depth + 1));
        return array;
      }
      case 'object': {
        const object = this.node(parent, 'object', inner.startIndex, inner.endIndex - inner.startIndex);
        object.children = [];
        for (const element of inner.namedChildren) {
          if (element?.type !== 'object_elem') continue;
          const [keyExpression, valueExpression] = element.namedChildren.filter((c): c is TsNode => c?.type === 'expression');
          if (!keyExpression || !valueExpression) continue;
          const key = this.objectKey(keyExpression);
          const property = this.node(object, 'property', element.startIndex, element.endIndex - element.startIndex);
          if (key === undefined) continue;
          const separator = element.children.find((c) => c?.type === '=' || c?.type === ':');
          if (separator) property.colonOffset = separator.startIndex;
          property.children = [
            this.leaf(property, 'string', key, keyExpression.startIndex, keyExpression.endIndex - keyExpression.startIndex),
            this.expression(valueExpression, property, depth + 1),
          ];
          object.children.push(property);
        }
        return object;
      }
      case 'quoted_template':
      case 'heredoc_template':
        return this.template(inner, parent);
      case 'function_call': {
        const name = inner.namedChildren[0]?.text;
        const args = inner.namedChildren
          .find((c) => c?.type === 'function_arguments')
          ?.namedChildren.filter((c): c is TsNode => c?.type === 'expression');
        if (name === 'jsonencode' && args?.length === 1) return this.expression(args[0], parent, depth + 1);
        if ((name === 'tostring' || name === 'trimspace' || name === 'chomp') && args?.length === 1) {
          return this.expression(args[0], parent, depth + 1);
        }
        return this.unknown(parent, inner);
      }
      default:
        return this.unknown(parent, inner);
    }
  }

  private objectKey(keyExpression: TsNode): string | undefined {
    const named = keyExpression.namedChildren.filter((c): c is TsNode => c !== null);
    if (named.length !== 1) return undefined;
    const only = named[0];
    if (only.type === 'variable_expr') return only.text;
    if (only.type === 'literal_value') {
      const string = only.namedChildren[0];
      return string?.type === 'string_lit' ? stringLiteral(string) : only.text;
    }
    if (only.type === 'template_expr') {
      const template = only.namedChildren[0];
      return template?.type === 'quoted_template' ? stringLiteral(template) : undefined;
    }
    return undefined;
  }

  private literal(node: TsNode, parent: Node | undefined): Building {
    const value = node.namedChildren[0];
    const offset = node.startIndex;
    const length = node.endIndex - node.startIndex;
    if (!value) return this.unknown(parent, node);
    switch (value.type) {
      case 'string_lit': {
        const text = stringLiteral(value);
        return text === undefined ? this.unknown(parent, node) : (this.leafFor(parent, 'string', text, offset, length) as Building);
      }
      case 'numeric_lit': {
        const number = Number(value.text);
        return Number.isFinite(number) ? (this.leafFor(parent, 'number', number, offset, length) as Building) : this.unknown(parent, node);
      }
      case 'bool_lit':
        return this.leafFor(parent, 'boolean', value.text === 'true', offset, length) as Building;
      case 'null_lit':
        return this.leafFor(parent, 'null', null, offset, length) as Building;
      default:
        return this.unknown(parent, node);
    }
  }

  private leafFor(parent: Node | undefined, type: Node['type'], value: unknown, offset: number, length: number): Building {
    const node = this.node(parent, type, offset, length);
    node.value = value;
    return node;
  }

  /** A template with interpolations becomes a Fn::Sub (an unknown part of a known string); a directive makes it unknown. */
  private template(node: TsNode, parent: Node | undefined): Building {
    let text = '';
    let literalOnly = true;
    for (const child of node.namedChildren) {
      if (!child) continue;
      switch (child.type) {
        case 'template_literal':
          text += node.type === 'heredoc_template' ? child.text : unescapeHcl(child.text);
          break;
        case 'template_interpolation': {
          literalOnly = false;
          const expression = child.namedChildren.find((c) => c?.type === 'expression');
          const reference = expression ? this.referenceName(expression) : undefined;
          text += `\${${reference ?? 'terraform.expression'}}`;
          break;
        }
        case 'template_directive':
          return this.unknown(parent, node);
        default:
          break;
      }
    }
    if (node.type === 'heredoc_template') text = this.heredocText(node, text);
    if (literalOnly) return this.leafFor(parent, 'string', text, node.startIndex, node.endIndex - node.startIndex);
    return this.intrinsic(parent, 'Fn::Sub', text, node);
  }

  /** Heredoc text: the literal parts with the line breaks between them, `<<-` indentation removed. */
  private heredocText(node: TsNode, joined: string): string {
    const start = node.namedChildren.find((c) => c?.type === 'heredoc_start');
    if (!start?.text.includes('-')) return joined;
    const lines = joined.split('\n');
    const indents = lines.filter((line) => line.trim()).map((line) => /^[ \t]*/.exec(line)![0].length);
    const strip = indents.length > 0 ? Math.min(...indents) : 0;
    return lines.map((line) => line.slice(strip)).join('\n');
  }

  /** `aws_iam_role.exec.arn` as text (`var.x`, `local.y`), for Fn::Sub variables and messages. */
  private referenceName(expression: TsNode): string | undefined {
    const text = expression.text.trim();
    return /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/.test(text) ? text : undefined;
  }

  private traversal(expression: TsNode, parts: TsNode[], parent: Node | undefined): Building {
    const names: string[] = [];
    for (const part of parts) {
      if (part.type === 'variable_expr') names.push(part.text);
      else if (part.type === 'get_attr') names.push(part.text.replace(/^\./, ''));
      // `[0]` / `["key"]` of a resource with count or for_each: the same resource block.
      else if (part.type === 'index' && names.length >= 2 && part.namedChildren[0]?.type === 'new_index') continue;
      else return this.unknown(parent, expression);
    }
    if (names[0] === 'local' && names.length === 2) {
      const local = this.locals.get(names[1]);
      if (local && this.localDepth < MAX_LOCAL_DEPTH) {
        // A local's value where it is simple (a string, a number): placed over the reference.
        const literal = this.literalString(local);
        if (literal !== undefined) {
          return this.leafFor(parent, 'string', literal, expression.startIndex, expression.endIndex - expression.startIndex);
        }
      }
      return this.unknown(parent, expression);
    }
    if (names[0] === 'data' && names.length >= 3) {
      const address = `data.${names[1]}.${names[2]}`;
      const block = this.data.get(address);
      if (block && names[1] === 'aws_iam_policy_document' && names[3] === 'json' && !this.placedDocuments.has(address)) {
        return this.policyDocument(parent, block, address).node;
      }
      return this.unknown(parent, expression);
    }
    if (names.length === 3 && this.resources.has(`${names[0]}.${names[1]}`)) {
      const address = `${names[0]}.${names[1]}`;
      if (names[2] === 'arn') return this.intrinsic(parent, 'Fn::GetAtt', [address, 'Arn'], expression);
      if (names[2] === 'name' || names[2] === 'id') return this.intrinsic(parent, 'Ref', address, expression);
    }
    return this.unknown(parent, expression);
  }

  /** A string literal expression's value (following locals), or undefined. */
  private literalString(expression: TsNode): string | undefined {
    this.localDepth++;
    try {
      const value = this.expression(expression, undefined);
      return value.type === 'string' ? String(value.value) : value.type === 'number' ? String(value.value) : undefined;
    } finally {
      this.localDepth--;
    }
  }

  private listItems(expression: TsNode | undefined): Array<TsNode | undefined> {
    if (!expression) return [];
    const value = this.expression(expression, undefined);
    if (value.type !== 'array') return [expression];
    const tuple = findFirst(expression, 'tuple');
    return tuple ? tuple.namedChildren.filter((c): c is TsNode => c?.type === 'expression') : [];
  }

  // ---- JSON in strings ----

  /**
   * A value that holds a JSON document as a string (`container_definitions`, `policy`): `jsonencode(...)` is
   * the HCL value itself; a string or heredoc without interpolation is parsed as JSON at its place in the text;
   * anything else is unknown.
   */
  private jsonValue(expression: TsNode, parent: Node): Building {
    const value = this.expression(expression, parent);
    if (value.type !== 'string') return value;
    const template = findFirst(expression, 'heredoc_template') ?? findFirst(expression, 'string_lit');
    if (!template) return this.unknown(parent, expression);
    // Where the JSON text starts: after the heredoc's first line, or after the opening quote.
    const literalParts = template.namedChildren.filter((c): c is TsNode => c?.type === 'template_literal');
    if (literalParts.length === 0) return this.unknown(parent, expression);
    const start = literalParts[0].startIndex;
    const end = literalParts[literalParts.length - 1].endIndex;
    const raw = this.text.slice(start, end);
    if (template.type === 'string_lit' && raw.includes('\\')) {
      // Escaped JSON in a quoted string: offsets inside would not match the text; parse the value, place it on the string.
      const errors: ParseError[] = [];
      const tree = parseTree(String(value.value), errors, { allowTrailingComma: false });
      if (!tree || errors.length > 0) {
        this.problems.push({
          offset: value.offset,
          length: value.length,
          message: 'This string is not valid JSON: Terraform accepts it at plan time and the AWS API rejects it at apply.',
        });
        return this.unknown(parent, expression);
      }
      return this.relocate(tree, parent, value.offset, value.length);
    }
    const errors: ParseError[] = [];
    const padded = ' '.repeat(start) + raw;
    const tree = parseTree(padded, errors, { allowTrailingComma: false, disallowComments: true });
    for (const error of errors.slice(0, 20)) {
      this.problems.push({
        offset: Math.min(error.offset, this.text.length),
        length: Math.max(1, error.length),
        message: `Invalid JSON (${jsonErrorName(error.error)}): Terraform accepts this string at plan time and the AWS API rejects it at apply.`,
      });
    }
    if (!tree) return this.unknown(parent, expression);
    (tree as Building).parent = parent;
    return tree as Building;
  }

  /** A parsed tree moved onto one span of the text (every node covers the string). */
  private relocate(tree: Node, parent: Node, offset: number, length: number): Building {
    const stack: Array<[Node, Node | undefined]> = [[tree, parent]];
    while (stack.length > 0) {
      const [node, owner] = stack.pop()!;
      const building = node as Building;
      building.offset = offset;
      building.length = length;
      building.parent = owner;
      if (building.colonOffset !== undefined) building.colonOffset = offset;
      (building as Marked)[SYNTHETIC] = { kind: 'intrinsic' };
      for (const child of node.children ?? []) stack.push([child, node]);
    }
    return tree as Building;
  }

  // ---- resources ----

  /** `{ address: { Type, Properties } }` spanning the block, with an empty Properties object. */
  private entry(resources: Node, address: string, block: Block, type: string): Building {
    const span = { startIndex: block.node.startIndex, endIndex: block.node.endIndex };
    const origin = this.blockOrigin(block);
    const entry = this.node(resources, 'property', span.startIndex, span.endIndex - span.startIndex, { kind: 'key' });
    const labelNode = block.node.namedChildren.filter((c) => c?.type === 'string_lit' || c?.type === 'identifier')[2] ?? block.node;
    entry.children = [
      this.leaf(entry, 'string', address, labelNode.startIndex, labelNode.endIndex - labelNode.startIndex, { kind: 'key' }),
    ];
    const resource = this.node(entry, 'object', span.startIndex, span.endIndex - span.startIndex, origin);
    entry.children.push(resource);
    const typeProperty = this.node(resource, 'property', span.startIndex, 0, { kind: 'key' });
    typeProperty.children = [
      this.leaf(typeProperty, 'string', 'Type', span.startIndex, 0, { kind: 'key' }),
      this.leaf(typeProperty, 'string', type, span.startIndex, 0, { kind: 'key' }),
    ];
    const propertiesProperty = this.node(resource, 'property', span.startIndex, span.endIndex - span.startIndex, { kind: 'key' });
    propertiesProperty.children = [this.leaf(propertiesProperty, 'string', 'Properties', span.startIndex, 0, { kind: 'key' })];
    const properties = this.node(propertiesProperty, 'object', span.startIndex, span.endIndex - span.startIndex, origin);
    properties.children = [];
    propertiesProperty.children.push(properties);
    resource.children = [typeProperty, propertiesProperty];
    return entry;
  }

  private blockOrigin(block: Block): HclOrigin {
    const close = block.node.namedChildren.find((c) => c?.type === 'block_end');
    const lineStart = this.text.lastIndexOf('\n', block.node.startIndex - 1) + 1;
    const indent = /^[ \t]*/.exec(this.text.slice(lineStart, block.node.startIndex))![0];
    return { kind: 'block', closeOffset: close?.startIndex ?? block.node.endIndex, indent };
  }

  private propertiesOf(entry: Building): Building {
    return entry.children![1].children![1].children![1] as Building;
  }

  /** Adds `name: <value of the HCL argument>` (a JSON document value when `json`). */
  private argument(properties: Building, block: Block, hclName: string, apiName: string, json = false): Building | undefined {
    const expression = block.attributes.get(hclName);
    const nameNode = block.names.get(hclName);
    if (!expression || !nameNode) return undefined;
    const property = this.syntheticProperty(properties, apiName, nameNode);
    property.length = expression.endIndex - nameNode.startIndex;
    property.children!.push(json ? this.jsonValue(expression, property) : this.expression(expression, property));
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
      case 'aws_iam_role':
        return this.role(resources, address, block);
      default: {
        const policy = TERRAFORM_POLICY_RESOURCES[type];
        if (!policy) return undefined;
        const entry = this.policyResource(resources, address, block, policy.mappedType, policy.argument, policy.kind);
        const role = type === 'aws_iam_role_policy' ? block.attributes.get('role') : undefined;
        if (entry && role) {
          const properties = this.propertiesOf(entry);
          const roles = this.syntheticProperty(properties, 'Roles', block.names.get('role')!);
          const array = this.node(roles, 'array', role.startIndex, role.endIndex - role.startIndex, { kind: 'intrinsic' });
          array.children = [this.roleReference(role, array)];
          roles.children!.push(array);
          properties.children!.push(roles);
        }
        return entry;
      }
    }
  }

  /** A resource with a policy argument: `PolicyDocument` holds the policy (jsonencode, heredoc, policy document reference). */
  private policyResource(
    resources: Node,
    address: string,
    block: Block,
    cfnType: string,
    argumentName: string,
    kind: 'identity' | 'resource',
  ): Building | undefined {
    const entry = this.entry(resources, address, block, cfnType);
    const properties = this.propertiesOf(entry);
    const value = this.argument(properties, block, argumentName, 'PolicyDocument', true);
    if (value && isPolicyShaped(value)) this.policies.push({ address, node: value, kind: kind === 'resource' ? 'resource' : 'identity' });
    return entry;
  }

  private taskDefinition(resources: Node, address: string, block: Block): Building {
    const entry = this.entry(resources, address, block, 'AWS::ECS::TaskDefinition');
    const properties = this.propertiesOf(entry);
    (properties as Marked)[SYNTHETIC]!.names = {};
    const names = (properties as Marked)[SYNTHETIC]!.names!;
    for (const [hclName, apiName] of TASK_ARGUMENTS) {
      names[apiName] = hclName;
      this.argument(properties, block, hclName, apiName, hclName === 'container_definitions');
    }
    const volumes = block.blocks.filter((inner) => inner.type === 'volume');
    if (volumes.length > 0) {
      const first = volumes[0].node;
      const property = this.syntheticProperty(properties, 'volumes', first);
      const array = this.node(property, 'array', first.startIndex, volumes[volumes.length - 1].node.endIndex - first.startIndex, {
        kind: 'blocks',
      });
      array.children = volumes.map((volume) => this.blockObject(array, volume, 0));
      property.children!.push(array);
      properties.children!.push(property);
    }
    for (const [hclName, apiName] of [
      ['runtime_platform', 'runtimePlatform'],
      ['ephemeral_storage', 'ephemeralStorage'],
    ] as const) {
      const inner = block.blocks.find((b) => b.type === hclName);
      if (!inner) continue;
      const property = this.syntheticProperty(properties, apiName, inner.node);
      property.children!.push(this.blockObject(property, inner, 0));
      properties.children!.push(property);
    }
    this.taskDefinitions.push({ address, node: properties });
    return entry;
  }

  /**
   * An `aws_ecs_service` as CreateService input (`AWS::ECS::Service`): the arguments the service rules read, in
   * the API's names. `network_configuration` is the API's `awsvpcConfiguration` (its `assign_public_ip` is a
   * bool in Terraform, an enum in the API: left out); blocks and arguments the rules do not read are left out.
   */
  private service(resources: Node, address: string, block: Block): Building {
    const entry = this.entry(resources, address, block, 'AWS::ECS::Service');
    const properties = this.propertiesOf(entry);
    (properties as Marked)[SYNTHETIC]!.names = {};
    const names = (properties as Marked)[SYNTHETIC]!.names!;
    for (const [hclName, apiName] of SERVICE_ARGUMENTS) {
      names[apiName] = hclName;
      this.argument(properties, block, hclName, apiName);
    }
    for (const [hclName, apiName] of SERVICE_BLOCK_LISTS) {
      const list = block.blocks.filter((inner) => inner.type === hclName);
      if (list.length === 0) continue;
      const first = list[0].node;
      const property = this.syntheticProperty(properties, apiName, first);
      const array = this.node(property, 'array', first.startIndex, list[list.length - 1].node.endIndex - first.startIndex, {
        kind: 'blocks',
      });
      array.children = list.map((inner) => {
        const object = this.blockObject(array, inner, 0);
        // `elb_name` is the API's `loadBalancerName`.
        for (const child of object.children ?? []) {
          const key = child.children?.[0];
          if (key?.value === 'elbName') (key as Building).value = 'loadBalancerName';
        }
        return object;
      });
      property.children!.push(array);
      properties.children!.push(property);
    }
    const network = block.blocks.find((inner) => inner.type === 'network_configuration');
    if (network) {
      const property = this.syntheticProperty(properties, 'networkConfiguration', network.node);
      const wrapper = this.node(property, 'object', network.node.startIndex, network.node.endIndex - network.node.startIndex, {
        kind: 'intrinsic',
      });
      const awsvpc = this.syntheticProperty(wrapper, 'awsvpcConfiguration', network.node);
      const object = this.blockObject(awsvpc, network, 0);
      object.children = (object.children ?? []).filter((child) =>
        ['subnets', 'securityGroups'].includes(String(child.children?.[0]?.value)),
      );
      awsvpc.children!.push(object);
      wrapper.children = [awsvpc];
      property.children!.push(wrapper);
      properties.children!.push(property);
    }
    for (const [hclName, apiName] of [
      ['deployment_controller', 'deploymentController'],
      ['service_connect_configuration', 'serviceConnectConfiguration'],
    ] as const) {
      const inner = block.blocks.find((candidate) => candidate.type === hclName);
      if (!inner) continue;
      const property = this.syntheticProperty(properties, apiName, inner.node);
      property.children!.push(this.blockObject(property, inner, 0, SERVICE_CONNECT_BLOCKS));
      properties.children!.push(property);
    }
    this.services.push({ address, node: properties });
    return entry;
  }

  /**
   * A nested block as an object with camelCase keys (`efs_volume_configuration { file_system_id }`). `lists`
   * names the nested blocks that repeat as an API list (`service` -> `services`) or have another API name.
   */
  private blockObject(
    parent: Node,
    block: Block,
    depth: number,
    lists?: Readonly<Record<string, { api: string; list: boolean }>>,
  ): Building {
    const object = this.node(parent, 'object', block.node.startIndex, block.node.endIndex - block.node.startIndex, this.blockOrigin(block));
    object.children = [];
    const names: Record<string, string> = {};
    (object as Marked)[SYNTHETIC]!.names = names;
    for (const [hclName, expression] of block.attributes) {
      const apiName = hclName === 'host_path' ? 'host' : camelCase(hclName === 'size_in_gib' ? 'size_in_gi_b' : hclName);
      names[apiName] = hclName;
      const nameNode = block.names.get(hclName)!;
      const property = this.syntheticProperty(object, apiName === 'sizeInGiB' ? 'sizeInGiB' : apiName, nameNode);
      property.length = expression.endIndex - nameNode.startIndex;
      if (hclName === 'host_path') {
        // `host_path = "/x"` is the API's `host: { sourcePath: "/x" }`.
        const host = this.node(property, 'object', expression.startIndex, expression.endIndex - expression.startIndex, {
          kind: 'intrinsic',
        });
        const sourcePath = this.syntheticProperty(host, 'sourcePath', nameNode);
        sourcePath.children!.push(this.expression(expression, sourcePath));
        host.children = [sourcePath];
        property.children!.push(host);
      } else property.children!.push(this.expression(expression, property));
      object.children.push(property);
    }
    if (depth < 8) {
      const grouped = new Set<string>();
      for (const inner of block.blocks) {
        const mapped = lists?.[inner.type];
        if (mapped?.list) {
          // `service { }` blocks, one after another: the API's `services` list.
          if (grouped.has(inner.type)) continue;
          grouped.add(inner.type);
          const all = block.blocks.filter((candidate) => candidate.type === inner.type);
          const last = all[all.length - 1].node;
          const property = this.syntheticProperty(object, mapped.api, inner.node);
          const array = this.node(property, 'array', inner.node.startIndex, last.endIndex - inner.node.startIndex, { kind: 'blocks' });
          array.children = all.map((item) => this.blockObject(array, item, depth + 1, lists));
          property.children!.push(array);
          object.children.push(property);
          continue;
        }
        const apiName = mapped?.api ?? camelCase(inner.type);
        const property = this.syntheticProperty(object, apiName, inner.node);
        property.children!.push(this.blockObject(property, inner, depth + 1, lists));
        object.children.push(property);
      }
    }
    return object;
  }

  private role(resources: Node, address: string, block: Block): Building {
    const entry = this.entry(resources, address, block, 'AWS::IAM::Role');
    const properties = this.propertiesOf(entry);
    this.argument(properties, block, 'name', 'RoleName');
    const trust = this.argument(properties, block, 'assume_role_policy', 'AssumeRolePolicyDocument', true);
    if (trust && isPolicyShaped(trust)) this.policies.push({ address, node: trust, kind: 'trust' });

    const inline = block.blocks.filter((inner) => inner.type === 'inline_policy');
    const opaque: Building[] = [];
    if (inline.length > 0) {
      const first = inline[0].node;
      const property = this.syntheticProperty(properties, 'Policies', first);
      const array = this.node(property, 'array', first.startIndex, inline[inline.length - 1].node.endIndex - first.startIndex, {
        kind: 'blocks',
      });
      array.children = [];
      for (const policyBlock of inline) {
        const item = this.node(
          array,
          'object',
          policyBlock.node.startIndex,
          policyBlock.node.endIndex - policyBlock.node.startIndex,
          this.blockOrigin(policyBlock),
        );
        item.children = [];
        this.argument(item, policyBlock, 'name', 'PolicyName');
        const document = this.argument(item, policyBlock, 'policy', 'PolicyDocument', true);
        if (document && isPolicyShaped(document)) this.policies.push({ address, node: document, kind: 'identity' });
        if (policyBlock.attributes.has('policy') && !this.readablePolicy(policyBlock.attributes.get('policy'))) {
          opaque.push(this.unknown(undefined, policyBlock.attributes.get('policy')!));
        }
        array.children.push(item);
      }
      property.children!.push(array);
      properties.children!.push(property);
    }

    // Managed policies: the argument, the attachments naming this role, and anything that may grant unknown permissions.
    const managed = block.attributes.get('managed_policy_arns');
    const attached = this.roleAttachments.get(address) ?? [];
    for (const [name, roleAddress] of this.roleByName) {
      if (roleAddress === address) attached.push(...(this.roleAttachments.get(name) ?? []));
    }
    const entries: Building[] = [...opaque, ...attached];
    if (managed || entries.length > 0) {
      const over = managed ? block.names.get('managed_policy_arns')! : block.node;
      const property = this.syntheticProperty(properties, 'ManagedPolicyArns', over);
      const array = managed ? this.expression(managed, property) : this.node(property, 'array', over.startIndex, 0, { kind: 'intrinsic' });
      if (array.type !== 'array') {
        // An unknown list: the role may hold anything.
        const wrapper = this.node(property, 'array', array.offset, array.length, { kind: 'intrinsic' });
        array.parent = wrapper;
        wrapper.children = [array];
        property.children!.push(wrapper);
        this.adopt(wrapper, entries);
      } else {
        property.children!.push(array);
        this.adopt(array, entries);
      }
      properties.children!.push(property);
    }
    // Role policies attached by name (`role = "exec"`) count through the template index's role names.
    return entry;
  }

  private adopt(array: Building, entries: Building[]): void {
    array.children ??= [];
    for (const item of entries) {
      item.parent = array;
      array.children.push(item);
    }
  }

  /** The role an attachment's `role` names: a reference to a role resource (Ref), else its value. */
  private roleReference(role: TsNode, parent: Node): Building {
    return this.expression(role, parent);
  }

  /** Records an attachment's policy ARN for the roles it names (resolved when the roles are built). */
  private attachment(block: Block, roleExpressions: Array<TsNode | undefined>, opaque = false): void {
    const policyArn = block.attributes.get('policy_arn');
    if (!policyArn) return;
    for (const roleExpression of roleExpressions) {
      if (!roleExpression) continue;
      const key = attachedRoleKey(this.expression(roleExpression, undefined));
      if (!key) continue;
      let arn = opaque ? this.unknown(undefined, policyArn) : this.expression(policyArn, undefined);
      // A policy resource of this module whose document cannot be read may grant anything.
      const target = getAttTarget(arn);
      const policyBlock = target ? this.resources.get(target) : undefined;
      if (policyBlock && policyBlock.labels[0] === 'aws_iam_policy' && !this.readablePolicy(policyBlock.attributes.get('policy'))) {
        arn = this.unknown(undefined, policyArn);
      }
      const list = this.roleAttachments.get(key) ?? [];
      list.push(arn);
      this.roleAttachments.set(key, list);
    }
  }

  /** Whether a policy argument is a document this module shows whole (jsonencode, a heredoc, a policy document without merged or dynamic parts). */
  private readablePolicy(expression: TsNode | undefined): boolean {
    if (!expression) return false;
    const text = expression.text.trim();
    const reference = /^data\.aws_iam_policy_document\.([\w-]+)(\[[^\]]*\])?\.json$/.exec(text);
    if (reference) {
      const block = this.data.get(`data.aws_iam_policy_document.${reference[1]}`);
      return block !== undefined && !isOpaqueDocument(block);
    }
    return text.startsWith('jsonencode(') || text.startsWith('<<');
  }

  /** An aws_iam_role_policy whose document is not shown whole: its role may hold anything. */
  private opaqueRolePolicy(block: Block): void {
    const role = block.attributes.get('role');
    if (!role || this.readablePolicy(block.attributes.get('policy'))) return;
    this.attachment(
      { ...block, attributes: new Map([['policy_arn', block.attributes.get('policy') ?? block.node]]) } as Block,
      [role],
      true,
    );
  }

  // ---- aws_iam_policy_document ----

  /** The policy an aws_iam_policy_document block describes: `statement` blocks with their `principals` and `condition` blocks. */
  private policyDocument(parent: Node | undefined, block: Block, address: string): { node: Building; trust: boolean } {
    this.placedDocuments.add(address);
    const origin = this.blockOrigin(block);
    const policy = this.node(parent, 'object', block.node.startIndex, block.node.endIndex - block.node.startIndex, {
      ...origin,
      kind: 'policy-document',
    });
    policy.children = [];
    const version = block.attributes.get('version');
    const versionProperty = this.syntheticProperty(policy, 'Version', block.names.get('version') ?? block.node);
    versionProperty.children!.push(
      version
        ? this.expression(version, versionProperty)
        : this.leaf(versionProperty, 'string', '2012-10-17', block.node.startIndex, 0, { kind: 'key' }),
    );
    policy.children.push(versionProperty);
    const statements = block.blocks.filter((inner) => inner.type === 'statement');
    const statementProperty = this.syntheticProperty(policy, 'Statement', statements[0]?.node ?? block.node);
    const array = this.node(statementProperty, 'array', statementProperty.offset, statementProperty.length, { ...origin, kind: 'blocks' });
    array.children = [];
    let trust = false;
    for (const statement of statements) {
      const node = this.statement(array, statement);
      array.children.push(node);
      trust ||= statement.blocks.some((inner) => inner.type === 'principals');
    }
    if (
      block.dynamic.has('statement') ||
      block.attributes.has('source_policy_documents') ||
      block.attributes.has('override_policy_documents')
    ) {
      // Statements this file does not show (dynamic blocks, merged documents): one unknown statement stands for them.
      array.children.push(this.unknown(array, block.node));
    }
    statementProperty.children!.push(array);
    policy.children.push(statementProperty);
    if (trust) {
      const actions = statements.flatMap((s) => {
        const value = s.attributes.get('actions');
        return value ? [value.text] : [];
      });
      trust = actions.length > 0 && actions.every((text) => /sts:/.test(text));
    }
    return { node: policy, trust };
  }

  private statement(parent: Node, block: Block): Building {
    const object = this.node(parent, 'object', block.node.startIndex, block.node.endIndex - block.node.startIndex, this.blockOrigin(block));
    object.children = [];
    const add = (name: string, value: Building, over: TsNode) => {
      const property = this.syntheticProperty(object, name, over);
      value.parent = property;
      property.children!.push(value);
      object.children!.push(property);
    };
    for (const [hclName, iamName] of STATEMENT_ARGUMENTS) {
      const expression = block.attributes.get(hclName);
      if (expression) add(iamName, this.expression(expression, undefined), block.names.get(hclName)!);
    }
    if (!block.attributes.has('effect')) {
      // Terraform's default effect.
      const property = this.syntheticProperty(object, 'Effect', block.node);
      property.length = 0;
      (property.children![0] as Building).length = 0;
      property.children!.push(this.leaf(property, 'string', 'Allow', block.node.startIndex, 0, { kind: 'key' }));
      object.children.unshift(property);
    }
    for (const [blockName, iamName] of [
      ['principals', 'Principal'],
      ['not_principals', 'NotPrincipal'],
    ] as const) {
      const principals = block.blocks.filter((inner) => inner.type === blockName);
      if (principals.length === 0) continue;
      const principal = this.node(
        undefined,
        'object',
        principals[0].node.startIndex,
        principals[0].node.endIndex - principals[0].node.startIndex,
        {
          kind: 'intrinsic',
        },
      );
      principal.children = [];
      for (const entry of principals) {
        const type = entry.attributes.get('type');
        const identifiers = entry.attributes.get('identifiers');
        const typeName = type ? this.literalString(type) : undefined;
        if (!typeName || !identifiers) continue;
        const property = this.syntheticProperty(principal, typeName, entry.names.get('type')!);
        property.children!.push(this.expression(identifiers, property));
        principal.children.push(property);
      }
      add(iamName, principal, principals[0].node);
    }
    const conditions = block.blocks.filter((inner) => inner.type === 'condition');
    if (conditions.length > 0) {
      const condition = this.node(
        undefined,
        'object',
        conditions[0].node.startIndex,
        conditions[0].node.endIndex - conditions[0].node.startIndex,
        {
          kind: 'intrinsic',
        },
      );
      condition.children = [];
      const byOperator = new Map<string, Building>();
      for (const entry of conditions) {
        const test = entry.attributes.get('test');
        const variable = entry.attributes.get('variable');
        const values = entry.attributes.get('values');
        const operator = test ? this.literalString(test) : undefined;
        const key = variable ? this.literalString(variable) : undefined;
        if (!operator || !key || !values) continue;
        let operatorObject = byOperator.get(operator);
        if (!operatorObject) {
          const property = this.syntheticProperty(condition, operator, entry.names.get('test')!);
          operatorObject = this.node(property, 'object', entry.node.startIndex, entry.node.endIndex - entry.node.startIndex, {
            kind: 'intrinsic',
          });
          operatorObject.children = [];
          property.children!.push(operatorObject);
          condition.children.push(property);
          byOperator.set(operator, operatorObject);
        }
        const property = this.syntheticProperty(operatorObject, key, entry.names.get('variable')!);
        property.children!.push(this.expression(values, property));
        operatorObject.children!.push(property);
      }
      add('Condition', condition, conditions[0].node);
    }
    if (block.dynamic.size > 0) {
      // A dynamic principals or condition block: the statement's scope is unknown; the statement is left out.
      return this.unknown(parent, block.node);
    }
    return object;
  }
}

/** A policy document with statements this file does not show: dynamic blocks, merged documents. */
function isOpaqueDocument(block: Block): boolean {
  return (
    block.dynamic.has('statement') ||
    block.attributes.has('source_policy_documents') ||
    block.attributes.has('override_policy_documents') ||
    block.attributes.has('source_json') ||
    block.attributes.has('override_json') ||
    block.blocks.some((statement) => statement.dynamic.size > 0)
  );
}

/** Arguments of an aws_iam_policy_document `statement` and their IAM names (core/terraformJson.ts reads them too). */
export const STATEMENT_ARGUMENTS: ReadonlyArray<[string, string]> = [
  ['sid', 'Sid'],
  ['effect', 'Effect'],
  ['actions', 'Action'],
  ['not_actions', 'NotAction'],
  ['resources', 'Resource'],
  ['not_resources', 'NotResource'],
];

/** Arguments of aws_ecs_service and their CreateService names (core/terraformJson.ts reads them too). */
export const SERVICE_ARGUMENTS: ReadonlyArray<[string, string]> = [
  ['name', 'serviceName'],
  ['cluster', 'cluster'],
  ['task_definition', 'taskDefinition'],
  ['launch_type', 'launchType'],
  ['platform_version', 'platformVersion'],
  ['scheduling_strategy', 'schedulingStrategy'],
  ['desired_count', 'desiredCount'],
  ['enable_execute_command', 'enableExecuteCommand'],
  ['health_check_grace_period_seconds', 'healthCheckGracePeriodSeconds'],
  ['enable_ecs_managed_tags', 'enableECSManagedTags'],
  ['propagate_tags', 'propagateTags'],
];

/** Blocks of aws_ecs_service that repeat, as CreateService lists (`ordered_placement_strategy` is `placementStrategy`). */
const SERVICE_BLOCK_LISTS: ReadonlyArray<[string, string]> = [
  ['load_balancer', 'loadBalancers'],
  ['capacity_provider_strategy', 'capacityProviderStrategy'],
  ['ordered_placement_strategy', 'placementStrategy'],
  ['placement_constraints', 'placementConstraints'],
];

/** Blocks inside `service_connect_configuration` whose API name is not their camelCase name, or that repeat as a list. */
const SERVICE_CONNECT_BLOCKS: Readonly<Record<string, { api: string; list: boolean }>> = {
  service: { api: 'services', list: true },
  client_alias: { api: 'clientAliases', list: true },
  secret_option: { api: 'secretOptions', list: true },
  issuer_cert_authority: { api: 'issuerCertificateAuthority', list: false },
};

/** Terraform's argument name of an API field (`executionRoleArn` -> `execution_role_arn`). */
/**
 * The key an attachment's `role` value files its policy under: the role's name (a string), or the address of
 * the role resource it references (`Ref` / `Fn::GetAtt` of the mapped tree). Shared with core/terraformJson.ts.
 */
export function attachedRoleKey(role: Node): string | undefined {
  if (role.type === 'string') return String(role.value);
  const argument = role.children?.[0]?.children?.[1];
  const name = role.children?.[0]?.children?.[0]?.value;
  if (name === 'Ref') return String(argument?.value);
  if (name === 'Fn::GetAtt') return String(argument?.children?.[0]?.value);
  return undefined;
}

/** The resource address a mapped `Fn::GetAtt` value names, if it is one. */
export function getAttTarget(value: Node): string | undefined {
  return value.children?.[0]?.children?.[0]?.value === 'Fn::GetAtt'
    ? String(value.children[0].children![1].children?.[0]?.value)
    : undefined;
}

export function terraformName(apiName: string): string {
  return apiName.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

export function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

function isPolicyShaped(node: Node): boolean {
  return node.type === 'object' && (node.children ?? []).some((property) => property.children?.[0]?.value === 'Statement');
}

function findFirst(node: TsNode, type: string): TsNode | undefined {
  const stack: TsNode[] = [node];
  let guard = 0;
  while (stack.length > 0 && guard++ < 100_000) {
    const current = stack.pop()!;
    if (current.type === type) return current;
    for (let i = current.namedChildCount - 1; i >= 0; i--) {
      const child = current.namedChild(i);
      if (child) stack.push(child);
    }
  }
  return undefined;
}

function jsonErrorName(code: number): string {
  const names: Record<number, string> = {
    1: 'invalid symbol',
    2: 'invalid number format',
    3: 'property name expected',
    4: 'value expected',
    5: 'colon expected',
    6: 'comma expected',
    7: 'closing brace expected',
    8: 'closing bracket expected',
    9: 'end of file expected',
  };
  return names[code] ?? 'syntax error';
}

/** Parses a Terraform file. Requires `initHclParser` to have finished (else `undefined`). */
export function parseHcl(text: string, maxDepth: number): ParsedHcl | undefined {
  if (!parser) return undefined;
  const depth = nestingDepth(text, maxDepth);
  if (depth > maxDepth) return { root: undefined, problems: [], taskDefinitions: [], policies: [], services: [], tooDeep: depth };
  const tree = parser.parse(text);
  if (!tree) return undefined;
  try {
    const problems: HclProblem[] = [];
    collectErrors(tree.rootNode, problems);
    const converter = new Converter(text);
    const root = converter.convert(tree.rootNode);
    (root as Marked)[HCL_TEXT] = text;
    return {
      root,
      problems: [...problems, ...converter.problems],
      taskDefinitions: converter.taskDefinitions,
      policies: converter.policies,
      services: converter.services,
    };
  } finally {
    tree.delete();
  }
}

/** Whether the text parses as HCL without errors (used to check that fixes keep the file valid). */
export function hclHasErrors(text: string): boolean | undefined {
  if (!parser) return undefined;
  const tree = parser.parse(text);
  if (!tree) return undefined;
  try {
    return tree.rootNode.hasError;
  } finally {
    tree.delete();
  }
}

function collectErrors(root: TsNode, problems: HclProblem[]): void {
  if (!root.hasError) return;
  const stack: TsNode[] = [root];
  while (stack.length > 0 && problems.length < 50) {
    const node = stack.pop()!;
    if (node.isError || node.isMissing) {
      const offset = node.startIndex;
      const length = Math.max(1, Math.min(node.endIndex - node.startIndex, 200));
      problems.push({
        offset,
        length,
        message: node.isMissing ? `Invalid HCL: \`${node.type}\` expected here.` : 'Invalid HCL: Terraform cannot parse this.',
      });
      continue;
    }
    if (!node.hasError) continue;
    for (let i = node.childCount - 1; i >= 0; i--) {
      const child = node.child(i);
      if (child) stack.push(child);
    }
  }
}
