// Action/NotAction, Resource/NotResource and Principal/NotPrincipal: exactly one of each pair where the
// policy kind requires it, never both.
import { arrayItems, objectProperties, property, propertyNode, stringValue, type Node } from '../../core/json';
import { isIntrinsic } from '../../core/intrinsics';
import type { Rule, RuleContext } from '../../core/rule';
import { closestMatch } from '../../core/suggest';
import { parseArn } from '../../iam/arn';
import { allStatements, elementUrl, sentenceLabel, type StatementView } from '../../iam/policyModel';
import { POLICY_KINDS, removeProperty, replaceFix } from './shared';

function both(statement: StatementView, first: string, second: string): boolean {
  return property(statement.node, first) !== undefined && property(statement.node, second) !== undefined;
}

function anchor(statement: StatementView) {
  return statement.node.children?.[0] ?? statement.node;
}

export const actionElement: Rule = {
  meta: {
    id: 'iam/action-element',
    title: 'A statement needs exactly one of Action and NotAction',
    defaultSeverity: 'error',
    docsUrl: elementUrl('action'),
    fixable: false,
    appliesTo: POLICY_KINDS,
    description: 'Every statement names the actions it covers with `Action` (or, rarely, excludes them with `NotAction`). IAM rejects a statement with neither, or with both.',
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      if (both(statement, 'Action', 'NotAction')) {
        context.report({ at: propertyNode(statement.node, 'NotAction')!, message: `${sentenceLabel(statement)} has both \`Action\` and \`NotAction\`; IAM accepts only one. Keep \`Action\` unless you mean "everything except".` });
      } else if (!statement.actionKey) {
        context.report({ at: anchor(statement), message: `${sentenceLabel(statement)} has no \`Action\`. Add the actions it covers, for example \`"Action": ["s3:GetObject"]\`.` });
      }
    }
  },
};

export const resourceElement: Rule = {
  meta: {
    id: 'iam/resource-element',
    title: 'Resource/NotResource missing or doubled (identity policies), or present in a trust policy',
    defaultSeverity: 'error',
    docsUrl: elementUrl('resource'),
    fixable: true,
    appliesTo: POLICY_KINDS,
    description: [
      'Identity policies need exactly one of `Resource` and `NotResource` in every statement. Resource-based',
      'policies usually have one too (some services, such as ECR repository policies, imply it). Role trust',
      'policies must not have one: the resource is the role itself.',
    ].join('\n'),
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      if (both(statement, 'Resource', 'NotResource')) {
        context.report({ at: propertyNode(statement.node, 'NotResource')!, message: `${sentenceLabel(statement)} has both \`Resource\` and \`NotResource\`; IAM accepts only one.` });
        continue;
      }
      if (statement.policy.kind === 'trust' && statement.resourceKey) {
        const node = propertyNode(statement.node, statement.resourceKey)!;
        context.report({
          at: node,
          message: `A role trust policy has no \`${statement.resourceKey}\`: the resource is the role itself, and IAM rejects the policy ("Has prohibited field Resource"). Remove it.`,
          fixes: [{ title: `Remove "${statement.resourceKey}"`, edits: [removeProperty(node)], isPreferred: true }],
        });
      } else if (statement.policy.kind === 'identity' && !statement.resourceKey) {
        context.report({ at: anchor(statement), message: `${sentenceLabel(statement)} has no \`Resource\`. Identity policies need one: the ARNs the actions apply to, or "*".` });
      }
    }
  },
};

