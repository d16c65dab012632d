// Principal/NotPrincipal: exactly one in resource-based and trust policies, none in identity policies, and
// principals written as IAM accepts them.
import { arrayItems, objectProperties, propertyNode, stringValue, type Node } from '../../core/json';
import { isIntrinsic } from '../../core/intrinsics';
import type { Rule, RuleContext } from '../../core/rule';
import { closestMatch } from '../../core/suggest';
import { parseArn } from '../../iam/arn';
import { allStatements, elementUrl, sentenceLabel } from '../../iam/policyModel';
import { hasBoth, POLICY_KINDS, replaceFix, statementAnchor } from './shared';
import { removeNode } from '../../core/edits';
import { aPolicyTypeLabel } from '../../core/classify';

export const principalElement: Rule = {
  meta: {
    id: 'iam/principal-element',
    title: 'Principal missing, doubled or malformed in resource and trust policies',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: elementUrl('principal'),
    fixable: false,
    appliesTo: POLICY_KINDS,
    description: [
      'Resource-based and trust policies say who the statement applies to with `Principal` (or `NotPrincipal`):',
      '`"*"`, or an object with `AWS` (accounts, roles, users), `Service` (such as `ecs-tasks.amazonaws.com`),',
      '`Federated` or `CanonicalUser` entries. Identity-based policies and permissions boundaries apply to the user or',
      'role they are attached to, so IAM rejects a `Principal` there ("Has prohibited field Principal"; IAM Access',
      'Analyzer: "Unsupported principal"). An SCP with a principal is reported by `iam/organizations-policy`.',
      'A wildcard inside a principal ARN (`arn:aws:iam::123456789012:role/app-*`) is rejected too: only `"*"` alone',
      'means everyone; match role names with an `aws:PrincipalArn` condition instead.',
    ].join('\n'),
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      if (statement.policy.kind === 'identity') {
        const node =
          statement.principalKey && statement.policy.type !== 'scp' ? propertyNode(statement.node, statement.principalKey) : undefined;
        if (node) {
          context.report({
            at: node.children?.[0] ?? node,
            message: `${sentenceLabel(statement)} has \`${statement.principalKey}\`, but ${aPolicyTypeLabel(statement.policy)} applies to the identity it is attached to, and IAM rejects the element there. Remove it${statement.policy.typeSource === 'content' ? '' : `, or, if this is a resource-based policy, check the ${statement.policy.typeSource === 'config' ? '`policyTypes` mapping in `.ecs-iam.json`' : 'resource that holds it'}`}.`,
            fixes: [{ title: `Remove "${statement.principalKey}"`, edits: [removeNode(node)], isPreferred: true }],
          });
        }
        continue;
      }
      if (hasBoth(statement, 'Principal', 'NotPrincipal')) {
        context.report({
          at: propertyNode(statement.node, 'NotPrincipal')!,
          message: `${sentenceLabel(statement)} has both \`Principal\` and \`NotPrincipal\`; IAM accepts only one.`,
        });
        continue;
      }
      if (statement.principalNode) checkPrincipalValue(context, statement.principalNode);
      if (!statement.principalKey) {
        context.report({
          at: statementAnchor(statement),
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
    if (node.value !== '*') {
      context.report({
        at: node,
        message: `A principal given as a string must be "*" (everyone). Name specific principals in an object: \`{ "AWS": "${node.value}" }\` or \`{ "Service": "..." }\`.`,
      });
    }
    return;
  }
  if (node.type !== 'object') {
    context.report({ at: node, message: 'A principal is "*" or an object such as `{ "Service": "ecs-tasks.amazonaws.com" }`.' });
    return;
  }
  for (const entry of objectProperties(node)) {
    if (!PRINCIPAL_TYPES.includes(entry.name)) {
      const suggestion =
        PRINCIPAL_TYPES.find((type) => type.toLowerCase() === entry.name.toLowerCase()) ?? closestMatch(entry.name, PRINCIPAL_TYPES);
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
      } else if (entry.name === 'Federated') {
        checkFederatedPrincipal(context, value, text);
      } else if (entry.name === 'Service' && !text.includes('.') && text !== '*') {
        context.report({
          at: value,
          message: `Service principals are DNS-style names such as \`ecs-tasks.amazonaws.com\`, not \`${text}\`.`,
          fixes: /^[a-z0-9-]+$/.test(text) ? [replaceFix(`Change to "${text}.amazonaws.com"`, value, `${text}.amazonaws.com`)] : [],
        });
      }
    }
  }
}

const PRINCIPAL_WILDCARD_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html';

function checkAwsPrincipal(context: RuleContext, node: Node, text: string): void {
  if (text === '*' || /^\d{12}$/.test(text) || /^[0-9a-f]{64}$/i.test(text)) return;
  if (text.startsWith('arn:')) {
    const parsed = parseArn(text);
    if (parsed && /[*?]/.test(text)) {
      // IAM matches principals exactly: `arn:aws:iam::123456789012:role/app-*` is rejected when the policy is saved.
      context.report({
        at: node,
        message: `A principal ARN cannot hold a wildcard: IAM rejects \`${text}\` ("Invalid principal in policy"). Name each role or user, or use the account (\`arn:aws:iam::ACCOUNT:root\`) with an \`aws:PrincipalArn\` condition such as \`"ArnLike": {"aws:PrincipalArn": "${text}"}\`.`,
        docsUrl: PRINCIPAL_WILDCARD_URL,
      });
      return;
    }
    if (parsed && ['iam', 'sts'].includes(parsed.service)) return;
    context.report({
      at: node,
      message: `An \`AWS\` principal is an account ID, or an IAM role, user or root ARN (\`arn:aws:iam::123456789012:role/name\`); \`${text}\` is not one.`,
    });
    return;
  }
  if (/[<>{}]|X{5,}/.test(text)) return; // a placeholder, reported by the placeholder rule
  context.report({
    at: node,
    message: `IAM does not accept \`${text}\` as an \`AWS\` principal: use the 12-digit account ID or the full ARN (\`arn:aws:iam::ACCOUNT:role/${text}\`).`,
  });
}

/**
 * The web identity providers IAM names directly; every other federated principal is the ARN of an IAM SAML or
 * OIDC identity provider (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-federated-web-identity).
 */
const WEB_IDENTITY_PROVIDERS = ['cognito-identity.amazonaws.com', 'www.amazon.com', 'graph.facebook.com', 'accounts.google.com'];

function checkFederatedPrincipal(context: RuleContext, node: Node, text: string): void {
  if (WEB_IDENTITY_PROVIDERS.includes(text.toLowerCase())) return;
  if (/^arn:aws[a-z-]*:iam::(\d{12}|\*|\$\{[^}]+\}):(saml-provider|oidc-provider)\/./.test(text)) return;
  if (/[<>{}]|X{5,}/.test(text)) return; // a placeholder, reported by the placeholder rule
  context.report({
    at: node,
    severity: 'warning',
    message: `\`${text}\` is not a federation source IAM knows: a \`Federated\` principal is the ARN of an IAM identity provider (\`arn:aws:iam::ACCOUNT:oidc-provider/${text.replace(/^https?:\/\//, '')}\` or \`...:saml-provider/NAME\`), or one of ${WEB_IDENTITY_PROVIDERS.map((provider) => `\`${provider}\``).join(', ')}.`,
  });
}
