import { property } from '../../core/json';
import type { Rule } from '../../core/rule';
import { fargateReason } from '../../ecs/services';
import { ECS_DOCS } from '../../ecs/links';
import { containerLabel, containersOf, ecsViews } from '../../ecs/taskDefinition';
import { objectAnchor } from './shapeText';

export const containerMemoryRequired: Rule = {
  meta: {
    id: 'ecs/container-memory-required',
    title: 'A container needs memory or memoryReservation when the task sets no memory',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: ECS_DOCS.memory,
    fixable: false,
    appliesTo: ['ecs-task-definition', 'cloudformation-template'],
    description: [
      'When the task definition has no task-level `memory` (allowed on EC2 and EXTERNAL), each container must',
      'set `memory` (hard limit), `memoryReservation` (soft limit) or both, so ECS knows how much memory to',
      'reserve on the instance; register-task-definition fails otherwise. Set a task-level `memory`, or give the',
      'container a `memoryReservation` such as 256 (MiB).',
    ].join('\n'),
  },
  check(context) {
    for (const view of ecsViews(context.document)) {
      // Fargate always needs task-level memory: ecs/fargate-task-size reports that.
      if (fargateReason(context.document, view, context.workspace, context.filePath) || property(view.node, 'memory')) continue;
      containersOf(view.node).forEach((container, index) => {
        if (property(container.node, 'memory') || property(container.node, 'memoryReservation')) return;
        context.report({
          at: container.nameNode ?? objectAnchor(container.node),
          message: `${containerLabel(container, index).replace(/^c/, 'C')} sets neither \`memory\` nor \`memoryReservation\`, and the task definition has no task-level \`memory\`; ECS requires one of them. Add "memoryReservation" (MiB) to the container or "memory" to the task definition.`,
        });
      });
    }
  },
};
