// The generated task-definition shape must match what scripts/generate-ecs-schema.mjs derives from the
// pinned @aws-sdk/client-ecs; and the shape must hold what the rules rely on.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { enumValues, locate, SHAPES, shapeInfo } from '../../server/src/ecs/schema';
import { parseDocument } from '../../server/src/core/document';
import { fargateCpuOption, parseCpuUnits, parseMemoryMiB } from '../../server/src/ecs/fargate';
import { REPO_ROOT } from '../helpers';

test('taskDefinitionSchema.generated.json and the JSON Schema are up to date (run node scripts/generate-ecs-schema.mjs)', async () => {
  const generator = await import(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'generate-ecs-schema.mjs')).toString());
  const { shapeTable, jsonSchema } = generator.generate();
  assert.equal(readFileSync(generator.SHAPE_FILE, 'utf8'), generator.serialize(shapeTable), 'taskDefinitionSchema.generated.json is stale');
  assert.equal(
    readFileSync(generator.JSON_SCHEMA_FILE, 'utf8'),
    generator.serialize(jsonSchema),
    'taskDefinition.schema.generated.json is stale',
  );
  assert.match(shapeTable.$comment, /do not edit/);
});

test('HTML documentation becomes Markdown', async () => {
  const { htmlToMarkdown } = await import(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'generate-ecs-schema.mjs')).toString());
  assert.equal(
    htmlToMarkdown(
      '<p>Use <code>awsvpc</code>, see <a href="https://x.example/a">Networking</a> in the <i>Guide</i>.</p> <note> <p>Not on <b>Windows</b>.</p> </note> <ul> <li> <p>one</p> </li> <li> <p>two &lt;b&gt;</p> </li> </ul>',
    ),
    'Use `awsvpc`, see [Networking](https://x.example/a) in the *Guide*.\n\n> **Note:** Not on **Windows**.\n\n- one\n- two <b>',
  );
});

test('the shape follows the model: types, required members, enums, read-only fields', () => {
  const root = shapeInfo('RegisterTaskDefinitionRequest');
  assert.deepEqual(root.members.cpu.type, { kind: 'string' });
  assert.deepEqual(shapeInfo('ContainerDefinition').members.cpu.type, { kind: 'integer' });
  assert.equal(root.members.family.required, true);
  assert.equal(root.members.containerDefinitions.required, true);
  assert.deepEqual(enumValues('NetworkMode'), ['awsvpc', 'bridge', 'host', 'none']);
  assert.ok(enumValues('LogDriver').includes('awsfirelens'));
  for (const name of [
    'taskDefinitionArn',
    'revision',
    'status',
    'requiresAttributes',
    'compatibilities',
    'registeredAt',
    'registeredBy',
    'deregisteredAt',
  ]) {
    assert.ok(SHAPES.readOnlyFields[name], name);
  }
  assert.ok(!root.members.revision);
  assert.ok(root.members.networkMode.doc.includes('`awsvpc`') && !root.members.networkMode.doc.includes('<code>'));
});

test('locate() follows the path of a node down the shape', () => {
  const document = parseDocument(
    '{"family": "a", "containerDefinitions": [{"name": "x", "portMappings": [{"protocol": "tcp"}], "dockerLabels": {"k": "v"}}]}',
  );
  const container = document.taskDefinitions[0].node.children![1].children![1].children![0];
  const protocol = container.children![1].children![1].children![0].children![0].children![1];
  assert.deepEqual(locate(document.taskDefinitions[0].node, protocol)?.type, { kind: 'enum', enum: 'TransportProtocol' });
  const label = container.children![2].children![1].children![0].children![1];
  assert.equal(locate(document.taskDefinitions[0].node, label)?.mapKey, 'k');
});

test('Fargate sizes: parsing and the table', () => {
  const cases: Array<[string | number, number | undefined]> = [
    ['1024', 1024],
    ['1 vCPU', 1024],
    ['0.25 vcpu', 256],
    ['.5 vCPU', 512],
    [2048, 2048],
    ['fast', undefined],
  ];
  for (const [input, expected] of cases) assert.equal(parseCpuUnits(input), expected, String(input));
  const memories: Array<[string | number, number | undefined]> = [
    ['2048', 2048],
    ['2 GB', 2048],
    ['2GB', 2048],
    ['0.5 GB', 512],
    ['2 gb', 2048],
    ['lots', undefined],
  ];
  for (const [input, expected] of memories) assert.equal(parseMemoryMiB(input), expected, String(input));
  assert.deepEqual(fargateCpuOption(256)?.memory, [512, 1024, 2048]);
  assert.equal(fargateCpuOption(8192)?.memory[1], 16384 + 4096);
  assert.equal(fargateCpuOption(16384)?.memory.at(-1), 122880);
  assert.equal(fargateCpuOption(300), undefined);
});
