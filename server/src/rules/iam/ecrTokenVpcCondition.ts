import type { Rule } from '../../core/rule';
import { allStatements, conditionEntries } from '../../iam/policyModel';
import { matchesWildcard } from '../../iam/wildcard';
import { POLICY_KINDS } from './shared';

const VPC_KEYS = ['aws:sourcevpc', 'aws:sourcevpce'];

export const ecrTokenVpcCondition: Rule = {
  meta: {
    id: 'iam/ecr-token-vpc-condition',
    title: 'ecr:GetAuthorizationToken restricted by aws:SourceVpc or aws:SourceVpce',
    defaultSeverity: 'warning',
    phase: 'start',
    docsUrl: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html',
    fixable: false,
    appliesTo: POLICY_KINDS,
    description: [
      "ECS and Fargate fetch the registry token (`ecr:GetAuthorizationToken`) on the task's behalf; that call does not",
      'carry `aws:SourceVpc`/`aws:SourceVpce` the way your own calls through a VPC endpoint do, so an Allow conditioned',
      'on them never matches and image pulls fail. Grant `ecr:GetAuthorizationToken` in its own statement on `"*"`',
      'without the VPC condition, and keep the condition on the layer and image actions.',
    ].join('\n'),
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      if (statement.effect !== 'Allow' || statement.actionKey !== 'Action') continue;
      const token = statement.actions.find((item) => matchesWildcard(item.value, 'ecr:GetAuthorizationToken'));
      if (!token) continue;
      for (const entry of conditionEntries(statement)) {
        if (!VPC_KEYS.includes(entry.key.toLowerCase())) continue;
        context.report({
          at: entry.keyNode,
          message: `\`${entry.key}\` is not present when ECS fetches the registry token (\`${token.value}\` covers \`ecr:GetAuthorizationToken\`), so this statement never allows it and image pulls fail (always on Fargate). Move \`ecr:GetAuthorizationToken\` to a statement without the VPC condition.`,
        });
      }
    }
  },
};
