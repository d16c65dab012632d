// Action/NotAction: exactly one in every statement.
import { propertyNode } from '../../core/json';
import type { Rule } from '../../core/rule';
import { allStatements, elementUrl, sentenceLabel } from '../../iam/policyModel';
import { POLICY_KINDS, hasBoth, statementAnchor } from './shared';

export const actionElement: Rule = {
  meta: {
    id: 'iam/action-element',
    title: 'A statement needs exactly one of Action and NotAction',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: elementUrl('action'),
    fixable: false,
    appliesTo: POLICY_KINDS,
    description:
      'Every statement names the actions it covers with `Action` (or, rarely, excludes them with `NotAction`). IAM rejects a statement with neither, or with both.',
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      if (hasBoth(statement, 'Action', 'NotAction')) {
        context.report({
          at: propertyNode(statement.node, 'NotAction')!,
          message: `${sentenceLabel(statement)} has both \`Action\` and \`NotAction\`; IAM accepts only one. Keep \`Action\` unless you mean "everything except".`,
        });
      } else if (!statement.actionKey) {
        context.report({
          at: statementAnchor(statement),
          message: `${sentenceLabel(statement)} has no \`Action\`. Add the actions it covers, for example \`"Action": ["s3:GetObject"]\`.`,
        });
      }
    }
  },
};
