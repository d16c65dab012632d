import type { Rule } from '../../core/rule';
import { closestMatch } from '../../core/suggest';
import type { Fix } from '../../core/types';
import { removeNodes, replaceWithString } from '../../core/edits';
import { resourcePage, schemaIssues } from '../../cloudformation/propertySchema';
import { ownerText } from './shared';

export const unknownProperty: Rule = {
  meta: {
    id: 'cfn/unknown-property',
    title: 'A property the CloudFormation resource type does not have',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html',
    fixable: true,
    appliesTo: ['cloudformation-template'],
    description: [
      'The properties of ECS, IAM and resource-policy resources (`AWS::ECS::*`, `AWS::IAM::*`, bucket, queue, topic,',
      'key, repository, secret, Lambda permission, OpenSearch domain and Organizations policies) are checked against',
      'the CloudFormation resource specification (from `@aws-cdk/aws-service-spec`). CloudFormation fails the stack',
      'operation on a property the type does not have ("Encountered unsupported property"). The finding suggests the',
      'closest name; the quick fix renames or removes the key. Task definitions are checked by `ecs/unknown-field`.',
    ].join('\n'),
  },
  check(context) {
    for (const issue of schemaIssues(context.document)) {
      if (issue.kind !== 'unknown-property') continue;
      const suggestion = closestMatch(issue.name, issue.known);
      const fixes: Fix[] = [];
      if (suggestion) {
        fixes.push({ title: `Rename to \`${suggestion}\``, edits: [replaceWithString(issue.key, suggestion)], isPreferred: true });
      }
      if (issue.key.parent) fixes.push({ title: `Remove \`${issue.name}\``, edits: removeNodes([issue.key.parent]) });
      context.report({
        at: issue.key,
        message: `\`${issue.name}\` is not a property of ${ownerText(issue.owner)} (resource \`${issue.resource.id}\`); CloudFormation rejects unsupported properties.${
          suggestion ? ` Did you mean \`${suggestion}\`?` : ' Remove it or check the spelling.'
        }`,
        docsUrl: resourcePage(issue.resource.type),
        fixes,
        data: suggestion ? { suggestion } : undefined,
      });
    }
  },
};
