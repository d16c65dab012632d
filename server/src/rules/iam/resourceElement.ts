// Resource/NotResource: exactly one in identity policies, none in role trust policies.
import { propertyNode } from '../../core/json';
import type { Rule } from '../../core/rule';
import { allStatements, elementUrl, sentenceLabel } from '../../iam/policyModel';
import { removeNode } from '../../core/edits';
import { POLICY_KINDS, hasBoth, statementAnchor } from './shared';

export const resourceElement: Rule = {
  meta: {
    id: 'iam/resource-element',
    title: 'Resource/NotResource missing or doubled (identity policies), or present in a trust policy',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: elementUrl('resource'),
    fixable: true,
    appliesTo: POLICY_KINDS,
    description: [
      'Identity policies need exactly one of `Resource` and `NotResource` in every statement. Resource-based',
      'policies usually have one too (some services, such as ECR repository policies, imply it). Role trust',
      'policies must not have one: the resource is the role itself.',
    ].join('\n'),
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      if (hasBoth(statement, 'Resource', 'NotResource')) {
        context.report({
          at: propertyNode(statement.node, 'NotResource')!,
          message: `${sentenceLabel(statement)} has both \`Resource\` and \`NotResource\`; IAM accepts only one.`,
        });
        continue;
      }
      if (statement.policy.kind === 'trust' && statement.resourceKey) {
        const node = propertyNode(statement.node, statement.resourceKey)!;
        context.report({
          at: node,
          message: `A role trust policy has no \`${statement.resourceKey}\`: the resource is the role itself, and IAM rejects the policy ("Has prohibited field Resource"). Remove it.`,
          fixes: [{ title: `Remove "${statement.resourceKey}"`, edits: [removeNode(node)], isPreferred: true }],
        });
      } else if (statement.policy.kind === 'identity' && statement.policy.type !== 'scp' && !statement.resourceKey) {
        // An SCP without Resource: the Organizations syntax page does not say it is rejected, so no error here.
        context.report({
          at: statementAnchor(statement),
          message: `${sentenceLabel(statement)} has no \`Resource\`. Identity policies need one: the ARNs the actions apply to, or "*".`,
        });
      }
    }
  },
};
