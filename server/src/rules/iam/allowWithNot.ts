// Allow combined with NotAction or NotResource: grants more than it reads.
import { propertyNode } from '../../core/json';
import type { Rule } from '../../core/rule';
import { allStatements, elementUrl } from '../../iam/policyModel';
import { POLICY_KINDS, isGuardrail } from './shared';
import { matchesWildcard } from '../../iam/wildcard';
import type { StatementView } from '../../iam/policyModel';

const PASS_ROLE_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html';

/**
 * How an Allow with `NotAction`/`NotResource` reaches `iam:PassRole` on every role: `NotResource` with an action
 * that includes it, or `NotAction` that leaves it in (with `NotResource` or `"Resource": "*"`). Undefined otherwise.
 */
function passRoleThrough(statement: StatementView, element: string): string | undefined {
  if (element === 'NotPrincipal') return undefined;
  const includesPassRole =
    statement.actionKey === 'NotAction'
      ? !statement.actions.some((item) => matchesWildcard(item.value, 'iam:PassRole'))
      : statement.actions.some((item) => matchesWildcard(item.value, 'iam:PassRole'));
  if (!includesPassRole) return undefined;
  const broadResource = statement.resourceKey === 'NotResource' || statement.resources.some((item) => item.value === '*');
  if (!broadResource) return undefined;
  if (element === 'NotResource' && statement.actionKey === 'NotAction') return '`NotAction` with `NotResource`';
  // NotAction with NotResource: reported once, on NotResource.
  if (element === 'NotAction' && statement.resourceKey === 'NotResource') return undefined;
  if (element === 'NotResource') {
    const action = statement.actions.find((item) => matchesWildcard(item.value, 'iam:PassRole'))!;
    return `\`${action.value}\` with \`NotResource\``;
  }
  return '`NotAction` with `"Resource": "*"`';
}

export const allowWithNot: Rule = {
  meta: {
    id: 'iam/allow-with-not',
    title: 'Allow combined with NotAction, NotResource or NotPrincipal',
    defaultSeverity: 'warning',
    phase: 'advice',
    docsUrl: elementUrl('notaction'),
    fixable: false,
    appliesTo: POLICY_KINDS,
    description: [
      '`NotAction`, `NotResource` and `NotPrincipal` match everything *except* what they list. With `"Effect": "Allow"` they',
      'grant far more than intended, including actions and resources that did not exist when the policy was written.',
      'They are meant for Deny statements; with Allow, list what is allowed instead. Where such a statement allows',
      '`iam:PassRole` on every role, the message says so: that is the privilege-escalation path IAM Access Analyzer',
      'reports as "Pass role with NotResource" and its three variants.',
    ].join('\n'),
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      if (isGuardrail(statement.policy)) continue;
      if (statement.effect !== 'Allow') continue;
      for (const element of ['NotAction', 'NotResource', 'NotPrincipal']) {
        const node = propertyNode(statement.node, element);
        if (!node) continue;
        const listed = element === 'NotAction' ? 'action' : element === 'NotResource' ? 'resource' : 'principal';
        const passRole = passRoleThrough(statement, element);
        if (passRole) {
          // IAM Access Analyzer's "Pass role with NotResource / NotAction ..." security warnings.
          context.report({
            at: node.children?.[0] ?? node,
            docsUrl: PASS_ROLE_URL,
            message: `${passRole} allows \`iam:PassRole\` on ${element === 'NotResource' ? 'every role except those listed' : 'every role'}: this principal can pass other roles, including administrator roles, to any service and act with their permissions. Allow \`iam:PassRole\` in a statement of its own with the role ARNs in \`Resource\` and an \`iam:PassedToService\` condition.`,
          });
          continue;
        }
        context.report({
          at: node.children?.[0] ?? node,
          message: `\`"Effect": "Allow"\` with \`${element}\` allows every ${listed} except those listed, including new ones added later. Use \`${element.slice(3)}\` with the ${listed}s to allow, or make this a Deny statement.`,
          docsUrl:
            element === 'NotPrincipal' ? elementUrl('notprincipal') : element === 'NotResource' ? elementUrl('notresource') : undefined,
        });
      }
    }
  },
};
