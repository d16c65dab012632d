// "Resource": "*" on actions that could be scoped to resource ARNs (parliament RESOURCE_STAR, checkov CKV_AWS_111).
import type { Rule } from '../../core/rule';
import type { Fix } from '../../core/types';
import { resolveItem, type ResolvedAction } from '../../iam/actions';
import { actionDocsUrl, loadedService, type IamAction } from '../../iam/catalog';
import { allStatements } from '../../iam/policyModel';
import { readableArnPattern } from '../../iam/resources';
import { CREDENTIALS_EXPOSURE_ACTIONS, DATA_EXFILTRATION_ACTIONS } from '../../iam/riskLists';
import { matchesWildcard } from '../../iam/wildcard';
import { isPermissionsManagement } from './permissionsManagement';
import {
  grantsPermissions,
  isUnconstrainedAllow,
  isWholeServiceGrant,
  listedActionsMatching,
  listOf,
  POLICY_KINDS,
  replaceFix,
} from './shared';

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
      'An Allow statement grants an action on `"Resource": "*"` although the action accepts',
      'resource ARNs (the Service Authorization Reference lists its resource types): it applies to every such',
      'resource in the account, not only the ones the application uses. The finding names the ARN types the action',
      'takes; the quick fix (for a statement of one action) replaces `*` with the ARN template of the action with',
      'placeholders such as `<BucketName>` to fill in. Actions that work only with `*` (`iam/wildcard-only-action`),',
      '`*` and, without a condition, `service:*` (`iam/admin-access`, `iam/service-wide-access`) and the actions the',
      'more specific risk rules name (`iam/pass-role-any-role`, `iam/data-exfiltration`, ...) are not reported here.',
      'A condition narrows the grant but does not replace naming the resources: such statements are reported too',
      '(as parliament does).',
    ].join('\n'),
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      if (
        !grantsPermissions(statement) ||
        statement.effect !== 'Allow' ||
        statement.actionKey !== 'Action' ||
        statement.resourceKey !== 'Resource'
      ) {
        continue;
      }
      const star = statement.resources.find((resource) => resource.value === '*');
      if (!star) continue;
      // With a condition the more specific rules stay silent, and parliament still reports RESOURCE_STAR: so does this rule.
      const unconstrained = isUnconstrainedAllow(statement);
      const where = unconstrained ? 'every such resource in the account' : 'every such resource in the account that its condition admits';
      // One finding per statement, on its `"*"`: that is what to change, whatever the number of actions.
      const found: Array<{ service: string; pattern: string } & PatternFinding> = [];
      for (const item of statement.actions) {
        if (item.value === '*' || item.value === '*:*' || (unconstrained && isWholeServiceGrant(item.value))) continue;
        const resolved = resolveItem(item);
        if (resolved.kind !== 'service') continue;
        const finding = findingOf(item.value, resolved, unconstrained);
        if (finding) found.push({ service: resolved.service, pattern: item.value, ...finding });
      }
      if (found.length === 0) continue;
      const [first] = found;
      const fixes: Fix[] = [];
      if (first.template && statement.actions.length === 1 && statement.resources.length === 1) {
        fixes.push(replaceFix(`Scope Resource to ${first.template}`, star.node, first.template));
      }
      const shown = found.slice(0, 3).map((entry) => entry.summary);
      const message =
        found.length === 1
          ? `${first.what} (${first.typeList}) but is granted on \`"*"\`: whoever holds this principal's credentials can use it on ${where}. Name the resources${first.template ? `, e.g. \`${first.template}\`` : ''}.`
          : `${found.length} actions of this statement accept resource ARNs but are granted on \`"*"\`: ${shown.join('; ')}${found.length > 3 ? `; and ${found.length - 3} more` : ''}. Whoever holds this principal's credentials can use them on ${where}. Name the resources.`;
      context.report({ at: star.node, message, docsUrl: actionDocsUrl(first.service), fixes });
    }
  },
};

/** What the rule says of an action pattern, the same in every policy: computed once per pattern. */
const findings = new Map<string, PatternFinding | null>();

interface PatternFinding {
  template?: string;
  /** "`dynamodb:GetItem` accepts resource ARNs" */
  what: string;
  /** "type `table`" */
  typeList: string;
  /** `dynamodb:GetItem` (type `table`), for a statement of several actions. */
  summary: string;
}

function findingOf(
  pattern: string,
  resolved: Extract<ResolvedAction, { kind: 'service' }>,
  unconstrained: boolean,
): PatternFinding | undefined {
  const key = `${unconstrained ? 'u' : 'c'}${pattern}`;
  let finding = findings.get(key);
  if (finding === undefined) {
    finding = computeFinding(pattern, resolved, unconstrained);
    if (findings.size > 20000) findings.clear();
    findings.set(key, finding);
  }
  return finding ?? undefined;
}

function computeFinding(
  pattern: string,
  resolved: Extract<ResolvedAction, { kind: 'service' }>,
  unconstrained: boolean,
): PatternFinding | null {
  const scopable = resolved.actions.filter((action) => action.resourceTypes.length > 0);
  if (scopable.length === 0 || (unconstrained && reportedElsewhere(pattern, resolved.actions))) return null;
  // Required resource types first: they are what the action acts on (ec2:RunInstances: instance, subnet, ...).
  const types = [
    ...new Set(
      scopable.flatMap((action) =>
        [...action.resourceTypes].sort((a, b) => Number(b.required) - Number(a.required)).map((type) => type.name),
      ),
    ),
  ];
  const template = resolved.wildcard ? undefined : arnTemplate(scopable[0]);
  const what = resolved.wildcard
    ? `\`${pattern}\` covers ${scopable.length} action${scopable.length === 1 ? '' : 's'} that accept resource ARNs`
    : `\`${resolved.service}:${scopable[0].name}\` accepts resource ARNs`;
  const typeList = `${types.length === 1 ? 'type' : 'types'} ${listOf(types)}`;
  return { template, what, typeList, summary: `\`${pattern}\` (${typeList})` };
}

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
