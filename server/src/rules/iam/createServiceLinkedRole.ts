// iam:CreateServiceLinkedRole granted on every service-linked role (IAM Access Analyzer's six "Create SLR" checks).
import type { Rule } from '../../core/rule';
import { allStatements, conditionEntries, type StatementView } from '../../iam/policyModel';
import { matchesWildcard } from '../../iam/wildcard';
import { grantsPermissions, statementAnchor } from './shared';

const SLR_ACTION = 'iam:CreateServiceLinkedRole';
const SLR_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html#service-linked-role-permissions';

/** Two service-linked roles of different services: a resource pattern matching both is not scoped to one service. */
const SAMPLE_ROLES = [
  'arn:aws:iam::111122223333:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS',
  'arn:aws:iam::111122223333:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing',
];

/** How the statement reaches `iam:CreateServiceLinkedRole`: named, through a wildcard, or through NotAction. */
function actionReach(
  statement: StatementView,
): { how: 'named' | 'wildcard' | 'not-action'; text: string; node: StatementView['actionNode'] } | undefined {
  if (statement.actionKey === 'NotAction') {
    if (statement.actions.some((item) => matchesWildcard(item.value, SLR_ACTION))) return undefined;
    return { how: 'not-action', text: 'NotAction', node: statement.actionNode };
  }
  for (const item of statement.actions) {
    if (!matchesWildcard(item.value, SLR_ACTION)) continue;
    // `"Action": "*"` is iam/admin-access's finding already.
    if (item.value === '*') return undefined;
    return { how: item.value.toLowerCase() === SLR_ACTION.toLowerCase() ? 'named' : 'wildcard', text: item.value, node: item.node };
  }
  return undefined;
}

export const createServiceLinkedRole: Rule = {
  meta: {
    id: 'iam/create-service-linked-role',
    title: 'iam:CreateServiceLinkedRole allowed for every service (wildcard resource, NotResource or NotAction)',
    defaultSeverity: 'warning',
    phase: 'advice',
    docsUrl: SLR_URL,
    fixable: false,
    appliesTo: ['iam-identity-policy', 'cloudformation-template'],
    description: [
      '`iam:CreateServiceLinkedRole` creates a role that an AWS service assumes to act in the account. Allowed on `"*"`,',
      'through `NotResource`, or through `NotAction` (which leaves it allowed), it lets the principal create the',
      'service-linked role of any service, with the permissions AWS gives that service. Scope `Resource` to the role',
      'ARN of the service that needs it (`arn:aws:iam::*:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS*`)',
      'or add an `iam:AWSServiceName` condition. IAM Access Analyzer reports the same six shapes as general warnings.',
    ].join('\n'),
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      if (!grantsPermissions(statement) || statement.effect !== 'Allow') continue;
      const reach = actionReach(statement);
      if (!reach) continue;
      if (conditionEntries(statement).some((entry) => entry.key.toLowerCase() === 'iam:awsservicename')) continue;
      let resourceText: string;
      if (statement.resourceKey === 'NotResource') {
        if (SAMPLE_ROLES.every((role) => statement.resources.some((item) => matchesArn(item.value, role)))) continue;
        resourceText = '`NotResource`';
      } else {
        const broad = statement.resources.find((item) => SAMPLE_ROLES.every((role) => matchesArn(item.value, role)));
        if (!broad) continue;
        resourceText = `\`${broad.value}\``;
      }
      const through =
        reach.how === 'named'
          ? `\`${SLR_ACTION}\``
          : reach.how === 'wildcard'
            ? `\`${reach.text}\` (which includes \`${SLR_ACTION}\`)`
            : `\`NotAction\` (which leaves \`${SLR_ACTION}\` allowed)`;
      context.report({
        at: reach.node ?? statementAnchor(statement),
        message: `${through} on ${resourceText} lets this principal create the service-linked role of any AWS service, with the permissions AWS grants that service. Scope \`Resource\` to the service's role (\`arn:aws:iam::*:role/aws-service-role/SERVICE.amazonaws.com/*\`) or add a \`"StringEquals": {"iam:AWSServiceName": "SERVICE.amazonaws.com"}\` condition.`,
      });
    }
  },
};

/** Through the shared, cached wildcard matcher (case-insensitive: close enough for these two sample ARNs). */
function matchesArn(pattern: string, arn: string): boolean {
  return matchesWildcard(pattern, arn);
}
