// "Resource": "*" on actions that could be scoped to resource ARNs (parliament RESOURCE_STAR, checkov CKV_AWS_111).
import type { Rule } from '../../core/rule';
import type { Fix } from '../../core/types';
import { resolveItem } from '../../iam/actions';
import { actionDocsUrl, loadedService, type IamAction } from '../../iam/catalog';
import { allStatements } from '../../iam/policyModel';
import { readableArnPattern } from '../../iam/resources';
import { CREDENTIALS_EXPOSURE_ACTIONS, DATA_EXFILTRATION_ACTIONS } from '../../iam/riskLists';
import { matchesWildcard } from '../../iam/wildcard';
import { isPermissionsManagement } from './permissionsManagement';
import { isUnconstrainedAllow, isWholeServiceGrant, listedActionsMatching, listOf, POLICY_KINDS, replaceFix } from './shared';

export const resourceStar: Rule = {
  meta: {
    id: 'iam/resource-star',
    title: '"Resource": "*" on an action that can be scoped to resource ARNs',
    defaultSeverity: 'hint',
    phase: 'advice',
    docsUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    fixable: true,
    appliesTo: POLICY_KINDS,
    description: [
      'An Allow statement without a condition grants an action on `"Resource": "*"` although the action accepts',
      'resource ARNs (the Service Authorization Reference lists its resource types): it applies to every such',
      'resource in the account, not only the ones the application uses. The finding names the ARN types the action',
      'takes; the quick fix (for a statement of one action) replaces `*` with the ARN template of the action with',
      'placeholders such as `<BucketName>` to fill in. Actions that work only with `*` (`iam/wildcard-only-action`),',
      '`*` and `service:*` (`iam/admin-access`, `iam/service-wide-access`) are not reported here.',
    ].join('\n'),
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      if (!isUnconstrainedAllow(statement)) continue;
      for (const item of statement.actions) {
        if (isWholeServiceGrant(item.value)) continue;
        const resolved = resolveItem(item);
        if (resolved.kind !== 'service') continue;
        const scopable = resolved.actions.filter((action) => action.resourceTypes.length > 0);
        if (scopable.length === 0 || reportedElsewhere(item.value, resolved.actions)) continue;
        // Required resource types first: they are what the action acts on (ec2:RunInstances: instance, subnet, ...).
        const types = [
          ...new Set(
            scopable.flatMap((action) =>
              [...action.resourceTypes].sort((a, b) => Number(b.required) - Number(a.required)).map((type) => type.name),
            ),
          ),
        ];
        const fixes: Fix[] = [];
        const star = statement.resources.find((resource) => resource.value === '*');
        const template = resolved.wildcard ? undefined : arnTemplate(scopable[0]);
        if (template && star && statement.actions.length === 1 && statement.resources.length === 1) {
          fixes.push(replaceFix(`Scope Resource to ${template}`, star.node, template));
        }
        const what = resolved.wildcard
          ? `\`${item.value}\` covers ${scopable.length} action${scopable.length === 1 ? '' : 's'} that accept resource ARNs`
          : `\`${resolved.service}:${scopable[0].name}\` accepts resource ARNs`;
        context.report({
          at: item.node,
          message: `${what} (${types.length === 1 ? 'type' : 'types'} ${listOf(types)}) but is granted on \`"*"\`: whoever holds this principal's credentials can use it on every such resource in the account. Name the resources${template ? `, e.g. \`${template}\`` : ''}.`,
          docsUrl: actionDocsUrl(resolved.service),
          fixes,
        });
      }
    }
  },
};

/**
 * Items a more specific risk rule reports on `*` already (`iam/pass-role-any-role`, `iam/assume-any-role`,
 * `iam/credentials-exposure`, `iam/data-exfiltration`, `iam/permissions-management`): one finding per item.
 */
function reportedElsewhere(pattern: string, actions: readonly IamAction[]): boolean {
  if (matchesWildcard(pattern, 'iam:PassRole') || matchesWildcard(pattern, 'sts:AssumeRole')) return true;
  if (listedActionsMatching(pattern, CREDENTIALS_EXPOSURE_ACTIONS).length > 0) return true;
  if (listedActionsMatching(pattern, DATA_EXFILTRATION_ACTIONS).length > 0) return true;
  return actions.some(isPermissionsManagement);
}

/** The ARN template of the action's first (preferably required) resource type, variables as `<Name>`. */
function arnTemplate(action: IamAction): string | undefined {
  const type = action.resourceTypes.find((entry) => entry.required) ?? action.resourceTypes[0];
  const pattern = type && loadedService(action.service)?.resourceTypes.get(type.name)?.arnPattern;
  return pattern ? readableArnPattern(pattern) : undefined;
}
