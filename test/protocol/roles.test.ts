// The roles feature over the protocol: a multi-file workspace, the missing-permission diagnostic on
// the task definition, its fix editing the policy file, both directions updating after an edit,
// CodeLens, and the generate command.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CodeLensRequest, ExecuteCommandRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { FIXTURES, isStrictJson } from '../helpers';
import { applyLspEdits, LspTestClient } from './lspClient';

describe('task role vs execution role across files', () => {
  let client: LspTestClient;
  let workspace: string;
  const file = (name: string) => path.join(workspace, name);
  const uri = (name: string) => pathToFileURL(file(name)).toString();
  const missing = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === 'ecs/execution-role-missing-permission');

  before(async () => {
    workspace = mkdtempSync(path.join(tmpdir(), 'ecs-iam-roles-protocol-'));
    cpSync(path.join(FIXTURES, 'roles', 'convention'), workspace, { recursive: true });
    client = new LspTestClient();
    await client.initialize({ workspaceFolder: workspace });
  });

  after(async () => {
    await client.shutdown();
  });

  test('the task definition gets the missing permissions once the workspace is indexed, with a fix that edits the policy file', async () => {
    await client.open(uri('task-definition.json'), readFileSync(file('task-definition.json'), 'utf8'));
    const diagnostics = await client.diagnosticsFor(uri('task-definition.json'), (params) => missing(params.diagnostics).length === 2);
    const secret = missing(diagnostics).find((d) => String(d.message).includes('secretsmanager:GetSecretValue'));
    assert.ok(secret);
    assert.equal(secret.severity, 1);
    const actions = await client.codeActions(uri('task-definition.json'), secret.range, [secret]);
    const fix = actions.find((action) => action.title.startsWith('Allow secretsmanager:GetSecretValue in ecsTaskExecutionRole.json'));
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    const edits = fix.edit?.changes?.[uri('ecsTaskExecutionRole.json')];
    assert.ok(edits?.length, 'the fix edits the linked policy file');
    const policy = applyLspEdits(readFileSync(file('ecsTaskExecutionRole.json'), 'utf8'), edits);
    assert.ok(isStrictJson(policy));

    // Applying the fix in the editor: the policy document changes, and the task definition is re-checked.
    await client.open(uri('ecsTaskExecutionRole.json'), readFileSync(file('ecsTaskExecutionRole.json'), 'utf8'));
    await client.change(uri('ecsTaskExecutionRole.json'), policy);
    const after = await client.diagnosticsFor(uri('task-definition.json'), (params) => missing(params.diagnostics).length === 1);
    assert.match(String(missing(after)[0].message), /logs:CreateLogGroup/);
  });

  test('the execution role policy: application permission reported there', async () => {
    const diagnostics = await client.diagnosticsFor(uri('ecsTaskExecutionRole.json'), (params) =>
      params.diagnostics.some((d) => d.code === 'iam/application-permission-on-execution-role'),
    );
    assert.ok(diagnostics.some((d) => String(d.message).includes('dynamodb:PutItem')));
  });

  test('CodeLens shows what is linked and how many needs are met', async () => {
    const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: uri('task-definition.json') } });
    const titles = (lenses ?? []).map((lens) => lens.command?.title);
    assert.deepEqual(titles, ['execution role: ecsTaskExecutionRole.json — 2 of 3 needs met', 'task role: orders-api-task.json']);
  });

  test('generate: the least-privilege execution role policy for the task definition', async () => {
    const generated = (await client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: 'ecsIam.server.generatePolicy',
      arguments: [{ uri: uri('task-definition.json'), kind: 'execution' }],
    })) as { content: string; fileName: string };
    assert.equal(generated.fileName, 'orders-api-execution-role-policy.json');
    const policy = JSON.parse(generated.content);
    assert.ok(
      policy.Statement.some(
        (statement: { Resource: string }) => statement.Resource === 'arn:aws:ecr:eu-west-1:210987654321:repository/orders-api',
      ),
    );
  });

  test('hover on executionRoleArn lists the linked policies and what is missing', async () => {
    const text = readFileSync(file('task-definition.json'), 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('"executionRoleArn"'));
    const hover = await client.hover(uri('task-definition.json'), { line, character: 6 });
    const value = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(value, /\*\*Linked policies\*\* \(found by file name\)/);
    assert.match(value, /2 of 3 needs met/);
  });
});
