// Hovers inside IAM policies: actions (and what a wildcard expands to), ARNs, condition operators and keys.
import type { JsonDocument } from '../core/document';
import { policyTypeLabel, type PolicyType } from '../core/classify';
import type { Node } from '../core/json';
import { resolveAction } from '../iam/actions';
import { parseArn } from '../iam/arn';
import { actionDocsUrl, dataSourceNote, loadedService, type IamAction } from '../iam/catalog';
import { lookupConditionKey } from '../iam/conditionKeys';
import { CONDITION_OPERATORS_URL, parseOperator } from '../iam/conditionOperators';
import { GLOBAL_CONDITION_KEYS_URL } from '../iam/globalConditionKeys';
import { allStatements, type StatementView } from '../iam/policyModel';
import { prepareIamData } from '../iam/preparer';
import { expectedArnShapes, readableArnPattern, resourceTypePrefixRepairs, resourceTypesMatching } from '../iam/resources';
import type { HoverResult } from './hover';

const WILDCARD_LIST_LIMIT = 15;

/** Actions, ARNs, condition keys and operators explained. */
export async function iamHover(document: JsonDocument, node: Node): Promise<HoverResult | undefined> {
  await prepareIamData(document);
  const span = { offset: node.offset, length: node.length };
  for (const statement of allStatements(document)) {
    if (!within(node, statement.node)) continue;
    if (isStatementKey(node, statement.node)) return { markdown: policyTypeHover(statement, node), span };
    if (statement.actions.some((item) => item.node === node)) return { markdown: actionHover(String(node.value)), span };
    if (statement.resources.some((item) => item.node === node)) return { markdown: arnHover(String(node.value)), span };
    const conditionHover = conditionHoverFor(statement, node);
    if (conditionHover) return { markdown: conditionHover, span };
  }
  return undefined;
}

/** A key of the statement object itself (`Sid`, `Effect`, `Action`, ...) or the Sid's value. */
function isStatementKey(node: Node, statement: Node): boolean {
  const property = node.parent;
  if (property?.type !== 'property' || property.parent !== statement) return false;
  return property.children?.[0] === node || (property.children?.[0]?.value === 'Sid' && property.children?.[1] === node);
}

