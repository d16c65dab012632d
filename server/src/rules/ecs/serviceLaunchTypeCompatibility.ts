import { appendArrayItem, insertProperty } from '../../core/edits';
import { fieldLabel } from '../../core/fieldNames';
import { arrayItems, keyNode, property, stringValue } from '../../core/json';
import type { Rule } from '../../core/rule';
import type { Fix } from '../../core/types';
import { SERVICE_DOCS, serviceLaunch, taskDefinitionsOfService } from '../../ecs/services';

export const serviceLaunchTypeCompatibility: Rule = {
  meta: {
    id: 'ecs/service-launch-type-compatibility',
    title: "A Fargate service's task definition does not require FARGATE compatibility",
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: SERVICE_DOCS.launchTypes,
    fixable: true,
    appliesTo: ['ecs-service', 'cloudformation-template'],
    description: [
      'ECS validates a task definition against the launch types in its `requiresCompatibilities` when it is',
      'registered; without `FARGATE` there (the default is EC2), the task definition is not Fargate-compatible and',
      'CreateService or UpdateService with the `FARGATE` launch type (or a `FARGATE` / `FARGATE_SPOT` capacity',
      'provider) fails with "Task definition does not support launch_type FARGATE." The task definition is found',
      'through `Ref` / `Fn::GetAtt` in a template, or by its family in the workspace. The quick fix adds `FARGATE`',
      "to the task definition's `requiresCompatibilities` when both are in the same template; the Fargate rules",
      '(network mode, task size, supported parameters and log drivers) then apply to it as well. A service without',
      "launch type or strategy runs on its cluster's default capacity provider strategy, which counts when the",
      'template defines the cluster. create-service input that names both `launchType` and `capacityProviderStrategy`',
      'is reported here too (the API takes one or the other; in a template `cfn/invalid-value` reports it).',
    ].join('\n'),
  },
  check(context) {
    const { document } = context;
    for (const service of document.services) {
      // create-service input with both: the API takes one or the other. (In a template, cfn/invalid-value reports it.)
      const launchType = property(service.node, 'launchType');
      const strategy = property(service.node, 'capacityProviderStrategy');
      if (service.format === 'api' && launchType && strategy && !(strategy.type === 'array' && arrayItems(strategy).length === 0)) {
        context.report({
          at: keyNode(strategy) ?? strategy,
          message:
            'This service names both `launchType` and `capacityProviderStrategy`; CreateService takes one or the other and rejects the request. Keep `launchType`, or keep the strategy (needed for FARGATE_SPOT, Auto Scaling group and managed-instance capacity providers).',
          docsUrl: SERVICE_DOCS.createService,
          related: [
            {
              span: { offset: (keyNode(launchType) ?? launchType).offset, length: (keyNode(launchType) ?? launchType).length },
              message: 'launch type set here',
            },
          ],
        });
      }
      const launch = serviceLaunch(service.node);
      if (launch?.kind !== 'FARGATE') continue;
      const linked = taskDefinitionsOfService(document, service, context.workspace, context.filePath);
      for (const taskDefinition of linked) {
        const compatibilities = property(taskDefinition.view.node, 'requiresCompatibilities');
        const values = arrayItems(compatibilities).map(stringValue);
        if (values.includes('FARGATE')) continue;
        // A value the linter cannot read (a parameter, a Fn::If) may hold FARGATE.
        if (compatibilities && (compatibilities.type !== 'array' || values.some((value) => value === undefined))) continue;
        const field = fieldLabel(taskDefinition.view.node, 'requiresCompatibilities');
        const fixes: Fix[] = [];
        if (!taskDefinition.path) {
          const { text } = document;
          fixes.push({
            title: `Add "FARGATE" to the ${field} of the ${taskDefinition.label}`,
            edits: [
              compatibilities
                ? appendArrayItem(text, compatibilities, '"FARGATE"')
                : insertProperty(text, taskDefinition.view.node, 'requiresCompatibilities', '["FARGATE"]', 'first'),
            ],
            isPreferred: true,
          });
        }
        context.report({
          at: launch.node,
          message: `This service runs on Fargate (${launch.label}), but its ${taskDefinition.label} ${compatibilities ? `requires only ${values.join(', ') || 'nothing'}` : `sets no \`${field}\` (the default is EC2)`}, so ECS did not validate it for Fargate and creating or updating the service fails: "Task definition does not support launch_type FARGATE." Add "FARGATE" to the task definition's \`${field}\`.`,
          fixes,
        });
      }
    }
  },
};
