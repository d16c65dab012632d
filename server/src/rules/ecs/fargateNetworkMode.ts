import { property, stringValue } from '../../core/json';
import { fieldAssignmentLabel, fieldLabel } from '../../core/fieldNames';
import type { Rule } from '../../core/rule';
import { insertProperty } from '../../core/edits';
import { ECS_DOCS } from '../../ecs/links';
import { ecsViews } from '../../ecs/taskDefinition';
import { fargateReason, fargateWhy, taskDefinitionAnchor } from '../../ecs/services';

export const fargateNetworkMode: Rule = {
  meta: {
    id: 'ecs/fargate-network-mode',
    title: 'Fargate tasks must use the awsvpc network mode',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: ECS_DOCS.fargate,
    fixable: true,
    appliesTo: ['ecs-task-definition', 'cloudformation-template'],
    description: [
      'On Fargate every task gets its own elastic network interface, so `networkMode` must be `awsvpc`.',
      'Without `networkMode` the API default is `bridge`, which a task definition requiring `FARGATE`',
      'compatibility cannot use; `host` and `none` are not available either. The quick fix sets (or adds)',
      '`"networkMode": "awsvpc"`.',
    ].join('\n'),
  },
  check(context) {
    const { text } = context.document;
    for (const view of ecsViews(context.document)) {
      const fargate = fargateReason(context.document, view, context.workspace, context.filePath);
      if (!fargate) continue;
      const modeNode = property(view.node, 'networkMode');
      const mode = stringValue(modeNode);
      if (mode === 'awsvpc') continue;
      const field = fieldLabel(view.node, 'networkMode');
      const assignment = fieldAssignmentLabel(view.node, 'networkMode', '"awsvpc"');
      if (modeNode) {
        context.report({
          at: modeNode,
          message: `This task definition ${fargateWhy(fargate)}, and Fargate supports only the \`awsvpc\` network mode, not \`${mode ?? text.slice(modeNode.offset, modeNode.offset + modeNode.length)}\`. Set ${assignment}.`,
          fixes: [
            {
              title: `Set ${field} to "awsvpc"`,
              edits: [{ offset: modeNode.offset, length: modeNode.length, newText: '"awsvpc"' }],
              isPreferred: true,
            },
          ],
        });
      } else {
        const compatibilities = property(view.node, 'requiresCompatibilities');
        context.report({
          at: taskDefinitionAnchor(view),
          message: `This task definition ${fargateWhy(fargate)} but sets no \`${field}\`, so the default \`bridge\` applies, which Fargate does not support. Add ${assignment}.`,
          fixes: [
            {
              title: `Add ${assignment}`,
              edits: [insertProperty(text, view.node, 'networkMode', '"awsvpc"', compatibilities?.parent)],
              isPreferred: true,
            },
          ],
        });
      }
    }
  },
};
