// CloudFormation templates over the protocol: the missing-permission diagnostic at the secret with a
// quick fix that edits the template itself, hover on ExecutionRoleArn, the outline, and the CodeLens on
// the role fields (clickable where the editor can show a document).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CodeLensRequest,
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  HoverRequest,
  type DocumentSymbol,
} from 'vscode-languageserver-protocol/node';
import { FIXTURES, isStrictJson } from '../helpers';
import { applyLspEdits, LspTestClient, positionOf } from './lspClient';

/** The LSP position of a UTF-16 offset (the fixtures have \n line ends). */
describe('CloudFormation templates over the protocol', () => {
  let client: LspTestClient;
  let uri: string;
  let text: string;

  before(async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'ecs-iam-cfn-protocol-'));
    text = readFileSync(path.join(FIXTURES, 'cloudformation', 'missing-secret-permission.json'), 'utf8');
    const file = path.join(workspace, 'stack.json');
    writeFileSync(file, text);
    uri = pathToFileURL(file).toString();
    client = new LspTestClient();
    const result = await client.initialize({ workspaceFolder: workspace });
    assert.ok(result.capabilities.documentSymbolProvider);
    await client.open(uri, text);
  });

  after(async () => {
    await client.shutdown();
  });

  test('the missing secret permission is reported at the secret; the fix edits the execution role in the same template', async () => {
    const diagnostics = await client.diagnosticsFor(uri, (params) =>
      params.diagnostics.some((d) => d.code === 'ecs/execution-role-missing-permission'),
    );
    const missing = diagnostics.find((d) => d.code === 'ecs/execution-role-missing-permission')!;
    assert.equal(missing.severity, 1);
    const actions = await client.codeActions(uri, missing.range, [missing]);
    const fix = actions.find((action) =>
      action.title.startsWith('Allow secretsmanager:GetSecretValue in ExecutionRole inline policy ReadSecrets'),
    );
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.deepEqual(Object.keys(fix.edit?.changes ?? {}), [uri]);
    const fixed = applyLspEdits(text, fix.edit!.changes![uri]);
    assert.ok(isStrictJson(fixed));
    assert.deepEqual(JSON.parse(fixed).Resources.ExecutionRole.Properties.Policies[0].PolicyDocument.Statement.at(-1).Resource, {
      Ref: 'DbPassword',
    });
  });

  test('hover on ExecutionRoleArn names the role resource and its needs', async () => {
    const offset = text.indexOf('"ExecutionRoleArn"') + 3;
    const line = text.slice(0, offset).split('\n').length - 1;
    const character = offset - (text.lastIndexOf('\n', offset - 1) + 1);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
    const value = (hover?.contents as { value: string }).value;
    assert.match(value, /Defined in this template\*\* as the resource `ExecutionRole`/);
  });

  test('document symbols: resources with their types', async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    assert.equal(symbols[0].name, 'Resources');
    assert.deepEqual(
      symbols[0].children?.map((symbol) => symbol.detail),
      [
        'AWS::SecretsManager::Secret',
        'AWS::Logs::LogGroup',
        'AWS::IAM::Role',
        'AWS::IAM::Role',
        'AWS::IAM::Policy',
        'AWS::ECS::TaskDefinition',
      ],
    );
  });

  test('CodeLens on the role fields names the role resources and counts the needs; it follows an edit', async () => {
    const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];
    assert.deepEqual(
      lenses.map((lens) => [lens.range.start.line, lens.command?.title]),
      [
        [positionOf(text, text.indexOf('"ExecutionRoleArn"')).line, 'execution role: ExecutionRole in this template — 2 of 3 needs met'],
        [positionOf(text, text.indexOf('"TaskRoleArn"')).line, 'task role: TaskRole in this template — 1 of 1 needs met'],
      ],
    );
    // This client cannot show documents on request: the lens is plain text, not a command that fails.
    assert.deepEqual(
      lenses.map((lens) => lens.command?.command),
      ['', ''],
    );
    // The fix's statement makes the third need met.
    const [missing] = (await client.diagnosticsFor(uri)).filter((d) => d.code === 'ecs/execution-role-missing-permission');
    const fix = (await client.codeActions(uri, missing.range, [missing])).find((action) =>
      action.title.startsWith('Allow secretsmanager:GetSecretValue'),
    );
    const version = await client.change(uri, applyLspEdits(text, fix!.edit!.changes![uri]));
    await client.diagnosticsForVersion(uri, version);
    const after = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];
    assert.equal(after[0].command?.title, 'execution role: ExecutionRole in this template — 3 of 3 needs met');
  });
});

describe('CodeLens on template role fields in an editor that shows documents', () => {
  let client: LspTestClient;
  let uri: string;
  let text: string;

  before(async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'ecs-iam-cfn-lens-'));
    text = readFileSync(path.join(FIXTURES, 'cloudformation', 'ecs-service.json'), 'utf8');
    const file = path.join(workspace, 'service.json');
    writeFileSync(file, text);
    uri = pathToFileURL(file).toString();
    client = new LspTestClient();
    const result = await client.initialize({ workspaceFolder: workspace, showDocument: true });
    assert.ok(result.capabilities.executeCommandProvider?.commands.includes('ecsIam.server.showLocation'));
    await client.open(uri, text);
  });

  after(async () => {
    await client.shutdown();
  });

  test('every need of both roles is met; clicking a lens shows the role resource', async () => {
    const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];
    assert.deepEqual(
      lenses.map((lens) => lens.command?.title),
      ['execution role: ExecutionRole in this template — 3 of 3 needs met', 'task role: TaskRole in this template — 1 of 1 needs met'],
    );
    for (const [lens, id] of [
      [lenses[0], 'ExecutionRole'],
      [lenses[1], 'TaskRole'],
    ] as const) {
      assert.equal(lens.command?.command, 'ecsIam.server.showLocation');
      const shown = client.shownDocuments.length;
      const result = await client.connection.sendRequest(ExecuteCommandRequest.type, {
        command: lens.command!.command,
        arguments: lens.command!.arguments,
      });
      assert.deepEqual(result, { success: true });
      const offset = text.indexOf(`"${id}": {`) + 1;
      assert.deepEqual(client.shownDocuments.slice(shown), [
        { uri, takeFocus: true, selection: { start: positionOf(text, offset), end: positionOf(text, offset + id.length) } },
      ]);
    }
  });
});
