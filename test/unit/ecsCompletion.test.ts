// Completion in task definitions, through the core (features/completion.ts). `|` marks the cursor.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTree, type ParseError } from 'jsonc-parser';
import { parseDocument } from '../../server/src/core/document';
import { completionsAt, type CompletionSuggestion } from '../../server/src/features/completion';
import { applyEdits } from '../helpers';

async function complete(textWithCursor: string): Promise<{ text: string; items: CompletionSuggestion[] }> {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
  return { text, items: await completionsAt(parseDocument(text), offset) };
}

/** The text after choosing `label`, with snippet placeholders replaced by their defaults. */
function choose(text: string, items: CompletionSuggestion[], label: string): string {
  const item = items.find((candidate) => candidate.label === label);
  assert.ok(item, `${label} not among ${items.map((candidate) => candidate.label).join(', ')}`);
  const insert = item.isSnippet ? item.insertText.replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '') : item.insertText;
  return applyEdits(text, [{ ...item.replace, newText: insert }]);
}

function parses(text: string): boolean {
  const errors: ParseError[] = [];
  parseTree(text, errors);
  return errors.length === 0;
}

test('keys of a container in an empty object, required first, snippets that parse', async () => {
  const { text, items } = await complete('{"family": "a", "containerDefinitions": [{|}]}');
  const labels = items.map((item) => item.label);
  for (const key of ['name', 'image', 'memoryReservation', 'logConfiguration', 'secrets', 'portMappings']) assert.ok(labels.includes(key), key);
  assert.ok(!labels.includes('pidMode'), 'pidMode is task-level');
  const log = choose(text, items, 'logConfiguration');
  assert.ok(parses(log), log);
  assert.match(log, /"logDriver": "awslogs"/);
  assert.ok(parses(choose(text, items, 'secrets')));
  assert.ok(parses(choose(text, items, 'portMappings')));
});

test('a key being typed is replaced whole; present keys are not offered again', async () => {
  const { text, items } = await complete('{"family": "a", "containerDefinitions": [{"name": "web", "memRes|"}]}');
  assert.ok(!items.some((item) => item.label === 'name'));
  const result = choose(text, items, 'memoryReservation');
  assert.equal(result, '{"family": "a", "containerDefinitions": [{"name": "web", "memoryReservation": 0}]}');
});

test('renaming an existing key keeps its value', async () => {
  const { text, items } = await complete('{"family": "a", "netw|": "awsvpc", "containerDefinitions": []}');
  assert.equal(choose(text, items, 'networkMode'), '{"family": "a", "networkMode": "awsvpc", "containerDefinitions": []}');
});

test('a comma is added when another property follows', async () => {
  const { text, items } = await complete('{"family": "a", "containerDefinitions": [{"name": "x", "|" "image": "y"}]}');
  assert.ok(parses(choose(text, items, 'essential')));
});

test('enum values for networkMode, replacing the string being typed', async () => {
  const { text, items } = await complete('{"family": "a", "networkMode": "aw|", "containerDefinitions": []}');
  assert.deepEqual(items.map((item) => item.label), ['awsvpc', 'bridge', 'host', 'none']);
  assert.equal(choose(text, items, 'awsvpc'), '{"family": "a", "networkMode": "awsvpc", "containerDefinitions": []}');
});

test('enum values inside an array (requiresCompatibilities)', async () => {
  const { items } = await complete('{"family": "a", "requiresCompatibilities": ["|"], "containerDefinitions": []}');
  assert.ok(items.some((item) => item.label === 'FARGATE'));
});

test('awslogs option names and values', async () => {
  const names = await complete('{"family": "a", "containerDefinitions": [{"logConfiguration": {"logDriver": "awslogs", "options": {"|"}}}]}');
  assert.deepEqual(names.items.slice(0, 3).map((item) => item.label), ['awslogs-group', 'awslogs-region', 'awslogs-stream-prefix']);
  assert.ok(parses(choose(names.text, names.items, 'awslogs-create-group')));
  const values = await complete('{"family": "a", "containerDefinitions": [{"logConfiguration": {"logDriver": "awslogs", "options": {"mode": "|"}}}]}');
  assert.deepEqual(values.items.map((item) => item.label), ['non-blocking', 'blocking']);
});

test('Fargate memory values for the chosen cpu', async () => {
  const { items } = await complete('{"family": "a", "requiresCompatibilities": ["FARGATE"], "cpu": "512", "memory": "|", "containerDefinitions": []}');
  assert.deepEqual(items.map((item) => item.label), ['1024', '2048', '3072', '4096']);
});

test('container names for dependsOn', async () => {
  const { items } = await complete('{"family": "a", "containerDefinitions": [{"name": "app"}, {"name": "db", "dependsOn": [{"containerName": "|"}]}]}');
  assert.deepEqual(items.map((item) => item.label), ['app', 'db']);
});

test('booleans while typing a bare word', async () => {
  const { text, items } = await complete('{"family": "a", "containerDefinitions": [{"essential": t|}]}');
  assert.equal(choose(text, items, 'true'), '{"family": "a", "containerDefinitions": [{"essential": true}]}');
});

test('describe-task-definition output: completion inside the wrapper', async () => {
  const { items } = await complete('{"taskDefinition": {"family": "a", "containerDefinitions": [{|}]}}');
  assert.ok(items.some((item) => item.label === 'image'));
});

test('top-level keys of a task definition', async () => {
  const { items } = await complete('{"family": "a", |"containerDefinitions": []}');
  const labels = items.map((item) => item.label);
  assert.ok(labels.includes('networkMode') && labels.includes('pidMode') && !labels.includes('family'));
  assert.ok(!labels.includes('inferenceAccelerators'), 'deprecated fields are not offered');
});
