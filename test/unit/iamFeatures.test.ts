import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument } from '../../server/src/core/document';
import { completionsAt } from '../../server/src/features/completion';
import { hoverAt } from '../../server/src/features/hover';
import { prepareIamData } from '../../server/src/iam/preparer';
import { applySuggestion, visibleSuggestions } from '../helpers';

/** `|` marks the cursor. */
function at(textWithCursor: string): { text: string; offset: number } {
  const offset = textWithCursor.indexOf('|');
  return { text: textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1), offset };
}

const policy = (statement: string) => `{"Version": "2012-10-17", "Statement": [${statement}]}`;

test('hover on an action: description, access level, resource types, data date', async () => {
  const { text, offset } = at(policy('{"Effect": "Allow", "Action": "s3:Get|Object", "Resource": "*"}'));
  const hover = await hoverAt(parseDocument(text), offset);
  assert.ok(hover);
  assert.match(hover.markdown, /\*\*s3:GetObject\*\*/);
  assert.match(hover.markdown, /Access level: \*\*Read\*\*/);
  assert.match(hover.markdown, /arn:aws:s3:::<BucketName>\/<ObjectName>/);
  assert.match(hover.markdown, /IAM data of \d{4}-\d{2}-\d{2}/);
});

test('hover on a wildcard action lists what it expands to', async () => {
  const { text, offset } = at(policy('{"Effect": "Allow", "Action": "ecr:BatchGet|*", "Resource": "*"}'));
  const hover = await hoverAt(parseDocument(text), offset);
  assert.match(hover!.markdown, /matches \d+ of the \d+ actions/);
  assert.match(hover!.markdown, /BatchGetImage/);
});

test('hover on an ARN shows its parts and the resource type', async () => {
  const { text, offset } = at(policy('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b|ucket/*"}'));
  const hover = await hoverAt(parseDocument(text), offset);
  assert.match(hover!.markdown, /\| region \| \(none\) \|/);
  assert.match(hover!.markdown, /s3:object/);
});

