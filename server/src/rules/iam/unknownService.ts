import type { Rule } from '../../core/rule';
import { closestMatch } from '../../core/suggest';
import { resolveItem, servicesWithAction } from '../../iam/actions';
import { catalogIndex, dataDateNote, loadedActionNames } from '../../iam/catalog';
import { allStatements, contentSpan, splitAction } from '../../iam/policyModel';
import type { Fix } from '../../core/types';
import { hasWildcard } from '../../iam/wildcard';
import { POLICY_KINDS } from './shared';

export const SERVICE_REFERENCE_URL =
  'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html';

/** Suggestions per unknown action: the same few (retired services, typos) recur across many policies. */
const suggestionCache = new Map<string, { prefix: string | undefined; elsewhere: string[] }>();

function suggestionsFor(service: string, name: string, prefixes: string[]): { prefix: string | undefined; elsewhere: string[] } {
  const key = `${service}:${name}`;
  const cached = suggestionCache.get(key);
  if (cached) return cached;
  const lowered = service.toLowerCase();
  const prefix = prefixes.includes(lowered) ? lowered : closestMatch(service, prefixes);
  // The same action name under another prefix is the better guess (`cloudwatchlogs:PutLogEvents` -> `logs:`).
  const elsewhere = hasWildcard(name)
    ? []
    : servicesWithAction(name)
        .sort((a, b) => Number(b.startsWith(`${prefix}:`)) - Number(a.startsWith(`${prefix}:`)))
        .slice(0, 3);
  const result = { prefix, elsewhere };
  // Cached only once the all-names list is loaded (before that, `elsewhere` is empty for want of data).
  if (loadedActionNames()) {
    if (suggestionCache.size > 5000) suggestionCache.clear();
    suggestionCache.set(key, result);
  }
  return result;
}

export const unknownService: Rule = {
  meta: {
    id: 'iam/unknown-service',
    title: 'An action names a service prefix IAM does not know',
    defaultSeverity: 'warning',
    phase: 'runtime',
    docsUrl: SERVICE_REFERENCE_URL,
    fixable: true,
    appliesTo: POLICY_KINDS,
    description: [
      "Actions are written `prefix:ActionName`, where the prefix is the service's IAM prefix (`logs`, not `cloudwatchlogs`;",
      '`ecr`, not `ecr-registry`). IAM accepts unknown prefixes, but the statement then matches nothing. A warning, not an',
      'error: a brand-new service may be missing from the bundled catalogue.',
    ].join('\n'),
  },
  check(context) {
    const index = catalogIndex();
    if (!index) return;
    for (const statement of allStatements(context.document)) {
      for (const item of statement.actions) {
        const resolved = resolveItem(item);
        if (resolved.kind !== 'unknown-service') continue;
        const parts = splitAction(item.value)!;
        const fixes: Fix[] = [];
        const { prefix, elsewhere } = suggestionsFor(parts.service, parts.name, index.prefixes);
        for (const full of elsewhere) {
          fixes.push({
            title: `Change to "${full}"`,
            edits: [{ ...contentSpan(item.node), newText: full }],
            isPreferred: fixes.length === 0,
          });
        }
        if (prefix && !elsewhere.some((full) => full.startsWith(`${prefix}:`))) {
          fixes.push({
            title: `Change to "${prefix}:${parts.name}"`,
            edits: [{ ...contentSpan(item.node), newText: `${prefix}:${parts.name}` }],
            isPreferred: fixes.length === 0,
          });
        }
        const hint =
          elsewhere.length > 0
            ? ` Did you mean ${elsewhere.map((full) => `\`${full}\``).join(' or ')}?`
            : prefix
              ? ` Did you mean \`${prefix}\`?`
              : '';
        context.report({
          at: item.node,
          message: `\`${parts.service}\` is not an IAM service prefix (${dataDateNote()}), so this action matches nothing.${hint}`,
          fixes,
        });
      }
    }
  },
};
