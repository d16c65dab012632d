// API calls that return credentials, allowed without constraints (Cloudsplaining "Credentials Exposure",
// parliament CREDENTIALS_EXPOSURE, checkov CKV_AWS_107).
import type { Rule } from '../../core/rule';
import { resolveAction } from '../../iam/actions';
import { allStatements } from '../../iam/policyModel';
import { CREDENTIALS_EXPOSURE_ACTIONS, CREDENTIALS_EXPOSURE_URL } from '../../iam/riskLists';
import { policyScopes, usesOfThisPolicy } from '../roles/policyUses';
import { isUnconstrainedAllow, isWholeServiceGrant, listedActionsMatching, listOf, POLICY_KINDS } from './shared';

const ECR_TOKEN = 'ecr:GetAuthorizationToken';

export const credentialsExposure: Rule = {
  meta: {
    id: 'iam/credentials-exposure',
    title: 'An action that returns credentials is allowed on every resource without a condition',
    defaultSeverity: 'hint',
    phase: 'advice',
    docsUrl: CREDENTIALS_EXPOSURE_URL,
    fixable: false,
    appliesTo: POLICY_KINDS,
    description: [
      'Some API calls return credentials in their response: `iam:CreateAccessKey`, `sts:GetFederationToken`,',
      '`redshift:GetClusterCredentials`, `ec2:GetPasswordData`, ... (the list Cloudsplaining keeps, from',
      'Kinnaird McQuade\'s). Allowed on `"*"` without a condition, they hand out keys or passwords for resources',
      "or users the principal was not meant to reach. `ecr:GetAuthorizationToken` is an ECS execution role's need (it",
      'pulls private images): it is not reported in a policy linked to an execution role. `sts:AssumeRole` on `*` is',
      "`iam/assume-any-role`'s.",
    ].join('\n'),
  },
  check(whole) {
    for (const context of policyScopes(whole)) {
      let executionRole: boolean | undefined;
      for (const statement of allStatements(context.document)) {
        if (!isUnconstrainedAllow(statement)) continue;
        for (const item of statement.actions) {
          if (isWholeServiceGrant(item.value)) continue;
          let listed = listedActionsMatching(item.value, CREDENTIALS_EXPOSURE_ACTIONS);
          if (listed.includes(ECR_TOKEN)) {
            // The roles engine knows whether a task definition uses this policy's role as its execution role.
            executionRole ??= usesOfThisPolicy(context, 'executionRoleArn', 'permission').length > 0;
            if (executionRole) listed = listed.filter((action) => action !== ECR_TOKEN);
          }
          if (listed.length === 0) continue;
          const scopable = listed.some((action) => {
            const resolved = resolveAction(action);
            return resolved.kind === 'service' && resolved.actions.some((known) => known.resourceTypes.length > 0);
          });
          const advice = scopable
            ? 'Scope it to the resources this principal needs'
            : 'It works only on `"*"`: keep it only in the policies of principals that need it';
          context.report({
            at: item.node,
            message: `${item.value === listed[0] ? `\`${item.value}\`` : `\`${item.value}\` (${listOf(listed)})`} returns credentials in its response; allowed on \`"*"\` without a condition, whoever holds this principal's credentials can obtain further keys, tokens or passwords with it. ${advice}${listed.includes(ECR_TOKEN) ? ' (an ECS execution role needs `ecr:GetAuthorizationToken` on `*`: link this policy to its task definition and the hint goes away)' : ''}.`,
          });
        }
      }
    }
  },
};
