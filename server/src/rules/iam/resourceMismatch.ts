import type { Rule } from '../../core/rule';
import type { Fix } from '../../core/types';
import { resolveItem } from '../../iam/actions';
import { parseArn } from '../../iam/arn';
import { actionDocsUrl, type IamAction } from '../../iam/catalog';
import { allStatements, type StatementView, type StringItem } from '../../iam/policyModel';
import { actionAcceptsResource, actionResources, readableArnPattern } from '../../iam/resources';
import { addToStringOrArray, removeNode } from '../../core/edits';
import { POLICY_KINDS, newStatementAfter } from './shared';

export const resourceMismatch: Rule = {
  meta: {
    id: 'iam/resource-mismatch',
    title: 'No Resource in the statement can name a resource the action acts on',
    defaultSeverity: 'warning',
    phase: 'runtime',
    docsUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html',
    fixable: true,
    appliesTo: POLICY_KINDS,
    description: [
      "Each action acts on certain resource types, each with its ARN form. When none of the statement's ARNs can be",
      'a resource of the action, the statement does not grant that action at all. The classic case: `s3:ListBucket`',
      'acts on the bucket (`arn:aws:s3:::my-bucket`), while `s3:GetObject` and `s3:PutObject` act on objects',
      '(`arn:aws:s3:::my-bucket/*`); a statement with only one of the two ARNs grants only half.',
      '',
      'Quick fixes add the missing ARN form to `Resource`, or move the action into a statement of its own.',
    ].join('\n'),
  },
  check(context) {
    const { text } = context.document;
    for (const statement of allStatements(context.document)) {
      if (statement.actionKey !== 'Action' || statement.resourceKey !== 'Resource' || statement.resources.length === 0) continue;
      const resources = statement.resources;
      // A resource we cannot read (not an ARN, or "*") means we cannot judge the statement.
      if (resources.some((resource) => resource.value === '*' || !parseArn(resource.value))) continue;
      for (const item of statement.actions) {
        const resolved = resolveItem(item);
        if (resolved.kind !== 'service' || resolved.actions.length === 0) continue;
        const scoped = resolved.actions.filter((action) => action.resourceTypes.length > 0);
        if (scoped.length === 0) continue;
        const unmatched = scoped.filter((action) => !resources.some((resource) => actionAcceptsResource(action, resource.value)));
        if (unmatched.length < scoped.length) continue;
        const action = scoped[0];
        const types = actionResources(action);
        const written = parseArn(resources[0].value);
        const expected = types
          .slice(0, 3)
          .map(({ resourceType }) => `${resourceType.name} (\`${readableArnPattern(resourceType.arnPattern, written)}\`)`)
          .join(', ');
        const candidates = resolved.wildcard ? [] : candidateArns(action, resources);
        const listed = resources.map((resource) => `\`${resource.value}\``).join(', ');
        context.report({
          at: item.node,
          message:
            `${resolved.wildcard ? `No action matched by \`${item.value}\` can act on` : `\`${item.value}\` cannot act on`} ${listed}: ${resolved.wildcard ? `\`${action.service}:${action.name}\`, for one, acts on` : 'it acts on'} ${expected}${types.length > 3 ? ', …' : ''}, so this statement does not grant it. ` +
            (candidates.length
              ? `Add \`${candidates[0]}\` to \`Resource\`, or move the action into its own statement with that ARN.`
              : 'Add an ARN of the right resource type, or move the action into a statement of its own.'),
          docsUrl: actionDocsUrl(resolved.service),
          fixes: fixesFor(text, statement, item, candidates),
        });
      }
    }
  },
};

/** ARNs derived from the listed ones that the action accepts: `bucket` -> `bucket/*`, `bucket/*` -> `bucket`. */
function candidateArns(action: IamAction, resources: StringItem[]): string[] {
  const result: string[] = [];
  for (const { value } of resources) {
    const forms = [value.endsWith('/*') ? value.slice(0, -2) : `${value}/*`];
    const slash = value.lastIndexOf('/');
    if (slash > value.indexOf(':::') && !value.endsWith('/*')) forms.push(value.slice(0, slash));
    for (const form of forms) if (actionAcceptsResource(action, form) && !result.includes(form)) result.push(form);
  }
  return result;
}

function fixesFor(text: string, statement: StatementView, item: StringItem, candidates: string[]): Fix[] {
  if (candidates.length === 0 || !statement.resourceNode) return [];
  const fixes: Fix[] = [
    {
      title: `Add "${candidates[0]}" to Resource`,
      edits: [addToStringOrArray(text, statement.resourceNode, candidates[0])],
      isPreferred: true,
    },
  ];
  if (statement.actionNode?.type === 'array' && statement.actions.length > 1) {
    fixes.push({
      title: `Move "${item.value}" into its own statement on "${candidates[0]}"`,
      edits: [
        removeNode(item.node),
        newStatementAfter(text, statement, { Effect: statement.effect ?? 'Allow', Action: item.value, Resource: candidates[0] }),
      ],
    });
  }
  return fixes;
}
