// iam:PassRole on every role.
import { isGuardrail } from './shared';
import type { Rule } from '../../core/rule';
import { allStatements, conditionEntries } from '../../iam/policyModel';
import { matchesWildcard } from '../../iam/wildcard';

export const passRoleAnyRole: Rule = {
  meta: {
    id: 'iam/pass-role-any-role',
    title: 'iam:PassRole on every role without an iam:PassedToService condition',
    defaultSeverity: 'warning',
    phase: 'advice',
    docsUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
    fixable: false,
    appliesTo: ['iam-identity-policy', 'cloudformation-template'],
    description: [
      "`iam:PassRole` lets a principal hand a role to a service (an ECS task definition's task and execution roles are",
      'passed this way). On `"*"` it can pass any role in the account, including administrator roles, which is a classic',
      'privilege-escalation path. Scope it to the role ARNs, and add `"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}`.',
    ].join('\n'),
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      if (isGuardrail(statement.policy)) continue;
      if (statement.effect !== 'Allow' || statement.actionKey !== 'Action') continue;
      if (!statement.resources.some((item) => item.value === '*' || item.value === 'arn:aws:iam::*:role/*')) continue;
      const passRole = statement.actions.find((item) => item.value !== '*' && matchesWildcard(item.value, 'iam:PassRole'));
      if (!passRole) continue;
      if (conditionEntries(statement).some((entry) => entry.key.toLowerCase() === 'iam:passedtoservice')) continue;
      context.report({
        at: passRole.node,
        message: `\`${passRole.value}\` on every role lets this principal pass any role, including administrator roles, to any service. Scope \`Resource\` to the roles to pass and add a condition such as \`"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}\`.`,
      });
    }
  },
};
