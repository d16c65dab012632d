import { property } from '../../core/json';
import type { Rule } from '../../core/rule';
import type { Fix } from '../../core/types';
import { ECS_DOCS } from '../../ecs/links';
import { booleanValue, containersOf, ecsViews, keyOf } from '../../ecs/taskDefinition';

export const noEssentialContainer: Rule = {
  meta: {
    id: 'ecs/no-essential-container',
    title: 'At least one container must be essential',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: ECS_DOCS.essential,
    fixable: true,
    appliesTo: ['ecs-task-definition', 'cloudformation-template'],
    description: [
      'A task stops when an essential container stops, and ECS requires at least one essential container per',
      'task definition. `essential` defaults to `true`, so this fires only when every container says',
      '`"essential": false`. Quick fixes make one of the containers essential.',
    ].join('\n'),
  },
  check(context) {
    for (const view of ecsViews(context.document)) {
      const containers = containersOf(view.node);
      if (containers.length === 0) continue;
      const essentials = containers.map((container) => property(container.node, 'essential'));
      if (essentials.some((node) => booleanValue(node) !== false)) continue;
      const fixes: Fix[] = containers.slice(0, 5).map((container, index) => ({
        title: `Make ${container.name ? `\`${container.name}\`` : `container ${index + 1}`} essential`,
        edits: [{ offset: essentials[index]!.offset, length: essentials[index]!.length, newText: 'true' }],
        isPreferred: containers.length === 1,
      }));
      context.report({
        at: keyOf(property(view.node, 'containerDefinitions')!),
        message:
          'Every container has "essential": false, but ECS requires at least one essential container (the task stops when an essential container stops). Set "essential": true on the main container.',
        fixes,
      });
    }
  },
};
