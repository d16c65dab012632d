import { property } from '../../core/json';
import type { Rule } from '../../core/rule';
import { ECS_DOCS } from '../../ecs/links';
import { containerLabel, containersOf, ecsViews, numberValue } from '../../ecs/taskDefinition';

export const memoryBelowReservation: Rule = {
  meta: {
    id: 'ecs/memory-below-reservation',
    title: "A container's hard memory limit is below its soft limit",
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: ECS_DOCS.memory,
    fixable: false,
    appliesTo: ['ecs-task-definition', 'cloudformation-template'],
    description: [
      "A container's `memory` is the hard limit (the container is killed above it) and `memoryReservation` the",
      'soft limit ECS reserves on the instance. When both are set, `memory` must be at least',
      '`memoryReservation`; register-task-definition rejects the opposite. Raise `memory` or lower',
      '`memoryReservation`.',
    ].join('\n'),
  },
  check(context) {
    for (const view of ecsViews(context.document)) {
      containersOf(view.node).forEach((container, index) => {
        const memoryNode = property(container.node, 'memory');
        const memory = numberValue(memoryNode);
        const reservation = numberValue(property(container.node, 'memoryReservation'));
        if (memory === undefined || reservation === undefined || memory >= reservation) return;
        context.report({
          at: memoryNode!,
          message: `The hard limit \`memory\` (${memory} MiB) is below the soft limit \`memoryReservation\` (${reservation} MiB) in ${containerLabel(container, index)}; the hard limit must be at least the reservation. Raise \`memory\` or lower \`memoryReservation\`.`,
        });
      });
    }
  },
};
