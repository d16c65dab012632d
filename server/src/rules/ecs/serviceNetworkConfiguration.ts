import { property, stringValue } from '../../core/json';
import { fieldLabel, isTerraformBlock } from '../../core/fieldNames';
import type { Rule } from '../../core/rule';
import { SERVICE_DOCS, serviceLaunch, taskDefinitionsOfService } from '../../ecs/services';
import { objectAnchor } from './shapeText';

export const serviceNetworkConfiguration: Rule = {
  meta: {
    id: 'ecs/service-network-configuration',
    title: 'A service whose tasks use the awsvpc network mode has no networkConfiguration',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: SERVICE_DOCS.awsvpc,
    fixable: false,
    appliesTo: ['ecs-service', 'cloudformation-template'],
    description: [
      'In the `awsvpc` network mode every task gets its own elastic network interface, placed in the subnets and',
      "security groups of the service's `networkConfiguration.awsvpcConfiguration`. CreateService rejects a service",
      'without it when its task definition uses `awsvpc` ("Network Configuration must be provided when networkMode',
      "'awsvpc' is specified.\"), and Fargate always uses `awsvpc`. Add `networkConfiguration` with the",
      "service's `subnets` (and `securityGroups`; `assignPublicIp` on Fargate in a public subnet without a NAT).",
    ].join('\n'),
  },
  check(context) {
    const { document } = context;
    for (const service of document.services) {
      if (property(service.node, 'networkConfiguration')) continue;
      const launch = serviceLaunch(service.node);
      const awsvpc = taskDefinitionsOfService(document, service, context.workspace, context.filePath).find(
        (linked) => stringValue(property(linked.view.node, 'networkMode')) === 'awsvpc',
      );
      if (!awsvpc && launch?.kind !== 'FARGATE') continue;
      // update-service input changes only what it names: the service keeps its network configuration.
      if (service.format === 'api' && property(service.node, 'service')) continue;
      const reason = awsvpc
        ? `its ${awsvpc.label} uses the \`awsvpc\` network mode`
        : `it runs on Fargate (${launch!.label}), which uses the \`awsvpc\` network mode`;
      const terraform = isTerraformBlock(service.node);
      const field = fieldLabel(service.node, 'networkConfiguration');
      const add = terraform
        ? `Add a \`${field}\` block with \`subnets\` and \`security_groups\`.`
        : 'Add networkConfiguration.awsvpcConfiguration with `subnets` and `securityGroups`.';
      context.report({
        at: launch?.node ?? property(service.node, 'taskDefinition')?.parent?.children?.[0] ?? objectAnchor(service.node),
        message: `This service has no \`${field}\`, but ${reason}: each task needs subnets (and security groups) for its network interface, and ECS rejects the service ("Network Configuration must be provided when networkMode 'awsvpc' is specified."). ${add}`,
      });
    }
  },
};
