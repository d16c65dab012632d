// "Action": "*" on named resources (checkov CKV_AWS_63, KICS "IAM Policies With Full Privileges" on a resource).
import type { Rule } from '../../core/rule';
import { allStatements, sentenceLabel } from '../../iam/policyModel';
import { LEAST_PRIVILEGE_URL } from './shared';

export const allActions: Rule = {
  meta: {
    id: 'iam/all-actions',
    title: 'Allow of every action ("Action": "*") on named resources',
    defaultSeverity: 'hint',
    phase: 'advice',
    docsUrl: LEAST_PRIVILEGE_URL,
    fixable: false,
    appliesTo: ['iam-identity-policy', 'iam-resource-policy', 'cloudformation-template'],
    description: [
      '`"Action": "*"` on specific resources grants every action of every service on them, including deleting them and',
      'rewriting their policies. On `"Resource": "*"` it is administrator access (`iam/admin-access`). List the',
      'actions the principal calls.',
    ].join('\n'),
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      if (statement.effect !== 'Allow' || statement.actionKey !== 'Action' || statement.resourceKey !== 'Resource') continue;
      if (
        !['identity', 'resource'].includes(statement.policy.type) ||
        !statement.resourceNode ||
        statement.resources.some((item) => item.value === '*')
      ) {
        continue;
      }
      const star = statement.actions.find((item) => item.value === '*' || item.value === '*:*');
      if (!star) continue;
      context.report({
        at: star.node,
        message: `${sentenceLabel(statement)} allows every action on ${statement.resources.length === 1 ? `\`${statement.resources[0].value}\`` : 'its resources'}: whoever it applies to can delete them or rewrite their permissions. List the actions actually needed.`,
      });
    }
  },
};
