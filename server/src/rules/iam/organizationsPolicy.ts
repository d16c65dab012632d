// The grammar of AWS Organizations policies: what an SCP or RCP may not contain, as the Organizations user
// guide's syntax pages list it today (SCPs gained Condition, NotAction, Resource and NotResource with Allow in
// 2025; Principal is still not part of an SCP, and an RCP names only `"*"`).
import { propertyNode, stringValue } from '../../core/json';
import { removeNode, replaceWithString } from '../../core/edits';
import type { Rule } from '../../core/rule';
import { allStatements, sentenceLabel } from '../../iam/policyModel';
import { POLICY_KINDS } from './shared';

const SCP_SYNTAX_URL = 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html';
const RCP_SYNTAX_URL = 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html';

export const organizationsPolicy: Rule = {
  meta: {
    id: 'iam/organizations-policy',
    title: 'An SCP or RCP uses an element AWS Organizations rejects',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: SCP_SYNTAX_URL,
    fixable: true,
    appliesTo: POLICY_KINDS,
    description: [
      'Service control policies (SCPs) apply to the principals of the accounts they are attached to, so they have no',
      '`Principal` or `NotPrincipal`. Since 2025 they accept `Action`, `NotAction`, `Resource`, `NotResource` and `Condition`',
      'with both `Allow` and `Deny`. Resource control policies (RCPs) must name `"Principal": "*"` (narrow it with',
      'conditions such as `aws:PrincipalOrgID`), do not accept `NotPrincipal` or `NotAction`, and use `Deny` only:',
      '`Allow` is reserved for the AWS-managed `RCPFullAWSAccess`. A policy is an SCP or RCP when it is the `Content` of',
      'an `AWS::Organizations::Policy` of that `Type`, or when `policyTypes` in `.ecs-iam.json` maps its file to `scp` or `rcp`.',
      'Size limits are checked by `iam/policy-size`.',
    ].join('\n'),
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      const type = statement.policy.type;
      if (type === 'scp') {
        for (const key of ['Principal', 'NotPrincipal']) {
          const node = propertyNode(statement.node, key);
          if (!node) continue;
          context.report({
            at: node.children?.[0] ?? node,
            message: `${sentenceLabel(statement)} has \`${key}\`, which an SCP cannot have: an SCP applies to every IAM user and role of the accounts it is attached to. Remove it and narrow the statement with a condition such as \`aws:PrincipalArn\`.`,
            fixes: [{ title: `Remove ${key}`, edits: [removeNode(node)], isPreferred: true }],
          });
        }
      } else if (type === 'rcp') {
        for (const key of ['NotPrincipal', 'NotAction']) {
          const node = propertyNode(statement.node, key);
          if (!node) continue;
          context.report({
            at: node.children?.[0] ?? node,
            docsUrl: RCP_SYNTAX_URL,
            message:
              key === 'NotPrincipal'
                ? `${sentenceLabel(statement)} has \`NotPrincipal\`, which RCPs do not accept. Write \`"Principal": "*"\` and exclude principals with a condition (\`aws:PrincipalArn\`, \`aws:PrincipalOrgID\`).`
                : `${sentenceLabel(statement)} has \`NotAction\`, which RCPs do not accept. List the actions the statement denies under \`Action\`.`,
          });
        }
        const principal = statement.principalKey === 'Principal' ? statement.principalNode : undefined;
        if (principal && stringValue(principal) !== '*') {
          context.report({
            at: principal,
            docsUrl: RCP_SYNTAX_URL,
            message: `An RCP's \`Principal\` must be \`"*"\`; AWS Organizations rejects specific principals. Write \`"Principal": "*"\` and narrow the statement with conditions such as \`aws:PrincipalOrgID\` or \`aws:PrincipalAccount\`.`,
            fixes: [{ title: 'Change to "*"', edits: [replaceWithString(principal, '*')], isPreferred: true }],
          });
        }
        if (statement.effect === 'Allow') {
          const effect = propertyNode(statement.node, 'Effect')?.children?.[1];
          context.report({
            at: effect ?? statement.node,
            docsUrl: RCP_SYNTAX_URL,
            message: `RCPs deny only: \`"Effect": "Allow"\` is accepted in the AWS-managed \`RCPFullAWSAccess\` alone, and an RCP grants nothing anyway. Make this a \`Deny\` of what must not happen, or grant access in an identity or resource policy.`,
          });
        }
      }
    }
  },
};
