import type { Rule } from '../../core/rule';
import type { Fix } from '../../core/types';
import { replaceNode, replaceWithString } from '../../core/edits';
import { closestMatch } from '../../core/suggest';
import { describeSchemaType, resourcePage, schemaIssues } from '../../cloudformation/propertySchema';

export const invalidValue: Rule = {
  meta: {
    id: 'cfn/invalid-value',
    title: 'A CloudFormation property value of the wrong type, or outside its allowed values, length or pattern',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html',
    fixable: true,
    appliesTo: ['cloudformation-template'],
    description: [
      'Each property of an ECS, IAM or resource-policy resource has the type the CloudFormation resource specification',
      'gives it: a list where a list is needed (CloudFormation does not wrap a single value), an object for a property',
      'type, one of the allowed strings for an enumeration (`LaunchType`: `EC2`, `FARGATE`, `EXTERNAL`). IAM names and',
      'paths have the lengths and patterns of the IAM API (`RoleName` at most 64 characters of letters, digits and',
      '`_+=,.@-`; `Path` `/` or `/text/`; `MaxSessionDuration` 3600–43200). Properties that exclude each other',
      '(`LaunchType` with `CapacityProviderStrategy`) are reported too. Intrinsic functions and dynamic references are',
      'values not known before deployment and are never reported. Task definitions are checked by `ecs/invalid-type`',
      'and `ecs/invalid-enum-value`.',
    ].join('\n'),
  },
  check(context) {
    for (const issue of schemaIssues(context.document)) {
      const page = resourcePage(issue.resource.type);
      switch (issue.kind) {
        case 'wrong-type': {
          const fixes: Fix[] = [];
          const expected = issue.expected;
          if (typeof expected === 'object' && 'array' in expected && issue.node.type !== 'array') {
            const raw = context.document.text.slice(issue.node.offset, issue.node.offset + issue.node.length);
            if (context.document.format !== 'yaml') {
              fixes.push({ title: 'Wrap it in a list', edits: [replaceNode(issue.node, `[${raw}]`)], isPreferred: true });
            }
          }
          context.report({
            at: issue.node,
            message: `\`${issue.path}\` of \`${issue.resource.id}\` must be ${describeSchemaType(issue.expected)}, not ${describeNode(issue.node.type)}.`,
            docsUrl: page,
            fixes,
          });
          break;
        }
        case 'enum': {
          const suggestion =
            issue.allowed.find((value) => value.toLowerCase() === issue.value.toLowerCase()) ?? closestMatch(issue.value, issue.allowed);
          const listed = issue.allowed.length <= 12 ? ` Allowed: ${issue.allowed.map((value) => `\`${value}\``).join(', ')}.` : '';
          context.report({
            at: issue.node,
            message: `\`${issue.value}\` is not an allowed value of \`${issue.path}\` (resource \`${issue.resource.id}\`).${listed}${
              suggestion ? ` Did you mean \`${suggestion}\`?` : ''
            }`,
            docsUrl: page,
            fixes: suggestion
              ? [{ title: `Change to \`${suggestion}\``, edits: [replaceWithString(issue.node, suggestion)], isPreferred: true }]
              : [],
          });
          break;
        }
        case 'length': {
          const { minLength, maxLength } = issue.property;
          const bound =
            maxLength !== undefined && issue.value.length > maxLength
              ? `at most ${maxLength} characters long; it has ${issue.value.length}`
              : `at least ${minLength} character${minLength === 1 ? '' : 's'} long`;
          context.report({
            at: issue.node,
            message: `\`${issue.path}\` of \`${issue.resource.id}\` must be ${bound}. The API rejects it and the stack operation fails.`,
            docsUrl: issue.property.source ?? page,
          });
          break;
        }
        case 'pattern':
          context.report({
            at: issue.node,
            message: `\`${issue.path}\` of \`${issue.resource.id}\` may hold only ${issue.property.patternText ?? `text matching ${issue.property.pattern}`}; \`${issue.value}\` does not fit, so the API rejects it.`,
            docsUrl: issue.property.source ?? page,
          });
          break;
        case 'range':
          context.report({
            at: issue.node,
            message: `\`${issue.path}\` of \`${issue.resource.id}\` must be between ${issue.property.minimum} and ${issue.property.maximum}; ${issue.value} is outside, so the API rejects it.`,
            docsUrl: issue.property.source ?? page,
          });
          break;
        case 'exclusive': {
          const names = issue.group.properties.map((name) => `\`${name}\``).join(' and ');
          context.report({
            at: issue.keys[issue.keys.length - 1],
            message: `\`${issue.resource.id}\` sets ${names}, which exclude each other: the API rejects a request with both. Keep one.`,
            docsUrl: issue.group.source,
            related: issue.keys.slice(0, -1).map((key) => ({ span: { offset: key.offset, length: key.length }, message: 'also set here' })),
          });
          break;
        }
        default:
          break;
      }
    }
  },
};

function describeNode(type: string): string {
  switch (type) {
    case 'object':
      return 'an object';
    case 'array':
      return 'a list';
    case 'null':
      return 'null';
    default:
      return `a ${type}`;
  }
}
