// Issue 12, items 8, 9, 11, 14 over the protocol: the fix-all for a role's missing permissions, the
// clickable role CodeLens (showMessageRequest, then one applyEdit), the lightbulb on role fields, the
// commands behind the Command Palette, the link picker's lists, and the status notifications.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  ApplyWorkspaceEditRequest,
  CodeActionRequest,
  CodeLensRefreshRequest,
  CodeLensRequest,
  ExecuteCommandRequest,
  ShowMessageRequest,
  type ApplyWorkspaceEditParams,
  type CodeAction,
  type Diagnostic,
  type Range,
  type ShowMessageRequestParams,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { evaluate, statementsFromValue } from '../../server/src/roles/evaluate';
import { FIXTURES, isStrictJson } from '../helpers';
import { applyLspEdits, LspTestClient } from './lspClient';

describe('role actions: fix-all, clickable lens, lightbulb, palette commands, link picker, status', () => {
  let client: LspTestClient;
  let workspace: string;
  const file = (name: string) => path.join(workspace, name);
  const uri = (name: string) => pathToFileURL(file(name)).toString();
  const statuses: Array<{ text: string; tooltip: string; busy: boolean }> = [];
  const messages: ShowMessageRequestParams[] = [];
  const appliedEdits: ApplyWorkspaceEditParams[] = [];
  let answer: string | undefined;
  let refreshes = 0;
  const missing = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === 'ecs/execution-role-missing-permission');
  const command = (name: string, args: unknown) =>
    client.connection.sendRequest(ExecuteCommandRequest.type, { command: name, arguments: [args] });
  const actions = async (name: string, range: Range, only?: string[], diagnostics: Diagnostic[] = []) =>
    ((await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri(name) },
      range,
      context: { diagnostics, only },
    })) ?? []) as CodeAction[];
  const lineOf = (name: string, needle: string) =>
    readFileSync(file(name), 'utf8')
      .split('\n')
      .findIndex((line) => line.includes(needle));

  before(async () => {
    workspace = mkdtempSync(path.join(tmpdir(), 'ecs-iam-role-actions-'));
    cpSync(path.join(FIXTURES, 'roles', 'convention'), workspace, { recursive: true });
    client = new LspTestClient();
    client.connection.onNotification(
      'ecsIam/status',
      (params: unknown) => void statuses.push(params as { text: string; tooltip: string; busy: boolean }),
    );
    client.connection.onRequest(ShowMessageRequest.type, (params) => {
      messages.push(params);
      return params.actions?.find((action) => action.title === answer) ?? null;
    });
    client.connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
      appliedEdits.push(params);
      return { applied: true };
    });
    client.connection.onRequest(CodeLensRefreshRequest.type, () => {
      refreshes++;
    });
    await client.initialize({
      workspaceFolder: workspace,
      showDocument: true,
      initializationOptions: { opensGeneratedPolicies: true, statusNotifications: true },
      capabilities: { textDocument: { codeAction: { disabledSupport: true } }, workspace: { codeLens: { refreshSupport: true } } },
    });
    await client.open(uri('task-definition.json'), readFileSync(file('task-definition.json'), 'utf8'));
    await client.diagnosticsFor(uri('task-definition.json'), (params) => missing(params.diagnostics).length === 2);
  });

  after(async () => {
    await client.shutdown();
  });

  test('status: indexing with a count, then ready with the IAM data date (item 14)', async () => {
    for (let i = 0; i < 100 && !statuses.some((status) => !status.busy); i++) {
      await command('ecsIam.server.policyFileChoices', { roleName: 'x' });
    }
    assert.ok(
      statuses.some((status) => /^ECS & IAM: indexing \d+\/\d+ files$/.test(status.text) && status.busy),
      JSON.stringify(statuses),
    );
    const ready = statuses[statuses.length - 1];
    assert.match(ready.text, /^ECS & IAM: ready \(IAM data of \d{4}-\d{2}-\d{2}\)$/);
    assert.match(ready.tooltip, /Indexed \d+ task definitions, policies and templates among \d+ JSON files/);
    assert.equal(ready.busy, false);
  });

  test('fix-all: each missing-permission finding offers every missing permission of the role; source.fixAll is one edit (item 9)', async () => {
    const diagnostics = missing(
      await client.diagnosticsFor(uri('task-definition.json'), (params) => missing(params.diagnostics).length === 2),
    );
    const quickFixes = await actions('task-definition.json', diagnostics[0].range, undefined, [diagnostics[0]]);
    const title = 'Add all 2 missing permissions of the execution role `ecsTaskExecutionRole` to ecsTaskExecutionRole.json';
    assert.ok(
      quickFixes.some((action) => action.title === title && action.kind === 'quickfix'),
      JSON.stringify(quickFixes.map((a) => a.title)),
    );
    const [fixAll, ...others] = await actions(
      'task-definition.json',
      { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      ['source.fixAll'],
    );
    assert.equal(others.length, 0);
    assert.equal(fixAll.kind, 'source.fixAll.ecs-iam');
    const edits = fixAll.edit?.changes?.[uri('ecsTaskExecutionRole.json')] as TextEdit[];
    const policy = applyLspEdits(readFileSync(file('ecsTaskExecutionRole.json'), 'utf8'), edits);
    assert.ok(isStrictJson(policy), policy);
    const sources = [{ label: 'p', kind: 'inline' as const, statements: statementsFromValue(JSON.parse(policy)) }];
    assert.equal(
      evaluate(sources, 'secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:eu-west-1:210987654321:secret:orders/db-password-AbCdEf')
        .decision,
      'allowed',
    );
    assert.equal(
      evaluate(sources, 'logs:CreateLogGroup', 'arn:aws:logs:eu-west-1:210987654321:log-group:/ecs/orders-api:log-stream:*').decision,
      'allowed',
    );
  });

  test('the execution-role lens: clicking lists the unmet needs and "Add all missing permissions" applies one edit (item 9)', async () => {
    const lenses =
      (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: uri('task-definition.json') } })) ?? [];
    const lens = lenses.find((candidate) => candidate.command?.title.startsWith('execution role:'));
    assert.equal(lens?.command?.command, 'ecsIam.server.roleStatus');
    answer = 'Add all missing permissions';
    const result = await command(lens!.command!.command, lens!.command!.arguments![0]);
    assert.deepEqual(result, { applied: true });
    const message = messages[messages.length - 1];
    assert.match(
      message.message,
      /^The execution role ecsTaskExecutionRole \(ecsTaskExecutionRole\.json\) meets 1 of 3 needs of this task definition\. Missing: /,
    );
    assert.match(
      message.message,
      /secretsmanager:GetSecretValue on arn:aws:secretsmanager:eu-west-1:210987654321:secret:orders\/db-password-AbCdEf/,
    );
    assert.deepEqual(
      message.actions?.map((action) => action.title),
      ['Add all missing permissions', 'Open ecsTaskExecutionRole.json'],
    );
    const edit = appliedEdits[appliedEdits.length - 1].edit;
    const policy = applyLspEdits(readFileSync(file('ecsTaskExecutionRole.json'), 'utf8'), edit.changes![uri('ecsTaskExecutionRole.json')]);
    assert.ok(isStrictJson(policy) && policy.includes('secretsmanager:GetSecretValue') && policy.includes('logs:CreateLogGroup'), policy);
  });

  test('the task-role lens with every need met opens the linked policy (item 9)', async () => {
    const lenses =
      (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: uri('task-definition.json') } })) ?? [];
    const lens = lenses.find((candidate) => candidate.command?.title.startsWith('task role:'));
    await command(lens!.command!.command, lens!.command!.arguments![0]);
    assert.equal(client.shownDocuments[client.shownDocuments.length - 1].uri, uri('orders-api-task.json'));
  });

  test('lightbulb on the role fields: generate and link; a task role policy that cannot be generated says why when run (item 8)', async () => {
    const executionLine = lineOf('task-definition.json', '"executionRoleArn"');
    const atExecution = await actions('task-definition.json', {
      start: { line: executionLine, character: 8 },
      end: { line: executionLine, character: 8 },
    });
    const refactors = atExecution.filter((action) => action.kind?.startsWith('refactor'));
    assert.deepEqual(
      refactors.map((action) => action.title),
      ['Generate execution role policy', 'Generate trust policy', 'Link a policy file to ecsTaskExecutionRole…'],
    );
    assert.equal(refactors[0].command?.command, 'ecsIam.openGeneratedPolicy');
    const taskLine = lineOf('task-definition.json', '"taskRoleArn"');
    const atTask = (
      await actions('task-definition.json', { start: { line: taskLine, character: 8 }, end: { line: taskLine, character: 8 } })
    ).filter((action) => action.kind?.startsWith('refactor'));
    // Offered although nothing can be generated: running it says why (VS Code hides disabled actions from the lightbulb).
    const task = atTask.find((action) => action.title === 'Generate task role policy');
    assert.ok(task?.command && !task.disabled);
    assert.equal(task.command.command, 'ecsIam.openGeneratedPolicy');
    // Our client runs it by asking the server for the policy, which answers with the reason.
    const ran = (await command('ecsIam.server.generatePolicy', task.command.arguments![0])) as { message?: string };
    assert.match(ran.message ?? '', /reveals nothing its task role needs/);
    // Elsewhere in the file: no role actions in the lightbulb.
    const elsewhere = await actions('task-definition.json', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.equal(elsewhere.filter((action) => action.kind?.startsWith('refactor')).length, 0);
    // The source actions keep the task role entry too.
    const source = await actions('task-definition.json', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, ['source']);
    assert.ok(source.some((action) => action.title === 'Generate task role policy'));
  });

  test('palette commands: generate at the cursor, or say why not (item 8)', async () => {
    const position = { line: lineOf('task-definition.json', '"family"'), character: 4 };
    const execution = (await command('ecsIam.server.generatePolicy', {
      uri: uri('task-definition.json'),
      kind: 'execution',
      position,
    })) as { content: string };
    assert.ok(JSON.parse(execution.content).Statement.length > 0);
    const task = (await command('ecsIam.server.generatePolicy', { uri: uri('task-definition.json'), kind: 'task', position })) as {
      message: string;
      content?: string;
    };
    assert.equal(task.content, undefined);
    assert.match(task.message, /^No task role policy to generate: this task definition reveals nothing its task role needs/);
    await client.open(uri('ecsTaskExecutionRole-trust-policy.json'), readFileSync(file('ecsTaskExecutionRole-trust-policy.json'), 'utf8'));
    const notTaskDefinition = (await command('ecsIam.server.generatePolicy', {
      uri: uri('ecsTaskExecutionRole-trust-policy.json'),
      kind: 'trust',
      position: { line: 0, character: 0 },
    })) as { message: string };
    assert.match(notTaskDefinition.message, /not an ECS task definition/);
  });

  test('link picker: the roles of the task definition, then the workspace policy files, those of the role first (items 8, 11)', async () => {
    const { choices } = (await command('ecsIam.server.linkChoices', {
      uri: uri('task-definition.json'),
      position: { line: 1, character: 2 },
    })) as { choices: Array<{ label: string; description: string; args: { roleName: string } }> };
    assert.deepEqual(
      choices.map((choice) => choice.label),
      ['ecsTaskExecutionRole', 'orders-api-task'],
    );
    assert.match(choices[0].description, /^execution role — linked: ecsTaskExecutionRole\.json$/);
    const files = (await command('ecsIam.server.policyFileChoices', { roleName: 'ecsTaskExecutionRole' })) as Array<{
      label: string;
      description: string;
      kind: string;
    }>;
    assert.deepEqual(
      files.map((entry) => `${entry.label} (${entry.kind})`),
      ['ecsTaskExecutionRole-trust-policy.json (trustPolicy)', 'ecsTaskExecutionRole.json (policies)', 'orders-api-task.json (policies)'],
    );
  });

  test('linking creates .ecs-iam.json at the workspace root, says so, and the lenses are refreshed (item 11)', async () => {
    const before = refreshes;
    const result = (await command('ecsIam.server.addRoleMapping', {
      file: file('task-definition.json'),
      roleName: 'orders-api-task',
      policyFile: file('orders-api-task.json'),
      kind: 'policies',
    })) as { created: boolean; configFile: string; message: string };
    assert.equal(result.created, true);
    assert.equal(result.configFile, file('.ecs-iam.json'));
    assert.equal(result.message, 'Linked orders-api-task.json to the role orders-api-task in .ecs-iam.json, created for this mapping.');
    const edit = appliedEdits[appliedEdits.length - 1].edit;
    assert.ok(edit.documentChanges?.some((change) => 'kind' in change && change.kind === 'create' && change.uri === uri('.ecs-iam.json')));
    // The editor opens the new file with its content: the lenses of every document are asked for again.
    const content = (edit.documentChanges![1] as { edits: TextEdit[] }).edits[0].newText;
    await client.open(uri('.ecs-iam.json'), content);
    for (let i = 0; i < 200 && refreshes === before; i++) await command('ecsIam.server.policyFileChoices', { roleName: 'x' });
    assert.ok(refreshes > before, 'workspace/codeLens/refresh was sent');
  });
});
