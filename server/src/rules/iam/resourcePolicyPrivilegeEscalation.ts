// Writing a resource policy of a resource the principal may otherwise only partly use (parliament
// RESOURCE_POLICY_PRIVILEGE_ESCALATION).
import type { Rule } from '../../core/rule';
import { allStatements } from '../../iam/policyModel';
import { matchesWildcard } from '../../iam/wildcard';
import { grantsPermissions, isUnconstrainedAllow } from './shared';

/** The calls that replace a resource's policy or ACL, per service (Service Authorization Reference, "Permissions management"). */
const POLICY_WRITERS = [
  's3:PutBucketPolicy',
  's3:PutBucketAcl',
  's3:PutObjectAcl',
  'sqs:SetQueueAttributes',
  'sqs:AddPermission',
  'sns:SetTopicAttributes',
  'sns:AddPermission',
  'kms:PutKeyPolicy',
  'ecr:SetRepositoryPolicy',
  'secretsmanager:PutResourcePolicy',
  'lambda:AddPermission',
];

export const resourcePolicyPrivilegeEscalation: Rule = {
  meta: {
    id: 'iam/resource-policy-privilege-escalation',
    title: 'A principal may rewrite the resource policy of a resource it may use only partly',
    defaultSeverity: 'info',
    phase: 'advice',
    docsUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_identity-vs-resource.html',
    fixable: false,
    appliesTo: ['iam-identity-policy', 'cloudformation-template'],
    description: [
      'An identity policy that allows `s3:PutBucketPolicy` or `s3:PutBucketAcl` (or `kms:PutKeyPolicy`,',
      '`sqs:SetQueueAttributes`, `sns:SetTopicAttributes`, `ecr:SetRepositoryPolicy`,',
      '`secretsmanager:PutResourcePolicy`, `lambda:AddPermission`) on a resource, while it does not allow every',
      'action of that service, lets the principal write a resource policy that grants itself, or anyone, the actions',
      'it was not given (parliament: "s3:Delete is not allowed, but s3:PutBucketPolicy is, which could be abused to',
      'grant anonymous object deletion"). Unconstrained grants on `*` are `iam/permissions-management`\'s. Give',
      'policy-writing actions only to the principals that administer the resource.',
    ].join('\n'),
  },
  check(context) {
    const statements = allStatements(context.document).filter(grantsPermissions);
    for (const statement of statements) {
      if (statement.effect !== 'Allow' || statement.actionKey !== 'Action' || isUnconstrainedAllow(statement)) continue;
      for (const item of statement.actions) {
        if (item.value === '*' || /^[^:]*:\*$/.test(item.value)) continue;
        const writers = POLICY_WRITERS.filter((writer) => matchesWildcard(item.value, writer));
        if (writers.length === 0) continue;
        const service = writers[0].split(':')[0];
        // The same policy already grants the whole service: nothing to gain by rewriting the resource policy.
        const whole = statements.some(
          (other) =>
            other.effect === 'Allow' &&
            other.actionKey === 'Action' &&
            other.actions.some((action) => action.value === '*' || action.value.toLowerCase() === `${service}:*`),
        );
        if (whole) continue;
        context.report({
          at: item.node,
          message: `\`${item.value}\` lets this principal rewrite the ${service} resource policy (or ACL) it applies to, so an attacker holding these credentials can grant themselves, or anyone, the ${service} actions this policy does not allow. Give policy-writing actions only to the principals that administer the resource.`,
        });
      }
    }
  },
};
