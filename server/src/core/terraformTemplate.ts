// JSON files rendered by Terraform's `templatefile()` (`containers.json.tpl`, `task.tftpl`): JSON with
// `${...}` interpolations, also where a value stands unquoted (`"cpu": ${cpu}`). Each interpolation is an
// unknown value, never a syntax error: one outside a string is parsed as a same-length number and then
// replaced by a `Ref` (unknown), a string holding one becomes a `Fn::Sub` (known parts, unknown parts).
// A file that is a JSON array of containers (what `container_definitions = templatefile(...)` reads) is a
// task definition's container list.
import { parseTree, type ParseError } from 'jsonc-parser';
import type { Classification } from './classify';
import type { Node } from './json';

type Building = { -readonly [Key in keyof Node]: Node[Key] };

/** `x.json.tpl`, `x.tftpl`, `x.json.tftpl`. */
export function isTerraformTemplateName(name: string | undefined): boolean {
  return name !== undefined && /\.(tftpl|json\.tpl)$/i.test(name);
}

export interface ParsedTemplate {
  root: Node | undefined;
  errors: ParseError[];
}

/** Parses template text: interpolations outside strings become unknown values; directives (`%{...}`) are blanked. */
export function parseTerraformTemplate(text: string): ParsedTemplate {
  let masked = '';
  const unknownAt = new Set<number>();
  let inString = false;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 92 /* \ */) i++;
      else if (code === 34 /* " */ || code === 10) inString = false;
      continue;
    }
    if (code === 34) {
      inString = true;
      continue;
    }
    if ((code === 36 /* $ */ || code === 37) /* % */ && text.charCodeAt(i + 1) === 123 && text.charCodeAt(i - 1) !== code) {
      const end = closingBrace(text, i + 2);
      if (end < 0) break;
      const length = end + 1 - i;
      masked += text.slice(last, i);
      if (code === 36) {
        unknownAt.add(i);
        masked += '0' + ' '.repeat(length - 1);
      } else masked += ' '.repeat(length);
      last = end + 1;
      i = end;
    }
  }
  masked += text.slice(last);
  const errors: ParseError[] = [];
  const root = parseTree(masked, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  if (root) replaceUnknowns(root, text, unknownAt);
  return { root, errors };
}

function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length && i < from + 4096; i++) {
    const code = text.charCodeAt(i);
    if (code === 123) depth++;
    else if (code === 125 && --depth === 0) return i;
  }
  return -1;
}

/** Number placeholders at interpolations become `{ Ref }` objects over the interpolation; strings with `${` a `Fn::Sub`. */
function replaceUnknowns(root: Node, text: string, unknownAt: ReadonlySet<number>): void {
  const stack: Node[] = [root];
  let guard = 0;
  while (stack.length > 0 && guard++ < 2_000_000) {
    const node = stack.pop()!;
    const children = node.children as Building[] | undefined;
    if (!children) continue;
    children.forEach((child, index) => {
      if (child.type === 'number' && unknownAt.has(child.offset)) {
        const end = closingBrace(text, child.offset + 2);
        children[index] = intrinsic(node, 'Ref', text.slice(child.offset + 2, end).trim(), child.offset, end + 1 - child.offset);
      } else if (child.type === 'string' && typeof child.value === 'string' && child.value.includes('${')) {
        children[index] = intrinsic(node, 'Fn::Sub', child.value, child.offset, child.length);
      } else stack.push(child);
    });
  }
}

function intrinsic(parent: Node, name: string, argument: string, offset: number, length: number): Building {
  const object: Building = { type: 'object', offset, length, parent, children: [] };
  const property: Building = { type: 'property', offset, length, parent: object, children: [] };
  property.children!.push({ type: 'string', value: name, offset, length: 0, parent: property });
  property.children!.push({ type: 'string', value: argument, offset, length, parent: property });
  object.children!.push(property);
  return object;
}

/** A root array of container definitions: a task definition made of it alone (its task-level fields are elsewhere). */
export function classifyContainerList(root: Node | undefined): (Classification & { root: Node }) | undefined {
  if (root?.type !== 'array' || !root.children?.length) return undefined;
  const containers = root.children.every(
    (item) => item.type === 'object' && (item.children ?? []).some((property) => property.children?.[0]?.value === 'image'),
  );
  if (!containers) return undefined;
  const wrapper: Building = { type: 'object', offset: root.offset, length: root.length, children: [] };
  const property: Building = { type: 'property', offset: root.offset, length: root.length, parent: wrapper, children: [] };
  property.children!.push({ type: 'string', value: 'containerDefinitions', offset: root.offset, length: 0, parent: property });
  property.children!.push(root);
  (root as Building).parent = property;
  // The task-level fields are in the Terraform resource that renders this file: unknown here.
  for (const name of ['family', 'executionRoleArn', 'taskRoleArn', 'networkMode', 'requiresCompatibilities']) {
    const field: Building = { type: 'property', offset: root.offset, length: 0, parent: wrapper, children: [] };
    field.children!.push({ type: 'string', value: name, offset: root.offset, length: 0, parent: field });
    field.children!.push(intrinsic(field, 'Ref', `terraform-resource.${name}`, root.offset, 0));
    wrapper.children!.push(field);
  }
  wrapper.children!.push(property);
  return {
    root: wrapper,
    kind: 'cloudformation-template',
    taskDefinitions: [{ node: wrapper, format: 'register' }],
    policies: [],
    services: [],
  };
}
