import type { Rule } from '../../core/rule';
import type { Fix } from '../../core/types';
import { resolveItem } from '../../iam/actions';
import { actionDocsUrl } from '../../iam/catalog';
import { allStatements } from '../../iam/policyModel';
import { removeNode, replaceWithString } from '../../core/edits';
import { POLICY_KINDS, newStatementAfter } from './shared';

export const wildcardOnlyAction: Rule = {
  meta: {
    id: 'iam/wildcard-only-action',
    title: 'An action that supports only "Resource": "*" is given specific resources',
    defaultSeverity: 'warning',
    phase: 'runtime',
    docsUrl: 'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
    fixable: true,
    appliesTo: POLICY_KINDS,
    description: [
      'Some actions act on no particular resource (`s3:ListAllMyBuckets`, `ecr:GetAuthorizationToken`,',
      '`sts:GetCallerIdentity`, most `Describe*`/`List*` calls). IAM matches them only against `"Resource": "*"`:',
      'listed with specific ARNs, they are silently not granted. An ECS execution role whose `ecr:GetAuthorizationToken`',
      'is scoped to a repository ARN cannot pull images.',
    ].join('\n'),
  },
  check(context) {
    const { text } = context.document;
    for (const statement of allStatements(context.document)) {
      if (statement.actionKey !== 'Action' || statement.resourceKey !== 'Resource' || statement.resources.length === 0) continue;
      if (statement.resources.some((resource) => resource.value === '*')) continue;
      // Specific ARNs show the author meant particular resources (the ECS pitfall); broad patterns such as
      // `arn:aws:logs:*:*:*` are common in published policies and cost only this one action.
      let specific: boolean | undefined;
      for (const item of statement.actions) {
        const resolved = resolveItem(item);
        if (resolved.kind !== 'service' || resolved.wildcard || resolved.actions.length !== 1) continue;
        const action = resolved.actions[0];
        if (action.resourceTypes.length > 0) continue;
        const fixes: Fix[] = [];
        if (statement.actions.length === 1 && statement.resourceNode) {
          fixes.push({ title: 'Change Resource to "*"', edits: [replaceWithString(statement.resourceNode, '*')], isPreferred: true });
        } else if (statement.actionNode?.type === 'array') {
          fixes.push({
            title: `Move "${item.value}" into its own statement with "Resource": "*"`,
            edits: [
              removeNode(item.node),
              newStatementAfter(text, statement, { Effect: statement.effect ?? 'Allow', Action: item.value, Resource: '*' }),
            ],
            isPreferred: true,
          });
        }
        specific ??= statement.resources.every((resource) => !/[*?]/.test(resourcePart(resource.value)));
        context.report({
          at: item.node,
          severity: specific ? 'warning' : 'info',
          message: `\`${resolved.service}:${action.name}\` works only with \`"Resource": "*"\` (it acts on no specific resource), so this statement does not grant it. Move it to a statement with \`"Resource": "*"\`.`,
          docsUrl: actionDocsUrl(resolved.service),
          fixes,
        });
      }
    }
  },
};

/** What follows the fifth colon of an ARN (its resource part), found without splitting the whole value. */
function resourcePart(arn: string): string {
  let at = -1;
  for (let field = 0; field < 5; field++) {
    at = arn.indexOf(':', at + 1);
    if (at < 0) return '';
  }
  return arn.slice(at + 1);
}
