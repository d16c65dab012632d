// Condition operators: their families, which key types each family suits, and how values must look.
// Source: IAM User Guide, "IAM JSON policy elements: Condition operators".
import type { ConditionKeyType } from './catalog';
import { table } from '../core/table';

export const CONDITION_OPERATORS_URL =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html';
export const MULTIVALUED_KEYS_URL =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html';

export type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

interface OperatorInfo {
  family: OperatorFamily;
  explanation: string;
}

const BASE_OPERATORS = table<OperatorInfo>({
  StringEquals: { family: 'String', explanation: 'exact, case-sensitive string match' },
  StringNotEquals: { family: 'String', explanation: 'negated exact, case-sensitive string match' },
  StringEqualsIgnoreCase: { family: 'String', explanation: 'exact string match, ignoring case' },
  StringNotEqualsIgnoreCase: { family: 'String', explanation: 'negated string match, ignoring case' },
  StringLike: { family: 'String', explanation: 'case-sensitive match with `*` and `?` wildcards' },
  StringNotLike: { family: 'String', explanation: 'negated case-sensitive match with `*` and `?` wildcards' },
  NumericEquals: { family: 'Numeric', explanation: 'number equal to' },
  NumericNotEquals: { family: 'Numeric', explanation: 'number not equal to' },
  NumericLessThan: { family: 'Numeric', explanation: 'number less than' },
  NumericLessThanEquals: { family: 'Numeric', explanation: 'number less than or equal to' },
  NumericGreaterThan: { family: 'Numeric', explanation: 'number greater than' },
  NumericGreaterThanEquals: { family: 'Numeric', explanation: 'number greater than or equal to' },
  DateEquals: { family: 'Date', explanation: 'date equal to (ISO 8601 or epoch seconds)' },
  DateNotEquals: { family: 'Date', explanation: 'date not equal to' },
  DateLessThan: { family: 'Date', explanation: 'date before' },
  DateLessThanEquals: { family: 'Date', explanation: 'date at or before' },
  DateGreaterThan: { family: 'Date', explanation: 'date after' },
  DateGreaterThanEquals: { family: 'Date', explanation: 'date at or after' },
  Bool: { family: 'Bool', explanation: 'boolean match against `"true"` or `"false"`' },
  BinaryEquals: { family: 'Binary', explanation: 'byte-for-byte match of a base64-encoded value' },
  IpAddress: { family: 'IpAddress', explanation: 'the address lies in one of the IPv4/IPv6 CIDR ranges' },
  NotIpAddress: { family: 'IpAddress', explanation: 'the address lies outside all of the CIDR ranges' },
  ArnEquals: { family: 'Arn', explanation: 'ARN match, field by field, with `*` and `?` wildcards' },
  ArnLike: { family: 'Arn', explanation: 'ARN match, field by field, with `*` and `?` wildcards' },
  ArnNotEquals: { family: 'Arn', explanation: 'negated ARN match' },
  ArnNotLike: { family: 'Arn', explanation: 'negated ARN match' },
  Null: { family: 'Null', explanation: '`"true"`: the key is absent from the request; `"false"`: it is present' },
});

export const BASE_OPERATOR_NAMES = Object.keys(BASE_OPERATORS);

export interface ParsedOperator {
  text: string;
  base: string;
  family: OperatorFamily;
  explanation: string;
  ifExists: boolean;
  setQualifier?: 'ForAllValues' | 'ForAnyValue';
}

/** Parses `ForAnyValue:StringLikeIfExists` and the like; operator names are case-sensitive. */
export function parseOperator(text: string): ParsedOperator | undefined {
  let rest = text;
  let setQualifier: ParsedOperator['setQualifier'];
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const qualifier = rest.slice(0, colon);
    if (qualifier !== 'ForAllValues' && qualifier !== 'ForAnyValue') return undefined;
    setQualifier = qualifier;
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  if (rest.endsWith('IfExists') && rest !== 'IfExists') {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  const info = BASE_OPERATORS[rest];
  if (!info) return undefined;
  // Null cannot be combined with IfExists (it already tests existence).
  if (info.family === 'Null' && ifExists) return undefined;
  return { text, base: rest, family: info.family, explanation: info.explanation, ifExists, setQualifier };
}

/** Every spelling a user may mean, for did-you-mean and completion. */
export function allOperatorSpellings(): string[] {
  const result: string[] = [];
  for (const base of BASE_OPERATOR_NAMES) {
    result.push(base);
    if (base !== 'Null') result.push(`${base}IfExists`);
  }
  return result;
}

/** The families whose operators make sense for a key type (String operators also work on ARNs, as AWS allows). */
export function familiesFor(type: ConditionKeyType): OperatorFamily[] {
  const single = type.replace(/^ArrayOf/, '');
  switch (single) {
    case 'String':
      return ['String'];
    case 'ARN':
      return ['Arn', 'String'];
    case 'Bool':
      return ['Bool'];
    case 'Numeric':
      return ['Numeric'];
    case 'Date':
      return ['Date', 'Numeric'];
    case 'IPAddress':
      return ['IpAddress'];
    case 'Binary':
      return ['Binary'];
    default:
      return ['String'];
  }
}

export function isMultivalued(type: ConditionKeyType): boolean {
  return type.startsWith('ArrayOf');
}

/** The negated matching operators: true when no listed value matches (AWS evaluates their values with NOR). */
const NEGATED_OPERATORS = new Set([
  'StringNotEquals',
  'StringNotEqualsIgnoreCase',
  'StringNotLike',
  'NumericNotEquals',
  'DateNotEquals',
  'NotIpAddress',
  'ArnNotEquals',
  'ArnNotLike',
]);

export function isNegatedOperator(operator: ParsedOperator): boolean {
  return NEGATED_OPERATORS.has(operator.base);
}

export function operatorFamilyOperatorExample(family: OperatorFamily): string {
  switch (family) {
    case 'Arn':
      return 'ArnLike';
    case 'Bool':
      return 'Bool';
    case 'Numeric':
      return 'NumericLessThan';
    case 'Date':
      return 'DateGreaterThan';
    case 'IpAddress':
      return 'IpAddress';
    case 'Binary':
      return 'BinaryEquals';
    case 'Null':
      return 'Null';
    default:
      return 'StringEquals';
  }
}
