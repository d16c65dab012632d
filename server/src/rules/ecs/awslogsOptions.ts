import { property, stringValue } from '../../core/json';
import { isIntrinsic } from '../../core/intrinsics';
import type { Rule } from '../../core/rule';
import { insertProperty } from '../../core/edits';
import { AWSLOGS_URL } from '../../ecs/logOptions';
import { containerLabel, containersOf, ecsViews, keyOf } from '../../ecs/taskDefinition';

export const awslogsOptions: Rule = {
  meta: {
    id: 'ecs/awslogs-options',
    title: 'The awslogs log driver without its log group or Region',
    defaultSeverity: 'error',
    phase: 'start',
    docsUrl: AWSLOGS_URL,
    fixable: true,
    appliesTo: ['ecs-task-definition', 'cloudformation-template'],
    description: [
      'The `awslogs` log driver needs to know where to send the output: `options` with `awslogs-group` (required:',
      'Docker refuses to start the container without it, "must specify a value for log opt \'awslogs-group\'"), and',
      '`awslogs-region`, which the ECS documentation lists as required (on EC2 the driver falls back to the',
      "instance's Region, so its absence is a warning). The quick fix adds the missing options with placeholders.",
    ].join('\n'),
  },
  check(context) {
    const { text } = context.document;
    for (const view of ecsViews(context.document)) {
      containersOf(view.node).forEach((container, index) => {
        const logConfiguration = property(container.node, 'logConfiguration');
        if (logConfiguration?.type !== 'object' || stringValue(property(logConfiguration, 'logDriver')) !== 'awslogs') return;
        const label = containerLabel(container, index);
        const options = property(logConfiguration, 'options');
        const optionsName = view.format === 'cloudformation' ? 'Options' : 'options';
        if (!options) {
          context.report({
            at: keyOf(property(logConfiguration, 'logDriver')!),
            message: `The awslogs log driver of ${label} has no \`${optionsName}\`: it needs \`awslogs-group\` (the container does not start without it) and \`awslogs-region\`.`,
            fixes:
              context.document.format === 'yaml'
                ? []
                : [
                    {
                      title: `Add ${optionsName} with awslogs-group and awslogs-region`,
                      edits: [
                        insertProperty(
                          text,
                          logConfiguration,
                          optionsName,
                          '{ "awslogs-group": "<log-group>", "awslogs-region": "<region>" }',
                        ),
                      ],
                      isPreferred: true,
                    },
                  ],
          });
          return;
        }
        if (options.type !== 'object' || isIntrinsic(options)) return;
        if (!property(options, 'awslogs-group')) {
          context.report({
            at: keyOf(options),
            message: `The awslogs options of ${label} have no \`awslogs-group\`; Docker does not start the container without a log group ("must specify a value for log opt 'awslogs-group'").`,
            fixes:
              context.document.format === 'yaml'
                ? []
                : [
                    {
                      title: 'Add "awslogs-group"',
                      edits: [insertProperty(text, options, 'awslogs-group', '"<log-group>"')],
                      isPreferred: true,
                    },
                  ],
          });
        }
        if (!property(options, 'awslogs-region')) {
          context.report({
            at: keyOf(options),
            severity: 'warning',
            message: `The awslogs options of ${label} have no \`awslogs-region\`, which the ECS documentation lists as required; on EC2 the driver falls back to the instance's Region, elsewhere the logs may have nowhere to go. Name the Region of the log group.`,
            fixes:
              context.document.format === 'yaml'
                ? []
                : [{ title: 'Add "awslogs-region"', edits: [insertProperty(text, options, 'awslogs-region', '"<region>"')] }],
          });
        }
      });
    }
  },
};