/** What policy the statement belongs to, and what decided it: the hover on a statement's keys. */
function policyTypeHover(statement: StatementView, node: Node): string {
  const policy = statement.policy;
  const source =
    policy.typeSource === 'cloudformation'
      ? `the CloudFormation resource that holds it (\`${policy.resource}\`, \`${policy.resourceTypeName}\`)`
      : policy.typeSource === 'config'
        ? 'the `policyTypes` mapping in `.ecs-iam.json`'
        : `its content (${policy.kind === 'identity' ? 'no `Principal`' : policy.kind === 'trust' ? 'only `sts:AssumeRole*` actions' : 'a `Principal`'}); map the file under \`policyTypes\` in \`.ecs-iam.json\` to say otherwise`;
  const key = node.parent?.children?.[0]?.value;
  return [
    `**Policy type: ${policyTypeLabel(policy)}**${key ? ` (statement \`${String(key)}\`)` : ''}`,
    '',
    POLICY_TYPE_NOTES[policy.type],
    '',
    `_Decided by ${source}._`,
  ].join('\n');
}

/** One line per policy type: what it does and what the linter checks differently. */
const POLICY_TYPE_NOTES: Record<PolicyType, string> = {
  identity: 'Grants permissions to the user, group or role it is attached to: no `Principal`; `Resource` is required.',
  'permissions-boundary':
    'Caps the permissions of the user or role that names it: it grants nothing by itself, so broad `Allow` statements are not reported as risks; no `Principal`.',
  trust: 'Says who may assume the role: every statement needs `Principal`; no `Resource`.',
  resource: "Attached to the resource itself: every statement needs `Principal`; actions should be the resource's service.",
  scp: 'AWS Organizations service control policy: caps what the IAM users and roles of the accounts may do; no `Principal`; at most 5,120 characters, whitespace included.',
  rcp: 'AWS Organizations resource control policy: caps what may be done to the resources of the accounts; `Principal` must be `"*"`, `Deny` only, no `NotPrincipal` or `NotAction`; at most 5,120 characters.',
};

function within(node: Node, ancestor: Node): boolean {
  for (let current: Node | undefined = node; current; current = current.parent) if (current === ancestor) return true;
  return false;
}

function actionHover(text: string): string {
  const resolved = resolveAction(text);
  switch (resolved.kind) {
    case 'everything':
      return `**\`*\`**: every action of every service.\n\n_${dataSourceNote()}_`;
    case 'malformed':
      return `\`${text}\` has no service prefix; actions are written \`service:ActionName\`.`;
    case 'unknown-service':
      return `\`${resolved.service}\` is not a known service prefix.\n\n_${dataSourceNote()}_`;
    case 'not-loaded':
      return `\`${text}\``;
    case 'cross-service': {
      const matches = resolved.matches ?? [];
      return [
        `**\`${text}\`** matches ${matches.length} actions across services.`,
        '',
        ...matches.slice(0, WILDCARD_LIST_LIMIT).map((name) => `- \`${name}\``),
        matches.length > WILDCARD_LIST_LIMIT ? `- … and ${matches.length - WILDCARD_LIST_LIMIT} more` : '',
        '',
        `_${dataSourceNote()}_`,
      ].join('\n');
    }
    case 'service': {
      const service = loadedService(resolved.service)!;
      if (resolved.wildcard) {
        const levels = new Map<string, number>();
        for (const action of resolved.actions) levels.set(action.accessLevel, (levels.get(action.accessLevel) ?? 0) + 1);
        return [
          `**\`${text}\`** matches ${resolved.actions.length} of the ${service.actions.length} actions of ${service.name}` +
            (levels.size ? ` (${[...levels].map(([level, count]) => `${count} ${level}`).join(', ')})` : '') +
            ':',
          '',
          ...resolved.actions.slice(0, WILDCARD_LIST_LIMIT).map((action) => `- \`${action.name}\` — ${action.accessLevel}`),
          resolved.actions.length > WILDCARD_LIST_LIMIT ? `- … and ${resolved.actions.length - WILDCARD_LIST_LIMIT} more` : '',
          '',
          `[${service.name} actions](${actionDocsUrl(service.prefix)}) · _${dataSourceNote()}_`,
        ].join('\n');
      }
      const action = resolved.actions[0];
      if (!action) return `\`${text}\` is not an action of ${service.name}.\n\n_${dataSourceNote()}_`;
      return describeAction(action, service.name);
    }
  }
}

