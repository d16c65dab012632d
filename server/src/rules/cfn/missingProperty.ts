import type { Rule } from '../../core/rule';
import { resourcePage, schemaIssues } from '../../cloudformation/propertySchema';
import { ownerText } from './shared';

export const missingProperty: Rule = {
  meta: {
    id: 'cfn/missing-property',
    title: 'A required CloudFormation property is missing',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html',
    fixable: false,
    appliesTo: ['cloudformation-template'],
    description: [
      'A property the CloudFormation resource specification marks as required (an `AWS::IAM::Role` without',
      '`AssumeRolePolicyDocument`, an `AWS::IAM::Policy` without `PolicyName`, a `LoadBalancers` entry without',
      '`ContainerPort`) fails the stack operation. Also reported: a group of properties of which one must be given',
      '(an `AWS::IAM::Policy` attached to no role, user or group). Task definitions are checked by',
      '`ecs/missing-required-field`.',
    ].join('\n'),
  },
  check(context) {
    for (const issue of schemaIssues(context.document)) {
      if (issue.kind === 'missing-property') {
        context.report({
          at: issue.at,
          message: `${ownerText(issue.owner)} needs the property \`${issue.name}\` (resource \`${issue.resource.id}\`); CloudFormation fails the stack operation without it.`,
          docsUrl: resourcePage(issue.resource.type),
          data: { property: issue.name },
        });
      } else if (issue.kind === 'any-of') {
        const names = issue.group.properties.map((name) => `\`${name}\``).join(', ');
        context.report({
          at: issue.at,
          message: `${ownerText(issue.resource.type)} \`${issue.resource.id}\` needs at least one of ${names}; without one the stack operation fails.`,
          docsUrl: issue.group.source,
        });
      }
    }
  },
};
