import { forEachStringValue, property, stringValue, type Node } from '../core/json';
import { findPlaceholders } from '../core/placeholders';
import type { Rule } from '../core/rule';

/** Longer string values are not scanned for placeholders (see check()). */
const MAX_SCANNED_VALUE_LENGTH = 100_000;

export const placeholder: Rule = {
  meta: {
    id: 'placeholder',
    title: 'A value copied from documentation was never filled in',
    defaultSeverity: 'info',
    phase: 'runtime',
    docsUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html',
    fixable: false,
    appliesTo: ['ecs-task-definition', 'iam-identity-policy', 'iam-resource-policy', 'iam-trust-policy', 'cloudformation-template'],
    description: [
      'Examples in documentation and articles use stand-ins such as `<bucketName>`, `<region>`, `XXXXXXXXXXXX`,',
      '`111122223333` or `your-bucket`. Left in place they are the most common mistake in pasted policies and task',
      'definitions: the ARN is well formed but names nothing, so access is denied or the task fails to start.',
      'In task definitions, `${...}` left over from a template is reported too (ECS does not substitute it),',
      'except in FireLens options, where Fluent Bit expands environment variables itself. This is reported as',
      'information, not as a broken ARN.',
    ].join('\n'),
  },
  check(context) {
    const { document } = context;
    const isTaskDefinition = document.kind === 'ecs-task-definition';
    forEachStringValue(document.root, (node) => {
      // Placeholders sit in short values (ARNs, names, images). Long values (embedded data, scripts) are not
      // scanned: V8's regular expressions overflow their stack on runs of millions of matching characters.
      if (node.length > MAX_SCANNED_VALUE_LENGTH) return;
      const raw = document.text.slice(node.offset + 1, node.offset + node.length - 1);
      const allowTemplates = !isTaskDefinition || isFluentBitOption(node);
      for (const match of findPlaceholders(raw, allowTemplates)) {
        // In a task definition the placeholder names an image, secret or role the task cannot start without.
        context.report({ at: { offset: node.offset + 1 + match.offset, length: match.length }, message: match.message, phase: isTaskDefinition ? 'start' : undefined });
      }
    });
  },
};

/** True for values inside `logConfiguration.options` of the awsfirelens driver or `firelensConfiguration.options`. */
function isFluentBitOption(node: Node): boolean {
  const options = node.parent?.parent;
  if (options?.type !== 'object') return false;
  const optionsProperty = options.parent;
  if (optionsProperty?.type !== 'property' || optionsProperty.children?.[0]?.value !== 'options') return false;
  const owner = optionsProperty.parent;
  const ownerKey = owner?.parent?.type === 'property' ? owner.parent.children?.[0]?.value : undefined;
  if (ownerKey === 'firelensConfiguration') return true;
  return ownerKey === 'logConfiguration' && stringValue(property(owner, 'logDriver')) === 'awsfirelens';
}
