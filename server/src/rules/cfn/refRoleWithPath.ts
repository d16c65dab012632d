import type { Rule } from '../../core/rule';
import { templateResources } from '../../core/classify';
import { intrinsicOf } from '../../core/intrinsics';
import { keyNode, property, stringValue, type Node } from '../../core/json';
import { replaceNode } from '../../core/edits';
import { table } from '../../core/table';

/** Properties that take a role's name or ARN and look a bare name up without its path. */
const ROLE_PROPERTIES = table<string[]>({
  // "If your specified role has a path other than /, then you must either specify the full role ARN (this is
  // recommended) or prefix the role name with the path" (CreateService, role).
  'AWS::ECS::Service': ['Role'],
  'AWS::ECS::TaskDefinition': ['TaskRoleArn', 'ExecutionRoleArn'],
  'AWS::CodeBuild::Project': ['ServiceRole'],
});

export const refRoleWithPath: Rule = {
  meta: {
    id: 'cfn/ref-role-with-path',
    title: 'A Ref to a role with a path where the role ARN is needed',
    defaultSeverity: 'warning',
    phase: 'register',
    docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html#ECS-CreateService-request-role',
    fixable: true,
    appliesTo: ['cloudformation-template'],
    description: [
      '`Ref` on an `AWS::IAM::Role` gives the role **name**. ECS (a service `Role`, a task definition `TaskRoleArn` or',
      '`ExecutionRoleArn`) and CodeBuild turn a bare name into `arn:...:role/NAME`, which is not the role when the role',
      'has a `Path` other than `/` (its ARN is `arn:...:role/PATH/NAME`): the service or task then fails to assume it.',
      'Use `Fn::GetAtt [Role, Arn]`; the quick fix rewrites the `Ref`.',
    ].join('\n'),
  },
  check(context) {
    // Terraform's `aws_iam_role.x.name` is mapped to a Ref; the CloudFormation rule and its fix are not for HCL.
    if (context.document.format === 'hcl' || context.document.terraformJson) return;
    const resources = templateResources(context.document.root);
    const roles = new Map<string, string>();
    for (const resource of resources) {
      if (resource.type !== 'AWS::IAM::Role') continue;
      const path = stringValue(property(resource.properties, 'Path'));
      if (path !== undefined && path !== '/') roles.set(resource.id, path);
    }
    if (roles.size === 0) return;
    for (const resource of resources) {
      for (const name of ROLE_PROPERTIES[resource.type] ?? []) {
        const value = resource.properties?.type === 'object' ? directProperty(resource.properties, name) : undefined;
        const intrinsic = intrinsicOf(value);
        if (!value || intrinsic?.name !== 'Ref') continue;
        const target = stringValue(intrinsic.argument);
        const path = target === undefined ? undefined : roles.get(target);
        if (path === undefined) continue;
        const yaml = context.document.format === 'yaml';
        context.report({
          // On the key: a finding on the Ref itself would be taken for one on an unknown value.
          at: keyNode(value) ?? value,
          message: `\`${name}\` of \`${resource.id}\` is a Ref to role \`${target}\`, which gives its name; the role has the path \`${path}\`, so the name alone does not find it. Use Fn::GetAtt [${target}, Arn].`,
          fixes: yaml
            ? []
            : [
                {
                  title: `Use Fn::GetAtt [${target}, Arn]`,
                  edits: [replaceNode(value, JSON.stringify({ 'Fn::GetAtt': [target, 'Arn'] }))],
                  isPreferred: true,
                },
              ],
        });
      }
    }
  },
};

/** The value of a property as written (no API-name mapping: task-definition objects are marked for it). */
function directProperty(objectNode: Node, name: string): Node | undefined {
  for (const prop of objectNode.children ?? []) if (prop.children?.[0]?.value === name) return prop.children?.[1];
  return undefined;
}
