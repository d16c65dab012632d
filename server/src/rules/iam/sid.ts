import { property, stringValue } from '../../core/json';
import type { Rule } from '../../core/rule';
import { elementUrl, policyModels } from '../../iam/policyModel';
import { POLICY_KINDS, replaceFix } from './shared';
import { policyTypeLabel } from '../../core/classify';
import { removeNode } from '../../core/edits';

export const sid: Rule = {
  meta: {
    id: 'iam/sid',
    title: "Sid has characters IAM rejects, or repeats another statement's Sid",
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: elementUrl('sid'),
    fixable: true,
    appliesTo: POLICY_KINDS,
    description: [
      'In IAM policies (identity-based policies, permissions boundaries, trust policies) a `Sid` may contain only',
      'letters A–Z, a–z and digits 0–9; IAM rejects anything else. Resource-based policies of other services and',
      'AWS Organizations policies accept more characters, so they are not checked there. A repeated `Sid` is an',
      'error only where the service rejects it (SNS topic policies: IAM Access Analyzer\'s "Unique Sids required");',
      'IAM recommends unique Sids (a hint), and S3 bucket policies accept repeated ones (no finding). An empty `Sid`',
      'is accepted but names nothing (a hint, with a fix that removes it).',
    ].join('\n'),
  },
  check(context) {
    for (const model of policyModels(context.document)) {
      const type = model.policy.type;
      const strictCharacters = type === 'identity' || type === 'permissions-boundary' || type === 'trust';
      const duplicateSeverity = duplicateSidSeverity(model.policy.resourceType?.id);
      const seen = new Map<string, number>();
      for (const statement of model.statements) {
        const node = property(statement.node, 'Sid');
        if (!node) continue;
        const value = stringValue(node);
        if (value === undefined) {
          context.report({ at: node, message: '`Sid` must be a string of letters and digits, such as "ReadAppBucket".' });
          continue;
        }
        if (value === '') {
          // IAM Access Analyzer: "Empty Sid value" (suggestion). Accepted, but it identifies nothing.
          const entry = node.parent;
          context.report({
            at: node,
            severity: 'hint',
            message: 'This `Sid` is empty: it identifies nothing. Name the statement (such as "ReadAppBucket") or remove the `Sid`.',
            fixes: entry ? [{ title: 'Remove the empty Sid', edits: [removeNode(entry)], isPreferred: true }] : [],
          });
          continue;
        }
        if (strictCharacters && !/^[A-Za-z0-9]*$/.test(value)) {
          const cleaned = value
            .split(/[^A-Za-z0-9]+/)
            .filter(Boolean)
            .map((part, index) => (index === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1)))
            .join('');
          context.report({
            at: node,
            message: `IAM accepts only letters and digits in a \`Sid\`; "${value}" has ${describeBad(value)}. Use something like "${cleaned || 'Statement1'}".`,
            fixes: [replaceFix(`Change to "${cleaned || 'Statement1'}"`, node, cleaned || 'Statement1')],
          });
        }
        const count = (seen.get(value) ?? 0) + 1;
        seen.set(value, count);
        if (count > 1 && value !== '' && duplicateSeverity) {
          context.report({
            at: node,
            severity: duplicateSeverity,
            message:
              duplicateSeverity === 'error'
                ? `Another statement of this policy already has the Sid "${value}"; ${policyTypeLabel(model.policy)} rejects repeated Sids. Give each statement its own Sid.`
                : `Another statement of this policy already has the Sid "${value}"; AWS recommends a unique Sid per statement, so that each can be told apart.`,
            fixes: [replaceFix(`Change to "${value}${count}"`, node, `${value}${count}`)],
          });
        }
      }
    }
  },
};

/** Where a repeated Sid is rejected (error), only discouraged (hint), or accepted (undefined: no finding). */
function duplicateSidSeverity(resourceType: string | undefined): 'error' | 'hint' | undefined {
  if (resourceType === 'sns-topic') return 'error';
  if (resourceType === 's3-bucket' || resourceType === 's3-access-point') return undefined;
  return 'hint';
}

function describeBad(value: string): string {
  const bad = [...new Set(value.replace(/[A-Za-z0-9]/g, ''))].map((char) => (char === ' ' ? 'spaces' : `\`${char}\``));
  return bad.join(', ');
}
