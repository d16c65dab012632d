// `"Bool": {"aws:MultiFactorAuthPresent": "false"}` (parliament BAD_PATTERN_FOR_MFA).
import type { Rule } from '../../core/rule';
import { replaceWithString } from '../../core/edits';
import { objectProperties } from '../../core/json';
import { allStatements, conditionEntries } from '../../iam/policyModel';
import { POLICY_KINDS } from './shared';

export const mfaBoolFalse: Rule = {
  meta: {
    id: 'iam/mfa-bool-false',
    title: 'A Deny conditioned on "Bool": {"aws:MultiFactorAuthPresent": "false"} (misses access-key requests)',
    defaultSeverity: 'info',
    phase: 'runtime',
    docsUrl:
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent',
    fixable: true,
    appliesTo: POLICY_KINDS,
    description: [
      '`aws:MultiFactorAuthPresent` is not present at all in requests signed with long-term access keys (the AWS CLI',
      'and SDKs with an IAM user\'s keys). `"Bool": {"aws:MultiFactorAuthPresent": "false"}` matches only requests that',
      'carry the key as false, so a Deny written with it does not stop access keys, which are exactly the requests',
      'without MFA. The IAM documentation gives `"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}`, which also',
      'matches when the key is missing. The quick fix changes the operator (when the key is its only one).',
    ].join('\n'),
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      // In an Allow, `false` admits only temporary credentials without MFA: odd, but not the pattern that fails open.
      if (statement.effect !== 'Deny') continue;
      for (const entry of conditionEntries(statement)) {
        if (entry.operator !== 'Bool' || entry.key.toLowerCase() !== 'aws:multifactorauthpresent') continue;
        if (!entry.values.some((value) => value.value === 'false')) continue;
        const alone = objectProperties(entry.operatorKey.parent?.children?.[1]).length === 1;
        context.report({
          at: entry.operatorKey,
          message: `\`"Bool": {"${entry.key}": "false"}\` never matches requests signed with long-term access keys (they carry no \`aws:MultiFactorAuthPresent\` at all), so this Deny lets an attacker with a stolen access key through without MFA. Use \`"BoolIfExists"\`, which also matches when the key is missing.`,
          fixes: alone
            ? [
                {
                  title: 'Change the operator to BoolIfExists',
                  edits: [replaceWithString(entry.operatorKey, 'BoolIfExists')],
                  isPreferred: true,
                },
              ]
            : [],
        });
      }
    }
  },
};
