import type { Rule } from '../../core/rule';
import { closestMatch } from '../../core/suggest';
import { actionDocsUrl, dataDateNote, loadedService } from '../../iam/catalog';
import { keyTypeFits, lookupConditionKey } from '../../iam/conditionKeys';
import { GLOBAL_CONDITION_KEYS, GLOBAL_CONDITION_KEYS_URL } from '../../iam/globalConditionKeys';
import { allStatements, conditionEntries } from '../../iam/policyModel';
import { POLICY_KINDS, replaceFix } from './shared';

export const conditionKey: Rule = {
  meta: {
    id: 'iam/condition-key',
    title: 'A condition key is unknown, or not supported by any action of the statement',
    defaultSeverity: 'warning',
    phase: 'runtime',
    docsUrl: GLOBAL_CONDITION_KEYS_URL,
    fixable: true,
    appliesTo: POLICY_KINDS,
    description: [
      'A condition key is either global (`aws:SourceIp`, `aws:PrincipalOrgID`, ...) or belongs to a service and is',
      'supported by some of its actions only (`s3:prefix` by `s3:ListBucket`). A key the request never carries makes the',
      'condition fail (or, with `...IfExists` and negated operators, always pass), which is rarely what was meant.',
      'Keys of identity providers (`token.actions.githubusercontent.com:sub`) are not checked.',
    ].join('\n'),
  },
  check(context) {
    const globalKeys = GLOBAL_CONDITION_KEYS.filter((entry) => !entry.key.includes('${'));
    const globalKeyNames = globalKeys.map((entry) => entry.key);
    for (const statement of allStatements(context.document)) {
      for (const entry of conditionEntries(statement)) {
        const lookup = lookupConditionKey(entry.key, statement);
        // Among equally close keys, one whose type suits the operator and the values: `aws:SourceVcp` with
        // `StringEquals` and `vpc-1a2b3c4d` is `aws:SourceVpc`, not the IP-address key `aws:SourceIp`.
        const values = entry.values.map((item) => item.value);
        const fits = (type: string | undefined) => type !== undefined && keyTypeFits(type, entry.operator, values);
        if (lookup.kind === 'unknown-global' && entry.key.toLowerCase() === 'aws:arn') {
          // IAM Access Analyzer: "Unsupported global condition key" / "Deprecated global condition key".
          context.report({
            at: entry.keyNode,
            message: `\`${entry.key}\` is not supported: compare the caller's ARN with \`aws:PrincipalArn\`, or the ARN of the resource that sent a service's request with \`aws:SourceArn\`.`,
            fixes: [
              replaceFix('Change to "aws:PrincipalArn"', entry.keyNode, 'aws:PrincipalArn'),
              replaceFix('Change to "aws:SourceArn"', entry.keyNode, 'aws:SourceArn', false),
            ],
          });
        } else if (lookup.kind === 'unknown-global') {
          const suggestion = closestMatch(entry.key, globalKeyNames, {
            fits: (key) => fits(globalKeys.find((candidate) => candidate.key === key)?.type),
          });
          context.report({
            at: entry.keyNode,
            message: `\`${entry.key}\` is not a global condition key, so requests never carry it.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`,
            fixes: suggestion ? [replaceFix(`Change to "${suggestion}"`, entry.keyNode, suggestion)] : [],
          });
        } else if (lookup.kind === 'unknown-in-service') {
          const service = loadedService(lookup.service);
          const suggestion = closestMatch(
            entry.key,
            lookup.candidates.filter((key) => !key.includes('${')),
            { fits: (key) => fits(service?.conditionKey(key)?.type) },
          );
          context.report({
            at: entry.keyNode,
            message: `\`${entry.key}\` is not a condition key of \`${lookup.service}\` (${dataDateNote()}).${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`,
            docsUrl: actionDocsUrl(lookup.service),
            fixes: suggestion ? [replaceFix(`Change to "${suggestion}"`, entry.keyNode, suggestion)] : [],
          });
        } else if (lookup.kind === 'service' && lookup.supportedBy === 'no-action') {
          const sameService = lookup.actionServices.includes(lookup.service);
          context.report({
            at: entry.keyNode,
            severity: 'info',
            message: sameService
              ? `None of this statement's \`${lookup.service}\` actions supports \`${lookup.entry.key}\`, so the condition never sees it. Check which actions support the key, or move it to a statement with them.`
              : `\`${lookup.entry.key}\` is a \`${lookup.service}\` key, but this statement has no \`${lookup.service}\` action, so requests it covers never carry the key.`,
            docsUrl: actionDocsUrl(lookup.service),
          });
        }
      }
    }
  },
};
