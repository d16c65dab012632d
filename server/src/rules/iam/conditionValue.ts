// Condition values that do not fit their operator (Bool, Null, Numeric, Date, IpAddress, Arn).
import type { Rule } from '../../core/rule';
import { CONDITION_OPERATORS_URL } from '../../iam/conditionOperators';
import { POLICY_VARIABLE } from '../../iam/policyModel';
import { POLICY_KINDS, forEachCondition, replaceFix } from './shared';

const IPV4_CIDR = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}(\/(3[0-2]|[12]?\d))?$/;
const IPV6_CIDR = /^[0-9a-fA-F:]*:[0-9a-fA-F:.]*(\/(12[0-8]|1[01]\d|[1-9]?\d))?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export const conditionValue: Rule = {
  meta: {
    id: 'iam/condition-value',
    title: 'A condition value does not fit its operator (Bool, Null, Numeric, Date, IpAddress, Arn)',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: CONDITION_OPERATORS_URL,
    fixable: true,
    appliesTo: POLICY_KINDS,
    description: [
      '`Bool` and `Null` take `"true"` or `"false"`; `Numeric...` operators numbers; `Date...` operators ISO 8601 dates',
      '(`2025-01-31T00:00:00Z`) or epoch seconds; `IpAddress` CIDR ranges such as `203.0.113.0/24`; `Arn...` operators ARNs.',
      'IAM rejects or never matches other values.',
    ].join('\n'),
  },
  check(context) {
    forEachCondition(context, (_statement, entry, operator) => {
      for (const item of entry.values) {
        const value = item.value;
        if (POLICY_VARIABLE.test(value)) continue;
        let problem: string | undefined;
        let fixed: string | undefined;
        switch (operator.family) {
          case 'Bool':
          case 'Null':
            if (value !== 'true' && value !== 'false') {
              problem = `\`${entry.operator}\` takes "true" or "false", not "${value}".`;
              if (/^(true|false)$/i.test(value)) fixed = value.toLowerCase();
            }
            break;
          case 'Numeric':
            if (!/^-?\d+(\.\d+)?$/.test(value)) problem = `\`${entry.operator}\` compares numbers; "${value}" is not one.`;
            break;
          case 'Date':
            if (!ISO_DATE.test(value) && !/^\d+$/.test(value)) {
              problem = `\`${entry.operator}\` compares dates: write ISO 8601 (\`2025-01-31T00:00:00Z\`) or epoch seconds, not "${value}".`;
            }
            break;
          case 'IpAddress':
            if (!IPV4_CIDR.test(value) && !IPV6_CIDR.test(value)) {
              problem = `\`${entry.operator}\` takes IP addresses or CIDR ranges such as \`203.0.113.0/24\`; "${value}" is not one.`;
            }
            break;
          case 'Arn':
            if (value !== '*' && !value.startsWith('arn:')) {
              problem = `\`${entry.operator}\` compares ARNs; "${value}" is not an ARN. Use a String operator for plain values.`;
            }
            break;
        }
        if (problem) {
          context.report({ at: item.node, message: problem, fixes: fixed ? [replaceFix(`Change to "${fixed}"`, item.node, fixed)] : [] });
        }
      }
    });
  },
};
