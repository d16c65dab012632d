// Completion in task definitions, through the core (features/completion.ts). `|` marks the cursor.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getLocation, parseTree, type ParseError } from 'jsonc-parser';
import { parseDocument } from '../../server/src/core/document';
import { completionsAt, type CompletionSuggestion } from '../../server/src/features/completion';
import { locationAt } from '../../server/src/features/ecsCompletion';
import { applyEdits, applySuggestion, lint, visibleSuggestions } from '../helpers';

async function complete(textWithCursor: string): Promise<{ text: string; items: CompletionSuggestion[] }> {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
  return { text, items: await completionsAt(parseDocument(text), offset) };
}

/** The text after choosing `label`, with snippet placeholders replaced by their defaults. */
function choose(text: string, items: CompletionSuggestion[], label: string): string {
  const item = items.find((candidate) => candidate.label === label);
  assert.ok(item, `${label} not among ${items.map((candidate) => candidate.label).join(', ')}`);
  const insert = item.isSnippet
    ? item.insertText
        .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
        .replace(/\$\{\d+:([^}]*)\}/g, '$1')
        .replace(/\$\d+/g, '')
    : item.insertText;
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
  for (const key of ['name', 'image', 'memoryReservation', 'logConfiguration', 'secrets', 'portMappings']) {
    assert.ok(labels.includes(key), key);
  }
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
  assert.deepEqual(
    items.map((item) => item.label),
    ['awsvpc', 'bridge', 'host', 'none'],
  );
  assert.equal(choose(text, items, 'awsvpc'), '{"family": "a", "networkMode": "awsvpc", "containerDefinitions": []}');
});

test('enum values inside an array (requiresCompatibilities)', async () => {
  const { items } = await complete('{"family": "a", "requiresCompatibilities": ["|"], "containerDefinitions": []}');
  assert.ok(items.some((item) => item.label === 'FARGATE'));
});

test('awslogs option names and values', async () => {
  const names = await complete(
    '{"family": "a", "containerDefinitions": [{"logConfiguration": {"logDriver": "awslogs", "options": {"|"}}}]}',
  );
  assert.deepEqual(
    names.items.slice(0, 3).map((item) => item.label),
    ['awslogs-group', 'awslogs-region', 'awslogs-stream-prefix'],
  );
  assert.ok(parses(choose(names.text, names.items, 'awslogs-create-group')));
  const values = await complete(
    '{"family": "a", "containerDefinitions": [{"logConfiguration": {"logDriver": "awslogs", "options": {"mode": "|"}}}]}',
  );
  assert.deepEqual(
    values.items.map((item) => item.label),
    ['non-blocking', 'blocking'],
  );
});

test('Fargate memory values for the chosen cpu', async () => {
  const { items } = await complete(
    '{"family": "a", "requiresCompatibilities": ["FARGATE"], "cpu": "512", "memory": "|", "containerDefinitions": []}',
  );
  assert.deepEqual(
    items.map((item) => item.label),
    ['1024', '2048', '3072', '4096'],
  );
});

