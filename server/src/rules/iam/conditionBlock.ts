// The shape of a Condition block, as IAM Access Analyzer checks it: keys that repeat with another case, keys
// without a service prefix, several values for a Boolean key, Null with a set qualifier, empty lists and
// objects, wildcards under an operator that compares literally, repeated values, private IP ranges in
// aws:SourceIp.
import { isIntrinsic } from '../../core/intrinsics';
import { arrayItems, objectProperties } from '../../core/json';
import type { Rule } from '../../core/rule';
import { propertyOf, removeNode, replaceWithString } from '../../core/edits';
import { parseOperator } from '../../iam/conditionOperators';
import { allStatements, conditionEntries } from '../../iam/policyModel';
import { POLICY_KINDS } from './shared';

const CONDITION_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html';
const OPERATORS_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html';
const SOURCE_IP_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceip';

/** RFC 1918 and other ranges that never appear as a public source address. */
const PRIVATE_RANGES: Array<[number, number]> = [
  [ip('10.0.0.0'), 8],
  [ip('172.16.0.0'), 12],
  [ip('192.168.0.0'), 16],
  [ip('127.0.0.0'), 8],
  [ip('169.254.0.0'), 16],
];

function ip(text: string): number {
  return text.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);
}

/** Whether an IPv4 CIDR (or address) lies inside a private range. */
function isPrivate(value: string): boolean {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(value.trim());
  if (!match) return false;
  const address = ip(match.slice(1, 5).join('.'));
  const bits = match[5] === undefined ? 32 : Number(match[5]);
  return PRIVATE_RANGES.some(
    ([base, size]) => bits >= size && Math.floor(address / 2 ** (32 - size)) === Math.floor(base / 2 ** (32 - size)),
  );
}

/** The network address of an IPv4 CIDR written with host bits set (`203.0.113.5/24` -> `203.0.113.0/24`); undefined otherwise. */
function networkAddress(value: string): string | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value.trim());
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const bits = Number(match[5]);
  if (octets.some((octet) => octet > 255) || bits > 32) return undefined;
  const address = ip(octets.join('.'));
  const size = 2 ** (32 - bits);
  const network = Math.floor(address / size) * size;
  if (network === address) return undefined;
  const parts = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256);
  return `${parts.join('.')}/${bits}`;
}

