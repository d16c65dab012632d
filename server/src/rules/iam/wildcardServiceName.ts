// A wildcard inside a service name (`s*:GetObject`, `arn:aws:*code*:...`): IAM Access Analyzer's "Wildcard in service name".
import type { Rule } from '../../core/rule';
import { parseArn } from '../../iam/arn';
import { allStatements, contentSpan, splitAction } from '../../iam/policyModel';
import { POLICY_KINDS } from './shared';

/** A service name with a wildcard and other characters: `s*`, `*code*` (`*` alone means every service, and says so). */
function partialWildcard(service: string): boolean {
  return /[*?]/.test(service) && /[^*?]/.test(service);
}

export const wildcardServiceName: Rule = {
  meta: {
    id: 'iam/wildcard-service-name',
    title: 'A wildcard inside the service name of an action or ARN',
    defaultSeverity: 'hint',
    phase: 'advice',
    docsUrl: 'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
    fixable: false,
    appliesTo: POLICY_KINDS,
    description: [
      'A wildcard in the service prefix (`s*:GetObject`, `arn:aws:*code*::111122223333:*`) matches every service whose',
      'name fits, today and in the future: `s*` is S3, SQS, SNS, SSM, Secrets Manager and dozens more. Name the services.',
      'IAM Access Analyzer reports this as "Wildcard in service name" (suggestion).',
    ].join('\n'),
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      for (const item of statement.actions) {
        const parts = splitAction(item.value);
        if (!parts || !partialWildcard(parts.service)) continue;
        context.report({
          at: { offset: contentSpan(item.node).offset, length: parts.service.length },
          message: `The service prefix \`${parts.service}\` has a wildcard: \`${item.value}\` matches the actions of every service whose prefix fits, including services added later. List each service's actions by name instead.`,
        });
      }
      for (const item of statement.resources) {
        const arn = parseArn(item.value);
        if (!arn || !partialWildcard(arn.service)) continue;
        context.report({
          at: item.node,
          message: `The service \`${arn.service}\` of this ARN has a wildcard: it matches the resources of every service whose name fits, including services added later. Name the service.`,
        });
      }
    }
  },
};
