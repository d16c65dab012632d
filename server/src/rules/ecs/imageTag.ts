import { property, stringValue } from '../../core/json';
import type { Rule } from '../../core/rule';
import { innerSpan } from '../../core/rule';
import { ECS_DOCS } from '../../ecs/links';
import { containerLabel, containersOf, ecsViews } from '../../ecs/taskDefinition';

/** The tag of an image reference (`repo:tag`, `host:port/repo:tag`), `digest` when pinned, undefined without one. */
export function imageTagOf(image: string): string | undefined {
  if (image.includes('@')) return 'digest';
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  return colon >= 0 ? lastSegment.slice(colon + 1) : undefined;
}

export const imageTag: Rule = {
  meta: {
    id: 'ecs/image-tag',
    title: 'The image has no tag or uses :latest',
    defaultSeverity: 'hint',
    phase: 'advice',
    docsUrl: ECS_DOCS.image,
    fixable: false,
    appliesTo: ['ecs-task-definition', 'cloudformation-template'],
    description: [
      'An image without a tag means `:latest`, which moves: two tasks of the same revision can run different',
      'code, and a rollback to an older revision does not roll back the image. Pin a version tag or, better, a',
      'digest (`repo@sha256:...`); with ECR, immutable tags prevent a tag from being overwritten.',
    ].join('\n'),
  },
  check(context) {
    for (const view of ecsViews(context.document)) {
      containersOf(view.node).forEach((container, index) => {
        const imageNode = property(container.node, 'image');
        const image = stringValue(imageNode);
        if (!imageNode || !image || /[<>{}$]/.test(image)) return;
        const tag = imageTagOf(image);
        if (tag !== undefined && tag !== 'latest') return;
        context.report({
          at: innerSpan(imageNode),
          message: `The image of ${containerLabel(container, index)} ${tag === 'latest' ? 'uses the moving `:latest` tag' : 'has no tag, so `:latest` is pulled'}: tasks may run different code over time and rollbacks do not roll back the image. Pin a version tag or a digest.`,
        });
      });
    }
  },
};