test('hover on an ARN lists only the resource types whose pattern it matches, written readably', async () => {
  // Issue 12: SSM's `bucket` type (arn:${Partition}:s3:::${BucketName}) was listed for objects too.
  const objects = at(policy('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-rep|orts/*"}'));
  const objectHover = (await hoverAt(parseDocument(objects.text), objects.offset))!.markdown;
  assert.match(objectHover, /Matches the resource type \*\*s3:object\*\* \(`arn:aws:s3:::<BucketName>\/<ObjectName>`\)\./);
  assert.doesNotMatch(objectHover, /bucket\*\*|\$\{/);
  const bucket = at(policy('{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::acme-rep|orts"}'));
  const bucketHover = (await hoverAt(parseDocument(bucket.text), bucket.offset))!.markdown;
  assert.match(bucketHover, /\*\*s3:bucket\*\*/);
  assert.doesNotMatch(bucketHover, /s3:object/);
  const table = at(
    policy('{"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "arn:aws:dynamodb:us-east-1:210987654321:Ord|ers"}'),
  );
  const tableHover = (await hoverAt(parseDocument(table.text), table.offset))!.markdown;
  assert.match(tableHover, /Matches no dynamodb resource type/);
  assert.match(tableHover, /`arn:aws:dynamodb:us-east-1:210987654321:table\/Orders` names a table/);
});

test('hover on condition operators and keys', async () => {
  const doc = policy(
    '{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"StringLikeIfExists": {"s3:prefix": "a/*"}}}',
  );
  const operator = await hoverAt(parseDocument(doc), doc.indexOf('StringLikeIfExists') + 2);
  assert.match(operator!.markdown, /IfExists/);
  const key = await hoverAt(parseDocument(doc), doc.indexOf('s3:prefix') + 2);
  assert.match(key!.markdown, /s3 key, type String/);
  assert.match(key!.markdown, /Supported by an action/);
});

test('completion: prefixes, then actions with descriptions', async () => {
  const prefixes = at(policy('{"Effect": "Allow", "Action": "ec|", "Resource": "*"}'));
  const first = await completionsAt(parseDocument(prefixes.text), prefixes.offset);
  assert.ok(first.some((item) => item.label === 'ecr:'));
  const actions = at(policy('{"Effect": "Allow", "Action": "ecr:Get|", "Resource": "*"}'));
  const second = await completionsAt(parseDocument(actions.text), actions.offset);
  const token = second.find((item) => item.label === 'ecr:GetAuthorizationToken');
  assert.ok(token?.documentation);
});

test("completion: ARN templates for the statement's actions, and condition keys", async () => {
  const arn = at(policy('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "|"}'));
  const templates = await completionsAt(parseDocument(arn.text), arn.offset);
  assert.ok(templates.some((item) => item.label === 'arn:aws:s3:::${BucketName}/${ObjectName}' && item.isSnippet));
  const key = at(policy('{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"StringLike": {"|": "x"}}}'));
  const keys = await completionsAt(parseDocument(key.text), key.offset);
  assert.ok(keys.some((item) => item.label === 's3:prefix'));
  assert.ok(keys.some((item) => item.label === 'aws:SourceIp'));
  const operator = at(policy('{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"|": {}}}'));
  const operators = await completionsAt(parseDocument(operator.text), operator.offset);
  assert.ok(operators.some((item) => item.label === 'ForAnyValue:StringLike'));
});

test('a task definition never waits for the IAM catalogue', async () => {
  const started = Date.now();
  await prepareIamData(parseDocument('{"family": "web", "containerDefinitions": [{"name": "a", "image": "nginx:1.27"}]}'));
  assert.ok(Date.now() - started < 50);
});

// What VS Code shows: every position where IAM completion offered nothing in the editor (issue 12, item 1)
// though the server sent items, because their range started at the quote and their filterText did not.
const SHOWN_CASES: Array<{ name: string; code: string; first: string[]; choose?: string; result?: string }> = [
  {
    name: 'action after a prefix, closing quote',
    code: '{"Effect": "Allow", "Action": ["sqs:|"], "Resource": "*"}',
    first: ['sqs:AddPermission', 'sqs:CancelMessageMoveTask'],
    choose: 'sqs:SendMessage',
    result: '"Action": ["sqs:SendMessage"], "Resource"',
  },
  {
    name: 'action after a prefix, no closing quote',
    code: '{"Effect": "Allow", "Action": ["sqs:|], "Resource": "*"}',
    first: ['sqs:AddPermission'],
    choose: 'sqs:SendMessage',
    result: '"Action": ["sqs:SendMessage"], "Resource"',
  },
  {
    name: 'action after a prefix, no closing quote, end of line',
    code: '{"Effect": "Allow", "Action": ["sqs:Send|\n], "Resource": "*"}',
    first: ['sqs:SendMessage'],
    choose: 'sqs:SendMessage',
    result: '"Action": ["sqs:SendMessage"\n]',
  },
  {
    name: 'service prefix',
    code: '{"Effect": "Allow", "Action": "kms|", "Resource": "*"}',
    first: ['kms:'],
    choose: 'kms:',
    result: '"Action": "kms:", "Resource"',
  },
  { name: 'empty Action string', code: '{"Effect": "Allow", "Action": ["|"], "Resource": "*"}', first: ['a2c:'] },
  {
    name: 'empty Resource string',
    code: '{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "|"}',
    first: ['arn:aws:s3:'],
    choose: 'arn:aws:s3:::${BucketName}/${ObjectName}',
    result: '"Resource": "arn:aws:s3:::BucketName/ObjectName"',
  },
  {
    name: 'new operator key inside Condition',
    code: '{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"|"}}',
    first: ['StringEquals', 'StringEqualsIfExists'],
    choose: 'StringLike',
    result: '"Condition": {"StringLike": {\n\t"": ""\n}}',
  },
  {
    name: 'operator key inside Condition, no quote yet',
    code: '{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {|}}',
    first: ['StringEquals'],
    choose: 'StringEquals',
    result: '"Condition": {"StringEquals": {\n\t"": ""\n}}',
  },
  {
    name: 'condition key, value present',
    code: '{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"StringLike": {"s3:pre|": "a/*"}}}',
    first: ['s3:prefix'],
    choose: 's3:prefix',
    result: '{"s3:prefix": "a/*"}',
  },
  {
    name: 'new condition key',
    code: '{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"StringLike": {"|"}}}',
    // s3:ListBucket's own keys first (its service's, then the `aws:` keys it lists), global keys after.
    first: ['s3:'],
    choose: 'aws:SourceVpc',
    result: '{"aws:SourceVpc": ""}',
  },
];

for (const { name, code, first, choose, result } of SHOWN_CASES) {
  test(`completion the editor shows: ${name}`, async () => {
    const { text, offset } = at(policy(code));
    const items = await completionsAt(parseDocument(text), offset);
    const shown = visibleSuggestions(text, offset, items);
    assert.ok(shown.length > 0, `the editor would show nothing of ${items.length} items: ${JSON.stringify(items.slice(0, 2))}`);
    first.forEach((label, index) =>
      assert.ok(shown[index].label.startsWith(label), `item ${index + 1} is ${shown[index].label}, expected ${label}`),
    );
    if (choose) {
      const item = shown.find((candidate) => candidate.label === choose);
      assert.ok(item, `${choose} is shown`);
      assert.ok(applySuggestion(text, item).includes(result!), applySuggestion(text, item));
    }
  });
}
