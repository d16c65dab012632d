import { property, stringValue } from '../../core/json';
import { fieldLabel, isTerraformBlock } from '../../core/fieldNames';
import type { Rule } from '../../core/rule';
import { fargateReason } from '../../ecs/services';
import { removeNodes } from '../../core/edits';
import { ECS_DOCS } from '../../ecs/links';
import { ecsViews } from '../../ecs/taskDefinition';

export const hostNamespace: Rule = {
  meta: {
    id: 'ecs/host-namespace',
    title: "The task shares the host's process or IPC namespace",
    defaultSeverity: 'warning',
    phase: 'advice',
    docsUrl: ECS_DOCS.pidMode,
    fixable: true,
    appliesTo: ['ecs-task-definition', 'cloudformation-template'],
    description: [
      '`pidMode: "host"` lets the containers see (and signal) every process on the instance; `ipcMode: "host"`',
      "shares the host's shared memory and semaphores. Both widen what a compromised container can reach, and",
      'the API documentation warns about each. They are **task-level** fields: set inside a container',
      'definition they do nothing (`ecs/unknown-field` reports that). Remove them unless a monitoring agent',
      'really needs the host namespace. (On Fargate they are not supported; `ecs/fargate-unsupported-parameter`.)',
    ].join('\n'),
  },
  check(context) {
    for (const view of ecsViews(context.document)) {
      if (fargateReason(context.document, view, context.workspace, context.filePath)) continue;
      for (const field of ['pidMode', 'ipcMode'] as const) {
        const node = property(view.node, field);
        if (stringValue(node) !== 'host') continue;
        const what =
          field === 'pidMode'
            ? 'process namespace: containers can see and signal every process on the instance'
            : 'IPC namespace: shared memory and semaphores of the instance';
        const written = fieldLabel(view.node, field);
        context.report({
          at: node!.parent!,
          message: `\`${isTerraformBlock(view.node) ? `${written} = "host"` : `${field}: "host"`}\` shares the host's ${what}. Remove it unless a host-monitoring agent needs it.`,
          docsUrl: field === 'pidMode' ? ECS_DOCS.pidMode : ECS_DOCS.ipcMode,
          fixes: [{ title: `Remove ${written}`, edits: removeNodes([node!.parent!]), isPreferred: true }],
        });
      }
    }
  },
};
