// A condition operator that does not suit its key's type.
import type { Rule } from '../../core/rule';
import { lookupConditionKey } from '../../iam/conditionKeys';
import { CONDITION_OPERATORS_URL, familiesFor, operatorFamilyOperatorExample, type OperatorFamily } from '../../iam/conditionOperators';
import { POLICY_KINDS, forEachCondition } from './shared';

const TYPE_WORDS: Record<string, string> = {
  String: 'a string',
  ARN: 'an ARN',
  Bool: 'a boolean',
  Numeric: 'a number',
  Date: 'a date',
  IPAddress: 'an IP address',
  Binary: 'a binary',
};

function typeWord(type: string): string {
  return TYPE_WORDS[type.replace(/^ArrayOf/, '')] ?? 'a string';
}

export const conditionType: Rule = {
  meta: {
    id: 'iam/condition-type',
    title: "The condition operator does not suit the key's type",
    defaultSeverity: 'warning',
    phase: 'runtime',
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
    forEachCondition(context, (statement, entry, operator) => {
      if (operator.family === 'Null') return;
      const lookup = lookupConditionKey(entry.key, statement);
      if (lookup.kind !== 'global' && lookup.kind !== 'service') return;
      const allowed = familiesFor(lookup.entry.type);
      if (allowed.includes(operator.family)) return;
      // Tolerated: ARN operators on a string key holding ARNs (encryption contexts often do), and String
      // operators on a Bool key compared with "true"/"false" (IAM compares the text).
      if (
        operator.family === 'Arn' &&
        lookup.entry.type.endsWith('String') &&
        entry.values.length > 0 &&
        entry.values.every((v) => v.value.startsWith('arn:'))
      ) {
        return;
      }
      if (
        operator.family === 'String' &&
        lookup.entry.type.endsWith('Bool') &&
        entry.values.every((v) => /^(true|false)$/i.test(v.value))
      ) {
        return;
      }
      context.report({
        at: entry.operatorKey,
        message: `\`${lookup.entry.key}\` is ${typeWord(lookup.entry.type)} key, but \`${entry.operator}\` compares ${familyWord(operator.family)}; the condition will not match as intended. Use a ${allowed.map((family) => `\`${operatorFamilyOperatorExample(family)}\``).join(' or ')}-style operator.`,
      });
    });
  },
};

function familyWord(family: OperatorFamily): string {
  return {
    String: 'strings',
    Numeric: 'numbers',
    Date: 'dates',
    Bool: 'booleans',
    Binary: 'binary values',
    IpAddress: 'IP addresses',
    Arn: 'ARNs',
    Null: 'presence',
  }[family];
}
