// AWS SAM (`Transform: AWS::Serverless-2016-10-31`): the policies SAM writes into the role it generates
// for an `AWS::Serverless::Function` or `StateMachine`, read from its `Policies` property the way SAM's
// translator reads them (samtranslator/model/resource_policies.py): a managed policy name or ARN (a string
// or an intrinsic), a policy document (an object with `Statement`), a policy template (an object with one
// key naming a template of `samPolicyTemplates.generated.json`, its parameters as values), or a Fn::If of
// those. A template's statements are built as a tree of their own, whose nodes all point at the template's
// name in `Policies` and whose parameters are the user's own nodes (copied with their real offsets), so
// every IAM rule checks them and each finding lands on the entry that produced it. `AWS::Serverless::Api`
// resource policies (`Auth.ResourcePolicy.CustomStatements`, also under `Globals.Api`) are read the same way.
import data from './samPolicyTemplates.generated.json';
import { branchesOf, intrinsicOf, isIntrinsic } from './intrinsics';
import { arrayItems, property, stringValue, type Node } from './json';
import { table } from './table';
import type { Finding } from './types';

export interface SamPolicyTemplate {
  description: string;
  /** Names of its parameters; in `statements` each appears as `{"Ref": "<name>"}`. */
  parameters: string[];
  statements: unknown[];
}

/** SAM's policy templates by name (81 in SAM's policy_templates.json 0.0.1). */
export const SAM_POLICY_TEMPLATES = table((data as { templates: Record<string, SamPolicyTemplate> }).templates);
export const SAM_POLICY_TEMPLATE_NAMES: readonly string[] = Object.keys(SAM_POLICY_TEMPLATES).sort();

export const SAM_POLICY_TEMPLATES_URL =
  'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-policy-templates.html';
export const SAM_FUNCTION_POLICIES_URL =
  'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html#sam-function-policies';

/** The SAM resource types with `Policies` (and `Role`): SAM generates `<LogicalId>Role` for them unless `Role` is given. */
export const SAM_ROLE_RESOURCE_TYPES: ReadonlySet<string> = new Set(['AWS::Serverless::Function', 'AWS::Serverless::StateMachine']);

interface EntryBase {
  /** Logical id of the SAM resource. */
  resource: string;
  /** The item of `Policies` (one branch of a Fn::If), or `Policies` itself when it is not a list. */
  entry: Node;
  /** The Fn::If item this entry is a branch of. */
  condition?: Node;
}

export type SamPolicyEntry =
  | (EntryBase & { kind: 'statement'; policyNode: Node })
  | (EntryBase & { kind: 'managed'; value: Node })
  | (EntryBase & {
      kind: 'template';
      name: string;
      /** The key that names the template: where findings inside its statements are reported. */
      nameNode: Node;
      /** The template's statements with the parameters given; nodes outside the given values are built, not parsed. */
      policyNode: Node;
      /** Parameters the template needs that the entry does not give (SAM rejects the template). */
      missing: string[];
    })
  | (EntryBase & { kind: 'invalid' });

/** The `Policies` entries of one SAM function or state machine (its Properties object). */
export function samPolicyEntries(resource: string, properties: Node | undefined): SamPolicyEntry[] {
  const policies = property(properties, 'Policies');
  if (!policies) return [];
  const items = policies.type === 'array' ? arrayItems(policies) : [policies];
  const entries: SamPolicyEntry[] = [];
  for (const item of items) {
    const isIf = intrinsicOf(item)?.name === 'Fn::If';
    for (const branch of branchesOf(item)) entries.push(readEntry(resource, branch, isIf ? item : undefined));
  }
  return entries;
}

