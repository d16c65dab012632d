// Hover in task definitions, through the core (features/hover.ts). `|` marks the cursor.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parseDocument } from '../../server/src/core/document';
import { hoverAt } from '../../server/src/features/hover';
import { FIXTURES } from '../helpers';

async function hover(textWithCursor: string): Promise<string | undefined> {
  const offset = textWithCursor.indexOf('|');
  const document = parseDocument(textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1));
  return (await hoverAt(document, offset))?.markdown;
}

const fargate = (body: string) =>
  `{"family": "web", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", ${body}, "containerDefinitions": [{"name": "a", "image": "nginx:1.27"}]}`;

const cases: Array<{ name: string; code: string; includes: string[]; excludes?: string[] }> = [
  {
    name: 'task cpu: value in vCPU and the Fargate memory range',
    code: fargate('"cp|u": "1024", "memory": "2048"'),
    includes: [
      '**cpu**',
      '1 vCPU',
      '2048–8192 MiB in steps of 1024',
      'number of CPU units used by the task',
      'API_RegisterTaskDefinition.html',
    ],
  },
  { name: '"1 vCPU" read as 1024 units', code: fargate('"cpu": "1 v|CPU", "memory": "2 GB"'), includes: ['1024 CPU units = 1 vCPU'] },
  {
    name: 'task memory that does not fit the cpu',
    code: fargate('"cpu": "256", "memory": "40|96"'),
    includes: ['4096 MiB = 4 GiB', '**this value does not fit**', 'works with cpu 512, 1024, 2048'],
  },
  {
    name: 'enum value: valid values with the current one in bold',
    code: fargate('"cpu": "256", "memory": "512", "runtimePlatform": {"cpuArchitecture": "AR|M64"}'),
    includes: ['**cpuArchitecture**', '**`ARM64`**', '`X86_64`', 'API_RuntimePlatform.html'],
  },
  {
    name: 'networkMode meaning',
    code: '{"family": "a", "network|Mode": "bridge", "containerDefinitions": []}',
    includes: ["Docker's virtual bridge network", 'Valid values'],
  },
  {
    name: 'container memory',
    code: '{"family": "a", "containerDefinitions": [{"name": "x", "mem|ory": 512}]}',
    includes: ['hard limit of 512 MiB', 'in `ContainerDefinition`'],
  },
  {
    name: 'private ECR image',
    code: '{"family": "a", "containerDefinitions": [{"name": "x", "ima|ge": "210987654321.dkr.ecr.eu-west-1.amazonaws.com/web:1"}]}',
    includes: ['repository `web`', 'account `210987654321`', 'execution role'],
  },
  {
    name: 'awslogs option',
    code: '{"family": "a", "containerDefinitions": [{"name": "x", "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-create-gr|oup": "true"}}}]}',
    includes: ['awslogs option', 'logs:CreateLogGroup'],
  },
  {
    name: 'read-only field of describe output',
    code: '{"taskDefinition": {"family": "a", "revi|sion": 3, "containerDefinitions": []}}',
    includes: ['read-only', 'register-task-definition does not accept it'],
  },
  {
    name: 'deprecated field',
    code: '{"family": "a", "inferenceAccele|rators": [], "containerDefinitions": []}',
    includes: ['**deprecated**'],
  },
];

// CloudFormation: the same documentation inside an AWS::ECS::TaskDefinition, named as CloudFormation spells it.
const template = (properties: string) =>
  `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Task": {"Type": "AWS::ECS::TaskDefinition", "Properties": ${properties}}}}`;
