import { forEachStringValue, property, stringValue, type Node } from '../core/json';
import { findPlaceholders } from '../core/placeholders';
import { innerSpan, type Rule } from '../core/rule';
import type { TextSpan } from '../core/types';

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
      'information, not as a broken ARN. Each distinct placeholder is reported once per file, at its first place,',
      'with every other place listed as related information.',
    ].join('\n'),
  },
  check(context) {
    const { document } = context;
    const isTaskDefinition = document.kind === 'ecs-task-definition';
    // In a task definition the placeholder names an image, secret or role the task cannot start without.
    const phase = isTaskDefinition ? ('start' as const) : undefined;
    // One finding per distinct placeholder: a pasted example repeats its account id in every ARN (622 times
    // in one large task definition), and a row per copy buries the real problems. The first place carries
    // the finding, the others come with it as related locations.
    const byMessage = new Map<string, TextSpan[]>();
    forEachStringValue(document.root, (node) => {
      // Placeholders sit in short values (ARNs, names, images). Long values (embedded data, scripts) are not
      // scanned: V8's regular expressions overflow their stack on runs of millions of matching characters.
      if (node.length > MAX_SCANNED_VALUE_LENGTH) return;
      // A template parameter's type (`AWS::SSM::Parameter::Value<String>`, `List<AWS::EC2::Subnet::Id>`, CDK's
      // BootstrapVersion) has angle brackets of its own.
      if (isCloudFormationType(node)) return;
      const inner = innerSpan(node);
      const raw = document.text.slice(inner.offset, inner.offset + inner.length);
      const allowTemplates = !isTaskDefinition || isFluentBitOption(node);
      for (const match of findPlaceholders(raw, allowTemplates)) {
        const span = { offset: inner.offset + match.offset, length: match.length };
        const spans = byMessage.get(match.message);
        if (spans) spans.push(span);
        else byMessage.set(match.message, [span]);
      }
    });
    for (const [message, [first, ...others]] of byMessage) {
      if (others.length === 0) {
        context.report({ at: first, message, phase });
        continue;
      }
      const value = document.text.slice(first.offset, first.offset + first.length);
      // Line numbers for the CLI, where related locations are not shown; the editor lists them under the finding.
      const lines = [...new Set(others.map((span) => document.lines.rangeOf(span).start.line + 1))];
      const shown = lines.slice(0, 5).join(', ');
      const where = lines.length > 5 ? `${shown} and ${lines.length - 5} more` : shown;
      context.report({
        at: first,
        message: `${message} It appears ${others.length + 1} times in this file (also on line${lines.length === 1 ? '' : 's'} ${where}).`,
        related: others.map((span) => ({ span, message: `\`${value}\` again` })),
        phase,
      });
    }
  },
};

function isCloudFormationType(node: Node): boolean {
  const owner = node.parent;
  return owner?.type === 'property' && owner.children?.[0]?.value === 'Type' && /^(AWS::|List<)/.test(String(node.value));
}

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
