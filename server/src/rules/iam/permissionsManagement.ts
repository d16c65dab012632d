// Permissions-management actions on every resource (Cloudsplaining "Resource Exposure", parliament
// PERMISSIONS_MANAGEMENT_ACTIONS, checkov CKV_AWS_109).
import type { Rule } from '../../core/rule';
import { resolveItem } from '../../iam/actions';
import { actionDocsUrl, type IamAction } from '../../iam/catalog';
import { allStatements } from '../../iam/policyModel';
import { isUnconstrainedAllow, isWholeServiceGrant, listOf, POLICY_KINDS } from './shared';

/** The catalogue writes combined levels (`Permissions management, Write`): one of them is enough. */
export function isPermissionsManagement(action: IamAction): boolean {
  return action.accessLevel.includes('Permissions management');
}

export const permissionsManagement: Rule = {
  meta: {
    id: 'iam/permissions-management',
    title: 'Permissions-management actions allowed on every resource without a condition',
    defaultSeverity: 'hint',
    phase: 'advice',
    docsUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html',
    fixable: false,
    appliesTo: POLICY_KINDS,
    description: [
      'Actions of the **Permissions management** access level (the Service Authorization Reference classes them:',
      '`iam:PutRolePolicy`, `s3:PutBucketPolicy`, `kms:CreateGrant`, `ram:CreateResourceShare`, ...) change who may',
      'do what. Allowed on `"Resource": "*"` without a condition, they let the principal rewrite the permissions or',
      'resource policies of every resource of the service, including granting itself or the public access. Scope them',
      'to the resources this principal administers, or add a condition.',
    ].join('\n'),
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      if (!isUnconstrainedAllow(statement)) continue;
      for (const item of statement.actions) {
        if (isWholeServiceGrant(item.value)) continue;
        const resolved = resolveItem(item);
        if (resolved.kind !== 'service') continue;
        const names = resolved.actions.filter(isPermissionsManagement).map((action) => `${resolved.service}:${action.name}`);
        if (names.length === 0) continue;
        const what = resolved.wildcard
          ? `\`${item.value}\` covers permissions-management actions (${listOf(names)})`
          : `${listOf(names)} is a permissions-management action`;
        context.report({
          at: item.node,
          message: `${what} allowed on \`"*"\` without a condition: whoever holds this principal's credentials can change the permissions of every ${resolved.service} resource in the account, including granting themselves or the public access. Scope it to the resources this principal administers.`,
          docsUrl: actionDocsUrl(resolved.service),
        });
      }
    }
  },
};