test('container names for dependsOn', async () => {
  const { items } = await complete(
    '{"family": "a", "containerDefinitions": [{"name": "app"}, {"name": "db", "dependsOn": [{"containerName": "|"}]}]}',
  );
  assert.deepEqual(
    items.map((item) => item.label),
    ['app', 'db'],
  );
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

// CloudFormation: inside an AWS::ECS::TaskDefinition's Properties, the same completion in CloudFormation's spelling.
const template = (properties: string, more = '') =>
  `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Task": {"Type": "AWS::ECS::TaskDefinition", "Properties": ${properties}}${more}}}`;
const labelsOf = (items: CompletionSuggestion[]) => items.map((item) => item.label);
const isPascal = (label: string) => /^[A-Z]/.test(label);

test('template: top-level keys of a task definition in PascalCase, present ones left out', async () => {
  const { text, items } = await complete(template('{"Family": "a", "ContainerDefinitions": [], "|"}'));
  const labels = labelsOf(items);
  for (const key of [
    'NetworkMode',
    'ExecutionRoleArn',
    'TaskRoleArn',
    'RequiresCompatibilities',
    'Cpu',
    'Memory',
    'Volumes',
    'RuntimePlatform',
  ]) {
    assert.ok(labels.includes(key), key);
  }
  assert.ok(labels.every(isPascal), labels.join(', '));
  assert.ok(!labels.includes('Family') && !labels.includes('ContainerDefinitions'));
  assert.ok(!labels.includes('InferenceAccelerators'), 'deprecated fields are not offered');
  assert.equal(choose(text, items, 'NetworkMode'), template('{"Family": "a", "ContainerDefinitions": [], "NetworkMode": "awsvpc"}'));
});

test('template: keys at every depth (container, log configuration, port mapping, volume, EFS authorization)', async () => {
  const cases: Array<{ code: string; includes: string[]; excludes: string[] }> = [
    {
      code: template('{"ContainerDefinitions": [{"Name": "web", |}]}'),
      includes: ['Image', 'LogConfiguration', 'PortMappings', 'Secrets', 'MemoryReservation'],
      excludes: ['Name', 'PidMode', 'image'],
    },
    {
      code: template('{"ContainerDefinitions": [{"Name": "web", "LogConfiguration": {|}}]}'),
      includes: ['LogDriver', 'Options', 'SecretOptions'],
      excludes: ['logDriver'],
    },
    {
      code: template('{"ContainerDefinitions": [{"Name": "web", "PortMappings": [{"ContainerPort": 80, |}]}]}'),
      includes: ['HostPort', 'Protocol', 'AppProtocol', 'Name'],
      excludes: ['ContainerPort'],
    },
    {
      code: template('{"ContainerDefinitions": [{"Name": "web", "LinuxParameters": {"Capabilities": {|}}}]}'),
      includes: ['Add', 'Drop'],
      excludes: [],
    },
    {
      code: template('{"Volumes": [{"Name": "data", |}], "ContainerDefinitions": []}'),
      includes: [
        'Host',
        'DockerVolumeConfiguration',
        'EFSVolumeConfiguration',
        'FSxWindowsFileServerVolumeConfiguration',
        'S3FilesVolumeConfiguration',
        'ConfiguredAtLaunch',
      ],
      excludes: ['Name', 'EfsVolumeConfiguration', 'S3filesVolumeConfiguration'],
    },
    {
      code: template('{"Volumes": [{"Name": "data", "EFSVolumeConfiguration": {|}}], "ContainerDefinitions": []}'),
      includes: ['FilesystemId', 'RootDirectory', 'TransitEncryption', 'AuthorizationConfig'],
      excludes: ['FileSystemId'],
    },
    {
      code: template(
        '{"Volumes": [{"Name": "data", "EFSVolumeConfiguration": {"FilesystemId": "fs-1", "AuthorizationConfig": {|}}}], "ContainerDefinitions": []}',
      ),
      includes: ['AccessPointId', 'IAM'],
      excludes: ['Iam'],
    },
    // CloudFormation spells the FSx file system id FileSystemId, unlike EFS's FilesystemId.
    {
      code: template('{"Volumes": [{"Name": "data", "FSxWindowsFileServerVolumeConfiguration": {|}}], "ContainerDefinitions": []}'),
      includes: ['FileSystemId', 'RootDirectory', 'AuthorizationConfig'],
      excludes: ['FilesystemId'],
    },
    {
      code: template('{"ProxyConfiguration": {"Type": "APPMESH", |}, "ContainerDefinitions": []}'),
      includes: ['ContainerName', 'ProxyConfigurationProperties'],
      excludes: ['Properties', 'Type'],
    },
  ];
  for (const { code, includes, excludes } of cases) {
    const labels = labelsOf((await complete(code)).items);
    for (const key of includes) assert.ok(labels.includes(key), `${key} missing at ${code}: ${labels.join(', ')}`);
    for (const key of excludes) assert.ok(!labels.includes(key), `${key} offered at ${code}`);
    assert.ok(labels.every(isPascal), labels.join(', '));
  }
});

test('template: a key present in either spelling is not offered again', async () => {
  const container = labelsOf(
    (await complete(template('{"ContainerDefinitions": [{"name": "web", "Image": "x", "memoryReservation": 64, |}]}'))).items,
  );
  for (const key of ['Name', 'Image', 'MemoryReservation']) assert.ok(!container.includes(key), key);
  assert.ok(container.includes('Essential'));
  const root = labelsOf((await complete(template('{"family": "a", "networkMode": "awsvpc", |"ContainerDefinitions": []}'))).items);
  assert.ok(!root.includes('Family') && !root.includes('NetworkMode'));
  const volume = labelsOf(
    (await complete(template('{"Volumes": [{"Name": "v", "efsVolumeConfiguration": {}, |}], "ContainerDefinitions": []}'))).items,
  );
  assert.ok(!volume.includes('EFSVolumeConfiguration'));
  const efs = labelsOf(
    (
      await complete(
        template('{"Volumes": [{"Name": "v", "EFSVolumeConfiguration": {"FileSystemId": "fs-1", |}}], "ContainerDefinitions": []}'),
      )
    ).items,
  );
  assert.ok(!efs.includes('FilesystemId'), 'the other spelling of the same field');
});

test('template: the key being typed is replaced whole and may be renamed', async () => {
  const typed = await complete(template('{"ContainerDefinitions": [{"Name": "web", "MemRes|"}]}'));
  assert.equal(
    choose(typed.text, typed.items, 'MemoryReservation'),
    template('{"ContainerDefinitions": [{"Name": "web", "MemoryReservation": 0}]}'),
  );
  const renamed = await complete(template('{"Family": "a", "Netw|": "awsvpc", "ContainerDefinitions": []}'));
  assert.equal(
    choose(renamed.text, renamed.items, 'NetworkMode'),
    template('{"Family": "a", "NetworkMode": "awsvpc", "ContainerDefinitions": []}'),
  );
});

test('template: every structured snippet is written in CloudFormation spelling and passes the shape rules', async () => {
  for (const code of [
    template('{"Family": "a", "ContainerDefinitions": [{"Name": "web", "Image": "nginx", |}]}'),
    template('{"Family": "a", |"ContainerDefinitions": [{"Name": "web", "Image": "nginx"}]}'),
  ]) {
    const { text, items } = await complete(code);
    for (const item of items.filter(
      (candidate) => candidate.insertText.includes(':') && /[{[]/.test(candidate.insertText.slice(candidate.label.length + 3)),
    )) {
      const result = choose(text, items, item.label);
      assert.ok(parses(result), `${item.label}: ${result}`);
      const shape = (await lint(result)).findings.filter(
        (finding) => finding.ruleId === 'ecs/unknown-field' || finding.ruleId === 'ecs/invalid-type',
      );
      assert.deepEqual(
        shape.map((finding) => finding.message),
        [],
        `${item.label}: ${result}`,
      );
    }
  }
  const { text, items } = await complete(template('{"Family": "a", "ContainerDefinitions": [{"Name": "web", "Image": "nginx", |}]}'));
  assert.match(choose(text, items, 'LogConfiguration'), /"LogDriver": "awslogs",\n\t"Options": \{\n\t\t"awslogs-group"/);
});

test('template: enum values (NetworkMode, RequiresCompatibilities items, LogDriver, Protocol)', async () => {
  const network = await complete(template('{"Family": "a", "NetworkMode": "aw|", "ContainerDefinitions": []}'));
  assert.deepEqual(labelsOf(network.items), ['awsvpc', 'bridge', 'host', 'none']);
  assert.equal(
    choose(network.text, network.items, 'awsvpc'),
    template('{"Family": "a", "NetworkMode": "awsvpc", "ContainerDefinitions": []}'),
  );
  assert.ok(
    labelsOf((await complete(template('{"RequiresCompatibilities": ["|"], "ContainerDefinitions": []}'))).items).includes('FARGATE'),
  );
  const drivers = labelsOf(
    (await complete(template('{"ContainerDefinitions": [{"Name": "a", "LogConfiguration": {"LogDriver": "|"}}]}'))).items,
  );
  for (const driver of ['awslogs', 'awsfirelens', 'splunk', 'fluentd']) assert.ok(drivers.includes(driver), driver);
  assert.deepEqual(
    labelsOf((await complete(template('{"ContainerDefinitions": [{"Name": "a", "PortMappings": [{"Protocol": "|"}]}]}'))).items),
    ['tcp', 'udp'],
  );
  const essential = await complete(template('{"ContainerDefinitions": [{"Name": "a", "Essential": t|}]}'));
  assert.equal(choose(essential.text, essential.items, 'true'), template('{"ContainerDefinitions": [{"Name": "a", "Essential": true}]}'));
});

test('template: Fargate memory for the Cpu, container names, awslogs options', async () => {
  const memory = await complete(
    template('{"RequiresCompatibilities": ["FARGATE"], "Cpu": "512", "Memory": "|", "ContainerDefinitions": []}'),
  );
  assert.deepEqual(labelsOf(memory.items), ['1024', '2048', '3072', '4096']);
  const names = await complete(
    template('{"ContainerDefinitions": [{"Name": "app"}, {"Name": "db", "DependsOn": [{"ContainerName": "|"}]}]}'),
  );
  assert.deepEqual(labelsOf(names.items), ['app', 'db']);
  const options = await complete(
    template(
      '{"ContainerDefinitions": [{"Name": "a", "LogConfiguration": {"LogDriver": "awslogs", "Options": {"awslogs-group": "g", "|"}}}]}',
    ),
  );
  assert.deepEqual(labelsOf(options.items).slice(0, 2), ['awslogs-region', 'awslogs-stream-prefix']);
  const mode = await complete(
    template('{"ContainerDefinitions": [{"Name": "a", "LogConfiguration": {"LogDriver": "awslogs", "Options": {"mode": "|"}}}]}'),
  );
  assert.deepEqual(labelsOf(mode.items), ['non-blocking', 'blocking']);
});

test('template: each task definition of a template is completed on its own; nothing outside Properties', async () => {
  const second =
    ', "Other": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"Family": "b", "NetworkMode": "host", |"ContainerDefinitions": []}}';
  const labels = labelsOf((await complete(template('{"Family": "a", "ContainerDefinitions": []}', second))).items);
  assert.ok(!labels.includes('NetworkMode') && !labels.includes('Family') && labels.includes('Cpu'));
  const first = labelsOf((await complete(template('{"Family": "a", |"ContainerDefinitions": []}', second.replace('|', '')))).items);
  assert.ok(first.includes('NetworkMode'));
  assert.deepEqual(
    (await complete(template('{"Family": "a", "ContainerDefinitions": []}', ', "Log": {"Type": "AWS::Logs::LogGroup", "Properties": {|}}')))
      .items,
    [],
  );
  assert.deepEqual(
    (
      await complete(
        `{"Resources": {"Task": {"Type": "AWS::ECS::TaskDefinition", |"Properties": {"Family": "a", "ContainerDefinitions": []}}}}`,
      )
    ).items,
    [],
  );
});

test('template with a task definition and a policy: IAM completion still answers in the policy', async () => {
  const policy =
    ', "Policy": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObj|", "Resource": "*"}]}}}';
  const { items } = await complete(template('{"Family": "a", "ContainerDefinitions": []}', policy));
  assert.ok(
    items.some((item) => item.label === 's3:GetObject'),
    labelsOf(items).slice(0, 5).join(', '),
  );
});

// Log driver options: offered according to the logDriver of the same logConfiguration.
const withLog = (driver: string, options: string) =>
  `{"family": "a", "containerDefinitions": [{"name": "a", "logConfiguration": {"logDriver": ${JSON.stringify(driver)}, "options": {${options}}}}]}`;

test('log options per driver', async () => {
  const expected: Record<string, { includes: string[]; excludes: string[] }> = {
    awslogs: { includes: ['awslogs-group', 'awslogs-region', 'mode', 'max-buffer-size'], excludes: ['tag', 'splunk-url', 'Name'] },
    awsfirelens: { includes: ['Name', 'log-driver-buffer-limit', 'mode', 'max-buffer-size'], excludes: ['awslogs-group', 'tag', 'region'] },
    splunk: {
      includes: ['splunk-url', 'splunk-token', 'splunk-format', 'splunk-gzip', 'tag', 'labels', 'env', 'mode'],
      excludes: ['awslogs-group', 'fluentd-address'],
    },
    fluentd: {
      includes: ['fluentd-address', 'fluentd-async', 'fluentd-buffer-limit', 'tag', 'env-regex', 'mode'],
      excludes: ['fluentd-async-connect', 'splunk-url'],
    },
    gelf: {
      includes: ['gelf-address', 'gelf-compression-type', 'gelf-tcp-max-reconnect', 'tag', 'labels-regex'],
      excludes: ['syslog-address'],
    },
    'json-file': { includes: ['max-size', 'max-file', 'compress', 'labels', 'env', 'mode'], excludes: ['tag', 'awslogs-group'] },
    syslog: { includes: ['syslog-address', 'syslog-facility', 'syslog-format', 'syslog-tls-skip-verify', 'tag'], excludes: ['max-size'] },
    journald: {
      includes: ['tag', 'labels', 'labels-regex', 'env', 'env-regex', 'mode', 'max-buffer-size'],
      excludes: ['max-size', 'syslog-address'],
    },
  };
  for (const [driver, { includes, excludes }] of Object.entries(expected)) {
    const { text, items } = await complete(withLog(driver, '"|"'));
    const labels = labelsOf(items);
    for (const name of includes) assert.ok(labels.includes(name), `${driver}: ${name} missing from ${labels.join(', ')}`);
    for (const name of excludes) assert.ok(!labels.includes(name), `${driver}: ${name} offered`);
    assert.equal(new Set(labels).size, labels.length, `${driver}: duplicates`);
    assert.ok(items.every((item) => item.detail?.startsWith(`${driver} option`)));
    for (const item of items) assert.ok(parses(choose(text, items, item.label)), `${driver}: ${item.label}`);
  }
});

test('log options: driver-specific first, present ones left out, values of closed options', async () => {
  const splunk = labelsOf((await complete(withLog('splunk', '"splunk-url": "https://s:8088", "|"'))).items);
  assert.equal(splunk[0], 'splunk-token');
  assert.ok(!splunk.includes('splunk-url'));
  assert.deepEqual(labelsOf((await complete(withLog('splunk', '"splunk-format": "|"'))).items), ['inline', 'json', 'raw']);
  assert.deepEqual(labelsOf((await complete(withLog('gelf', '"gelf-compression-type": "|"'))).items), ['gzip', 'zlib', 'none']);
  assert.deepEqual(labelsOf((await complete(withLog('syslog', '"syslog-format": "|"'))).items), ['rfc3164', 'rfc5424', 'rfc5424micro']);
  assert.deepEqual(labelsOf((await complete(withLog('awsfirelens', '"mode": "|"'))).items), ['non-blocking', 'blocking']);
  assert.deepEqual(labelsOf((await complete(withLog('json-file', '"compress": "|"'))).items), ['true', 'false']);
  // Free-form values and options of other drivers get nothing.
  assert.deepEqual((await complete(withLog('awsfirelens', '"Name": "|"'))).items, []);
  assert.deepEqual((await complete(withLog('journald', '"splunk-format": "|"'))).items, []);
});

test('log options: nothing for an unknown driver, a missing driver, or another map', async () => {
  assert.deepEqual((await complete(withLog('logentries', '"|"'))).items, []);
  assert.deepEqual((await complete(withLog('none', '"|"'))).items, []);
  assert.deepEqual(
    (await complete('{"family": "a", "containerDefinitions": [{"name": "a", "logConfiguration": {"options": {"|"}}}]}')).items,
    [],
  );
  // firelensConfiguration.options has keys of its own, never the log driver's.
  const firelens = labelsOf(
    (
      await complete(
        '{"family": "a", "containerDefinitions": [{"name": "a", "firelensConfiguration": {"type": "fluentbit", "options": {"|"}}, "logConfiguration": {"logDriver": "splunk"}}]}',
      )
    ).items,
  );
  assert.ok(!firelens.some((label) => label.startsWith('splunk-')), firelens.join(', '));
  assert.deepEqual(
    (
      await complete(
        '{"family": "a", "containerDefinitions": [{"name": "a", "dockerLabels": {"|"}, "logConfiguration": {"logDriver": "splunk"}}]}',
      )
    ).items,
    [],
  );
});

test('template: log options per driver', async () => {
  const fluentd = labelsOf(
    (await complete(template('{"ContainerDefinitions": [{"Name": "a", "LogConfiguration": {"LogDriver": "fluentd", "Options": {"|"}}}]}')))
      .items,
  );
  assert.ok(fluentd.includes('fluentd-address') && fluentd.includes('tag'));
  const firelens = labelsOf(
    (
      await complete(
        template(
          '{"ContainerDefinitions": [{"Name": "a", "LogConfiguration": {"LogDriver": "awsfirelens", "Options": {"Name": "cloudwatch_logs", "|"}}}]}',
        ),
      )
    ).items,
  );
  assert.deepEqual(firelens, ['log-driver-buffer-limit', 'mode', 'max-buffer-size']);
  assert.deepEqual(
    (await complete(template('{"ContainerDefinitions": [{"Name": "a", "LogConfiguration": {"LogDriver": "custom", "Options": {"|"}}}]}')))
      .items,
    [],
  );
});

test('template: with duplicate Properties keys, only the one that counts is completed', async () => {
  const { items } = await complete(
    '{"Resources": {"Task": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"Family": "x", "|"}, "Properties": {"Family": "a", "ContainerDefinitions": []}}}}',
  );
  assert.deepEqual(items, []);
  const last = labelsOf(
    (
      await complete(
        '{"Resources": {"Task": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"Family": "x"}, "Properties": {"Family": "a", "ContainerDefinitions": [], "|"}}}}',
      )
    ).items,
  );
  assert.ok(last.includes('NetworkMode') && !last.includes('Family'));
});

// firelensConfiguration.options: the three keys the ECS API documents for the log router.
const withFirelens = (options: string) =>
  `{"family": "a", "containerDefinitions": [{"name": "log_router", "image": "fluent-bit", "firelensConfiguration": {"type": "fluentbit", "options": {${options}}}}]}`;

test('firelensConfiguration options: keys with descriptions, snippets that parse, present ones left out', async () => {
  const { text, items } = await complete(withFirelens('"|"'));
  assert.deepEqual(labelsOf(items), ['enable-ecs-log-metadata', 'config-file-type', 'config-file-value']);
  assert.ok(items.every((item) => item.detail === 'firelensConfiguration option' && (item.documentation ?? '').length > 20));
  assert.match(items.find((item) => item.label === 'config-file-type')!.documentation!, /execution role.*s3:GetObject/);
  for (const item of items) assert.ok(parses(choose(text, items, item.label)), item.label);
  assert.equal(choose(text, items, 'config-file-type'), withFirelens('"config-file-type": "s3"'));
  const rest = await complete(withFirelens('"config-file-type": "s3", "|"'));
  assert.deepEqual(labelsOf(rest.items), ['enable-ecs-log-metadata', 'config-file-value']);
  // With an S3 file the example is an object ARN, otherwise a path in the image.
  assert.match(choose(rest.text, rest.items, 'config-file-value'), /"config-file-value": "arn:aws:s3:::/);
  const file = await complete(withFirelens('"config-file-type": "file", "|"'));
  assert.match(choose(file.text, file.items, 'config-file-value'), /"config-file-value": "\/fluent-bit\//);
});

test('firelensConfiguration options: values of the closed keys, nothing for free-form ones', async () => {
  assert.deepEqual(labelsOf((await complete(withFirelens('"enable-ecs-log-metadata": "|"'))).items), ['true', 'false']);
  const type = await complete(withFirelens('"config-file-type": "s|"'));
  assert.deepEqual(labelsOf(type.items), ['s3', 'file']);
  assert.equal(choose(type.text, type.items, 'file'), withFirelens('"config-file-type": "file"'));
  assert.deepEqual((await complete(withFirelens('"config-file-value": "|"'))).items, []);
  assert.deepEqual((await complete(withFirelens('"Name": "|"'))).items, []);
  // Other maps of a container are left alone.
  assert.deepEqual(
    (
      await complete(
        '{"family": "a", "containerDefinitions": [{"name": "a", "dockerLabels": {"|"}, "firelensConfiguration": {"type": "fluentbit"}}]}',
      )
    ).items,
    [],
  );
  assert.deepEqual(
    (await complete('{"family": "a", "containerDefinitions": [{"name": "a", "dockerLabels": {"config-file-type": "|"}}]}')).items,
    [],
  );
  assert.deepEqual(
    (
      await complete(
        '{"family": "a", "containerDefinitions": [{"name": "a", "logConfiguration": {"logDriver": "awsfirelens", "options": {"config-file-type": "|"}}}]}',
      )
    ).items,
    [],
  );
});

test('template: FirelensConfiguration Options keys and values', async () => {
  const keys = await complete(
    template(
      '{"ContainerDefinitions": [{"Name": "r", "FirelensConfiguration": {"Type": "fluentbit", "Options": {"enable-ecs-log-metadata": "false", "|"}}}]}',
    ),
  );
  assert.deepEqual(labelsOf(keys.items), ['config-file-type', 'config-file-value']);
  assert.ok(keys.items.every((item) => item.detail === 'FirelensConfiguration option'));
  assert.ok(parses(choose(keys.text, keys.items, 'config-file-type')));
  assert.deepEqual(
    labelsOf(
      (
        await complete(
          template(
            '{"ContainerDefinitions": [{"Name": "r", "FirelensConfiguration": {"Type": "fluentbit", "Options": {"config-file-type": "|"}}}]}',
          ),
        )
      ).items,
    ),
    ['s3', 'file'],
  );
});

// Role values in a template: the template's own AWS::IAM::Role resources, as Fn::GetAtt.
const trust = (service: string) =>
  `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "${service}"}, "Action": "sts:AssumeRole"}]}`;
const roleResource = (id: string, service?: string) =>
  `, "${id}": {"Type": "AWS::IAM::Role", "Properties": {${service ? `"AssumeRolePolicyDocument": ${trust(service)}` : ''}}}`;
const roles = [
  roleResource('ExecRole', 'ecs-tasks.amazonaws.com'),
  roleResource('LambdaRole', 'lambda.amazonaws.com'),
  roleResource('AppRole', 'ecs-tasks.amazonaws.com'),
  roleResource('Draft'),
].join('');
const fargateTask = (roles: string) =>
  `{"Family": "web", "RequiresCompatibilities": ["FARGATE"], "NetworkMode": "awsvpc", "Cpu": "256", "Memory": "512", ${roles}"ContainerDefinitions": [{"Name": "web", "Image": "nginx:1.27", "Essential": true}]}`;

test("template: role fields offer the template roles, trusted first, the other field's role last, then the placeholder", async () => {
  const { items } = await complete(
    template(fargateTask('"ExecutionRoleArn": {"Fn::GetAtt": ["ExecRole", "Arn"]}, "TaskRoleArn": "|", '), roles),
  );
  assert.deepEqual(labelsOf(items).slice(0, 4), ['AppRole', 'LambdaRole', 'Draft', 'ExecRole']);
  assert.equal(items.length, 5);
  assert.equal(items[4].label, '<role name>', 'then a name to type over, not an example account');
  assert.equal(items[0].detail, 'role in this template, trusted by ecs-tasks.amazonaws.com');
  assert.equal(items[1].detail, 'role in this template, not trusted by ecs-tasks.amazonaws.com');
  assert.equal(items[3].detail, 'role in this template, trusted by ecs-tasks.amazonaws.com; already the execution role');
  assert.deepEqual(
    items.slice(0, 4).map((item) => item.insertText),
    ['AppRole', 'LambdaRole', 'Draft', 'ExecRole'].map((id) => `{"Fn::GetAtt": ["${id}", "Arn"]}`),
  );
  // Sorted as listed, and filtered by the role's name as typed in place of the value.
  assert.deepEqual(
    items.map((item) => item.sortText),
    [...items.map((item) => item.sortText)].sort(),
  );
  assert.equal(items[0].filterText, '"AppRole"');

  // The execution role field: the task role's role goes last.
  const execution = await complete(
    template(fargateTask('"TaskRoleArn": {"Fn::GetAtt": ["AppRole", "Arn"]}, "ExecutionRoleArn": "|", '), roles),
  );
  assert.deepEqual(labelsOf(execution.items).slice(0, 4), ['ExecRole', 'LambdaRole', 'Draft', 'AppRole']);
  assert.match(execution.items[3].detail ?? '', /already the task role$/);
});

test('template: choosing a template role replaces the value with valid JSON that links the role and adds no error', async () => {
  const base = template(fargateTask('"ExecutionRoleArn": {"Fn::GetAtt": ["ExecRole", "Arn"]}, '), roles);
  // The Draft role has no trust policy yet, which cfn/missing-property reports: not an error of the role value.
  const baseErrors = (await lint(base)).findings.filter(
    (finding) => finding.severity === 'error' && finding.ruleId !== 'cfn/missing-property',
  );
  assert.deepEqual(
    baseErrors.map((finding) => finding.ruleId),
    [],
  );
  const expected = template(
    fargateTask('"ExecutionRoleArn": {"Fn::GetAtt": ["ExecRole", "Arn"]}, "TaskRoleArn": {"Fn::GetAtt": ["AppRole", "Arn"]}, '),
    roles,
  );
  // Typing a new value, replacing a string, replacing an object value from its edge.
  for (const value of ['|', '"|"', '"arn:aws:iam::123456789012:role/x|"', '"Ap|"', '|{"Ref": "LambdaRole"}']) {
    const { text, items } = await complete(
      template(fargateTask(`"ExecutionRoleArn": {"Fn::GetAtt": ["ExecRole", "Arn"]}, "TaskRoleArn": ${value}, `), roles),
    );
    const result = choose(text, items, 'AppRole');
    assert.equal(result, expected, value);
    assert.ok(parses(result), result);
  }
  const findings = (await lint(expected)).findings;
  assert.deepEqual(
    findings
      .filter((finding) => finding.severity === 'error' && finding.ruleId !== 'cfn/missing-property')
      .map((finding) => `${finding.ruleId}: ${finding.message}`),
    [],
  );
  // An untrusted role is offered too, and then the trust rule says why it will not work.
  const lambda = await complete(
    template(fargateTask('"ExecutionRoleArn": {"Fn::GetAtt": ["ExecRole", "Arn"]}, "TaskRoleArn": "|", '), roles),
  );
  const lambdaResult = choose(lambda.text, lambda.items, 'LambdaRole');
  assert.ok(parses(lambdaResult));
  assert.deepEqual(
    (await lint(lambdaResult)).findings
      .filter((finding) => finding.severity === 'error' && finding.ruleId !== 'cfn/missing-property')
      .map((finding) => finding.ruleId),
    ['iam/trust-policy-not-ecs'],
  );
});

test('template roles: only in templates, only for the role fields, and not without roles', async () => {
  // A plain task definition outside a workspace: a role name to type over alone.
  const plain = await complete('{"family": "a", "taskRoleArn": "|", "containerDefinitions": []}');
  assert.equal(plain.items.length, 1);
  assert.equal(plain.items[0].label, '<role name>');
  // A template without roles: the placeholder alone.
  assert.deepEqual(
    labelsOf(
      (await complete(template(fargateTask('"TaskRoleArn": "|", '), ', "Log": {"Type": "AWS::Logs::LogGroup", "Properties": {}}'))).items,
    ).length,
    1,
  );
  // Other fields of the same task definition, and role fields below the top level, get no roles.
  for (const code of [
    template(fargateTask('"Family": "|", '), roles),
    template('{"ContainerDefinitions": [{"Name": "web", "Image": "|"}]}', roles),
    template(fargateTask('"TaskRoleArn": {"Fn::GetAtt": ["|", "Arn"]}, '), roles),
  ]) {
    assert.ok(!labelsOf((await complete(code)).items).includes('AppRole'), code);
  }
});

test('a large document: the location read from the start of the container is the one read from the start of the document', async () => {
  const containers = Array.from({ length: 400 }, (_, i) => ({
    name: `c${i}`,
    image: 'nginx:1.27',
    portMappings: [{ containerPort: 80, protocol: 'tcp' }],
    logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/x' } },
  }));
  const text = JSON.stringify({ family: 'big', containerDefinitions: containers }, null, 2);
  assert.ok(text.length > 64 * 1024, 'large enough for the container-relative reading');
  const document = parseDocument(text);
  for (let offset = text.length - 3000; offset < text.length; offset += 7) {
    const expected = getLocation(text, offset);
    const actual = locationAt(document, offset);
    assert.deepEqual(actual.path, expected.path, `path at ${offset}`);
    assert.equal(actual.isAtPropertyKey, expected.isAtPropertyKey, `isAtPropertyKey at ${offset}`);
    assert.equal(actual.previousNode?.offset, expected.previousNode?.offset, `previousNode at ${offset}`);
    assert.equal(actual.previousNode?.type, expected.previousNode?.type, `previousNode type at ${offset}`);
  }
});

// Issue 12: role values offered only arn:aws:iam::123456789012:role/…, which the placeholder rule then flagged.
test("role fields: the workspace's roles with their accounts, then a value the placeholder rule does not flag", async () => {
  const other = parseDocument(
    '{"family": "b", "taskRoleArn": "arn:aws:iam::210987654321:role/orders-api", "executionRoleArn": "arn:aws:iam::210987654321:role/orders-exec", "containerDefinitions": [{"name": "a", "image": "nginx:1.27"}]}',
    { fileName: 'b.json' },
  );
  const policy = parseDocument('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}', {
    fileName: 'reports-task-role-policy.json',
  });
  const files = [
    { path: '/ws/b/task-definition.json', document: other },
    { path: '/ws/iam/reports-task-role-policy.json', document: policy },
  ];
  const workspace = {
    generation: 1,
    files: () => files,
    get: (file: string) => files.find((entry) => entry.path === file),
    byBaseName: () => [],
    roleMappingsFor: () => ({ 'billing-task': { policies: [], managedPolicies: [], configFile: '/ws/.ecs-iam.json' } }),
    configuredFile: () => ({ status: 'missing' as const }),
    label: (file: string) => file.replace('/ws/', ''),
  };
  const at = (code: string) => ({ text: code.replace('|', ''), offset: code.indexOf('|') });
  const task = at('{"family": "a", "taskRoleArn": "|", "containerDefinitions": [{"name": "web", "image": "nginx:1.27", "memory": 512}]}');
  const taskItems = await completionsAt(parseDocument(task.text), task.offset, { workspace, filePath: '/ws/a/task-definition.json' });
  assert.deepEqual(
    taskItems.map((item) => item.label),
    [
      'arn:aws:iam::210987654321:role/orders-api',
      'arn:aws:iam::210987654321:role/billing-task',
      'arn:aws:iam::210987654321:role/reports-task',
      'arn:aws:iam::210987654321:role/orders-exec',
      'arn:aws:iam::210987654321:role/<role name>',
    ],
  );
  assert.equal(taskItems[0].detail, 'used in b/task-definition.json');
  const execution = at(
    '{"family": "a", "executionRoleArn": "|", "containerDefinitions": [{"name": "web", "image": "nginx:1.27", "memory": 512}]}',
  );
  const executionItems = await completionsAt(parseDocument(execution.text), execution.offset, {
    workspace,
    filePath: '/ws/a/task-definition.json',
  });
  assert.equal(executionItems[0].label, 'arn:aws:iam::210987654321:role/orders-exec');
  assert.equal(executionItems[executionItems.length - 1].label, 'arn:aws:iam::210987654321:role/ecsTaskExecutionRole');
  // Every value offered, chosen, is not reported by the placeholder rule.
  for (const items of [taskItems, executionItems]) {
    for (const item of items) {
      const chosen = applySuggestion(items === taskItems ? task.text : execution.text, item);
      assert.deepEqual(
        (await lint(chosen)).findings
          .filter((finding) => finding.ruleId === 'placeholder' || finding.severity === 'error')
          .map((finding) => finding.message),
        [],
        chosen,
      );
    }
  }
  // Without a workspace or account: names, which RegisterTaskDefinition accepts as they are.
  const alone = await completionsAt(parseDocument(execution.text), execution.offset);
  assert.deepEqual(
    alone.map((item) => item.label),
    ['ecsTaskExecutionRole'],
  );
});

// Issue 12: a new, empty taskdef.json got no help.
test('an empty file or {} named like a task definition or policy: skeletons, the named kind first; each lints without errors or placeholders', async () => {
  const cases: Array<{ fileName: string; text: string; first: string }> = [
    { fileName: 'taskdef.json', text: '', first: 'Fargate task definition' },
    { fileName: 'web-taskdef.json', text: '{}', first: 'Fargate task definition' },
    { fileName: 'task-definition-worker.json', text: '{\n  \n}\n', first: 'Fargate task definition' },
    { fileName: 'reports-policy.json', text: '{}', first: 'IAM policy' },
    { fileName: 'app-trust-policy.json', text: '', first: 'Trust policy for ECS tasks' },
    { fileName: 'untitled:Untitled-1', text: '{}', first: 'Fargate task definition' },
  ];
  for (const { fileName, text, first } of cases) {
    const offset = text.includes('\n  \n') ? text.indexOf('\n  \n') + 3 : text.indexOf('}') >= 0 ? text.indexOf('}') : 0;
    const document = parseDocument(text, { fileName });
    const items = await completionsAt(document, offset, { fileName });
    const shown = visibleSuggestions(text, offset, items);
    assert.equal(shown[0]?.label, first, `${fileName}: ${shown.map((item) => item.label)}`);
    assert.equal(shown.length, 4);
    for (const item of shown) {
      const result = applySuggestion(text, item);
      assert.ok(parses(result), `${item.label} parses:\n${result}`);
      const findings = (await lint(result, { fileName: 'x.json' })).findings.filter(
        (finding) => finding.severity === 'error' || finding.ruleId === 'placeholder',
      );
      assert.deepEqual(
        findings.map((finding) => `${finding.ruleId}: ${finding.message}`),
        [],
        `${item.label}:\n${result}`,
      );
    }
  }
  // The family comes from the file name, and the log group follows it.
  const web = await completionsAt(parseDocument('{}', { fileName: 'web-taskdef.json' }), 1, { fileName: 'web-taskdef.json' });
  const fargate = applySuggestion('{}', web[0]);
  assert.equal(JSON.parse(fargate).family, 'web');
  assert.ok(web[0].insertText.includes('"awslogs-group": "/ecs/${1}"'), 'the log group mirrors the family');
  // Other files get none: package.json, or a task definition file with content.
  assert.deepEqual(await completionsAt(parseDocument('{}', { fileName: 'package.json' }), 1, { fileName: 'package.json' }), []);
});

test('a file named like a task definition is one from its first task-definition key; other content is judged by itself', () => {
  assert.equal(parseDocument('{"family": "web"}', { fileName: 'taskdef.json' }).kind, 'ecs-task-definition');
  assert.equal(parseDocument('{"family": "web", "cpu": "256"}', { fileName: 'web-task-definition.json' }).kind, 'ecs-task-definition');
  assert.equal(parseDocument('{"family": "web"}', { fileName: 'notes.json' }).kind, 'unrelated');
  assert.equal(parseDocument('{"name": "web", "version": "1.0.0"}', { fileName: 'taskdef.json' }).kind, 'unrelated');
});

test('the logConfiguration snippet names its awslogs group after the family', async () => {
  const { text, items } = await complete(
    '{"family": "orders-api", "containerDefinitions": [{"name": "a", "image": "nginx:1.27", "logC|"}]}',
  );
  const result = choose(text, items, 'logConfiguration');
  assert.equal(JSON.parse(result).containerDefinitions[0].logConfiguration.options['awslogs-group'], '/ecs/orders-api');
});
