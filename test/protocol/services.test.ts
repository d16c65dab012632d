// ECS services over the protocol (issue 15): a template with a service, its task definition and roles
// (each service rule, the Fargate inference, the ECS Exec need with its fix and CodeLens count, hover on a
// service field), and a create-service JSON file linked to a task definition file of the workspace by family,
// re-checked when the service file changes.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CodeLensRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { FIXTURES, isStrictJson } from '../helpers';
import { applyLspEdits, LspTestClient, positionOf } from './lspClient';

/** The message text (this protocol version allows Markdown messages). */
const messageOf = (diagnostic: Diagnostic) => (typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value);
const byCode = (diagnostics: Diagnostic[], code: string) => diagnostics.filter((diagnostic) => diagnostic.code === code);

describe('a template with a service, its task definition and roles', () => {
  let client: LspTestClient;
  let uri: string;
  let text: string;
  let diagnostics: Diagnostic[];

  before(async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'ecs-iam-service-protocol-'));
    text = readFileSync(path.join(FIXTURES, 'services', 'service-stack.json'), 'utf8');
    const file = path.join(workspace, 'service-stack.json');
    writeFileSync(file, text);
    uri = pathToFileURL(file).toString();
    client = new LspTestClient();
    await client.initialize({ workspaceFolder: workspace });
    await client.open(uri, text);
    diagnostics = await client.diagnosticsFor(uri, (params) =>
      params.diagnostics.some((d) => d.code === 'ecs/service-container-reference'),
    );
  });

  after(async () => {
    await client.shutdown();
  });

  test('each service finding, where it belongs, with its severity', () => {
    const found = diagnostics
      .filter(
        (d) =>
          String(d.code).startsWith('ecs/service-') ||
          d.code === 'ecs/fargate-network-mode' ||
          d.code === 'ecs/task-role-missing-permission',
      )
      .map((d) => [d.code, d.severity, d.range.start.line]);
    assert.deepEqual(found, [
      // The Fargate inference: the task definition says nothing of FARGATE, the service does.
      ['ecs/fargate-network-mode', 1, positionOf(text, text.indexOf('"Family"')).line],
      ['ecs/service-launch-type-compatibility', 1, positionOf(text, text.indexOf('"LaunchType": "FARGATE"')).line],
      ['ecs/task-role-missing-permission', 2, positionOf(text, text.indexOf('"EnableExecuteCommand"')).line],
      ['ecs/service-container-reference', 1, positionOf(text, text.indexOf('"webb"')).line],
    ]);
    const fargate = byCode(diagnostics, 'ecs/fargate-network-mode')[0];
    assert.match(messageOf(fargate), /is run by the Fargate service `Service` \(launch type FARGATE\)/);
    assert.match(
      messageOf(byCode(diagnostics, 'ecs/service-launch-type-compatibility')[0]),
      /Task definition does not support launch_type FARGATE\./,
    );
  });

  test('the launch-type quick fix adds FARGATE to the task definition, and both findings go', async () => {
    const [finding] = byCode(diagnostics, 'ecs/service-launch-type-compatibility');
    const actions = await client.codeActions(uri, finding.range, [finding]);
    const fix = actions.find((action) => action.title.startsWith('Add "FARGATE" to the requiresCompatibilities'));
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    const fixed = applyLspEdits(text, fix.edit!.changes![uri]);
    assert.ok(isStrictJson(fixed));
    assert.deepEqual(JSON.parse(fixed).Resources.TaskDefinition.Properties.RequiresCompatibilities, ['FARGATE']);
    const version = await client.change(uri, fixed);
    const after = await client.diagnosticsForVersion(uri, version);
    assert.equal(byCode(after, 'ecs/service-launch-type-compatibility').length, 0);
    // Now it requires FARGATE itself: the network-mode finding stays, in the wording of the task definition's own setting.
    assert.match(messageOf(byCode(after, 'ecs/fargate-network-mode')[0]), /requires FARGATE compatibility/);
    await client.diagnosticsForVersion(uri, await client.change(uri, text));
  });

  test("the container-name quick fix picks the task definition's container", async () => {
    const [finding] = byCode(diagnostics, 'ecs/service-container-reference');
    const fix = (await client.codeActions(uri, finding.range, [finding])).find(
      (action) => action.title === 'Change containerName to `web`',
    );
    assert.ok(fix);
    const fixed = applyLspEdits(text, fix.edit!.changes![uri]);
    assert.equal(JSON.parse(fixed).Resources.Service.Properties.LoadBalancers[0].ContainerName, 'web');
  });

  test('ECS Exec: the task role lens counts the need; the fix adds the channels to the role and the lens says met', async () => {
    const taskRoleLine = positionOf(text, text.indexOf('"TaskRoleArn"')).line;
    const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];
    assert.equal(
      lenses.find((lens) => lens.range.start.line === taskRoleLine)?.command?.title,
      'task role: TaskRole in this template — 0 of 1 needs met',
    );
    const [exec] = byCode(diagnostics, 'ecs/task-role-missing-permission');
    assert.match(messageOf(exec), /ssmmessages:CreateControlChannel/);
    const fix = (await client.codeActions(uri, exec.range, [exec])).find((action) => action.title.startsWith('Allow ssmmessages:'));
    assert.ok(fix, 'a fix that allows the ssmmessages actions');
    const fixed = applyLspEdits(text, fix.edit!.changes![uri]);
    const statements = JSON.parse(fixed).Resources.TaskRole.Properties.Policies[0].PolicyDocument.Statement;
    assert.ok(JSON.stringify(statements.at(-1).Action).includes('ssmmessages:OpenDataChannel'));
    const version = await client.change(uri, fixed);
    assert.equal(byCode(await client.diagnosticsForVersion(uri, version), 'ecs/task-role-missing-permission').length, 0);
    const after = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];
    const fixedTaskRoleLine = positionOf(fixed, fixed.indexOf('"TaskRoleArn"')).line;
    assert.equal(
      after.find((lens) => lens.range.start.line === fixedTaskRoleLine)?.command?.title,
      'task role: TaskRole in this template — 1 of 1 needs met',
    );
    await client.diagnosticsForVersion(uri, await client.change(uri, text));
  });

  test('hover on a service property: the CreateService documentation in the CloudFormation spelling', async () => {
    const hover = await client.hover(uri, positionOf(text, text.indexOf('"EnableExecuteCommand"') + 3));
    const value = (hover?.contents as { value: string }).value;
    assert.match(value, /^\*\*EnableExecuteCommand\*\* · `boolean`/);
    assert.match(value, /AWS::ECS::Service \(CloudFormation reference\)/);
  });
});

