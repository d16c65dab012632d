import { replaceNode, replaceWithString } from '../../core/edits';
import { fieldLabel, isTerraformBlock } from '../../core/fieldNames';
import { arrayItems, fieldName, property, stringValue, type Node } from '../../core/json';
import type { Rule } from '../../core/rule';
import { closestMatch } from '../../core/suggest';
import type { Fix } from '../../core/types';
import { containersOf } from '../../ecs/taskDefinition';
import { integerValue, portMappingsOf, SERVICE_DOCS, taskDefinitionsOfService, type LinkedTaskDefinition } from '../../ecs/services';

export const serviceContainerReference: Rule = {
  meta: {
    id: 'ecs/service-container-reference',
    title: "A service's load balancer or service registry names a container or port its task definition does not have",
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: SERVICE_DOCS.loadBalancer,
    fixable: true,
    appliesTo: ['ecs-service', 'cloudformation-template'],
    description: [
      "Each entry of a service's `loadBalancers` (and of `serviceRegistries`, where it names a container) routes",
      "traffic to one container and port of the service's task definition: `containerName` must be a container",
      'of that task definition and `containerPort` one of its `portMappings[].containerPort`. Otherwise ECS rejects',
      'the service, for example "The container web did not have a container port 8080 defined." The task',
      'definition is found through `Ref` / `Fn::GetAtt` in a template, or by its family in the workspace; with',
      'several candidates (the same family in several files) only a name or port missing from all of them is',
      "reported. Quick fixes pick the closest container name or the container's only port.",
    ].join('\n'),
  },
  check(context) {
    const { document } = context;
    for (const service of document.services) {
      const linked = taskDefinitionsOfService(document, service, context.workspace, context.filePath);
      if (linked.length === 0) continue;
      for (const [field, docsUrl] of [
        ['loadBalancers', SERVICE_DOCS.loadBalancer],
        ['serviceRegistries', SERVICE_DOCS.serviceRegistry],
      ] as const) {
        for (const entry of arrayItems(property(service.node, field))) {
          const nameNode = property(entry, 'containerName');
          const portNode = property(entry, 'containerPort');
          const name = stringValue(nameNode);
          if (!nameNode || name === undefined) continue;
          checkEntry(
            context,
            linked,
            isTerraformBlock(service.node) ? fieldLabel(service.node, field) : fieldName(service.node, field),
            nameNode,
            name,
            portNode,
            docsUrl,
          );
        }
      }
    }
  },
};

function checkEntry(
  context: Parameters<Rule['check']>[0],
  linked: LinkedTaskDefinition[],
  field: string,
  nameNode: Node,
  name: string,
  portNode: Node | undefined,
  docsUrl: string,
): void {
  const label =
    linked.length === 1
      ? `its ${linked[0].label}`
      : `any of its ${linked.length} task definitions (${linked.map((l) => l.label).join(', ')})`;
  const containers = linked.map((taskDefinition) => containersOf(taskDefinition.view.node).find((container) => container.name === name));
  if (containers.every((container) => container === undefined)) {
    // A task definition whose containers the linter cannot all read (names from parameters) may have it.
    if (linked.some((taskDefinition) => containersOf(taskDefinition.view.node).some((container) => container.name === undefined))) return;
    const names = [
      ...new Set(linked.flatMap((taskDefinition) => containersOf(taskDefinition.view.node).map((container) => container.name!))),
    ];
    const suggestion = closestMatch(name, names);
    const fixes: Fix[] = suggestion
      ? [
          {
            title: `Change ${fieldLabel(nameNode.parent?.parent, 'containerName')} to \`${suggestion}\``,
            edits: [replaceWithString(nameNode, suggestion)],
            isPreferred: true,
          },
        ]
      : [];
    context.report({
      at: nameNode,
      message: `\`${field}\` names the container \`${name}\`, which is not in ${label} (containers: ${names.map((n) => `\`${n}\``).join(', ') || 'none'}), so ECS rejects the service.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`,
      docsUrl,
      fixes,
    });
    return;
  }
  const port = integerValue(portNode);
  if (!portNode || port === undefined) return;
  const found = containers.filter((container) => container !== undefined);
  const ports = found.map((container) => portMappingsOf(container!.node));
  if (ports.some((mappings) => mappings.some((mapping) => mapping.containerPort === port))) return;
  // A port mapping the linter cannot read (a parameter) may be that port.
  if (ports.some((mappings) => mappings.some((mapping) => mapping.containerPort === undefined))) return;
  const defined = [...new Set(ports.flat().map((mapping) => mapping.containerPort!))];
  const fixes: Fix[] =
    defined.length === 1
      ? [
          {
            title: `Change ${fieldLabel(portNode.parent?.parent, 'containerPort')} to ${defined[0]}`,
            edits: [replaceNode(portNode, portNode.type === 'string' ? JSON.stringify(String(defined[0])) : String(defined[0]))],
            isPreferred: true,
          },
        ]
      : [];
  context.report({
    at: portNode,
    message: `The container \`${name}\` of ${label} maps ${defined.length > 0 ? `only the container port${defined.length === 1 ? '' : 's'} ${defined.join(', ')}` : 'no port (no `portMappings`)'}, not ${port}, so ECS rejects the service: "The container ${name} did not have a container port ${port} defined." ${defined.length > 0 ? `Use one of its ports, or add a port mapping for ${port} to the container.` : `Add a port mapping for ${port} to the container.`}`,
    docsUrl,
    fixes,
  });
}
