import { property, stringValue } from '../../core/json';
import type { Rule } from '../../core/rule';
import { allStatements, elementUrl, sentenceLabel } from '../../iam/policyModel';
import { POLICY_KINDS, replaceFix } from './shared';

export const effect: Rule = {
  meta: {
    id: 'iam/effect',
    title: 'Effect is missing or not exactly "Allow" or "Deny"',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: elementUrl('effect'),
    fixable: true,
    appliesTo: POLICY_KINDS,
    description: 'Every statement needs `"Effect": "Allow"` or `"Effect": "Deny"`. The value is case-sensitive: IAM rejects `allow`.',
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      const node = property(statement.node, 'Effect');
      if (!node) {
        context.report({
          at: statement.node.children?.[0] ?? statement.node,
          message: `${sentenceLabel(statement)} has no \`Effect\`. Add \`"Effect": "Allow"\` or \`"Effect": "Deny"\`.`,
        });
        continue;
      }
      const value = stringValue(node);
      if (value === 'Allow' || value === 'Deny') continue;
      const intended = value?.trim().toLowerCase() === 'allow' ? 'Allow' : value?.trim().toLowerCase() === 'deny' ? 'Deny' : undefined;
      context.report({
        at: node,
        message: intended
          ? `\`Effect\` is case-sensitive: write "${intended}", not "${value}". IAM rejects the policy as written.`
          : `\`Effect\` must be "Allow" or "Deny"${value === undefined ? '' : `, not "${value}"`}.`,
        fixes: intended
          ? [replaceFix(`Change to "${intended}"`, node, intended)]
          : [replaceFix('Change to "Allow"', node, 'Allow', false), replaceFix('Change to "Deny"', node, 'Deny', false)],
      });
    }
  },
};