export const conditionBlock: Rule = {
  meta: {
    id: 'iam/condition-block',
    title: 'A Condition block repeats a key, has an empty or contradictory value, or compares wildcards literally',
    defaultSeverity: 'warning',
    phase: 'runtime',
    docsUrl: CONDITION_URL,
    fixable: true,
    appliesTo: POLICY_KINDS,
    description: [
      'Errors (IAM Access Analyzer reports them as errors): the same key twice in one operator with a different case',
      '(key names are case-insensitive, so one hides the other); a key without a `prefix:` (`team` instead of',
      '`aws:PrincipalTag/team`); several values for a Boolean key under `Bool` (it is either true or false); a private',
      'address range (10/8, 172.16/12, 192.168/16) in `aws:SourceIp` under `IpAddress`: that key carries only public',
      'addresses, so the condition never matches (use `aws:VpcSourceIp` for traffic through a VPC endpoint).',
      'Warnings: `*` or `?` under `StringEquals`/`StringNotEquals` (compared literally; use `StringLike`), a private range',
      'under `NotIpAddress` (always true). Advice: `Null` with `ForAllValues:`/`ForAnyValue:` (the qualifier is',
      'ignored), an empty list or object (matches nothing), the same value twice, a private range next to public ones',
      'in `aws:SourceIp` (it has no effect), and an IP range written with bits set after its prefix (`203.0.113.5/24`,',
      'which IAM reads as `203.0.113.0/24`; the fix writes the network address), and `StringLike` (or `StringNotLike`)',
      'with `"*"` alone, which only tests whether the key is present (absent): `Null` says so directly.',
    ].join('\n'),
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      for (const operator of objectProperties(statement.conditionNode)) {
        if (operator.value?.type === 'object' && objectProperties(operator.value).length === 0) {
          context.report({
            at: operator.key,
            severity: 'info',
            message: `\`${operator.name}\` has no condition keys, so it tests nothing. Remove it or add the key to test.`,
            fixes: operator.key.parent
              ? [{ title: `Remove "${operator.name}"`, edits: [removeNode(operator.key.parent)], isPreferred: true }]
              : [],
          });
          continue;
        }
        const seen = new Map<string, string>();
        for (const key of objectProperties(operator.value)) {
          const lower = key.name.toLowerCase();
          const first = seen.get(lower);
          if (first !== undefined && first !== key.name) {
            context.report({
              at: key.key,
              severity: 'error',
              phase: 'register',
              message: `\`${key.name}\` repeats \`${first}\` in the same \`${operator.name}\` with another case; condition key names are case-insensitive, so IAM rejects the duplicate. Merge their values under one key.`,
            });
          }
          if (first === undefined) seen.set(lower, key.name);
        }
      }
      for (const entry of conditionEntries(statement)) {
        const operator = parseOperator(entry.operator);
        if (!operator || isIntrinsic(entry.keyNode)) continue;
        if (!entry.key.includes(':') && !entry.key.startsWith('${')) {
          context.report({
            at: entry.keyNode,
            severity: 'error',
            phase: 'register',
            docsUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
            message: `\`${entry.key}\` has no service prefix; condition keys are written \`prefix:name\` (\`aws:PrincipalTag/${entry.key}\`, \`s3:prefix\`), and IAM rejects this one.`,
          });
          continue;
        }
        if (entry.valueNode?.type === 'array' && arrayItems(entry.valueNode).length === 0) {
          context.report({
            at: entry.valueNode,
            severity: 'info',
            message: `\`${entry.key}\` has an empty list of values, so \`${entry.operator}\` has nothing to compare with. Add the values, or remove the key.`,
            fixes: propertyOf(entry.valueNode)
              ? [{ title: `Remove "${entry.key}"`, edits: [removeNode(propertyOf(entry.valueNode)!)], isPreferred: true }]
              : [],
          });
        }
        if (operator.base === 'Null' && operator.setQualifier) {
          context.report({
            at: entry.operatorKey,
            severity: 'info',
            docsUrl: OPERATORS_URL,
            message: `\`${operator.setQualifier}:\` has no meaning with \`Null\`, which only tests whether \`${entry.key}\` is present. Write \`Null\`.`,
            fixes: [
              {
                title: 'Change to "Null"',
                edits: [{ offset: entry.operatorKey.offset, length: entry.operatorKey.length, newText: '"Null"' }],
                isPreferred: true,
              },
            ],
          });
        }
        if (operator.base === 'Bool' && !operator.setQualifier) {
          const distinct = new Set(entry.values.map((item) => item.value.toLowerCase()));
          if (distinct.size > 1) {
            context.report({
              at: entry.valueNode ?? entry.keyNode,
              severity: 'error',
              message: `\`${entry.key}\` is one Boolean: it is \`true\` or \`false\`, so listing both makes the condition say nothing. Keep the one value you mean.`,
            });
          }
        }
        if (/^String(Not)?Equals(IgnoreCase)?$/.test(operator.base)) {
          const wild = entry.values.find((item) => /[*?]/.test(item.value.replace(/\$\{[*?$]\}/g, '')));
          if (wild) {
            const like = operator.base.replace('Equals', 'Like').replace('IgnoreCase', '');
            context.report({
              at: wild.node,
              severity: 'warning',
              message: `\`${operator.base}\` compares \`${wild.value}\` literally, so \`*\` and \`?\` match only themselves. Use \`${like}\` to match a pattern.`,
              fixes: operator.base.includes('IgnoreCase')
                ? []
                : [
                    {
                      title: `Change to "${entry.operator.replace(operator.base, like)}"`,
                      edits: [
                        {
                          offset: entry.operatorKey.offset,
                          length: entry.operatorKey.length,
                          newText: JSON.stringify(entry.operator.replace(operator.base, like)),
                        },
                      ],
                    },
                  ],
            });
          }
        }
        const values = new Set<string>();
        for (const item of entry.values) {
          if (values.has(item.value)) {
            context.report({
              at: item.node,
              severity: 'hint',
              message: `\`${item.value}\` is listed twice for \`${entry.key}\`; the second changes nothing.`,
              fixes: [{ title: 'Remove the repeated value', edits: [removeNode(item.node)], isPreferred: true }],
            });
          }
          values.add(item.value);
        }
        if (entry.key.toLowerCase() === 'aws:sourceip' && operator.base.endsWith('IpAddress')) {
          const privateRanges = entry.values.filter((item) => isPrivate(item.value));
          const negated = operator.base === 'NotIpAddress';
          if (privateRanges.length > 0 && privateRanges.length === entry.values.length) {
            const privateRange = privateRanges[0];
            context.report({
              at: privateRange.node,
              severity: negated ? 'warning' : 'error',
              docsUrl: SOURCE_IP_URL,
              message: negated
                ? `\`${privateRange.value}\` is a private range, which \`aws:SourceIp\` never holds (it carries public addresses only), so \`NotIpAddress\` on it is always true. Use \`aws:VpcSourceIp\` for addresses inside a VPC.`
                : `\`${privateRange.value}\` is a private range, which \`aws:SourceIp\` never holds (it carries public addresses only), so this condition never matches. Use \`aws:VpcSourceIp\` for requests through a VPC endpoint.`,
            });
          } else {
            // IAM Access Analyzer: "Private IP address subset" / "Private NotIpAddress subset" (suggestions).
            for (const privateRange of privateRanges) {
              context.report({
                at: privateRange.node,
                severity: 'hint',
                docsUrl: SOURCE_IP_URL,
                message: `\`${privateRange.value}\` is a private range, which \`aws:SourceIp\` never holds (it carries public addresses only), so this entry ${negated ? 'excludes' : 'admits'} nothing; the public ranges next to it still apply. Test private addresses with \`aws:VpcSourceIp\` in a statement of their own.`,
                fixes:
                  entry.values.length > 1
                    ? [{ title: `Remove "${privateRange.value}"`, edits: [removeNode(privateRange.node)], isPreferred: true }]
                    : [],
              });
            }
          }
        }
        if (
          /^(String|Arn)(Not)?Like$/.test(operator.base) &&
          !operator.setQualifier &&
          !operator.ifExists &&
          entry.values.length === 1 &&
          entry.values[0].value === '*'
        ) {
          // IAM Access Analyzer: "Equivalent to null false" / "Equivalent to null true" (suggestions).
          const present = !operator.base.includes('Not');
          context.report({
            at: entry.values[0].node,
            severity: 'hint',
            message: `\`${operator.base}\` with \`"*"\` only tests whether \`${entry.key}\` is ${present ? 'present' : 'absent'} in the request; \`"Null": {"${entry.key}": "${present ? 'false' : 'true'}"}\` says so directly.`,
          });
        }
        if (operator.family === 'IpAddress') {
          for (const item of entry.values) {
            const network = networkAddress(item.value);
            if (!network || item.node.type !== 'string') continue;
            // IAM Access Analyzer: "Improve IP range" (suggestion).
            context.report({
              at: item.node,
              severity: 'hint',
              message: `\`${item.value}\` has bits set after its /${item.value.split('/')[1]} prefix; IAM ignores them, so this is the range \`${network}\`. Write \`${network}\` (or the /32 of the single address you meant).`,
              fixes: [{ title: `Change to "${network}"`, edits: [replaceWithString(item.node, network)], isPreferred: true }],
            });
          }
        }
      }
    }
  },
};
