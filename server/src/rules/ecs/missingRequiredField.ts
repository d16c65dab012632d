import type { Rule } from '../../core/rule';
import type { Fix } from '../../core/types';
import { insertProperty } from '../../core/edits';
import { ECS_DOCS } from '../../ecs/links';
import { apiReferenceUrl, enumValues } from '../../ecs/schema';
import { objectAnchor, shapeName, reportedShapeIssues } from './shapeText';
import { isIntrinsic } from '../../core/intrinsics';
import { property } from '../../core/json';
import { containerLabel, containersOf, ecsViews, keyOf } from '../../ecs/taskDefinition';

export const missingRequiredField: Rule = {
  meta: {
    id: 'ecs/missing-required-field',
    title: 'A field the ECS API requires is missing',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: ECS_DOCS.registerApi,
    fixable: true,
    appliesTo: ['ecs-task-definition', 'ecs-service', 'cloudformation-template'],
    description: [
      'The ECS API model marks some members as required: `family` and `containerDefinitions` of the task',
      'definition, `name` and `valueFrom` of a secret, `logDriver` of a log configuration, `containerName` and',
      '`condition` of a `dependsOn` entry, `name`, `softLimit` and `hardLimit` of a ulimit, and others.',
      "register-task-definition fails without them. Where only one value is possible (an environment file's",
      '`type` is always `s3`) the quick fix adds it. Union structures such as a GPU `sharingStrategy` need exactly',
      'one member. Beyond the model, the API refuses an empty `containerDefinitions` list ("Container list cannot be',
      'empty") and a container without `name` or `image` ("Container.name should not be null or empty").',
    ].join('\n'),
  },
  check(context) {
    const { text } = context.document;
    for (const issue of reportedShapeIssues(context.document)) {
      if (issue.kind === 'union-members') {
        context.report({
          at: objectAnchor(issue.owner),
          message:
            issue.present.length === 0
              ? `\`${issue.path}\` must set exactly one of its members; it sets none.`
              : `\`${issue.path}\` must set exactly one of its members; it sets ${issue.present.map((name) => `\`${name}\``).join(' and ')}.`,
          docsUrl: apiReferenceUrl(issue.ownerShape),
        });
        continue;
      }
      if (issue.kind !== 'missing-required') continue;
      const fixes: Fix[] = [];
      if (issue.member.type.kind === 'enum' && enumValues(issue.member.type.enum).length === 1) {
        const only = enumValues(issue.member.type.enum)[0];
        fixes.push({
          title: `Add "${issue.written}": "${only}"`,
          edits: [insertProperty(text, issue.owner, issue.written, JSON.stringify(only))],
          isPreferred: true,
        });
      }
      const rootName = shapeName(issue.ownerShape);
      const where = issue.path
        ? `\`${issue.path}\` (${rootName.replace(/^an? /, '')})`
        : rootName.charAt(0).toUpperCase() + rootName.slice(1);
      context.report({
        at: objectAnchor(issue.owner),
        message: `${where} has no \`${issue.written}\`, which the ECS API requires.${firstSentence(issue.member.doc)}`,
        docsUrl: apiReferenceUrl(issue.ownerShape),
        fixes,
      });
    }
    for (const view of ecsViews(context.document)) {
      const list = property(view.node, 'containerDefinitions');
      const name = (apiName: string) => (view.format === 'cloudformation' ? apiName.charAt(0).toUpperCase() + apiName.slice(1) : apiName);
      if (list?.type === 'array' && (list.children ?? []).length === 0) {
        context.report({
          at: keyOf(list),
          message: `\`${name('containerDefinitions')}\` is empty; the ECS API requires at least one container ("Container list cannot be empty").`,
          docsUrl: ECS_DOCS.registerApi,
        });
        continue;
      }
      containersOf(view.node).forEach((container, index) => {
        if (isIntrinsic(container.node)) return;
        for (const field of ['name', 'image']) {
          if (property(container.node, field) !== undefined) continue;
          context.report({
            at: objectAnchor(container.node),
            message: `${containerLabel(container, index).replace(/^c/, 'C')} has no \`${name(field)}\`, which the ECS API requires of every container ("Container.${field} should not be null or empty").`,
            docsUrl: field === 'name' ? ECS_DOCS.containerName : ECS_DOCS.image,
          });
        }
      });
    }
  },
};

/** The model's first sentence about the field, as a reminder of what to put there. */
function firstSentence(doc: string): string {
  const sentence = /^[^\n]*?\.(?=\s|$)/.exec(doc)?.[0];
  return sentence && sentence.length < 200 ? ` (${sentence.replace(/\.$/, '')}.)` : '';
}
