import type { Rule } from '../../core/rule';
import { allStatements, type StringItem } from '../../iam/policyModel';
import { hasWildcard, wildcardCovers } from '../../iam/wildcard';
import { POLICY_KINDS, reportRedundantEntry } from './shared';

export const redundantAction: Rule = {
  meta: {
    id: 'iam/redundant-action',
    title: 'An action is repeated or already covered by a wildcard in the same statement',
    defaultSeverity: 'info',
    phase: 'advice',
    docsUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html',
    fixable: true,
    appliesTo: POLICY_KINDS,
    description:
      'An entry that another entry of the same `Action` list already covers (`s3:GetObject` next to `s3:Get*`, or the same action twice) changes nothing; removing it keeps the policy short and under the size quota.',
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      const items = statement.actions;
      if (items.length < 2) continue;
      // Linear in the list length: managed policies list thousands of actions in one statement.
      const wildcards = items.filter((item) => hasWildcard(item.value));
      // Wildcards grouped by the service they start with, so each entry is compared with its own service's only.
      const wildcardsByService = new Map<string, StringItem[]>();
      const position = new Map(items.map((item, index) => [item, index]));
      for (const wildcard of wildcards) {
        const colon = wildcard.value.indexOf(':');
        const service = colon > 0 && !hasWildcard(wildcard.value.slice(0, colon)) ? wildcard.value.slice(0, colon).toLowerCase() : '';
        const group = wildcardsByService.get(service);
        if (group) group.push(wildcard);
        else wildcardsByService.set(service, [wildcard]);
      }
      const firstByName = new Map<string, StringItem>();
      for (const item of items) {
        const lowered = item.value.toLowerCase();
        const first = firstByName.get(lowered);
        if (first) {
          reportRedundantEntry(context, item);
        } else {
          firstByName.set(lowered, item);
          const colon = lowered.indexOf(':');
          const candidates = [
            ...(wildcardsByService.get(colon > 0 ? lowered.slice(0, colon) : '') ?? []),
            ...(colon > 0 ? (wildcardsByService.get('') ?? []) : []),
          ];
          const cover = candidates.find(
            (other) =>
              other !== item &&
              other.value.toLowerCase() !== lowered &&
              wildcardCovers(other.value, item.value) &&
              // Of two patterns that cover each other, keep the first.
              !(hasWildcard(item.value) && wildcardCovers(item.value, other.value) && position.get(item)! < position.get(other)!),
          );
          if (cover) {
            reportRedundantEntry(context, item, cover);
          }
        }
      }
    }
  },
};
