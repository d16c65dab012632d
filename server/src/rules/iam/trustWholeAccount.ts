// A role trust policy that trusts a whole AWS account with no sts:ExternalId or MFA condition (KICS
// "Cross-Account IAM Assume Role Policy Without ExternalId or MFA", checkov CKV_AWS_61, Cloudsplaining
// AssumableByCrossAccountPrincipal).
import { stringValue } from '../../core/json';
import type { Rule } from '../../core/rule';
import { allStatements, conditionEntries, sentenceLabel } from '../../iam/policyModel';
import { principalValues } from './shared';

/** Keys that narrow "anyone in that account": the external id a third party passes, MFA, or a named principal. */
const NARROWING_KEYS = new Set(['sts:externalid', 'aws:multifactorauthpresent', 'aws:multifactorauthage', 'aws:principalarn']);

const WHOLE_ACCOUNT = /^(?:arn:aws[a-z-]*:iam::(\d{12}):root|(\d{12}))$/;

export const trustWholeAccount: Rule = {
  meta: {
    id: 'iam/trust-whole-account',
    title: 'A role trust policy trusts a whole AWS account with no sts:ExternalId or MFA condition',
    defaultSeverity: 'info',
    phase: 'advice',
    docsUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html',
    fixable: false,
    appliesTo: ['iam-trust-policy', 'cloudformation-template'],
    description: [
      '`{"AWS": "arn:aws:iam::210987654321:root"}` (or the bare account id) in a trust policy trusts the whole account:',
      'every user and role there whose own policies allow `sts:AssumeRole` on this role can assume it. For a third',
      'party, require the external id you agreed on (`"StringEquals": {"sts:ExternalId": ...}`) so that nobody else',
      "using that party's service can make it assume your role (the confused deputy); for people, require MFA",
      '(`"Bool": {"aws:MultiFactorAuthPresent": "true"}`); or name the role that should assume it',
      '(`aws:PrincipalArn`, or its ARN as the principal).',
    ].join('\n'),
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      if (statement.policy.kind !== 'trust' || statement.effect !== 'Allow' || statement.principalKey !== 'Principal') continue;
      if (conditionEntries(statement).some((entry) => NARROWING_KEYS.has(entry.key.toLowerCase()))) continue;
      for (const node of principalValues(statement, 'AWS')) {
        const match = WHOLE_ACCOUNT.exec(stringValue(node) ?? '');
        if (!match) continue;
        const account = match[1] ?? match[2];
        context.report({
          at: node,
          message: `${sentenceLabel(statement)} trusts the whole account ${account}: any user or role there that is allowed \`sts:AssumeRole\` on this role can assume it, and if the account is a third party's, anyone who can make that party act for them can too. Add an \`sts:ExternalId\` condition (third parties) or \`aws:MultiFactorAuthPresent\` (people), or name the role that should assume it.`,
        });
      }
    }
  },
};
