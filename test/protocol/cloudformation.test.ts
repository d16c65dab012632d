// CloudFormation templates over the protocol: the missing-permission diagnostic at the secret with a
// quick fix that edits the template itself, hover on ExecutionRoleArn, and the outline.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DocumentSymbolRequest, HoverRequest, type DocumentSymbol } from 'vscode-languageserver-protocol/node';
import { FIXTURES, isStrictJson } from '../helpers';
import { applyLspEdits, LspTestClient } from './lspClient';

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
    const diagnostics = await client.diagnosticsFor(uri, (params) => params.diagnostics.some((d) => d.code === 'ecs/execution-role-missing-permission'));
    const missing = diagnostics.find((d) => d.code === 'ecs/execution-role-missing-permission')!;
    assert.equal(missing.severity, 1);
    const actions = await client.codeActions(uri, missing.range, [missing]);
    const fix = actions.find((action) => action.title.startsWith('Allow secretsmanager:GetSecretValue in ExecutionRole inline policy ReadSecrets'));
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.deepEqual(Object.keys(fix.edit?.changes ?? {}), [uri]);
    const fixed = applyLspEdits(text, fix.edit!.changes![uri]);
    assert.ok(isStrictJson(fixed));
    assert.deepEqual(JSON.parse(fixed).Resources.ExecutionRole.Properties.Policies[0].PolicyDocument.Statement.at(-1).Resource, { Ref: 'DbPassword' });
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
    assert.deepEqual(symbols[0].children?.map((symbol) => symbol.detail), ['AWS::SecretsManager::Secret', 'AWS::Logs::LogGroup', 'AWS::IAM::Role', 'AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::ECS::TaskDefinition']);
  });
});
