import { property, stringValue } from '../../core/json';
import type { Rule } from '../../core/rule';
import { fargateReason } from '../../ecs/services';
import { ECS_DOCS } from '../../ecs/links';
import { containerLabel, containersOf, ecsViews, networkModeOf } from '../../ecs/taskDefinition';
import { objectAnchor } from './shapeText';

const ROOT_USER = /^(?:root|0)(?::(?:root|0))?$/;

export const rootUserHostNetwork: Rule = {
  meta: {
    id: 'ecs/root-user-host-network',
    title: 'A container may run as root in the host network mode',
    defaultSeverity: 'warning',
    phase: 'advice',
    docsUrl: ECS_DOCS.hostNetwork,
    fixable: false,
    appliesTo: ['ecs-task-definition', 'cloudformation-template'],
    description: [
      "In the `host` network mode containers use the instance's network stack directly. The API documentation",
      'advises not to run such containers as the root user (UID 0): a root process there can bind any port and',
      'reach the instance metadata and every local service. Set `user` to a non-root user (for example `"1000"`',
      'or `"app"`); without `user` the image\'s default applies, which is root for most images.',
    ].join('\n'),
  },
  check(context) {
    for (const view of ecsViews(context.document)) {
      if (fargateReason(context.document, view, context.workspace, context.filePath) || networkModeOf(view.node) !== 'host') continue;
      containersOf(view.node).forEach((container, index) => {
        const userNode = property(container.node, 'user');
        const user = stringValue(userNode);
        if (userNode && (user === undefined || !ROOT_USER.test(user.trim()))) return;
        context.report({
          at: userNode ?? container.nameNode ?? objectAnchor(container.node),
          message: `${containerLabel(container, index).replace(/^c/, 'C')} ${userNode ? 'runs as root' : "sets no `user`, so it runs as the image's default user (usually root)"} in the \`host\` network mode, where it shares the instance's network stack. Set "user" to a non-root user.`,
        });
      });
    }
  },
};
