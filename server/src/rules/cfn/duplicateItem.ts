import type { Rule } from '../../core/rule';
import { removeNodes } from '../../core/edits';
import { schemaIssues } from '../../cloudformation/propertySchema';

export const duplicateItem: Rule = {
  meta: {
    id: 'cfn/duplicate-item',
    title: 'The same managed policy listed twice',
    defaultSeverity: 'warning',
    phase: 'advice',
    docsUrl: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-role.html',
    fixable: true,
    appliesTo: ['cloudformation-template'],
    description: [
      '`ManagedPolicyArns` of a role, user or group is a set: a policy is attached once, so a second copy of the same ARN',
      '(or of the same `Fn::Sub`) adds nothing and is usually a copy-and-paste slip where another policy was meant.',
      'The quick fix removes the repetition.',
    ].join('\n'),
  },
  check(context) {
    for (const issue of schemaIssues(context.document)) {
      if (issue.kind !== 'duplicate') continue;
      context.report({
        at: issue.node,
        message: `\`${issue.path}\` of \`${issue.resource.id}\` repeats an earlier entry; a managed policy is attached once. Remove the copy, or name the policy that was meant.`,
        related: [{ span: { offset: issue.first.offset, length: issue.first.length }, message: 'first listed here' }],
        fixes: [{ title: 'Remove the repeated entry', edits: removeNodes([issue.node]), isPreferred: true }],
      });
    }
  },
};
