import { property, stringValue } from '../../core/json';
import type { Rule } from '../../core/rule';
import { elementUrl, policyModels } from '../../iam/policyModel';
import { POLICY_KINDS, replaceFix } from './shared';

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
      'In identity and trust policies a `Sid` may contain only letters A–Z, a–z and digits 0–9, and must be unique',
      'within the policy; IAM rejects anything else. Resource-based policies of other services (S3, SQS, SNS) accept',
      'more characters, so only uniqueness is checked there, as a warning.',
    ].join('\n'),
  },
  check(context) {
    for (const model of policyModels(context.document)) {
      const strictCharacters = model.kind !== 'resource';
      const seen = new Map<string, number>();
      for (const statement of model.statements) {
        const node = property(statement.node, 'Sid');
        if (!node) continue;
        const value = stringValue(node);
        if (value === undefined) {
          context.report({ at: node, message: '`Sid` must be a string of letters and digits, such as "ReadAppBucket".' });
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
        if (count > 1 && value !== '') {
          context.report({
            at: node,
            severity: strictCharacters ? 'error' : 'warning',
            message: `Another statement of this policy already has the Sid "${value}"; Sids must be unique within a policy.`,
            fixes: [replaceFix(`Change to "${value}${count}"`, node, `${value}${count}`)],
          });
        }
      }
    }
  },
};

function describeBad(value: string): string {
  const bad = [...new Set(value.replace(/[A-Za-z0-9]/g, ''))].map((char) => (char === ' ' ? 'spaces' : `\`${char}\``));
  return bad.join(', ');
}
