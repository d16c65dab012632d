// Stand-ins copied from documentation (`<bucketName>`, `111122223333`, `your-bucket`, `arn:aws:s3:region:account:...`),
// found in a string value's raw text. Plain text matching: the `placeholder` rule reports them, and the ECS
// ARN format checks (`ecs/arnFormat.ts`) pass over values that hold one.

interface PlaceholderPattern {
  pattern: RegExp;
  explain: (match: string) => string;
  /** Only in task definitions: `${...}` is a policy variable in IAM and `Fn::Sub` syntax in CloudFormation. */
  taskDefinitionsOnly?: boolean;
}

const FILL_IN = 'replace it with the real value before you register or attach this';

const PATTERNS: PlaceholderPattern[] = [
  {
    // Not CloudFormation types such as `List<AWS::EC2::Image::Id>` (a `::` inside the brackets), and not
    // HTML tags (`<h1>`, `<p>`) in the web page a template's UserData writes.
    pattern:
      /<(?![A-Za-z0-9]+::)(?!(?:html|head|body|title|style|script|meta|link|div|span|p|br|hr|b|i|u|em|strong|small|code|pre|ul|ol|li|table|thead|tbody|tr|td|th|h[1-6]|center|font|form|label|button|img|a|nav|header|footer|main|section|article)>)[A-Za-z][\w .:/-]{0,60}>/gi,
    explain: (match) => `\`${match}\` is a placeholder copied from documentation; ${FILL_IN}.`,
  },
  {
    // 12 X's stand for an account id in AWS samples; shorter runs of X appear too (`XXXXX.dkr.ecr...`).
    pattern: /(?<![A-Za-z0-9])(?:X{5,}|x{5,})(?![A-Za-z0-9])/g,
    explain: (match) => `\`${match}\` is a placeholder, usually for a 12-digit AWS account ID; ${FILL_IN}.`,
  },
  {
    pattern: /(?<![0-9])(?:111122223333|444455556666|123456789012|000000000000)(?![0-9])/g,
    explain: (match) =>
      `\`${match}\` is an example account ID from the AWS documentation, not a real account; replace it with your account ID.`,
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
const ARN_ACCOUNT_WORDS =
  /^(?:account|account-?id|account_id|accountid|aws-account-id|aws_account_id|ACCOUNT|ACCOUNT_?ID|AWS_ACCOUNT_ID|AccountId)$/i;

export interface PlaceholderMatch {
  offset: number;
  length: number;
  message: string;
}

/** Every pattern above needs one of these; most values have none, and are passed over with one test. */
const MAY_HOLD_PLACEHOLDER = /<|xxxxx|111122223333|444455556666|123456789012|000000000000|\{|your|replace|change|fill/i;

/** The placeholders in a string value's raw text (without quotes); `allowTemplates` keeps `${...}` out. */
export function findPlaceholders(raw: string, allowTemplates: boolean): PlaceholderMatch[] {
  const isArn = raw.startsWith('arn:');
  if (!MAY_HOLD_PLACEHOLDER.test(raw)) return isArn ? arnFieldPlaceholders(raw) : [];
  const matches: PlaceholderMatch[] = [];
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
  const kept: PlaceholderMatch[] = [];
  for (const match of matches) {
    const last = kept[kept.length - 1];
    if (last && match.offset < last.offset + last.length) continue;
    kept.push(match);
  }
  return kept;
}

function arnFieldPlaceholders(raw: string): PlaceholderMatch[] {
  const fields = raw.split(':');
  if (fields.length < 6) return [];
  const result: PlaceholderMatch[] = [];
  const offsetOf = (index: number) => fields.slice(0, index).join(':').length + 1;
  if (ARN_REGION_WORDS.test(fields[3])) {
    result.push({
      offset: offsetOf(3),
      length: fields[3].length,
      message: `\`${fields[3]}\` stands for a region (such as \`us-east-1\`) in this ARN; ${FILL_IN}.`,
    });
  }
  if (ARN_ACCOUNT_WORDS.test(fields[4])) {
    result.push({
      offset: offsetOf(4),
      length: fields[4].length,
      message: `\`${fields[4]}\` stands for a 12-digit account ID in this ARN; ${FILL_IN}.`,
    });
  }
  return result;
}