describe('a create-service file linked to a task definition file by family', () => {
  let client: LspTestClient;
  let folder: string;
  let serviceUri: string;
  let taskUri: string;
  const serviceText = readFileSync(path.join(FIXTURES, 'services', 'create-service.json'), 'utf8');
  const taskText = readFileSync(path.join(FIXTURES, 'services', 'web-app-taskdef.json'), 'utf8');

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'ecs-iam-service-files-'));
    writeFileSync(path.join(folder, 'create-service.json'), serviceText);
    writeFileSync(path.join(folder, 'web-app-taskdef.json'), taskText);
    serviceUri = pathToFileURL(path.join(folder, 'create-service.json')).toString();
    taskUri = pathToFileURL(path.join(folder, 'web-app-taskdef.json')).toString();
    client = new LspTestClient();
    await client.initialize({ workspaceFolder: folder });
  });

  after(async () => {
    await client.shutdown();
  });

  test('the service file: its task definition is found by family, its mistakes reported', async () => {
    await client.open(serviceUri, serviceText);
    const diagnostics = await client.diagnosticsFor(serviceUri, (params) =>
      params.diagnostics.some((d) => d.code === 'ecs/service-container-reference'),
    );
    const codes = diagnostics.map((d) => d.code);
    for (const code of [
      'ecs/service-launch-type-compatibility',
      'ecs/service-network-configuration',
      'ecs/service-scheduling-strategy',
      'ecs/service-container-reference',
      'ecs/unknown-field',
    ]) {
      assert.ok(codes.includes(code), `${code} in ${JSON.stringify(codes)}`);
    }
    assert.match(
      messageOf(byCode(diagnostics, 'ecs/service-container-reference')[0]),
      /task definition `web-app` in web-app-taskdef\.json/,
    );
  });

  test('the task definition file gets the Fargate rules from the service; an EC2 service takes them away', async () => {
    await client.open(taskUri, taskText);
    const fargate = await client.diagnosticsFor(taskUri, (params) =>
      params.diagnostics.some((d) => d.code === 'ecs/fargate-unsupported-parameter'),
    );
    assert.match(
      messageOf(byCode(fargate, 'ecs/fargate-unsupported-parameter')[0]),
      /not `json-file`.*service `web` in create-service\.json/,
    );
    await client.change(serviceUri, serviceText.replace('"launchType": "FARGATE"', '"launchType": "EC2"'));
    const after = await client.diagnosticsFor(
      taskUri,
      (params) => !params.diagnostics.some((d) => String(d.code).startsWith('ecs/fargate')),
    );
    assert.equal(after.filter((d) => String(d.code).startsWith('ecs/fargate')).length, 0);
  });
});
