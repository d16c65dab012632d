// Role trust policies: a trust policy that lets anyone assume the role.
import { stringValue } from '../../core/json';
import type { Rule } from '../../core/rule';
import { allStatements, sentenceLabel } from '../../iam/policyModel';
import { principalValues } from './shared';

export const trustAnyPrincipal: Rule = {
  meta: {
    id: 'iam/trust-any-principal',
    title: 'A role trust policy lets anyone assume the role',
    defaultSeverity: 'warning',
    phase: 'advice',
    docsUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
    fixable: false,
    appliesTo: ['iam-trust-policy', 'cloudformation-template'],
    description:
      '`"Principal": "*"` (or `{"AWS": "*"}`) in an Allow statement of a trust policy, with no condition, lets any AWS account assume the role. Name the service (`ecs-tasks.amazonaws.com`) or accounts that should assume it.',
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      if (statement.effect !== 'Allow' || statement.principalKey !== 'Principal' || statement.conditionNode) continue;
      const star = principalValues(statement, 'AWS').find((node) => stringValue(node) === '*');
      if (!star) continue;
      context.report({
        at: star,
        message: `${sentenceLabel(statement)} lets every AWS principal, in any account, assume this role. Name the principals that should (for ECS tasks: \`{"Service": "ecs-tasks.amazonaws.com"}\`), or add a condition such as \`aws:PrincipalOrgID\`.`,
      });
    }
  },
};
