// ForAllValues:/ForAnyValue: missing on a multivalued condition key, or used on a single-valued one.
import { indentationAt, lineBreakOf } from '../../core/layout';
import { objectProperties, type Node } from '../../core/json';
import type { Rule, RuleContext } from '../../core/rule';
import type { Fix } from '../../core/types';
import { isKnownConditionKeyType } from '../../iam/catalog';
import { lookupConditionKey } from '../../iam/conditionKeys';
import { MULTIVALUED_KEYS_URL, isMultivalued, isNegatedOperator, type ParsedOperator } from '../../iam/conditionOperators';
import { conditionEntries, type ConditionEntry, type StatementView } from '../../iam/policyModel';
import { insertProperty, removeNode, replaceWithString } from '../../core/edits';
import { POLICY_KINDS, forEachCondition, replaceFix } from './shared';

export const setOperator: Rule = {
  meta: {
    id: 'iam/set-operator',
    title: 'ForAllValues/ForAnyValue missing on a multivalued condition key, or used on a single-valued one',
    defaultSeverity: 'warning',
    phase: 'runtime',
    docsUrl: MULTIVALUED_KEYS_URL,
    fixable: true,
    appliesTo: POLICY_KINDS,
    description: [
      'A multivalued key carries a list of values in the request (`aws:TagKeys`, `aws:CalledVia`, the keys typed',
      '`ArrayOf...` in the Service Authorization Reference), and AWS requires `ForAllValues:` or `ForAnyValue:` with it:',
      '`ForAllValues:` is true when every value in the request matches (and when there is none), `ForAnyValue:` when at',
      'least one does. With a plain operator AWS does not document how the list is compared, and IAM Access Analyzer',
      'reports it as an error ("Missing qualifier"). `Null` needs neither. The fix picks `ForAnyValue:` in a Deny',
      'statement and `ForAllValues:` with a negated operator (`StringNotEquals`, ...) in an Allow statement; otherwise it',
      'offers both.',
      '',
      'On a single-valued key the set operators are misleading, and `ForAllValues:` is dangerous in an Allow statement:',
      'it is also true when the key is missing from the request. Use the plain operator there.',
    ].join('\n'),
  },
  check(context) {
    forEachCondition(context, (statement, entry, operator) => {
      // Keys the catalogue does not know (or whose type it does not give) are left alone.
      const lookup = lookupConditionKey(entry.key, statement);
      if ((lookup.kind !== 'global' && lookup.kind !== 'service') || !isKnownConditionKeyType(lookup.entry.type)) return;
      const multivalued = isMultivalued(lookup.entry.type);
      if (operator.setQualifier && !multivalued) {
        const plain = entry.operator.slice(entry.operator.indexOf(':') + 1);
        const risky = operator.setQualifier === 'ForAllValues' && statement.effect === 'Allow';
        context.report({
          at: entry.operatorKey,
          message:
            `\`${lookup.entry.key}\` has a single value, so \`${operator.setQualifier}:\` does not apply; use \`${plain}\`.` +
            (risky ? ' With ForAllValues in an Allow statement the condition is also true when the request lacks the key.' : ''),
          fixes: canRename(statement.conditionNode, entry.operatorKey, plain)
            ? [replaceFix(`Change to "${plain}"`, entry.operatorKey, plain)]
            : [],
        });
      } else if (!operator.setQualifier && multivalued && operator.family !== 'Null') {
        reportMissingQualifier(context, statement, entry, operator);
      }
    });
  },
};

/**
 * A multivalued key under a plain operator. The qualifier is clear in two cases: in a Deny statement the author
 * means "deny when any value matches" (`ForAnyValue:`), and a negated operator in an Allow statement means "allow
 * when no value is one of these" (`ForAllValues:`). A positive operator in an Allow statement may mean either
 * "only these values" or "at least one of these", so both are offered.
 */
