// A YAML CloudFormation template over the protocol (languageId yaml): the missing-permission diagnostic at
// the secret, a quick fix that adds the statement to the execution role in the same template in YAML
// style, hover on ExecutionRoleArn, completion of a container property, yaml/syntax, and the Red Hat YAML
// extension case (its syntax errors are not repeated).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { HoverRequest, type CompletionItem, type Position } from 'vscode-languageserver-protocol/node';
import { parseDocument as parseYamlText } from 'yaml';
import { FIXTURES } from '../helpers';
import { applyLspEdits, LspTestClient, positionOf } from './lspClient';

const FIXTURE = readFileSync(path.join(FIXTURES, 'yaml', 'missing-secret-permission.yaml'), 'utf8');

describe('a YAML template over the protocol', () => {
  let client: LspTestClient;
  let uri: string;
  let workspace: string;

  before(async () => {
    workspace = mkdtempSync(path.join(tmpdir(), 'ecs-iam-yaml-protocol-'));
    const file = path.join(workspace, 'template.yaml');
    writeFileSync(file, FIXTURE);
    uri = pathToFileURL(file).toString();
    client = new LspTestClient();
    await client.initialize({ workspaceFolder: workspace });
    await client.open(uri, FIXTURE, 'yaml');
  });

  after(async () => {
    await client.shutdown();
  });

  test('the missing secret permission is reported at the secret; the fix adds a YAML statement to the execution role in the template', async () => {
    const diagnostics = await client.diagnosticsFor(uri, (params) =>
      params.diagnostics.some((d) => d.code === 'ecs/execution-role-missing-permission'),
    );
    const missing = diagnostics.find((d) => d.code === 'ecs/execution-role-missing-permission')!;
    assert.equal(missing.severity, 1);
    assert.equal(missing.range.start.line, positionOf(FIXTURE, FIXTURE.indexOf('!Ref DbPassword')).line);
    const actions = await client.codeActions(uri, missing.range, [missing]);
    const fix = actions.find((action) =>
      action.title.startsWith('Allow secretsmanager:GetSecretValue in ExecutionRole inline policy ReadSecrets'),
    );
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.deepEqual(Object.keys(fix.edit?.changes ?? {}), [uri]);
    const fixed = applyLspEdits(FIXTURE, fix.edit!.changes![uri]);
    // Valid YAML, in YAML style: a new `- Sid:` item under the existing statements, the resource as !Ref.
    const reparsed = parseYamlText(fixed, { customTags: [{ tag: '!Ref', resolve: (value: string) => ({ Ref: value }) }] as never });
    assert.deepEqual(reparsed.errors, []);
    assert.match(
      fixed,
      /\n {14}- Sid: \w+\n {16}Effect: Allow\n {16}Action: secretsmanager:GetSecretValue\n {16}Resource: !Ref DbPassword\n {2}TaskRole:/,
    );
    // Once applied, the finding is gone.
    const version = await client.change(uri, fixed);
    const after = await client.diagnosticsFor(uri, (params) => params.version === version);
    assert.ok(!after.some((d) => d.code === 'ecs/execution-role-missing-permission'), JSON.stringify(after));
    const restored = await client.change(uri, FIXTURE);
    await client.diagnosticsFor(uri, (params) => params.version === restored);
  });

  test('hover on ExecutionRoleArn names the role resource', async () => {
    const offset = FIXTURE.indexOf('ExecutionRoleArn:') + 3;
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(FIXTURE, offset) });
    const value = (hover?.contents as { value: string }).value;
    assert.match(value, /Defined in this template\*\* as the resource `ExecutionRole`/);
  });

  test('completion of a container property on a new line offers the CloudFormation names not yet used, as YAML keys', async () => {
    const anchor = FIXTURE.indexOf('          ReadonlyRootFilesystem: true\n') + '          ReadonlyRootFilesystem: true\n'.length;
    const text = `${FIXTURE.slice(0, anchor)}          Mem\n${FIXTURE.slice(anchor)}`;
    const version = await client.change(uri, text);
    await client.diagnosticsFor(uri, (params) => params.version === version);
    const result = await client.completion(uri, positionOf(text, anchor + '          Mem'.length));
    const items = (Array.isArray(result) ? result : (result?.items ?? [])) as CompletionItem[];
    const labels = items.map((item) => item.label);
    assert.ok(labels.includes('MemoryReservation'), labels.join(', '));
    assert.ok(!labels.includes('Essential'), 'a key already present is not offered');
    const memory = items.find((item) => item.label === 'MemoryReservation')!;
    const edit = memory.textEdit as { newText: string; range: { start: Position } };
    assert.equal(edit.newText, 'MemoryReservation: ');
    assert.deepEqual(edit.range.start, positionOf(text, anchor + 10));
    const restored = await client.change(uri, FIXTURE);
    await client.diagnosticsFor(uri, (params) => params.version === restored);
  });

  test('yaml/syntax: a duplicate key is reported; a workflow file next to it gets no diagnostics', async () => {
    const text = FIXTURE.replace('  LogGroup:\n', '  TaskRole:\n    Type: AWS::SNS::Topic\n  LogGroup:\n');
    const version = await client.change(uri, text);
    const diagnostics = await client.diagnosticsFor(uri, (params) => params.version === version);
    const duplicate = diagnostics.find((d) => d.code === 'yaml/syntax');
    assert.ok(duplicate, JSON.stringify(diagnostics));
    assert.match(String(duplicate.message), /Duplicate key `TaskRole`/);
    const restored = await client.change(uri, FIXTURE);
    await client.diagnosticsFor(uri, (params) => params.version === restored);

    const workflow = pathToFileURL(path.join(workspace, 'ci.yml')).toString();
    await client.open(workflow, 'on: push\njobs:\n  a: {runs-on: x, steps: [{run: "echo <TODO>"}]}\n  a: {}\n', 'yaml');
    assert.deepEqual(await client.diagnosticsFor(workflow), []);
  });
});

describe('with the Red Hat YAML extension validating', () => {
  test('yaml/syntax leaves plain syntax errors and duplicate keys to it and keeps the CloudFormation-specific ones', async () => {
    const client = new LspTestClient();
    try {
      await client.initialize({ initializationOptions: { yamlExtensionDiagnostics: true } });
      const uri = 'untitled:stack.yaml';
      const text = 'Resources:\n  R: &r\n    Type: AWS::SNS::Topic\n  R:\n    Type: AWS::SNS::Topic\n  S: *r\n';
      await client.open(uri, text, 'yaml');
      const diagnostics = await client.diagnosticsFor(uri, (params) => params.diagnostics.length > 0);
      const syntax = diagnostics.filter((d) => d.code === 'yaml/syntax');
      assert.equal(syntax.length, 1, JSON.stringify(syntax));
      assert.match(String(syntax[0].message), /alias/);
    } finally {
      await client.shutdown();
    }
  });
});
