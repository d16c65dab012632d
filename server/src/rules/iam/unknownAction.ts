import type { Rule } from '../../core/rule';
import { closestMatch } from '../../core/suggest';
import type { Fix } from '../../core/types';
import { resolveItem, servicesWithAction } from '../../iam/actions';
import { actionDocsUrl, dataDateNote, loadedService } from '../../iam/catalog';
import { allStatements, contentSpan } from '../../iam/policyModel';
import { POLICY_KINDS } from './shared';
import { SERVICE_REFERENCE_URL } from './unknownService';

/**
 * The nearest action name, remembered per service and name: a SAM template repeats the same policy template
 * (and its unknown `sqs:DeleteMessageBatch`) once per function, and the search is the costly part of the rule.
 */
const closestCache = new Map<string, string | undefined>();
function closestAction(service: string, name: string, candidates: () => string[]): string | undefined {
  const key = `${service}:${name}`;
  if (closestCache.has(key)) return closestCache.get(key);
  const closest = closestMatch(name, candidates());
  if (closestCache.size >= 4096) closestCache.clear();
  closestCache.set(key, closest);
  return closest;
}

export const unknownAction: Rule = {
  meta: {
    id: 'iam/unknown-action',
    title: 'An action does not exist in its service, or has no service prefix',
    defaultSeverity: 'warning',
    phase: 'runtime',
    docsUrl: SERVICE_REFERENCE_URL,
    fixable: true,
    appliesTo: POLICY_KINDS,
    description: [
      'Each action must be one the service defines (`s3:GetObject`, not `s3:GetObjects`). A misspelt action is accepted',
      'by IAM but grants nothing, which surfaces later as AccessDenied: a warning, since an action newer than the bundled',
      'IAM data is not a mistake (AWS managed policies grant a few such). An action without a `service:` prefix is an',
      'error: IAM rejects the policy ("Actions/Conditions must be prefaced by a vendor"). Names compare case-insensitively, as IAM does.',
      'Quick fixes offer the closest action of the service, or the same action under the service that has it.',
    ].join('\n'),
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      for (const item of statement.actions) {
        const resolved = resolveItem(item);
        if (resolved.kind === 'malformed') {
          if (item.value.trim() === '') continue; // iam/empty-value
          const elsewhere = servicesWithAction(item.value).slice(0, 3);
          context.report({
            at: item.node,
            // IAM rejects the document: "Actions/Conditions must be prefaced by a vendor".
            severity: 'error',
            phase: 'register',
            message: `\`${item.value}\` has no service prefix: actions are written \`service:ActionName\`${elsewhere.length ? `, for example ${elsewhere.map((full) => `\`${full}\``).join(', ')}` : ' (such as `s3:GetObject`)'}.`,
            fixes: elsewhere.map((full, index) => ({
              title: `Change to "${full}"`,
              edits: [{ ...contentSpan(item.node), newText: full }],
              isPreferred: index === 0,
            })),
          });
          continue;
        }
        if (resolved.kind !== 'service' || resolved.wildcard || resolved.actions.length > 0) continue;
        const service = loadedService(resolved.service)!;
        const fixes: Fix[] = [];
        const closest = closestAction(resolved.service, resolved.name, () => service.actions.map((action) => action.name));
        if (closest) {
          fixes.push({
            title: `Change to "${resolved.service}:${closest}"`,
            edits: [{ ...contentSpan(item.node), newText: `${resolved.service}:${closest}` }],
            isPreferred: true,
          });
        }
        const elsewhere = servicesWithAction(resolved.name).slice(0, 3);
        for (const full of elsewhere) {
          fixes.push({
            title: `Change to "${full}"`,
            edits: [{ ...contentSpan(item.node), newText: full }],
            isPreferred: fixes.length === 0,
          });
        }
        const hints: string[] = [];
        if (closest) hints.push(`Did you mean \`${resolved.service}:${closest}\`?`);
        if (elsewhere.length) {
          hints.push(`An action of that name exists in ${elsewhere.map((full) => `\`${full.split(':')[0]}\``).join(', ')}.`);
        }
        context.report({
          at: item.node,
          message: `\`${item.value}\` is not an action of ${service.name} (${dataDateNote()}); IAM accepts it, but it grants nothing.${hints.length ? ` ${hints.join(' ')}` : ''}`,
          docsUrl: actionDocsUrl(resolved.service),
          fixes,
        });
      }
    }
  },
};
