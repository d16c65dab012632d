import { property } from '../../core/json';
import type { Rule } from '../../core/rule';
import { fargateReason } from '../../ecs/services';
import { removeNodes } from '../../core/edits';
import { ECS_DOCS } from '../../ecs/links';
import { booleanValue, containerLabel, containersOf, ecsViews } from '../../ecs/taskDefinition';

export const privilegedContainer: Rule = {
  meta: {
    id: 'ecs/privileged-container',
    title: 'A privileged container',
    defaultSeverity: 'warning',
    phase: 'advice',
    docsUrl: ECS_DOCS.securityTasks,
    fixable: true,
    appliesTo: ['ecs-task-definition', 'cloudformation-template'],
    description: [
      'A container with `"privileged": true` gets root-level access to the host (all devices, all capabilities):',
      'a compromise of the container is a compromise of the instance and of every task on it. AWS recommends',
      'against it; grant specific `linuxParameters.capabilities` or devices instead. (On Fargate it is not',
      'supported at all; `ecs/fargate-unsupported-parameter` reports that.)',
    ].join('\n'),
  },
  check(context) {
    for (const view of ecsViews(context.document)) {
      if (fargateReason(context.document, view, context.workspace, context.filePath)) continue;
      containersOf(view.node).forEach((container, index) => {
        const privileged = property(container.node, 'privileged');
        if (booleanValue(privileged) !== true) return;
        context.report({
          at: privileged!.parent!,
          message: `${containerLabel(container, index).replace(/^c/, 'C')} runs privileged, with root-level access to the host instance. Remove it and grant only the Linux capabilities or devices the container needs.`,
          fixes: [{ title: 'Remove "privileged": true', edits: removeNodes([privileged!.parent!]), isPreferred: true }],
        });
      });
    }
  },
};
