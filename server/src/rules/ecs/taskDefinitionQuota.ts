import { getNodeValue } from 'jsonc-parser';
import { arrayItems, property } from '../../core/json';
import type { Rule } from '../../core/rule';
import { ECS_DOCS } from '../../ecs/links';
import { ROOT_SHAPE, shapeInfo } from '../../ecs/schema';
import { ecsViews, keyOf } from '../../ecs/taskDefinition';

/**
 * The quotas of the Amazon ECS service quotas page that RegisterTaskDefinition enforces on the document
 * itself (none of them adjustable): "Task definition max containers" 10, "Task definition size limit"
 * 64 KiB, "Tags per resource" 50. The others there (tasks per service, subnets and security groups per
 * awsvpcConfiguration, ...) concern services and RunTask, not task definitions.
 */
export const MAX_CONTAINER_DEFINITIONS = 10;
export const MAX_TASK_DEFINITION_BYTES = 64 * 1024;
export const MAX_TAGS = 50;

export const taskDefinitionQuota: Rule = {
  meta: {
    id: 'ecs/task-definition-quota',
    title: 'A task definition exceeds an ECS quota (10 containers, 64 KiB, 50 tags)',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: ECS_DOCS.serviceQuotas,
    fixable: false,
    appliesTo: ['ecs-task-definition', 'cloudformation-template'],
    description: [
      'RegisterTaskDefinition rejects a task definition with more than 10 container definitions, larger than 64 KiB,',
      'or with more than 50 tags. These quotas cannot be raised: split the containers into several task definitions',
      '(sidecars that must share a task stay together), and move large values (scripts, configuration) out of the',
      'document, for example into S3 with `environmentFiles` or into SSM parameters. The size is measured as the',
      'compact JSON of the fields RegisterTaskDefinition takes, so whitespace and formatting do not count.',
    ].join('\n'),
  },
  check(context) {
    for (const view of ecsViews(context.document)) {
      const containers = property(view.node, 'containerDefinitions');
      const count = arrayItems(containers).length;
      if (containers && count > MAX_CONTAINER_DEFINITIONS) {
        context.report({
          at: keyOf(containers),
          message: `This task definition has ${count} container definitions; ECS allows at most ${MAX_CONTAINER_DEFINITIONS} per task definition, so RegisterTaskDefinition rejects it. Split the containers into several task definitions (containers that must share a task, such as sidecars, stay together).`,
        });
      }
      const tags = property(view.node, 'tags');
      const tagCount = arrayItems(tags).length;
      if (tags && tagCount > MAX_TAGS) {
        context.report({
          at: keyOf(tags),
          message: `This task definition has ${tagCount} tags; ECS allows at most ${MAX_TAGS} per resource, so RegisterTaskDefinition rejects it. Remove ${tagCount - MAX_TAGS} of them.`,
        });
      }
      // A template's properties hold intrinsic functions, not the registered document: their size is not judged.
      if (view.format === 'cloudformation') continue;
      const bytes = registeredSize(view.node);
      if (bytes > MAX_TASK_DEFINITION_BYTES) {
        context.report({
          at: view.format === 'describe' ? keyOf(view.node) : { offset: view.node.offset, length: 1 },
          message: `This task definition is ${(bytes / 1024).toFixed(1)} KiB as compact JSON; ECS allows at most 64 KiB, so RegisterTaskDefinition rejects it. Move large values out of it (environment files in S3, SSM parameters, fewer containers).`,
        });
      }
    }
  },
};

/** UTF-8 bytes of the compact JSON of the fields RegisterTaskDefinition takes (describe output has more). */
function registeredSize(node: Parameters<typeof getNodeValue>[0]): number {
  // A UTF-16 code unit takes at most 3 UTF-8 bytes and compacting only removes text: a document this short
  // cannot exceed the quota (most are far below it), and is not serialised.
  if (node.length * 3 <= MAX_TASK_DEFINITION_BYTES) return 0;
  const value = getNodeValue(node) as Record<string, unknown>;
  if (!value || typeof value !== 'object') return 0;
  const members = shapeInfo(ROOT_SHAPE).members;
  for (const key of Object.keys(value)) if (!Object.prototype.hasOwnProperty.call(members, key)) delete value[key];
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}
