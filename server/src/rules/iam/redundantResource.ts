// A resource already covered by another entry of the same Resource list (IAM Access Analyzer: "Redundant resource").
import type { Rule } from '../../core/rule';
import { allStatements, elementUrl, type StringItem } from '../../iam/policyModel';
import { POLICY_KINDS, reportRedundantEntry } from './shared';

/** ARNs compare case-sensitively; `*` and `?` are wildcards. Whether every ARN `inner` matches, `outer` matches too. */
export function arnPatternCovers(outer: string, inner: string): boolean {
  if (outer === '*') return true;
  const outerWild = /[*?]/.test(outer);
  const innerWild = /[*?]/.test(inner);
  if (!outerWild) return !innerWild && outer === inner;
  // Only the `prefix*` shape is judged: enough for the lists policies hold, and linear.
  const star = outer.indexOf('*');
  if (star !== outer.length - 1 || outer.includes('?')) return false;
  return inner.startsWith(outer.slice(0, -1));
}

export const redundantResource: Rule = {
  meta: {
    id: 'iam/redundant-resource',
    title: 'A resource is repeated or already covered by a wildcard ARN of the same statement',
    defaultSeverity: 'info',
    phase: 'advice',
    docsUrl: elementUrl('resource'),
    fixable: true,
    appliesTo: POLICY_KINDS,
    description: [
      'An entry of `Resource` (or `NotResource`) that another entry of the same list already covers',
      '(`arn:aws:iam::111122223333:role/jane-admin` next to `arn:aws:iam::111122223333:role/jane*`, or the same ARN twice)',
      'changes nothing. Remove it, or, if the list was meant to name a fixed set of resources, remove the wildcard',
      'instead. IAM Access Analyzer reports this as "Redundant resource" (suggestion). The quick fix removes the covered entry.',
    ].join('\n'),
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      const items = statement.resources.filter((item) => !item.value.includes('${'));
      if (items.length < 2) continue;
      // Wildcard entries are few: compare every entry with them only (lists of thousands stay linear).
      const wildcards = items.filter((item) => /[*?]/.test(item.value));
      const seen = new Map<string, StringItem>();
      for (const [index, item] of items.entries()) {
        if (seen.has(item.value)) {
          reportRedundantEntry(context, item);
        } else {
          seen.set(item.value, item);
          const cover = wildcards.find(
            (other) =>
              other !== item &&
              other.value !== item.value &&
              arnPatternCovers(other.value, item.value) &&
              // Of two patterns that cover each other, keep the first.
              !(arnPatternCovers(item.value, other.value) && index < items.indexOf(other)),
          );
          if (cover) {
            reportRedundantEntry(context, item, cover);
          }
        }
      }
    }
  },
};
