import type { Rule } from '../../core/rule';
import { resolveItem } from '../../iam/actions';
import { dataDateNote } from '../../iam/catalog';
import { allStatements } from '../../iam/policyModel';
import { POLICY_KINDS } from './shared';

export const wildcardMatchesNothing: Rule = {
  meta: {
    id: 'iam/wildcard-matches-nothing',
    title: 'An action wildcard matches no action',
    defaultSeverity: 'warning',
    phase: 'runtime',
    docsUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html',
    fixable: false,
    appliesTo: POLICY_KINDS,
    description:
      '`*` and `?` in an action match any run of characters and any one character. A pattern that matches no action of the service (`s3:Gett*`) is almost always a typo: it grants nothing.',
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      for (const item of statement.actions) {
        const resolved = resolveItem(item);
        const empty =
          (resolved.kind === 'service' && resolved.wildcard && resolved.actions.length === 0) ||
          (resolved.kind === 'cross-service' && resolved.matches !== undefined && resolved.matches.length === 0);
        if (!empty) continue;
        context.report({
          at: item.node,
          message: `\`${item.value}\` matches no action (${dataDateNote()}), so it grants nothing. Check the spelling of the action prefix.`,
        });
      }
    }
  },
};
