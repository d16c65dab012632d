import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument } from '../../server/src/core/document';
import { completionsAt } from '../../server/src/features/completion';
import { hoverAt } from '../../server/src/features/hover';
import { prepareIamData } from '../../server/src/iam/preparer';

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
  assert.match(hover.markdown, /arn:\$\{Partition\}:s3:::\$\{BucketName\}\/\$\{ObjectName\}/);
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

test('hover on condition operators and keys', async () => {
  const doc = policy('{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"StringLikeIfExists": {"s3:prefix": "a/*"}}}');
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

test('completion: ARN templates for the statement\'s actions, and condition keys', async () => {
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