cases.push(
  {
    name: 'template: NetworkMode',
    code: template('{"Family": "a", "Network|Mode": "bridge", "ContainerDefinitions": []}'),
    includes: [
      '**NetworkMode**',
      "Docker's virtual bridge network",
      'Valid values',
      '`networkMode` in the ECS API',
      'aws-resource-ecs-taskdefinition.html',
    ],
    excludes: ['**networkMode**'],
  },
  {
    name: 'template: an enum value',
    code: template('{"Family": "a", "NetworkMode": "aws|vpc", "ContainerDefinitions": []}'),
    includes: ['**NetworkMode**', '**`awsvpc`**'],
  },
  {
    name: 'template: Fargate Cpu',
    code: template('{"Family": "a", "RequiresCompatibilities": ["FARGATE"], "Cp|u": "1024", "Memory": "2048", "ContainerDefinitions": []}'),
    includes: ['**Cpu**', '1 vCPU', '2048–8192 MiB in steps of 1024'],
  },
  {
    name: 'template: container memory',
    code: template('{"Family": "a", "ContainerDefinitions": [{"Name": "x", "Mem|ory": 512}]}'),
    includes: ['**Memory**', 'hard limit of 512 MiB', 'in `ContainerDefinition`'],
  },
  {
    name: 'template: EFS FilesystemId',
    code: template(
      '{"Family": "a", "Volumes": [{"Name": "v", "EFSVolumeConfiguration": {"Filesys|temId": "fs-1"}}], "ContainerDefinitions": []}',
    ),
    includes: ['**FilesystemId**', 'in `EFSVolumeConfiguration`', '`fileSystemId` in the ECS API'],
  },
  {
    name: 'template: awslogs option',
    code: template(
      '{"Family": "a", "ContainerDefinitions": [{"Name": "x", "LogConfiguration": {"LogDriver": "awslogs", "Options": {"awslogs-create-gr|oup": "true"}}}]}',
    ),
    includes: ['awslogs option', 'logs:CreateLogGroup'],
  },
);

for (const { name, code, includes, excludes } of cases) {
  test(`ECS hover: ${name}`, async () => {
    const markdown = await hover(code);
    assert.ok(markdown, 'a hover is expected');
    for (const part of includes) assert.ok(markdown.includes(part), `"${part}" not in:\n${markdown}`);
    for (const part of excludes ?? []) assert.ok(!markdown.includes(part), `"${part}" should not be in the hover`);
  });
}

test('ECS hover: unknown keys and files that are not task definitions get none', async () => {
  assert.equal(await hover('{"family": "a", "bo|gus": 1, "containerDefinitions": []}'), undefined);
  // In a template the API spelling is an unknown field (ecs/unknown-field reports it), so no field hover.
  assert.equal(await hover(template('{"Family": "a", "network|Mode": "bridge", "ContainerDefinitions": []}')), undefined);
  assert.equal(await hover(template('{"Family": "a", "revi|sion": 3, "ContainerDefinitions": []}')), undefined);
  assert.equal(await hover('{"name": "pkg", "ver|sion": "1.0.0"}'), undefined);
});

test('ECS hover: every field of the Fargate fixture has a hover', async () => {
  const text = readFileSync(path.join(FIXTURES, 'ecs', 'fargate-web.json'), 'utf8');
  const document = parseDocument(text);
  const keys = [...text.matchAll(/"([A-Za-z]+)"\s*:/g)].filter((match) => !['awslogs'].includes(match[1]));
  let missing = 0;
  for (const match of keys) {
    const result = await hoverAt(document, match.index! + 2);
    if (!result) missing++;
  }
  assert.equal(missing, 0);
});

test("ECS hover: every key of the CloudFormation fixture's task definition has a hover", async () => {
  const text = readFileSync(path.join(FIXTURES, 'cloudformation', 'ecs-service.json'), 'utf8');
  const document = parseDocument(text);
  const taskDefinition = document.taskDefinitions[0].node;
  const inside = text.slice(taskDefinition.offset, taskDefinition.offset + taskDefinition.length);
  // Keys of the task definition, not the names of intrinsic functions.
  const keys = [...inside.matchAll(/"([A-Za-z][A-Za-z-]*)"\s*:/g)].filter((match) => match[1] !== 'Ref');
  assert.ok(keys.length > 10);
  const missing: string[] = [];
  for (const match of keys) {
    if (!(await hoverAt(document, taskDefinition.offset + match.index! + 2))) missing.push(match[1]);
  }
  assert.deepEqual(missing, []);
});

