import { arrayItems, property, propertyNode } from '../../core/json';
import type { Rule } from '../../core/rule';
import { elementUrl } from '../../iam/policyModel';
import { POLICY_KINDS } from './shared';

export const statementShape: Rule = {
  meta: {
    id: 'iam/statement',
    title: 'Statement is missing, empty, or holds something other than statement objects',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: elementUrl('statement'),
    fixable: false,
    appliesTo: POLICY_KINDS,
    description:
      'A policy needs `Statement`: one statement object, or an array of them. Each statement is an object with `Effect`, `Action` and (usually) `Resource`.',
  },
  check(context) {
    for (const { node } of context.document.policies) {
      const statement = property(node, 'Statement');
      if (!statement) {
        context.report({
          at: node,
          message: 'This policy has no `Statement`. Add `"Statement": [{ "Effect": "Allow", "Action": "...", "Resource": "..." }]`.',
        });
        continue;
      }
      if (statement.type !== 'array' && statement.type !== 'object') {
        context.report({ at: statement, message: '`Statement` must be an array of statement objects (or a single statement object).' });
        continue;
      }
      if (statement.type === 'array' && arrayItems(statement).length === 0) {
        context.report({
          at: propertyNode(node, 'Statement') ?? statement,
          severity: 'warning',
          message: 'The `Statement` list is empty, so this policy allows and denies nothing. Add at least one statement.',
        });
      }
      for (const item of arrayItems(statement)) {
        if (item.type !== 'object') {
          context.report({
            at: item,
            message: 'Each entry of `Statement` must be an object such as `{ "Effect": "Allow", "Action": "...", "Resource": "..." }`.',
          });
        }
      }
    }
  },
};
