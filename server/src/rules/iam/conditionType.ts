import { objectProperties, type Node } from '../../core/json';
import type { Rule } from '../../core/rule';
import { lookupConditionKey } from '../../iam/conditionKeys';
import { CONDITION_OPERATORS_URL, MULTIVALUED_KEYS_URL, familiesFor, isMultivalued, operatorFamilyOperatorExample, parseOperator, type OperatorFamily } from '../../iam/conditionOperators';
import { allStatements, conditionEntries, POLICY_VARIABLE } from '../../iam/policyModel';
import { POLICY_KINDS, replaceFix } from './shared';

const TYPE_WORDS: Record<string, string> = { String: 'a string', ARN: 'an ARN', Bool: 'a boolean', Numeric: 'a number', Date: 'a date', IPAddress: 'an IP address', Binary: 'a binary' };

function typeWord(type: string): string {
  return TYPE_WORDS[type.replace(/^ArrayOf/, '')] ?? 'a string';
}

export const conditionType: Rule = {
  meta: {
    id: 'iam/condition-type',
    title: 'The condition operator does not suit the key\'s type',
    defaultSeverity: 'warning',
    docsUrl: CONDITION_OPERATORS_URL,
    fixable: false,
    appliesTo: POLICY_KINDS,
    description: [
      'Each key has a type (String, ARN, Bool, Numeric, Date, IP address) and each operator family compares one type:',
      '`aws:SourceIp` needs `IpAddress`, `aws:SecureTransport` needs `Bool`, `aws:CurrentTime` a `Date...` operator.',
      'String operators also work on ARN keys. A mismatched operator makes the condition never match.',
    ].join('\n'),
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      for (const entry of conditionEntries(statement)) {
        const operator = parseOperator(entry.operator);
        if (!operator || operator.family === 'Null') continue;
        const lookup = lookupConditionKey(entry.key, statement);
        if (lookup.kind !== 'global' && lookup.kind !== 'service') continue;
        const allowed = familiesFor(lookup.entry.type);
        if (allowed.includes(operator.family)) continue;
        // Tolerated: ARN operators on a string key holding ARNs (encryption contexts often do), and String
        // operators on a Bool key compared with "true"/"false" (IAM compares the text).
        if (operator.family === 'Arn' && lookup.entry.type.endsWith('String') && entry.values.length > 0 && entry.values.every((v) => v.value.startsWith('arn:'))) continue;
        if (operator.family === 'String' && lookup.entry.type.endsWith('Bool') && entry.values.every((v) => /^(true|false)$/i.test(v.value))) continue;
        context.report({
          at: entry.operatorKey,
          message: `\`${lookup.entry.key}\` is ${typeWord(lookup.entry.type)} key, but \`${entry.operator}\` compares ${familyWord(operator.family)}; the condition will not match as intended. Use a ${allowed.map((family) => `\`${operatorFamilyOperatorExample(family)}\``).join(' or ')}-style operator.`,
        });
      }
    }
  },
};

function familyWord(family: OperatorFamily): string {
  return { String: 'strings', Numeric: 'numbers', Date: 'dates', Bool: 'booleans', Binary: 'binary values', IpAddress: 'IP addresses', Arn: 'ARNs', Null: 'presence' }[family];
}

const IPV4_CIDR = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}(\/(3[0-2]|[12]?\d))?$/;
const IPV6_CIDR = /^[0-9a-fA-F:]*:[0-9a-fA-F:.]*(\/(12[0-8]|1[01]\d|[1-9]?\d))?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export const conditionValue: Rule = {
  meta: {
    id: 'iam/condition-value',
    title: 'A condition value does not fit its operator (Bool, Null, Numeric, Date, IpAddress, Arn)',
    defaultSeverity: 'error',
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
    for (const statement of allStatements(context.document)) {
      for (const entry of conditionEntries(statement)) {
        const operator = parseOperator(entry.operator);
        if (!operator) continue;
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
              if (!ISO_DATE.test(value) && !/^\d+$/.test(value)) problem = `\`${entry.operator}\` compares dates: write ISO 8601 (\`2025-01-31T00:00:00Z\`) or epoch seconds, not "${value}".`;
              break;
            case 'IpAddress':
              if (!IPV4_CIDR.test(value) && !IPV6_CIDR.test(value)) problem = `\`${entry.operator}\` takes IP addresses or CIDR ranges such as \`203.0.113.0/24\`; "${value}" is not one.`;
              break;
            case 'Arn':
              if (value !== '*' && !value.startsWith('arn:')) problem = `\`${entry.operator}\` compares ARNs; "${value}" is not an ARN. Use a String operator for plain values.`;
              break;
          }
          if (problem) context.report({ at: item.node, message: problem, fixes: fixed ? [replaceFix(`Change to "${fixed}"`, item.node, fixed)] : [] });
        }
      }
    }
  },
};

export const setOperator: Rule = {
  meta: {
    id: 'iam/set-operator',
    title: 'ForAllValues/ForAnyValue used with a single-valued condition key',
    defaultSeverity: 'warning',
    docsUrl: MULTIVALUED_KEYS_URL,
    fixable: true,
    appliesTo: POLICY_KINDS,
    description: [
      '`ForAllValues:` and `ForAnyValue:` are for multivalued keys such as `aws:TagKeys` or `aws:CalledVia`. On a',
      'single-valued key they are misleading, and `ForAllValues:` is dangerous in an Allow statement: it is also true',
      'when the key is missing from the request. Use the plain operator.',
    ].join('\n'),
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      for (const entry of conditionEntries(statement)) {
        const operator = parseOperator(entry.operator);
        if (!operator?.setQualifier) continue;
        const lookup = lookupConditionKey(entry.key, statement);
        if ((lookup.kind !== 'global' && lookup.kind !== 'service') || isMultivalued(lookup.entry.type)) continue;
        const plain = entry.operator.slice(entry.operator.indexOf(':') + 1);
        const risky = operator.setQualifier === 'ForAllValues' && statement.effect === 'Allow';
        context.report({
          at: entry.operatorKey,
          message:
            `\`${lookup.entry.key}\` has a single value, so \`${operator.setQualifier}:\` does not apply; use \`${plain}\`.` +
            (risky ? ' With ForAllValues in an Allow statement the condition is also true when the request lacks the key.' : ''),
          fixes: canRename(statement.conditionNode, entry.operatorKey, plain) ? [replaceFix(`Change to "${plain}"`, entry.operatorKey, plain)] : [],
        });
      }
    }
  },
};

/** Renaming an operator is safe when it holds one key and no sibling already has the new name. */
function canRename(condition: Node | undefined, operatorKey: Node, newName: string): boolean {
  const operators = objectProperties(condition);
  const own = operators.find((operator) => operator.key === operatorKey);
  return !!own && objectProperties(own.value).length === 1 && !operators.some((operator) => operator.name === newName);
}