export const principalElement: Rule = {
  meta: {
    id: 'iam/principal-element',
    title: 'Principal missing, doubled or malformed in resource and trust policies',
    defaultSeverity: 'error',
    docsUrl: elementUrl('principal'),
    fixable: false,
    appliesTo: ['iam-resource-policy', 'iam-trust-policy', 'cloudformation-template'],
    description: [
      'Resource-based and trust policies say who the statement applies to with `Principal` (or `NotPrincipal`):',
      '`"*"`, or an object with `AWS` (accounts, roles, users), `Service` (such as `ecs-tasks.amazonaws.com`),',
      '`Federated` or `CanonicalUser` entries.',
    ].join('\n'),
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      if (both(statement, 'Principal', 'NotPrincipal')) {
        context.report({ at: propertyNode(statement.node, 'NotPrincipal')!, message: `${sentenceLabel(statement)} has both \`Principal\` and \`NotPrincipal\`; IAM accepts only one.` });
        continue;
      }
      if (statement.principalNode) checkPrincipalValue(context, statement.principalNode);
      if (!statement.principalKey) {
        context.report({
          at: anchor(statement),
          message: `${sentenceLabel(statement)} has no \`Principal\`. In a ${statement.policy.kind === 'trust' ? 'trust' : 'resource-based'} policy every statement says who it applies to, for example \`"Principal": { "Service": "ecs-tasks.amazonaws.com" }\`.`,
        });
      }
    }
  },
};

const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

function checkPrincipalValue(context: RuleContext, node: Node): void {
  if (isIntrinsic(node)) return; // a CloudFormation value the linter cannot know
  if (node.type === 'string') {
    if (node.value !== '*') context.report({ at: node, message: `A principal given as a string must be "*" (everyone). Name specific principals in an object: \`{ "AWS": "${node.value}" }\` or \`{ "Service": "..." }\`.` });
    return;
  }
  if (node.type !== 'object') {
    context.report({ at: node, message: 'A principal is "*" or an object such as `{ "Service": "ecs-tasks.amazonaws.com" }`.' });
    return;
  }
  for (const entry of objectProperties(node)) {
    if (!PRINCIPAL_TYPES.includes(entry.name)) {
      const suggestion = PRINCIPAL_TYPES.find((type) => type.toLowerCase() === entry.name.toLowerCase()) ?? closestMatch(entry.name, PRINCIPAL_TYPES);
      context.report({
        at: entry.key,
        message: `\`${entry.name}\` is not a principal type; use ${PRINCIPAL_TYPES.map((type) => `\`${type}\``).join(', ')}.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`,
        fixes: suggestion ? [replaceFix(`Change to "${suggestion}"`, entry.key, suggestion)] : [],
      });
      continue;
    }
    const values = entry.value?.type === 'array' ? arrayItems(entry.value) : entry.value ? [entry.value] : [];
    if (entry.value?.type === 'array' && values.length === 0) {
      context.report({ at: entry.value, message: `The \`${entry.name}\` principal list is empty; name at least one principal.` });
    }
    for (const value of values) {
      const text = stringValue(value);
      if (text === undefined && isIntrinsic(value)) continue;
      if (text === undefined) {
        context.report({ at: value, message: `\`${entry.name}\` principals are strings (or an array of strings).` });
      } else if (entry.name === 'AWS') {
        checkAwsPrincipal(context, value, text);
      } else if (entry.name === 'Service' && !text.includes('.') && text !== '*') {
        context.report({ at: value, message: `Service principals are DNS-style names such as \`ecs-tasks.amazonaws.com\`, not \`${text}\`.`, fixes: /^[a-z0-9-]+$/.test(text) ? [replaceFix(`Change to "${text}.amazonaws.com"`, value, `${text}.amazonaws.com`)] : [] });
      }
    }
  }
}

function checkAwsPrincipal(context: RuleContext, node: Node, text: string): void {
  if (text === '*' || /^\d{12}$/.test(text) || /^[0-9a-f]{64}$/i.test(text)) return;
  if (text.startsWith('arn:')) {
    const parsed = parseArn(text);
    if (parsed && ['iam', 'sts'].includes(parsed.service)) return;
    if (parsed && /[*?]/.test(text)) return;
    context.report({ at: node, message: `An \`AWS\` principal is an account ID, or an IAM role, user or root ARN (\`arn:aws:iam::123456789012:role/name\`); \`${text}\` is not one.` });
    return;
  }
  if (/[<>{}]|X{5,}/.test(text)) return; // a placeholder, reported by the placeholder rule
  context.report({
    at: node,
    message: `IAM does not accept \`${text}\` as an \`AWS\` principal: use the 12-digit account ID or the full ARN (\`arn:aws:iam::ACCOUNT:role/${text}\`).`,
  });
}
