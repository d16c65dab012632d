// Condition keys that identify a caller only together with another key (IAM Access Analyzer: "Missing paired condition keys").
import type { Rule } from '../../core/rule';
import { GLOBAL_CONDITION_KEYS_URL } from '../../iam/globalConditionKeys';
import { allStatements, conditionEntries } from '../../iam/policyModel';
import { POLICY_KINDS, listOf } from './shared';

interface Pair {
  key: string;
  /** Any one of these makes the key safe. */
  partners: string[];
  why: string;
}

/**
 * A private address is unique only inside its network: the same 10.0.0.5 exists in every VPC of every account.
 * AWS's global condition key reference and IAM Access Analyzer's example pair the private-address keys with the
 * key that names the network.
 */
const PAIRS: Pair[] = [
  {
    key: 'aws:VpcSourceIp',
    partners: ['aws:SourceVpc', 'aws:SourceVpce', 'aws:SourceVpcArn'],
    why: 'a private address exists in every VPC, so on its own it admits any VPC whose host has that address',
  },
  {
    key: 'aws:Ec2InstanceSourcePrivateIPv4',
    partners: ['aws:Ec2InstanceSourceVpc'],
    why: 'a private address exists in every VPC, so on its own it admits an instance of any VPC with that address',
  },
];

export const pairedConditionKeys: Rule = {
  meta: {
    id: 'iam/paired-condition-keys',
    title: 'A private-address condition key is used without the key that names its VPC',
    defaultSeverity: 'warning',
    phase: 'advice',
    docsUrl: GLOBAL_CONDITION_KEYS_URL,
    fixable: false,
    appliesTo: POLICY_KINDS,
    description: [
      'Some condition keys are safe only together with another: `aws:VpcSourceIp` holds a private address, which any',
      'VPC can have, so it should be paired with `aws:SourceVpc` or `aws:SourceVpce` in the same Condition block;',
      '`aws:Ec2InstanceSourcePrivateIPv4` with `aws:Ec2InstanceSourceVpc`. IAM Access Analyzer reports this as',
      '"Missing paired condition keys" (security warning).',
    ].join('\n'),
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      const entries = conditionEntries(statement);
      if (entries.length === 0) continue;
      const keys = new Set(entries.map((entry) => entry.key.toLowerCase()));
      for (const pair of PAIRS) {
        const entry = entries.find((candidate) => candidate.key.toLowerCase() === pair.key.toLowerCase());
        if (!entry || pair.partners.some((partner) => keys.has(partner.toLowerCase()))) continue;
        context.report({
          at: entry.keyNode,
          message: `\`${entry.key}\` without ${listOf(pair.partners).replace(/ and /, ' or ')} in the same Condition block: ${pair.why}. Add the network key next to it.`,
        });
      }
    }
  },
};
