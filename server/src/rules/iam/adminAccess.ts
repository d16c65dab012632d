// Administrator access: every action on every resource.
import type { Rule } from '../../core/rule';
import { allStatements, sentenceLabel } from '../../iam/policyModel';
import { LEAST_PRIVILEGE_URL, isGuardrail } from './shared';

export const adminAccess: Rule = {
  meta: {
    id: 'iam/admin-access',
    title: 'Allow of every action on every resource (administrator access)',
    defaultSeverity: 'warning',
    phase: 'advice',
    docsUrl: LEAST_PRIVILEGE_URL,
    fixable: false,
    appliesTo: ['iam-identity-policy', 'iam-resource-policy', 'cloudformation-template'],
    description:
      '`"Action": "*"` with `"Resource": "*"` in an Allow statement grants full administrator access. A task or execution role should list the actions the application or agent actually calls.',
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      if (isGuardrail(statement.policy)) continue;
      if (statement.effect !== 'Allow' || statement.actionKey !== 'Action' || statement.resourceKey !== 'Resource') continue;
      const star = statement.actions.find((item) => item.value === '*' || item.value === '*:*');
      if (!star || !statement.resources.some((item) => item.value === '*')) continue;
      context.report({
        at: star.node,
        message: `${sentenceLabel(statement)} allows every action on every resource: full administrator access. List only the actions this principal calls${statement.conditionNode ? '' : ', or at least add a condition'}.`,
      });
    }
  },
};
