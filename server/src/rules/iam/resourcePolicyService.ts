// A resource policy of a known service that names another service's actions or resources (IAM Access Analyzer:
// "Unsupported action in policy", "Unsupported resource ARN in policy").
import { aPolicyTypeLabel, policyTypeLabel } from '../../core/classify';
import type { Rule } from '../../core/rule';
import { parseArn } from '../../iam/arn';
import { allStatements, splitAction } from '../../iam/policyModel';
import { hasWildcard } from '../../iam/wildcard';
import { removeNode } from '../../core/edits';

const RESOURCE_POLICY_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_identity-vs-resource.html';

export const resourcePolicyService: Rule = {
  meta: {
    id: 'iam/resource-policy-service',
    title: "A resource policy names an action or resource of another service than the resource's",
    defaultSeverity: 'error',
    phase: 'runtime',
    docsUrl: RESOURCE_POLICY_URL,
    fixable: true,
    appliesTo: ['iam-resource-policy', 'cloudformation-template'],
    description: [
      'A resource-based policy is evaluated only for requests to the resource it is attached to: an S3 bucket policy',
      'for S3 requests on that bucket, a KMS key policy for KMS requests on that key. An action of another service',
      '(`iam:*` in a bucket policy) or an ARN of another service in `Resource` can never match such a request, so the',
      'entry grants or denies nothing (S3 rejects such a bucket policy outright). Checked where the policy type is',
      'known from the CloudFormation resource that holds it or from `policyTypes` in `.ecs-iam.json`. The quick fix',
      'removes the entry.',
    ].join('\n'),
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      const { policy } = statement;
      if (policy.type !== 'resource' || !policy.resourceType || policy.typeSource === 'content') continue;
      const service = policy.resourceType.service;
      const label = policyTypeLabel(policy);
      if (statement.actionKey === 'Action') {
        for (const item of statement.actions) {
          const parts = splitAction(item.value);
          if (!parts || hasWildcard(parts.service) || parts.service.toLowerCase() === service) continue;
          context.report({
            at: item.node,
            message: `\`${item.value}\` is an action of \`${parts.service}\`, but ${aPolicyTypeLabel(policy)} governs only \`${service}\` requests on its own resource, so this entry can never grant or deny anything. Grant \`${parts.service}\` actions in an identity-based policy, or remove the entry.`,
            fixes:
              statement.actions.length > 1 ? [{ title: `Remove "${item.value}"`, edits: [removeNode(item.node)], isPreferred: true }] : [],
          });
        }
      }
      if (statement.resourceKey === 'Resource') {
        for (const item of statement.resources) {
          const arn = parseArn(item.value);
          if (!arn || !arn.service || hasWildcard(arn.service) || arn.service.toLowerCase() === service) continue;
          context.report({
            at: item.node,
            message: `\`${item.value}\` is an ARN of \`${arn.service}\`, but this ${label} applies only to its own \`${service}\` resource, so this entry never matches a request. Name the resource the policy is attached to (or \`"*"\`).`,
            fixes:
              statement.resources.length > 1
                ? [{ title: `Remove "${item.value}"`, edits: [removeNode(item.node)], isPreferred: true }]
                : [],
          });
        }
      }
    }
  },
};
