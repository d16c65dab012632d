import { replaceWithString } from '../../core/edits';
import { templateResources } from '../../core/classify';
import { intrinsicOf } from '../../core/intrinsics';
import { arrayItems, property, stringValue } from '../../core/json';
import type { Rule } from '../../core/rule';
import { fargateReason, integerValue, portMappingsOf, SERVICE_DOCS, serviceLaunch, taskDefinitionsOfService } from '../../ecs/services';
import { containersOf } from '../../ecs/taskDefinition';

export const serviceHealthCheckPort: Rule = {
  meta: {
    id: 'ecs/service-health-check-port',
    title: 'A container with a dynamic host port sits behind a target group whose health check uses a fixed port',
    defaultSeverity: 'warning',
    phase: 'start',
    docsUrl: SERVICE_DOCS.targetGroupHealthCheck,
    fixable: true,
    appliesTo: ['cloudformation-template'],
    description: [
      'In the `bridge` network mode a port mapping without `hostPort` (or with `hostPort` 0) gets a dynamic host',
      'port from the ephemeral range, and ECS registers each task with the target group on that port. The target',
      "group's health check must then use `traffic-port` (its default), the port each target was registered with;",
      'a fixed `HealthCheckPort` checks a port no task listens on, so every target fails its health checks and ECS',
      'keeps replacing the tasks. Checked when the service, its task definition and the target group are in the',
      'same template. The quick fix sets `HealthCheckPort` to `traffic-port`.',
    ].join('\n'),
  },
  check(context) {
    const { document } = context;
    if (document.services.length === 0) return;
    const resources = templateResources(document.root);
    for (const service of document.services) {
      if (serviceLaunch(service.node)?.kind === 'FARGATE') continue;
      const linked = taskDefinitionsOfService(document, service, context.workspace, context.filePath);
      if (linked.length !== 1) continue;
      const { view } = linked[0];
      const mode = stringValue(property(view.node, 'networkMode'));
      if (property(view.node, 'networkMode') && mode !== 'bridge') continue;
      if (fargateReason(document, view, context.workspace, context.filePath)) continue;
      for (const entry of arrayItems(property(service.node, 'loadBalancers'))) {
        const name = stringValue(property(entry, 'containerName'));
        const port = integerValue(property(entry, 'containerPort'));
        const container = containersOf(view.node).find((candidate) => candidate.name === name);
        const mapping = container && portMappingsOf(container.node).find((candidate) => candidate.containerPort === port);
        if (!mapping || (mapping.hostPortNode && mapping.hostPort !== 0)) continue;
        const reference = intrinsicOf(property(entry, 'targetGroupArn'));
        const targetGroupId = reference?.name === 'Ref' ? stringValue(reference.argument) : undefined;
        const targetGroup = resources.find(
          (resource) => resource.id === targetGroupId && resource.type === 'AWS::ElasticLoadBalancingV2::TargetGroup',
        );
        const healthCheckPort = property(targetGroup?.properties, 'HealthCheckPort');
        const value = healthCheckPort?.type === 'number' ? String(healthCheckPort.value) : stringValue(healthCheckPort);
        if (!healthCheckPort || value === undefined || value === 'traffic-port') continue;
        context.report({
          at: healthCheckPort,
          message: `The target group \`${targetGroupId}\` health-checks port ${value}, but the service registers the container \`${name}\` (port ${port}) of ${linked[0].label} on a dynamic host port (${mapping.hostPortNode ? '`hostPort` 0' : 'no `hostPort`'} in the \`bridge\` network mode), so the health checks reach a port no task listens on and every target stays unhealthy. Set "HealthCheckPort": "traffic-port".`,
          fixes: [
            {
              title: 'Set HealthCheckPort to "traffic-port"',
              edits: [replaceWithString(healthCheckPort, 'traffic-port')],
              isPreferred: true,
            },
          ],
          related: [
            {
              span: { offset: property(entry, 'containerName')!.offset, length: property(entry, 'containerName')!.length },
              message: 'the load balancer entry of the service',
            },
          ],
        });
      }
    }
  },
};
