import { replaceWithString } from '../../core/edits';
import { fieldAssignmentLabel, fieldLabel } from '../../core/fieldNames';
import { property, stringValue } from '../../core/json';
import type { Rule } from '../../core/rule';
import { SERVICE_DOCS, serviceLaunch } from '../../ecs/services';

export const serviceSchedulingStrategy: Rule = {
  meta: {
    id: 'ecs/service-scheduling-strategy',
    title: 'The DAEMON scheduling strategy on Fargate, EXTERNAL or a non-ECS deployment controller',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: SERVICE_DOCS.createService,
    fixable: true,
    appliesTo: ['ecs-service', 'cloudformation-template'],
    description: [
      'The `DAEMON` strategy places one task on each container instance, so it needs instances ECS manages: tasks',
      'on Fargate or the EXTERNAL launch type, and services with the `CODE_DEPLOY` or `EXTERNAL` deployment',
      "controller, do not support it (CreateService's `schedulingStrategy`). Use `REPLICA` with a `desiredCount`.",
      'The quick fix sets `schedulingStrategy` to `REPLICA`.',
    ].join('\n'),
  },
  check(context) {
    for (const service of context.document.services) {
      const strategyNode = property(service.node, 'schedulingStrategy');
      if (stringValue(strategyNode) !== 'DAEMON') continue;
      const launch = serviceLaunch(service.node);
      const controller = stringValue(property(property(service.node, 'deploymentController'), 'type'));
      const why =
        launch?.kind === 'FARGATE' || launch?.kind === 'EXTERNAL'
          ? `it runs on ${launch.kind === 'FARGATE' ? 'Fargate' : 'external instances'} (${launch.label})`
          : controller === 'CODE_DEPLOY' || controller === 'EXTERNAL'
            ? `it uses the ${controller} deployment controller`
            : undefined;
      if (!why) continue;
      const field = fieldLabel(service.node, 'schedulingStrategy');
      context.report({
        at: strategyNode!,
        message: `This service uses the DAEMON scheduling strategy, but ${why}, which supports only REPLICA; ECS rejects the service. Set ${fieldAssignmentLabel(service.node, 'schedulingStrategy', '"REPLICA"')} and a \`${fieldLabel(service.node, 'desiredCount')}\`.`,
        fixes: [
          {
            title: `Set ${field} to "REPLICA"`,
            edits: [replaceWithString(strategyNode!, 'REPLICA')],
            isPreferred: true,
          },
        ],
      });
    }
  },
};
