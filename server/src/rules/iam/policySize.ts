import type { Rule } from '../../core/rule';
import { POLICY_KINDS } from './shared';

const QUOTAS_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html';
const ORGANIZATIONS_QUOTAS_URL = 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html';
/** The maximum size of an SCP or RCP document, whitespace included. */
const ORGANIZATIONS_POLICY_MAX = 5120;

/** Characters as IAM counts them for the quota: whitespace is not counted. */
export function countedPolicySize(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 9 && code !== 10 && code !== 13) count++;
  }
  return count;
}

export const policySize: Rule = {
  meta: {
    id: 'iam/policy-size',
    title: 'The policy is larger than IAM accepts',
    defaultSeverity: 'warning',
    phase: 'register',
    docsUrl: QUOTAS_URL,
    fixable: false,
    appliesTo: POLICY_KINDS,
    description: [
      'IAM limits policy size, counting characters without whitespace: a managed policy holds 6,144 characters,',
      'all inline policies of a role together 10,240, and a role trust policy 2,048 by default (a quota you can raise',
      'to 4,096). Shorten with wildcards for families of actions (`s3:Get*`), fewer repeated ARNs, or split the policy.',
      'AWS Organizations SCPs and RCPs hold 5,120 characters, whitespace included.',
    ].join('\n'),
  },
  check(context) {
    for (const { node, kind, type } of context.document.policies) {
      const text = context.document.text.slice(node.offset, node.offset + node.length);
      const size = countedPolicySize(text);
      const at = node.children?.[0]?.children?.[0] ?? node;
      if (type === 'scp' || type === 'rcp') {
        // AWS Organizations counts every character, whitespace included (a template's Content is serialised by
        // CloudFormation, so there only the characters without whitespace are certain).
        const name = type === 'scp' ? 'SCP' : 'RCP';
        const raw = context.document.kind === 'cloudformation-template' ? size : text.length;
        if (size > ORGANIZATIONS_POLICY_MAX || raw > ORGANIZATIONS_POLICY_MAX) {
          context.report({
            at,
            severity: size > ORGANIZATIONS_POLICY_MAX ? 'error' : 'warning',
            docsUrl: ORGANIZATIONS_QUOTAS_URL,
            message:
              size > ORGANIZATIONS_POLICY_MAX
                ? `This ${name} is ${size.toLocaleString('en-US')} characters even without whitespace; AWS Organizations accepts at most 5,120. Split it into several ${name}s or use wildcards for families of actions.`
                : `This ${name} is ${raw.toLocaleString('en-US')} characters; AWS Organizations counts whitespace too and accepts at most 5,120. Remove the whitespace outside quotes (it is ${size.toLocaleString('en-US')} without).`,
          });
        }
      } else if (kind === 'trust') {
        if (size > 2048) {
          context.report({
            at,
            severity: size > 4096 ? 'error' : 'warning',
            message: `This trust policy is ${size.toLocaleString('en-US')} characters (whitespace not counted); the default quota is 2,048${size > 4096 ? ' and the largest you can request is 4,096' : ' (you can request up to 4,096)'}.`,
          });
        }
      } else if (kind === 'identity') {
        if (size > 6144) {
          context.report({
            at,
            message:
              size > 10240
                ? `This policy is ${size.toLocaleString('en-US')} characters (whitespace not counted): above both the managed-policy limit (6,144) and the 10,240 characters all inline policies of a role may hold. Split it.`
                : `This policy is ${size.toLocaleString('en-US')} characters (whitespace not counted): above the 6,144 a managed policy may hold; it fits only as an inline role policy (10,240 for all of a role's inline policies together).`,
          });
        }
      } else if (size > 20480) {
        context.report({
          at,
          message: `This resource-based policy is ${size.toLocaleString('en-US')} characters; most services cap these at 20 KB (S3 bucket policies) or less (SQS, SNS: 8 KB–30 KB).`,
        });
      }
    }
  },
};