function readEntry(resource: string, entry: Node, condition: Node | undefined): SamPolicyEntry {
  const base = { resource, entry, ...(condition ? { condition } : {}) };
  if (entry.type === 'string' || isIntrinsic(entry)) return { ...base, kind: 'managed', value: entry };
  if (entry.type !== 'object') return { ...base, kind: 'invalid' };
  if (property(entry, 'Statement') !== undefined) return { ...base, kind: 'statement', policyNode: entry };
  const only = entry.children?.length === 1 ? entry.children[0] : undefined;
  const nameNode = only?.children?.[0];
  const name = nameNode ? String(nameNode.value) : undefined;
  const template = name !== undefined ? SAM_POLICY_TEMPLATES[name] : undefined;
  if (!template || !nameNode || name === undefined) return { ...base, kind: 'invalid' };
  const parameters = only?.children?.[1];
  const missing = template.parameters.filter((parameter) => property(parameters, parameter) === undefined);
  const span = { offset: nameNode.offset, length: nameNode.length };
  const policyNode = buildNode({ Statement: template.statements }, span, entry, (parameter) =>
    template.parameters.includes(parameter) ? property(parameters, parameter) : undefined,
  );
  return { ...base, kind: 'template', name, nameNode, policyNode, missing };
}

type Span = { offset: number; length: number };
/** A node while it is built (jsonc-parser's Node is read-only). */
type Building = { -readonly [Key in keyof Node]: Node[Key] };

/**
 * A jsonc-parser node tree of `value` whose nodes all span `span`; a `{"Ref": name}` that `given` answers
 * becomes a copy of the node given (its own offsets). `parent` links the tree to the template, so intrinsic
 * functions inside resolve against the template's parameters and resources.
 */
function buildNode(value: unknown, span: Span, parent: Node, given: (name: string) => Node | undefined): Node {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    const ref = (value as Record<string, unknown>).Ref;
    if (keys.length === 1 && typeof ref === 'string') {
      const node = given(ref);
      if (node) return copyNode(node, parent);
    }
  }
  const node: Building = { type: 'null', value: null, offset: span.offset, length: span.length, parent };
  if (Array.isArray(value)) {
    node.type = 'array';
    node.value = undefined;
    node.children = value.map((item) => buildNode(item, span, node, given));
  } else if (value !== null && typeof value === 'object') {
    node.type = 'object';
    node.value = undefined;
    node.children = Object.entries(value).map(([key, item]) => {
      const prop: Building = { type: 'property', offset: span.offset, length: span.length, colonOffset: span.offset, parent: node };
      prop.children = [
        { type: 'string', value: key, offset: span.offset, length: span.length, parent: prop },
        buildNode(item, span, prop, given),
      ];
      return prop;
    });
  } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    node.type = typeof value as 'string' | 'number' | 'boolean';
    node.value = value;
  }
  return node;
}

/** A copy of a parsed node and its subtree under a new parent (offsets kept: findings on it are exact). */
function copyNode(node: Node, parent: Node): Node {
  const copy: Building = { type: node.type, value: node.value, offset: node.offset, length: node.length, parent };
  if (node.colonOffset !== undefined) copy.colonOffset = node.colonOffset;
  if (node.children) copy.children = node.children.map((child) => copyNode(child, copy));
  return copy;
}

/** An API's resource policy statements (`CustomStatements`, one statement or a list) as a policy document node. */
export function samApiPolicyNode(resourcePolicy: Node | undefined): { policyNode: Node; keyNode: Node } | undefined {
  const statements = property(resourcePolicy, 'CustomStatements');
  const keyNode = statements?.parent?.children?.[0];
  if (!statements || !keyNode || (statements.type !== 'array' && statements.type !== 'object')) return undefined;
  const policyNode = buildNode({ Statement: { Ref: 'CustomStatements' } }, keyNode, resourcePolicy!, (name) =>
    name === 'CustomStatements' ? statements : undefined,
  );
  return { policyNode, keyNode };
}

/** Where a policy built from SAM shorthand came from, for messages and for keeping fixes off built nodes. */
export interface SamOrigin {
  /** A policy template (built from SAM's data) or an API's CustomStatements (the user's own statements, wrapped). */
  kind: 'template' | 'api';
  /** `SAM policy template \`SQSPollerPolicy\`` or `SAM API resource policy`. */
  label: string;
  /** The key the built nodes span (the template's name, `CustomStatements`). */
  span: Span;
  /** The entry in the template holding it all (a finding inside names the origin). */
  entry: Node;
}

/** Rules about the written document itself, which SAM writes for a template or an API (Version, size). */
const DOCUMENT_RULES = new Set(['iam/version', 'iam/policy-size']);

