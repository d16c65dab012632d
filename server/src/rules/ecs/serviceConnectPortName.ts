import { replaceWithString } from '../../core/edits';
import { fieldLabel } from '../../core/fieldNames';
import { arrayItems, property, stringValue } from '../../core/json';
import type { Rule } from '../../core/rule';
import { closestMatch } from '../../core/suggest';
import { portMappingsOf, SERVICE_DOCS, taskDefinitionsOfService } from '../../ecs/services';
import { containersOf } from '../../ecs/taskDefinition';

export const serviceConnectPortName: Rule = {
  meta: {
    id: 'ecs/service-connect-port-name',
    title: 'A Service Connect service names a port mapping its task definition does not have',
    defaultSeverity: 'error',
    phase: 'register',
    // "The portName must match the name of one of the portMappings from all the containers in the task definition."
    docsUrl: SERVICE_DOCS.serviceConnectService,
    fixable: true,
    appliesTo: ['ecs-service', 'cloudformation-template'],
    description: [
      'Service Connect finds the port of each endpoint by name: `serviceConnectConfiguration.services[].portName`',
      "must match the `name` of a port mapping in the service's task definition, so the task definition must name",
      'its port mappings. ECS rejects a service whose `portName` no port mapping has. The quick fix picks the',
      'closest port mapping name.',
    ].join('\n'),
  },
  check(context) {
    const { document } = context;
    for (const service of document.services) {
      const endpoints = arrayItems(property(property(service.node, 'serviceConnectConfiguration'), 'services'));
      if (endpoints.length === 0) continue;
      const linked = taskDefinitionsOfService(document, service, context.workspace, context.filePath);
      if (linked.length === 0) continue;
      const mappings = linked.flatMap((taskDefinition) =>
        containersOf(taskDefinition.view.node).flatMap((container) => portMappingsOf(container.node)),
      );
      // A name the linter cannot read (a parameter) may be the one.
      if (mappings.some((mapping) => mapping.name === undefined && property(mapping.node, 'name'))) continue;
      const names = [...new Set(mappings.map((mapping) => mapping.name).filter((name): name is string => name !== undefined))];
      const label = linked.length === 1 ? `its ${linked[0].label}` : `its ${linked.length} task definitions`;
      for (const endpoint of endpoints) {
        const portNameNode = property(endpoint, 'portName');
        const portName = stringValue(portNameNode);
        if (!portNameNode || portName === undefined || names.includes(portName)) continue;
        const suggestion = closestMatch(portName, names);
        context.report({
          at: portNameNode,
          message:
            names.length === 0
              ? `Service Connect endpoint \`${portName}\` needs a named port mapping, but no port mapping of ${label} has a \`name\`; ECS rejects the service. Add "name": "${portName}" to the port mapping this endpoint serves.`
              : `No port mapping of ${label} is named \`${portName}\` (named: ${names.map((name) => `\`${name}\``).join(', ')}); Service Connect finds the endpoint's port by this name, and ECS rejects the service.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`,
          fixes: suggestion
            ? [
                {
                  title: `Change ${fieldLabel(endpoint, 'portName')} to \`${suggestion}\``,
                  edits: [replaceWithString(portNameNode, suggestion)],
                  isPreferred: true,
                },
              ]
            : [],
        });
      }
    }
  },
};