function describeAction(action: IamAction, serviceName: string): string {
  const service = loadedService(action.service)!;
  const lines = [
    `**${action.service}:${action.name}** — ${serviceName}`,
    '',
    action.description,
    '',
    `Access level: **${action.accessLevel}**`,
    '',
  ];
  if (action.resourceTypes.length === 0) {
    lines.push('Resource types: none — this action works only with `"Resource": "*"`.');
  } else {
    lines.push('Resource types:');
    for (const { name, required } of action.resourceTypes) {
      const type = service.resourceTypes.get(name);
      lines.push(`- \`${name}\`${required ? ' (required)' : ''}: \`${type ? readableArnPattern(type.arnPattern) : '?'}\``);
    }
  }
  const keys = service.conditionKeysOf(action);
  if (keys.length) {
    lines.push(
      '',
      `Condition keys: ${keys
        .slice(0, 12)
        .map((key) => `\`${key}\``)
        .join(', ')}${keys.length > 12 ? `, … (${keys.length})` : ''}`,
    );
  }
  lines.push('', `[${serviceName} actions, resources and condition keys](${actionDocsUrl(action.service)}) · _${dataSourceNote()}_`);
  return lines.join('\n');
}

function arnHover(text: string): string {
  if (text === '*') {
    return '**`*`**: every resource. Actions that act on no specific resource (such as `s3:ListAllMyBuckets`) need exactly this.';
  }
  const arn = parseArn(text);
  if (!arn) return `\`${text}\` is not an ARN (\`arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE\`).`;
  const lines = [
    '**ARN**',
    '',
    '| part | value |',
    '|---|---|',
    `| partition | \`${arn.partition || '(empty)'}\` |`,
    `| service | \`${arn.service || '(empty)'}\` |`,
    `| region | ${arn.region ? `\`${arn.region}\`` : '(none)'} |`,
    `| account | ${arn.account ? `\`${arn.account}\`` : '(none)'} |`,
    `| resource | \`${arn.resource}\` |`,
    '',
  ];
  const types = resourceTypesMatching(text);
  if (types && types.length) {
    lines.push(
      `Matches the resource type${types.length > 1 ? 's' : ''} ${types
        .slice(0, 5)
        .map((type) => `**${type.service}:${type.name}** (\`${readableArnPattern(type.arnPattern, arn)}\`)`)
        .join(', ')}${types.length > 5 ? ', …' : ''}.`,
    );
  } else if (types) {
    // Say what would match: the shapes of this service's ARNs, and the ARN meant when only the type is missing.
    const expected = expectedArnShapes(arn);
    const repairs = resourceTypePrefixRepairs(text);
    lines.push(
      `Matches no ${arn.service} resource type, so it names nothing. ${arn.service} ARNs look like ${expected.shapes.map((shape) => `\`${shape}\``).join(', ')}${expected.more ? ', …' : ''}.`,
    );
    if (repairs.length) {
      lines.push(
        '',
        `The resource type is missing: ${repairs.map((repair) => `\`${repair.arn}\` names a ${repair.resourceType.name}`).join('; ')}.`,
      );
    }
  }
  lines.push('', `[ARN format](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html) · _${dataSourceNote()}_`);
  return lines.join('\n');
}

function conditionHoverFor(statement: StatementView, node: Node): string | undefined {
  const condition = statement.conditionNode;
  if (!condition || node.type !== 'string') return undefined;
  const property = node.parent;
  if (property?.type !== 'property' || property.children?.[0] !== node) return undefined;
  const owner = property.parent;
  if (owner === condition) {
    const operator = parseOperator(String(node.value));
    if (!operator) return `\`${node.value}\` is not a condition operator.`;
    const parts = [`**${operator.text}**: ${operator.explanation}.`];
    if (operator.ifExists) parts.push('`IfExists`: also true when the request does not carry the key.');
    if (operator.setQualifier === 'ForAllValues') {
      parts.push('`ForAllValues:` every value in the request must match one of the listed values (also true when the key is missing).');
    }
    if (operator.setQualifier === 'ForAnyValue') {
      parts.push('`ForAnyValue:` at least one value in the request must match one of the listed values.');
    }
    parts.push(`[Condition operators](${CONDITION_OPERATORS_URL})`);
    return parts.join('\n\n');
  }
  if (owner?.parent?.parent === condition) {
    const key = String(node.value);
    const lookup = lookupConditionKey(key, statement);
    if (lookup.kind === 'global') {
      return `**${lookup.entry.key}** — global key, type ${lookup.entry.type}\n\n${lookup.entry.description}\n\n[Global condition keys](${GLOBAL_CONDITION_KEYS_URL})`;
    }
    if (lookup.kind === 'service') {
      const support =
        lookup.supportedBy === 'some-action'
          ? 'Supported by an action of this statement.'
          : lookup.supportedBy === 'no-action'
            ? '**No action of this statement supports it.**'
            : '';
      return `**${lookup.entry.key}** — ${lookup.service} key, type ${lookup.entry.type}\n\n${lookup.entry.description}\n\n${support}\n\n[${lookup.service} condition keys](${actionDocsUrl(lookup.service)}) · _${dataSourceNote()}_`;
    }
    return `\`${key}\``;
  }
  return undefined;
}