function reportMissingQualifier(context: RuleContext, statement: StatementView, entry: ConditionEntry, operator: ParsedOperator): void {
  const plain = entry.operator;
  const anyValue = `ForAnyValue:${plain}`;
  const allValues = `ForAllValues:${plain}`;
  const text = context.document.text;
  let advice: string;
  let fixes: Array<Fix | undefined>;
  if (statement.effect === 'Deny') {
    advice = `In a Deny statement use \`${anyValue}\`: it denies when the condition holds for any one of the request's values (and not when there is none).`;
    fixes = [qualifierFix(text, statement, entry, anyValue, '', true)];
  } else if (statement.effect === 'Allow' && isNegatedOperator(operator)) {
    advice = `Use \`${allValues}\`: it allows only when the condition holds for every value in the request (or there is none).`;
    fixes = [qualifierFix(text, statement, entry, allValues, '', true)];
  } else {
    const nullCheck = hasPresenceCheck(statement, entry.key) ? '' : ', so add a `Null` check';
    advice = `Use \`${allValues}\` if every value in the request must match (also true when the request has none${nullCheck}), or \`${anyValue}\` if one matching value is enough.`;
    fixes = [
      qualifierFix(text, statement, entry, allValues, ' (every value must match; also true when there is none)', false),
      qualifierFix(text, statement, entry, anyValue, ' (at least one value must match)', false),
    ];
  }
  context.report({
    at: entry.operatorKey,
    message:
      `\`${entry.key}\` is multivalued: a request can carry several values, and AWS requires \`ForAnyValue:\` or \`ForAllValues:\` to say whether one or all of them must match. ` +
      `With a plain \`${plain}\` AWS does not document how the values are compared, and IAM Access Analyzer reports it as an error. ${advice}`,
    fixes: fixes.filter((fix): fix is Fix => fix !== undefined),
  });
}

/** Whether the statement already requires the key to be present (`"Null": {"key": "false"}`). */
function hasPresenceCheck(statement: StatementView, key: string): boolean {
  return conditionEntries(statement).some(
    (other) =>
      other.operator === 'Null' &&
      other.key.toLowerCase() === key.toLowerCase() &&
      other.values.length === 1 &&
      other.values[0].value === 'false',
  );
}

/**
 * Puts the key under the qualified operator: renames its operator when the key is alone there, else moves the
 * key (and its values, as written) into the qualified operator, which is added when the Condition lacks it.
 */
function qualifierFix(
  text: string,
  statement: StatementView,
  entry: ConditionEntry,
  qualified: string,
  explanation: string,
  isPreferred: boolean,
): Fix | undefined {
  const condition = statement.conditionNode;
  const operators = objectProperties(condition);
  const own = operators.find((operator) => operator.key === entry.operatorKey);
  const keyProperty = entry.keyNode.parent;
  if (!condition || !own || own.value?.type !== 'object' || !keyProperty || !entry.valueNode) return undefined;
  const ownKeys = objectProperties(own.value);
  const target = operators.find((operator) => operator.name === qualified);
  if (!target && ownKeys.length === 1) {
    return { title: `Change to "${qualified}"${explanation}`, edits: [replaceWithString(entry.operatorKey, qualified)], isPreferred };
  }
  // Never write a key twice into one operator (IAM compares key names case-insensitively).
  if (
    target &&
    (target.value?.type !== 'object' ||
      objectProperties(target.value).some((other) => other.name.toLowerCase() === entry.key.toLowerCase()))
  ) {
    return undefined;
  }
  const valueText = text.slice(entry.valueNode.offset, entry.valueNode.offset + entry.valueNode.length);
  const remove = removeNode(ownKeys.length === 1 ? own.key.parent! : keyProperty);
  const add = target
    ? insertProperty(text, target.value!, entry.key, valueText)
    : insertProperty(text, condition, qualified, operatorBlock(text, entry, own.key, valueText));
  return { title: `Move "${entry.key}" to "${qualified}"${explanation}`, edits: [remove, add], isPreferred };
}

/** `{"key": value}` for a new operator, laid out like the operator the key comes from. */
function operatorBlock(text: string, entry: ConditionEntry, ownKey: Node, valueText: string): string {
  const property = `${JSON.stringify(entry.key)}: ${valueText}`;
  const keyIndent = indentationAt(text, entry.keyNode.offset);
  const operatorIndent = indentationAt(text, ownKey.offset);
  const onOwnLine = (node: Node, indent: string) =>
    /[\r\n]/.test(text[node.offset - indent.length - 1] ?? '\n') && text.slice(node.offset - indent.length, node.offset) === indent;
  if (!onOwnLine(entry.keyNode, keyIndent) || !onOwnLine(ownKey, operatorIndent)) return `{${property}}`;
  const eol = lineBreakOf(text);
  return `{${eol}${keyIndent}${property}${eol}${operatorIndent}}`;
}

/** Renaming an operator is safe when it holds one key and no sibling already has the new name. */
function canRename(condition: Node | undefined, operatorKey: Node, newName: string): boolean {
  const operators = objectProperties(condition);
  const own = operators.find((operator) => operator.key === operatorKey);
  return !!own && objectProperties(own.value).length === 1 && !operators.some((operator) => operator.name === newName);
}
