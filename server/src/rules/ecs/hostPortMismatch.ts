import { arrayItems, property } from '../../core/json';
import type { Rule } from '../../core/rule';
import { fargateReason } from '../../ecs/services';
import { removeNodes } from '../../core/edits';
import { ECS_DOCS } from '../../ecs/links';
import { containerLabel, containersOf, ecsViews, networkModeOf, numberValue } from '../../ecs/taskDefinition';

export const hostPortMismatch: Rule = {
  meta: {
    id: 'ecs/host-port-mismatch',
    title: 'In awsvpc and host network modes, hostPort must equal containerPort',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: ECS_DOCS.portMappings,
    fixable: true,
    appliesTo: ['ecs-task-definition', 'cloudformation-template'],
    description: [
      'With the `awsvpc` network mode (always on Fargate) and the `host` mode, a container port is exposed',
      "directly on the task's network interface or the host, so there is no port translation: `hostPort` must be",
      'left out or equal `containerPort`. A different value (including `0`, the dynamic-port convention of',
      '`bridge` mode) makes register-task-definition fail. Quick fixes set `hostPort` to `containerPort` or remove it.',
    ].join('\n'),
  },
  check(context) {
    for (const view of ecsViews(context.document)) {
      const mode = fargateReason(context.document, view, context.workspace, context.filePath) ? 'awsvpc' : networkModeOf(view.node);
      if (mode !== 'awsvpc' && mode !== 'host') continue;
      containersOf(view.node).forEach((container, index) => {
        for (const mapping of arrayItems(property(container.node, 'portMappings'))) {
          const hostPortNode = property(mapping, 'hostPort');
          const containerPortNode = property(mapping, 'containerPort');
          const hostPort = numberValue(hostPortNode);
          const containerPort = numberValue(containerPortNode);
          if (!hostPortNode || hostPort === undefined || containerPort === undefined || hostPort === containerPort) continue;
          context.report({
            at: hostPortNode,
            message: `In the \`${mode}\` network mode${fargateReason(context.document, view, context.workspace, context.filePath) ? ' (Fargate)' : ''} a port is not translated, so \`hostPort\` must equal \`containerPort\` (${containerPort}) or be left out; here it is ${hostPort} (${containerLabel(container, index)}).`,
            fixes: [
              {
                title: `Set hostPort to ${containerPort}`,
                edits: [{ offset: hostPortNode.offset, length: hostPortNode.length, newText: String(containerPort) }],
                isPreferred: true,
              },
              { title: 'Remove hostPort', edits: removeNodes([hostPortNode.parent!]) },
            ],
          });
        }
      });
    }
  },
};
