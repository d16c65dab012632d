import { objectProperties } from '../../core/json';
import type { Rule } from '../../core/rule';
import { closestMatch } from '../../core/suggest';
import { CONDITION_OPERATORS_URL, allOperatorSpellings, parseOperator } from '../../iam/conditionOperators';
import { keyTypeFits, lookupConditionKey } from '../../iam/conditionKeys';
import { allStatements } from '../../iam/policyModel';
import { POLICY_KINDS, replaceFix } from './shared';

export const conditionOperator: Rule = {
  meta: {
    id: 'iam/condition-operator',
    title: 'Unknown condition operator',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: CONDITION_OPERATORS_URL,
    fixable: true,
    appliesTo: POLICY_KINDS,
    description: [
      'Condition operators are a fixed, case-sensitive list: `StringEquals`, `StringLike`, `ArnLike`, `NumericLessThan`,',
      '`DateGreaterThan`, `Bool`, `IpAddress`, `Null` and their relatives, optionally with the `IfExists` suffix and a',
      '`ForAllValues:` or `ForAnyValue:` prefix (`Null` takes neither suffix). IAM rejects any other operator.',
    ].join('\n'),
  },
  check(context) {
    const spellings = allOperatorSpellings();
    for (const statement of allStatements(context.document)) {
      for (const operator of objectProperties(statement.conditionNode)) {
        if (parseOperator(operator.name)) continue;
        const colon = operator.name.indexOf(':');
        const qualifier = colon >= 0 ? operator.name.slice(0, colon) : '';
        const rest = colon >= 0 ? operator.name.slice(colon + 1) : operator.name;
        const fixedQualifier = qualifier ? (closestMatch(qualifier, ['ForAllValues', 'ForAnyValue']) ?? '') : '';
        // Among equally close operators, one that suits the types of the keys it holds.
        const keys = objectProperties(operator.value).map((entry) => lookupConditionKey(entry.name, statement));
        const fits = (spelling: string) =>
          keys.every((lookup) => (lookup.kind !== 'global' && lookup.kind !== 'service') || keyTypeFits(lookup.entry.type, spelling, []));
        const fixedRest =
          spellings.find((spelling) => spelling.toLowerCase() === rest.toLowerCase()) ?? closestMatch(rest, spellings, { fits });
        const suggestion =
          fixedRest && (!qualifier || fixedQualifier) ? `${fixedQualifier ? `${fixedQualifier}:` : ''}${fixedRest}` : undefined;
        const nullIfExists = rest === 'NullIfExists';
        context.report({
          at: operator.key,
          message: nullIfExists
            ? '`Null` has no `IfExists` form: it already tests whether the key exists. Use `Null`.'
            : `\`${operator.name}\` is not a condition operator, so IAM rejects the policy.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''} Operator names are case-sensitive.`,
          fixes: nullIfExists
            ? [replaceFix('Change to "Null"', operator.key, `${qualifier ? `${qualifier}:` : ''}Null`)]
            : suggestion && suggestion !== operator.name
              ? [replaceFix(`Change to "${suggestion}"`, operator.key, suggestion)]
              : [],
        });
      }
    }
  },
};
