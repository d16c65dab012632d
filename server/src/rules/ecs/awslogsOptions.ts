import { property, stringValue } from '../../core/json';
import { isIntrinsic } from '../../core/intrinsics';
import type { Rule } from '../../core/rule';
import { insertProperty } from '../../core/edits';
import { AWSLOGS_URL } from '../../ecs/logOptions';
import { containerLabel, containersOf, ecsViews, keyOf } from '../../ecs/taskDefinition';
import { fargateReason, fargateWhy } from '../../ecs/services';

export const awslogsOptions: Rule = {
  meta: {
    id: 'ecs/awslogs-options',
    title: 'The awslogs log driver without its log group, its Region, or (on Fargate) its stream prefix',
    defaultSeverity: 'error',
    phase: 'start',
    docsUrl: AWSLOGS_URL,
    fixable: true,
    appliesTo: ['ecs-task-definition', 'cloudformation-template'],
    description: [
      'The `awslogs` log driver needs to know where to send the output: `options` with `awslogs-group` (required:',
      'Docker refuses to start the container without it, "must specify a value for log opt \'awslogs-group\'"), and',
      '`awslogs-region`, which the ECS documentation lists as required (on EC2 the driver falls back to the',
      "instance's Region, so its absence is a warning). On Fargate `awslogs-stream-prefix` is required as well (the ECS",
      'API reference: "Required: Yes, when using Fargate"; registration fails with "Fargate requires log configuration',
      'options to include awslogs-stream-prefix to support log driver awslogs"), also when Fargate is known only from',
      'a service that runs the task definition. The quick fix adds the missing options with placeholders.',
    ].join('\n'),
  },
  check(context) {
    const { text } = context.document;
    for (const view of ecsViews(context.document)) {
      const fargate = fargateReason(context.document, view, context.workspace, context.filePath);
      containersOf(view.node).forEach((container, index) => {
        const logConfiguration = property(container.node, 'logConfiguration');
        if (logConfiguration?.type !== 'object' || stringValue(property(logConfiguration, 'logDriver')) !== 'awslogs') return;
        const label = containerLabel(container, index);
        const options = property(logConfiguration, 'options');
        const optionsName = view.format === 'cloudformation' ? 'Options' : 'options';
        if (!options) {
          context.report({
            at: keyOf(property(logConfiguration, 'logDriver')!),
            message: `The awslogs log driver of ${label} has no \`${optionsName}\`: it needs \`awslogs-group\` (the container does not start without it) and \`awslogs-region\`${fargate ? ', and on Fargate `awslogs-stream-prefix`' : ''}.`,
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
                          fargate
                            ? '{ "awslogs-group": "<log-group>", "awslogs-region": "<region>", "awslogs-stream-prefix": "ecs" }'
                            : '{ "awslogs-group": "<log-group>", "awslogs-region": "<region>" }',
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
        if (fargate && !property(options, 'awslogs-stream-prefix')) {
          const consequence =
            fargate.by === 'requiresCompatibilities'
              ? 'so registering it fails ("Fargate requires log configuration options to include awslogs-stream-prefix to support log driver awslogs")'
              : 'and once it requires FARGATE, as that service needs, registering it fails without the option';
          context.report({
            at: keyOf(options),
            phase: 'register',
            message: `The awslogs options of ${label} have no \`awslogs-stream-prefix\`, which Fargate requires; this task definition ${fargateWhy(fargate)}, ${consequence}. Add a prefix: log streams are then named \`prefix/container-name/task-id\`.`,
            fixes:
              context.document.format === 'yaml'
                ? []
                : [
                    {
                      title: 'Add "awslogs-stream-prefix": "ecs"',
                      edits: [insertProperty(text, options, 'awslogs-stream-prefix', '"ecs"')],
                      isPreferred: true,
                    },
                  ],
          });
        }
      });
    }
  },
};
