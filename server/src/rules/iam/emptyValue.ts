// Empty values that grant or match nothing.
import { arrayItems, property } from '../../core/json';
import type { Rule } from '../../core/rule';
import { IAM_GRAMMAR_URL, allStatements } from '../../iam/policyModel';
import { POLICY_KINDS, STRING_OR_LIST } from './shared';

export const emptyValue: Rule = {
  meta: {
    id: 'iam/empty-value',
    title: 'An element is an empty string, array or object',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: IAM_GRAMMAR_URL,
    fixable: false,
    appliesTo: POLICY_KINDS,
    description:
      'An empty `Action`, `Resource` or `Principal` list, or an empty string, matches nothing: IAM rejects most of these, and the rest grant nothing.',
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      for (const name of [...STRING_OR_LIST, 'Principal', 'NotPrincipal']) {
        const value = property(statement.node, name);
        if (!value) continue;
        if (value.type === 'array' && arrayItems(value).length === 0) {
          context.report({
            at: value,
            message: `\`${name}\` is an empty list, so the statement ${name.includes('Action') ? 'covers no action' : name.includes('Resource') ? 'covers no resource' : 'applies to no one'}; IAM rejects it. Add entries or remove the statement.`,
          });
        } else if (value.type === 'object' && (value.children ?? []).length === 0) {
          context.report({ at: value, message: `\`${name}\` is an empty object; name at least one principal.` });
        }
        const items = value.type === 'array' ? arrayItems(value) : [value];
        for (const item of items) {
          if (item.type === 'string' && (item.value as string).trim() === '') {
            context.report({ at: item, message: `An empty string in \`${name}\` matches nothing; remove it or fill it in.` });
          }
        }
      }
      const condition = statement.conditionNode;
      if (condition?.type === 'object' && (condition.children ?? []).length === 0) {
        context.report({ at: condition, severity: 'warning', message: '`Condition` is empty; remove it or add the condition you meant.' });
      }
    }
  },
};
