import { templateResources } from '../../core/classify';
import { intrinsicOf } from '../../core/intrinsics';
import { arrayItems, property, stringValue } from '../../core/json';
import type { Rule } from '../../core/rule';
import { booleanValue, containersOf, ecsViews } from '../../ecs/taskDefinition';

const HEALTH_CHECK_DOCS =
  'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_healthcheck';

export const containerHealthCheck: Rule = {
  meta: {
    id: 'ecs/container-health-check',
    title: 'An essential container behind a load balancer without a health check',
    defaultSeverity: 'hint',
    phase: 'advice',
    docsUrl: HEALTH_CHECK_DOCS,
    fixable: false,
    appliesTo: ['cloudformation-template'],
    description: [
      'When a service puts a container behind a load balancer (`LoadBalancers` of an `AWS::ECS::Service` naming the',
      'container), a container `healthCheck` lets ECS replace a task whose process hangs before the load balancer notices,',
      'and gates deployments on the container being healthy. An essential container there without one is reported as a',
      'hint (checkov and KICS check the same).',
    ].join('\n'),
  },
  check(context) {
    const resources = templateResources(context.document.root);
    const behindLoadBalancer = new Map<string, Set<string>>();
    for (const resource of resources) {
      if (resource.type !== 'AWS::ECS::Service') continue;
      const reference = intrinsicOf(property(resource.properties, 'TaskDefinition'));
      const target = reference?.name === 'Ref' ? stringValue(reference.argument) : undefined;
      if (!target) continue;
      for (const loadBalancer of arrayItems(property(resource.properties, 'LoadBalancers'))) {
        const containerName = stringValue(property(loadBalancer, 'ContainerName'));
        if (!containerName) continue;
        if (!behindLoadBalancer.has(target)) behindLoadBalancer.set(target, new Set());
        behindLoadBalancer.get(target)!.add(containerName);
      }
    }
    if (behindLoadBalancer.size === 0) return;
    const byNode = new Map(resources.filter((resource) => resource.properties).map((resource) => [resource.properties!, resource.id]));
    for (const view of ecsViews(context.document)) {
      const names = behindLoadBalancer.get(byNode.get(view.node) ?? '');
      if (!names) continue;
      for (const container of containersOf(view.node)) {
        if (!container.name || !names.has(container.name) || !container.nameNode) continue;
        if (booleanValue(property(container.node, 'essential')) === false || property(container.node, 'healthCheck')) continue;
        context.report({
          at: container.nameNode,
          message: `Container \`${container.name}\` is behind a load balancer but has no \`HealthCheck\`: ECS then only learns of a hung process from the load balancer. Add a HealthCheck command (for example curl of a health path).`,
        });
      }
    }
  },
};
