// Allow combined with NotAction or NotResource: grants more than it reads.
import { propertyNode } from '../../core/json';
import type { Rule } from '../../core/rule';
import { allStatements, elementUrl } from '../../iam/policyModel';
import { POLICY_KINDS, isGuardrail } from './shared';

export const allowWithNot: Rule = {
  meta: {
    id: 'iam/allow-with-not',
    title: 'Allow combined with NotAction, NotResource or NotPrincipal',
    defaultSeverity: 'warning',
    phase: 'advice',
    docsUrl: elementUrl('notaction'),
    fixable: false,
    appliesTo: POLICY_KINDS,
    description: [
      '`NotAction`, `NotResource` and `NotPrincipal` match everything *except* what they list. With `"Effect": "Allow"` they',
      'grant far more than intended, including actions and resources that did not exist when the policy was written.',
      'They are meant for Deny statements; with Allow, list what is allowed instead.',
    ].join('\n'),
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      if (isGuardrail(statement.policy)) continue;
      if (statement.effect !== 'Allow') continue;
      for (const element of ['NotAction', 'NotResource', 'NotPrincipal']) {
        const node = propertyNode(statement.node, element);
        if (!node) continue;
        const listed = element === 'NotAction' ? 'action' : element === 'NotResource' ? 'resource' : 'principal';
        context.report({
          at: node.children?.[0] ?? node,
          message: `\`"Effect": "Allow"\` with \`${element}\` allows every ${listed} except those listed, including new ones added later. Use \`${element.slice(3)}\` with the ${listed}s to allow, or make this a Deny statement.`,
          docsUrl:
            element === 'NotPrincipal' ? elementUrl('notprincipal') : element === 'NotResource' ? elementUrl('notresource') : undefined,
        });
      }
    }
  },
};
