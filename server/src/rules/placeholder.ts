import { forEachStringValue, property, stringValue, type Node } from '../core/json';
import type { Rule } from '../core/rule';

interface PlaceholderPattern {
  pattern: RegExp;
  explain: (match: string) => string;
  /** Only in task definitions: `${...}` is a policy variable in IAM and `Fn::Sub` syntax in CloudFormation. */
  taskDefinitionsOnly?: boolean;
}

/** Longer string values are not scanned for placeholders (see check()). */
const MAX_SCANNED_VALUE_LENGTH = 100_000;

const FILL_IN = 'replace it with the real value before you register or attach this';

const PATTERNS: PlaceholderPattern[] = [
  {
    // Not CloudFormation types such as `List<AWS::EC2::Image::Id>` (a `::` inside the brackets), and not
    // HTML tags (`<h1>`, `<p>`) in the web page a template's UserData writes.
    pattern: /<(?![A-Za-z0-9]+::)(?!(?:html|head|body|title|style|script|meta|link|div|span|p|br|hr|b|i|u|em|strong|small|code|pre|ul|ol|li|table|thead|tbody|tr|td|th|h[1-6]|center|font|form|label|button|img|a|nav|header|footer|main|section|article)>)[A-Za-z][\w .:/-]{0,60}>/gi,
    explain: (match) => `\`${match}\` is a placeholder copied from documentation; ${FILL_IN}.`,
  },
  {
    // 12 X's stand for an account id in AWS samples; shorter runs of X appear too (`XXXXX.dkr.ecr...`).
    pattern: /(?<![A-Za-z0-9])(?:X{5,}|x{5,})(?![A-Za-z0-9])/g,
    explain: (match) => `\`${match}\` is a placeholder, usually for a 12-digit AWS account ID; ${FILL_IN}.`,
  },
  {
    pattern: /(?<![0-9])(?:111122223333|444455556666|123456789012|000000000000)(?![0-9])/g,
    explain: (match) => `\`${match}\` is an example account ID from the AWS documentation, not a real account; replace it with your account ID.`,
  },
  {
    pattern: /\{\s*(?:your|my)[^{}]{0,60}\}/gi,
    explain: (match) => `\`${match}\` is a placeholder copied from documentation; ${FILL_IN}.`,
  },
  {
    pattern: /(?<![A-Za-z0-9{<])your(?!s\b|self|selves)[-_]?[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*/gi,
    explain: (match) => `\`${match}\` looks like a placeholder from an example; ${FILL_IN}.`,
  },
  {
    pattern: /(?<![A-Za-z0-9])(?:REPLACE[_-]?ME|CHANGE[_-]?ME|FILL[_-]?ME[_-]?IN)(?![A-Za-z0-9])/gi,
    explain: (match) => `\`${match}\` marks a value that was never filled in; ${FILL_IN}.`,
  },
  {
    pattern: /\$\{[^{}]{1,80}\}/g,
    taskDefinitionsOnly: true,
    explain: (match) =>
      `\`${match}\` is template syntax left in the task definition: ECS does not substitute variables, so it would be used literally. Render the template (or replace the value) before registering.`,
  },
];

/** Words that documentation puts in the region or account field of an example ARN. */
const ARN_REGION_WORDS = /^(?:region|aws-region|aws_region|REGION|AWS_REGION|Region)$/;
const ARN_ACCOUNT_WORDS = /^(?:account|account-?id|account_id|accountid|aws-account-id|aws_account_id|ACCOUNT|ACCOUNT_?ID|AWS_ACCOUNT_ID|AccountId)$/i;

interface Match {
  offset: number;
  length: number;
  message: string;
}

export const placeholder: Rule = {
  meta: {
    id: 'placeholder',
    title: 'A value copied from documentation was never filled in',
    defaultSeverity: 'info',
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
        context.report({ at: { offset: node.offset + 1 + match.offset, length: match.length }, message: match.message });
      }
    });
  },
};

/** Every pattern above needs one of these; most values have none, and are passed over with one test. */
const MAY_HOLD_PLACEHOLDER = /<|xxxxx|111122223333|444455556666|123456789012|000000000000|\{|your|replace|change|fill/i;

export function findPlaceholders(raw: string, allowTemplates: boolean): Match[] {
  const isArn = raw.startsWith('arn:');
  if (!MAY_HOLD_PLACEHOLDER.test(raw)) return isArn ? arnFieldPlaceholders(raw) : [];
  const matches: Match[] = [];
  for (const { pattern, explain, taskDefinitionsOnly } of PATTERNS) {
    if (taskDefinitionsOnly && allowTemplates) continue;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(raw); match; match = pattern.exec(raw)) {
      matches.push({ offset: match.index, length: match[0].length, message: explain(match[0]) });
    }
  }
  if (isArn) matches.push(...arnFieldPlaceholders(raw));
  // Several patterns can hit the same text (`<account-id>`): keep the first, longest match at each place.
  matches.sort((a, b) => a.offset - b.offset || b.length - a.length);
  const kept: Match[] = [];
  for (const match of matches) {
    const last = kept[kept.length - 1];
    if (last && match.offset < last.offset + last.length) continue;
    kept.push(match);
  }
  return kept;
}

function arnFieldPlaceholders(raw: string): Match[] {
  const fields = raw.split(':');
  if (fields.length < 6) return [];
  const result: Match[] = [];
  const offsetOf = (index: number) => fields.slice(0, index).join(':').length + 1;
  if (ARN_REGION_WORDS.test(fields[3])) {
    result.push({ offset: offsetOf(3), length: fields[3].length, message: `\`${fields[3]}\` stands for a region (such as \`us-east-1\`) in this ARN; ${FILL_IN}.` });
  }
  if (ARN_ACCOUNT_WORDS.test(fields[4])) {
    result.push({ offset: offsetOf(4), length: fields[4].length, message: `\`${fields[4]}\` stands for a 12-digit account ID in this ARN; ${FILL_IN}.` });
  }
  return result;
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