/**
 * On the built nodes of a policy template, the rules whose findings can depend on the parameters the user
 * gave (an ARN built from a queue name, a `*` given as a name). The others would judge SAM's own statements,
 * which the user cannot change (SQSPollerPolicy lists `sqs:DeleteMessageBatch`, which is no IAM action but
 * harmless beside `sqs:DeleteMessage`): those findings are dropped.
 */
const PARAMETER_RULES = new Set([
  'iam/arn-syntax',
  'iam/resource-mismatch',
  'iam/wildcard-matches-nothing',
  'iam/empty-value',
  'iam/service-wide-access',
  'iam/pass-role-any-role',
  'iam/condition-value',
  'iam/resource-element',
]);

/**
 * Findings on SAM-built policies: those inside a policy template or API resource policy name it in their
 * message; fixes that would edit the built nodes (which have no text of their own) are dropped, and so are
 * findings about the document SAM writes (its Version, its size).
 */
export function attributeSamFindings(origins: readonly SamOrigin[], findings: Finding[]): Finding[] {
  if (origins.length === 0) return findings;
  const overlaps = (a: Span, b: Span) => a.offset < b.offset + b.length && b.offset < a.offset + a.length;
  // Entries do not overlap: the one holding a finding is the last that starts at or before it (binary search,
  // as a SAM template may hold thousands of entries and findings).
  const sorted = [...origins].sort((a, b) => a.entry.offset - b.entry.offset);
  const holder = (span: Span): SamOrigin | undefined => {
    let low = 0;
    let high = sorted.length - 1;
    let found: SamOrigin | undefined;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (sorted[middle].entry.offset <= span.offset) {
        found = sorted[middle];
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found && span.offset + span.length <= found.entry.offset + found.entry.length ? found : undefined;
  };
  return findings.filter((finding) => {
    const origin = holder(finding.span);
    if (!origin) return true;
    const onBuilt = finding.span.offset === origin.span.offset && finding.span.length === origin.span.length;
    if (onBuilt && DOCUMENT_RULES.has(finding.ruleId)) return false;
    if (onBuilt && origin.kind === 'template' && finding.ruleId.startsWith('iam/') && !PARAMETER_RULES.has(finding.ruleId)) return false;
    if (finding.ruleId.startsWith('iam/')) {
      if (!finding.message.startsWith(origin.label)) finding.message = `${origin.label}: ${finding.message}`;
    }
    finding.fixes = finding.fixes.filter((fix) =>
      fix.edits.every((edit) => !overlaps({ offset: edit.offset, length: Math.max(edit.length, 1) }, origin.span)),
    );
    return true;
  });
}

/** `Globals.<section>` of a SAM template (`Function`, `Api`). */
export function samGlobals(root: Node | undefined, section: string): Node | undefined {
  return property(property(root, 'Globals'), section);
}

/** The name a managed policy entry gives, when it is a plain string. */
export function managedEntryName(entry: SamPolicyEntry): string | undefined {
  return entry.kind === 'managed' ? stringValue(entry.value) : undefined;
}

const namedParameters = new Map<string, Set<string>>();

/**
 * The parameters of a template that SAM writes into an ARN of its own (`arn:${AWS::Partition}:sqs:...:${queueName}`
 * with `queueName` the parameter): they take a name, and an ARN given there names nothing.
 */
export function nameParameters(templateName: string): ReadonlySet<string> {
  let names = namedParameters.get(templateName);
  if (!names) {
    names = new Set();
    const template = SAM_POLICY_TEMPLATES[templateName];
    const stack: unknown[] = template ? [...template.statements] : [];
    while (stack.length > 0) {
      const value = stack.pop();
      if (!value || typeof value !== 'object') continue;
      const sub = (value as Record<string, unknown>)['Fn::Sub'];
      if (Array.isArray(sub) && typeof sub[0] === 'string' && sub[1] && typeof sub[1] === 'object') {
        for (const [variable, given] of Object.entries(sub[1] as Record<string, unknown>)) {
          const ref = (given as { Ref?: unknown } | null)?.Ref;
          if (typeof ref === 'string' && sub[0].includes(`\${${variable}}`) && /^arn:/.test(sub[0])) names.add(ref);
        }
      }
      stack.push(...(Array.isArray(value) ? value : Object.values(value)));
    }
    namedParameters.set(templateName, names);
  }
  return names;
}
