// Every action of a service on every resource.
import type { Rule } from '../../core/rule';
import { allStatements } from '../../iam/policyModel';
import { LEAST_PRIVILEGE_URL, isGuardrail } from './shared';

export const serviceWideAccess: Rule = {
  meta: {
    id: 'iam/service-wide-access',
    title: 'Allow of every action of a service on every resource (such as s3:* on *)',
    defaultSeverity: 'info',
    phase: 'advice',
    docsUrl: LEAST_PRIVILEGE_URL,
    fixable: false,
    appliesTo: ['iam-identity-policy', 'iam-resource-policy', 'cloudformation-template'],
    description:
      '`"Action": "s3:*"` on `"Resource": "*"` grants every action of the service, including deleting and changing permissions of every bucket in the account. Name the actions and resources the application uses.',
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      if (isGuardrail(statement.policy)) continue;
      if (statement.effect !== 'Allow' || statement.actionKey !== 'Action' || statement.conditionNode) continue;
      if (!statement.resources.some((item) => item.value === '*')) continue;
      for (const item of statement.actions) {
        if (!/^[a-z0-9-]+:\*$/i.test(item.value)) continue;
        const service = item.value.slice(0, -2);
        context.report({
          at: item.node,
          message: `\`${item.value}\` on \`"*"\` allows every ${service} action, including destructive and permission-changing ones, on every ${service} resource in the account. List the actions and resources actually used.`,
        });
      }
    }
  },
};
