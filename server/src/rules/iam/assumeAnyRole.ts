// sts:AssumeRole on every role (KICS "IAM Policy Grants 'AssumeRole' Permission Across All Services", checkov CKV_AWS_61's IAM-policy side).
import type { Rule } from '../../core/rule';
import { allStatements } from '../../iam/policyModel';
import { matchesWildcard } from '../../iam/wildcard';
import { isUnconstrainedAllow } from './shared';

export const assumeAnyRole: Rule = {
  meta: {
    id: 'iam/assume-any-role',
    title: 'sts:AssumeRole allowed on every role ("Resource": "*") without a condition',
    defaultSeverity: 'hint',
    phase: 'advice',
    docsUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_permissions-to-switch.html',
    fixable: false,
    appliesTo: ['iam-identity-policy', 'cloudformation-template'],
    description: [
      '`sts:AssumeRole` on `"*"` lets the principal assume every role, in this account or any other, whose trust',
      'policy trusts its account or it: its effective permissions are then the union of all those roles. Name the',
      'role ARNs it should assume.',
    ].join('\n'),
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      if (!isUnconstrainedAllow(statement)) continue;
      const item = statement.actions.find(
        (action) => action.value !== '*' && !/^sts:\*$/i.test(action.value) && matchesWildcard(action.value, 'sts:AssumeRole'),
      );
      if (!item) continue;
      context.report({
        at: item.node,
        message: `\`${item.value}\` on \`"*"\` lets this principal assume every role that trusts it or its account, in any account: an attacker holding these credentials gets the permissions of all of them. Name the role ARNs it should assume.`,
      });
    }
  },
};