test('ECS hover: options of other log drivers; nothing for options we do not know there', async () => {
  const log = (driver: string, options: string) =>
    `{"family": "a", "containerDefinitions": [{"name": "x", "logConfiguration": {"logDriver": "${driver}", "options": {${options}}}}]}`;
  const splunk = await hover(log('splunk', '"splunk-to|ken": "x"'));
  assert.ok(
    splunk?.includes('splunk option') &&
      splunk.includes('required') &&
      splunk.includes('secretOptions') &&
      splunk.includes('docs.docker.com/engine/logging/drivers/splunk/'),
    splunk,
  );
  const firelens = await hover(log('awsfirelens', '"log-driver-buffer-li|mit": "2097152"'));
  assert.ok(
    firelens?.includes('awsfirelens option') &&
      firelens.includes('firelens-docker-buffer-limit.html') &&
      firelens.includes('using_firelens.html'),
    firelens,
  );
  const mode = await hover(log('json-file', '"mo|de": "non-blocking"'));
  assert.ok(mode?.includes('json-file option') && mode.includes('`"blocking"`') && mode.includes('API_LogConfiguration.html'), mode);
  const fluentd = await hover(
    template(
      '{"ContainerDefinitions": [{"Name": "x", "LogConfiguration": {"LogDriver": "fluentd", "Options": {"fluentd-addr|ess": "h:24224"}}}]}',
    ),
  );
  assert.ok(fluentd?.includes('fluentd option'), fluentd);
  // FireLens passes any option to its output plugin; Docker drivers gain options: no verdict on unknown ones.
  assert.equal(await hover(log('awsfirelens', '"log_group_na|me": "g"')), undefined);
  assert.equal(await hover(log('gelf', '"gelf-future-opt|ion": "1"')), undefined);
  assert.equal(await hover(log('custom', '"ta|g": "x"')), undefined);
  assert.match((await hover(log('awslogs', '"awslogs-bog|us": "x"'))) ?? '', /not an option of the awslogs log driver/);
});

test('ECS hover: firelensConfiguration options explain themselves; other keys get none', async () => {
  const firelens = (options: string, more = '') =>
    `{"family": "a"${more}, "containerDefinitions": [{"name": "r", "firelensConfiguration": {"type": "fluentbit", "options": {${options}}}}]}`;
  const type = await hover(firelens('"config-file-ty|pe": "s3", "config-file-value": "arn:aws:s3:::b/f.conf"'));
  assert.ok(
    type?.includes('firelensConfiguration option') &&
      type.includes('execution role') &&
      type.includes('s3:GetObject') &&
      type.includes('`"file"`') &&
      type.includes('API_FirelensConfiguration.html'),
    type,
  );
  assert.ok(!type?.includes('where only `file` is supported'), type);
  const fargate = await hover(firelens('"config-file-ty|pe": "file"', ', "requiresCompatibilities": ["FARGATE"]'));
  assert.ok(fargate?.includes('where only `file` is supported'), fargate);
  const metadata = await hover(firelens('"enable-ecs-log-metadata": "fal|se"'));
  assert.ok(metadata?.includes('**enable-ecs-log-metadata**') && metadata.includes('`"true"`'), metadata);
  const value = await hover(
    template(
      '{"ContainerDefinitions": [{"Name": "r", "FirelensConfiguration": {"Type": "fluentbit", "Options": {"config-file-va|lue": "/fluent-bit/etc/extra.conf"}}}]}',
    ),
  );
  assert.ok(value?.includes('FirelensConfiguration option') && value.includes('config-file-type'), value);
  assert.equal(await hover(firelens('"some-plugin-sett|ing": "x"')), undefined);
});
