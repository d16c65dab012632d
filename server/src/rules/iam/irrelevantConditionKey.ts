// Condition keys that describe the resource, in a policy attached to that resource (IAM Access Analyzer:
// "Irrelevant condition key in policy").
import { aPolicyTypeLabel } from '../../core/classify';
import type { Rule } from '../../core/rule';
import { GLOBAL_CONDITION_KEYS_URL } from '../../iam/globalConditionKeys';
import { allStatements, conditionEntries } from '../../iam/policyModel';

/** Keys whose value is the resource's own account or organization: fixed for a policy attached to the resource. */
const RESOURCE_SIDE_KEY = /^(aws:Resource(Account|OrgID|OrgPaths)|[a-z0-9-]+:ResourceAccount)$/i;

export const irrelevantConditionKey: Rule = {
  meta: {
    id: 'iam/irrelevant-condition-key',
    title: 'A condition key about the resource in a policy attached to that resource',
    defaultSeverity: 'info',
    phase: 'advice',
    docsUrl: GLOBAL_CONDITION_KEYS_URL,
    fixable: false,
    appliesTo: ['iam-resource-policy', 'iam-trust-policy', 'cloudformation-template'],
    description: [
      '`aws:ResourceAccount`, `aws:ResourceOrgID`, `aws:ResourceOrgPaths` and service keys such as `s3:ResourceAccount`',
      'describe the account of the resource a request acts on. In a resource-based policy (a bucket policy, a role trust',
      'policy) that resource is the one the policy is attached to, so the value never changes: the condition is always',
      'true or always false. Use these keys in identity-based policies, SCPs, RCPs and VPC endpoint policies; in a',
      'resource policy, restrict the caller with `aws:PrincipalAccount`, `aws:PrincipalOrgID` or `aws:SourceAccount`.',
      'Checked where the policy type is known from its CloudFormation resource or `.ecs-iam.json` (or it is a trust',
      'policy). IAM Access Analyzer reports this as "Irrelevant condition key in policy" (suggestion).',
    ].join('\n'),
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      const { policy } = statement;
      const attached = policy.type === 'trust' || (policy.type === 'resource' && policy.typeSource !== 'content');
      if (!attached) continue;
      for (const entry of conditionEntries(statement)) {
        if (!RESOURCE_SIDE_KEY.test(entry.key)) continue;
        context.report({
          at: entry.keyNode,
          message: `\`${entry.key}\` is the account (or organization) of the resource this ${policy.type === 'trust' ? 'role trust policy' : 'policy'} is attached to, so in ${aPolicyTypeLabel(policy)} it never changes and the condition decides nothing. To restrict the caller, use \`aws:PrincipalAccount\`, \`aws:PrincipalOrgID\` or \`aws:SourceAccount\`.`,
        });
      }
    }
  },
};
