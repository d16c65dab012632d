import { arrayItems, property, stringValue, type Node } from '../../core/json';
import type { Rule } from '../../core/rule';
import { innerSpan } from '../../core/rule';
import { closestMatch } from '../../core/suggest';
import type { Fix } from '../../core/types';
import { ECS_DOCS } from '../../ecs/links';
import { containersOf, ecsViews } from '../../ecs/taskDefinition';

export const unknownContainerReference: Rule = {
  meta: {
    id: 'ecs/unknown-container-reference',
    title: 'A reference to a container that is not in the task definition',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: ECS_DOCS.dependsOn,
    fixable: true,
    appliesTo: ['ecs-task-definition', 'cloudformation-template'],
    description: [
      '`dependsOn[].containerName`, `links` (`name` or `name:alias`), `volumesFrom[].sourceContainer` and',
      '`proxyConfiguration.containerName` must name a container of the same task definition; a container',
      'cannot depend on itself. A misspelt name makes register-task-definition fail. The quick fix replaces the',
      'name with the closest container name.',
    ].join('\n'),
  },
  check(context) {
    for (const view of ecsViews(context.document)) {
      const containers = containersOf(view.node);
      const names = containers.map((container) => container.name).filter((name): name is string => name !== undefined);
      const checkReference = (
        node: Node | undefined,
        referenced: string | undefined,
        where: string,
        self?: string,
        replaceLength?: number,
      ) => {
        if (!node || referenced === undefined) return;
        if (referenced === self && where.startsWith('dependsOn')) {
          context.report({
            at: innerSpan(node),
            message: `Container \`${self}\` depends on itself in \`dependsOn\`; a container can only wait for other containers. Remove this entry.`,
          });
          return;
        }
        if (names.includes(referenced)) return;
        const suggestion = closestMatch(
          referenced,
          names.filter((name) => name !== self),
        );
        const fixes: Fix[] = suggestion
          ? [
              {
                title: `Change to \`${suggestion}\``,
                edits: [{ offset: innerSpan(node).offset, length: replaceLength ?? referenced.length, newText: suggestion }],
                isPreferred: true,
              },
            ]
          : [];
        context.report({
          at: innerSpan(node),
          message: `\`${where}\` names \`${referenced}\`, but no container in this task definition has that name.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''} Containers: ${[...new Set(names)].map((name) => `\`${name}\``).join(', ') || 'none with a name'}.`,
          fixes: stringValue(node) !== undefined && node.length === JSON.stringify(stringValue(node)).length ? fixes : [],
        });
      };
      for (const container of containers) {
        for (const dependency of arrayItems(property(container.node, 'dependsOn'))) {
          const nameNode = property(dependency, 'containerName');
          checkReference(nameNode, stringValue(nameNode), 'dependsOn.containerName', container.name);
        }
        for (const link of arrayItems(property(container.node, 'links'))) {
          const value = stringValue(link);
          if (value === undefined) continue;
          const target = value.split(':')[0];
          checkReference(link, target, 'links', container.name, target.length);
        }
        for (const source of arrayItems(property(container.node, 'volumesFrom'))) {
          const nameNode = property(source, 'sourceContainer');
          checkReference(nameNode, stringValue(nameNode), 'volumesFrom.sourceContainer', container.name);
        }
      }
      const proxyContainer = property(property(view.node, 'proxyConfiguration'), 'containerName');
      checkReference(proxyContainer, stringValue(proxyContainer), 'proxyConfiguration.containerName');
    }
  },
};
