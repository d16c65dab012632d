import { property } from '../../core/json';
import type { Rule } from '../../core/rule';
import { insertProperty } from '../../core/edits';
import { ECS_DOCS } from '../../ecs/links';
import { booleanValue, containerLabel, containersOf, ecsViews } from '../../ecs/taskDefinition';
import { objectAnchor } from './shapeText';

export const readonlyRootFilesystem: Rule = {
  meta: {
    id: 'ecs/readonly-root-filesystem',
    title: "The container's root file system is writable",
    defaultSeverity: 'hint',
    phase: 'advice',
    docsUrl: ECS_DOCS.securityTasks,
    fixable: true,
    appliesTo: ['ecs-task-definition', 'cloudformation-template'],
    description: [
      'AWS security guidance recommends `"readonlyRootFilesystem": true`: an attacker who gets into the',
      'container cannot then change its binaries or drop tools into it. Give the paths the application writes',
      'to a volume (`mountPoints`) or, on EC2, a `tmpfs`. This is a hint, since many images write to their root',
      'file system; the quick fix sets the flag.',
    ].join('\n'),
  },
  check(context) {
    const { text } = context.document;
    for (const view of ecsViews(context.document)) {
      containersOf(view.node).forEach((container, index) => {
        const flag = property(container.node, 'readonlyRootFilesystem');
        if (booleanValue(flag) === true || (flag && flag.type !== 'boolean')) return;
        const edit = flag
          ? { offset: flag.offset, length: flag.length, newText: 'true' }
          : insertProperty(text, container.node, 'readonlyRootFilesystem', 'true');
        context.report({
          at: flag ?? container.nameNode ?? objectAnchor(container.node),
          message: `${containerLabel(container, index).replace(/^c/, 'C')} can write to its root file system. Consider "readonlyRootFilesystem": true, with a volume for the paths it writes to.`,
          fixes: [{ title: 'Set "readonlyRootFilesystem": true', edits: [edit], isPreferred: true }],
        });
      });
    }
  },
};
