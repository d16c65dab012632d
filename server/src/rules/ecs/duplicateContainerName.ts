import type { Rule } from '../../core/rule';
import { ECS_DOCS } from '../../ecs/links';
import { containersOf, ecsViews } from '../../ecs/taskDefinition';

export const duplicateContainerName: Rule = {
  meta: {
    id: 'ecs/duplicate-container-name',
    title: 'Two containers have the same name',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: ECS_DOCS.containerName,
    fixable: false,
    appliesTo: ['ecs-task-definition', 'cloudformation-template'],
    description: [
      'Container names identify containers within a task: `dependsOn`, `links`, `volumesFrom`, load balancer',
      'settings and container overrides refer to them. They must be unique within a task definition;',
      'register-task-definition rejects duplicates. Rename one of them (and the references meant for it).',
    ].join('\n'),
  },
  check(context) {
    for (const view of ecsViews(context.document)) {
      const seen = new Map<string, number>();
      containersOf(view.node).forEach((container, index) => {
        if (!container.name || !container.nameNode) return;
        const first = seen.get(container.name);
        if (first === undefined) {
          seen.set(container.name, index);
          return;
        }
        context.report({
          at: container.nameNode,
          message: `Container name \`${container.name}\` is already used by container ${first + 1}; names must be unique within a task definition. Rename one of them.`,
        });
      });
    }
  },
};
