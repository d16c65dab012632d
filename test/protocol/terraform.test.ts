// A Terraform file over the protocol (languageId terraform): a task definition in jsonencode whose execution
// role is built from an aws_iam_policy_document without secretsmanager:GetSecretValue. The diagnostic is on the
// secret, the fix adds a `statement` block (HCL) to that policy document, and once applied the finding is gone.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { HoverRequest, type CompletionList, type Position, type TextEdit } from 'vscode-languageserver-protocol/node';
import { hclHasErrors } from '../../server/src/core/hcl';
import { loadHclParser } from '../../server/src/workspace/hclWasm';
import { FIXTURES } from '../helpers';
import { applyLspEdits, clientOnWorkspace, type LspTestClient } from './lspClient';

function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

const FIXTURE = readFileSync(path.join(FIXTURES, 'terraform', 'secrets.tf'), 'utf8');

describe('a Terraform file over the protocol', () => {
  let client: LspTestClient;
  let uri: string;

  before(async () => {
    await loadHclParser();
    const started = await clientOnWorkspace('terraform-protocol', { 'main.tf': FIXTURE });
    client = started.client;
    uri = started.uri('main.tf');
    await client.open(uri, FIXTURE, 'terraform');
  });

  after(async () => {
    await client.shutdown();
  });

  test('the missing secret permission is reported at the secret; the fix adds an HCL statement block to the policy document', async () => {
    const diagnostics = await client.diagnosticsFor(uri, (params) =>
      params.diagnostics.some((d) => d.code === 'ecs/execution-role-missing-permission'),
    );
    const missing = diagnostics.find((d) => d.code === 'ecs/execution-role-missing-permission')!;
    assert.equal(missing.severity, 1);
    assert.deepEqual(missing.range.start, positionOf(FIXTURE, FIXTURE.indexOf('"arn:aws:secretsmanager')));
    assert.match(String(missing.message), /`secretsmanager:GetSecretValue`/);
    assert.ok(
      !diagnostics.some((d) => d.severity === 1 && d.code !== 'ecs/execution-role-missing-permission'),
      JSON.stringify(diagnostics),
    );

    const actions = await client.codeActions(uri, missing.range, [missing]);
    const fix = actions.find((action) => action.title.startsWith('Allow secretsmanager:GetSecretValue in aws_iam_role_policy.execution'));
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    const fixed = applyLspEdits(FIXTURE, fix.edit!.changes![uri]);
    // A statement block inside data "aws_iam_policy_document" "execution", after the existing one, valid HCL.
    const documentStart = fixed.indexOf('data "aws_iam_policy_document" "execution"');
    const added = fixed.indexOf('actions   = ["secretsmanager:GetSecretValue"]');
    assert.ok(added > documentStart && added < fixed.indexOf('resource "aws_iam_role_policy"'), fixed);
    assert.match(
      fixed,
      /\n {2}statement \{\n {4}sid {7}= "\w+"\n {4}effect {4}= "Allow"\n {4}actions {3}= \["secretsmanager:GetSecretValue"\]\n {4}resources = \["arn:aws:secretsmanager:us-east-1:123456789012:secret:prod\/db-password-AbCdEf"\]\n {2}\}\n\}/,
    );
    assert.equal(hclHasErrors(fixed), false);

    const version = await client.change(uri, fixed);
    const afterFix = await client.diagnosticsFor(uri, (params) => params.version === version);
    assert.ok(!afterFix.some((d) => d.code === 'ecs/execution-role-missing-permission'), JSON.stringify(afterFix));
    const restored = await client.change(uri, FIXTURE);
    await client.diagnosticsFor(uri, (params) => params.version === restored);
  });

  test('hover on the secret says which role needs what and that the linked policy does not allow it', async () => {
    const offset = FIXTURE.indexOf('secrets = [') + 2;
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(FIXTURE, offset) });
    const value = (hover?.contents as { value: string } | undefined)?.value ?? '';
    assert.match(value, /secretsmanager:GetSecretValue/);
    assert.match(value, /execution role/i);
  });

  test('invalid HCL is reported by terraform/syntax and does not stop the server', async () => {
    const text = FIXTURE.replace('family                   = "web"', 'family                   = = "web"');
    const version = await client.change(uri, text);
    const diagnostics = await client.diagnosticsFor(uri, (params) => params.version === version);
    const syntax = diagnostics.filter((d) => d.code === 'terraform/syntax');
    assert.ok(syntax.length > 0, JSON.stringify(diagnostics));
    assert.equal(syntax[0].range.start.line, 1);
    const restored = await client.change(uri, FIXTURE);
    await client.diagnosticsFor(uri, (params) => params.version === restored);
  });

  test('a JSON heredoc container definition that is not valid JSON is an error at the place, unlike terraform plan', async () => {
    const text = `resource "aws_ecs_task_definition" "heredoc" {
  family = "heredoc"
  container_definitions = <<EOF
[{"name": "app", "image": "nginx:1.27", "essential": true,}]
[{"name": "app", "image": "nginx:1.27", "essential": true,}]
EOF
}
`;
    const other = uri.replace('main.tf', 'heredoc.tf');
    await client.open(other, text, 'terraform');
    const diagnostics = await client.diagnosticsFor(other, (params) => params.diagnostics.some((d) => d.code === 'terraform/syntax'));
    const syntax = diagnostics.find((d) => d.code === 'terraform/syntax')!;
    assert.match(String(syntax.message), /Invalid JSON/);
    assert.equal(syntax.range.start.line, 3);
  });

  test('completion in HCL: a half-typed field in jsonencode, a snake_case argument, an action in a statement block', async () => {
    const lines = FIXTURE.split('\n');
    const essential = lines.findIndex((line) => line.includes('essential = true'));
    // A line being typed below `essential = true`: `      mem` (not valid HCL until its `=`).
    const typing = [...lines.slice(0, essential + 1), '      memoryRes', ...lines.slice(essential + 1)].join('\n');
    const other = uri.replace('main.tf', 'typing.tf');
    await client.open(other, typing, 'terraform');
    const items = (await client.completion(other, { line: essential + 1, character: '      memoryRes'.length })) as CompletionList;
    const memory = items.items.find((item) => item.label === 'memoryReservation');
    assert.ok(memory, JSON.stringify(items.items.map((item) => item.label)));
    const edit = memory.textEdit as TextEdit;
    assert.equal(edit.newText, 'memoryReservation = ${1:0}');
    assert.deepEqual(edit.range, { start: { line: essential + 1, character: 6 }, end: { line: essential + 1, character: 15 } });
    assert.ok(!items.items.some((item) => item.label === 'image' || item.label === 'essential'), 'written already');

    const body = lines.findIndex((line) => line.startsWith('  memory '));
    const argument = [...lines.slice(0, body + 1), '  task_', ...lines.slice(body + 1)].join('\n');
    const version = await client.change(other, argument);
    await client.diagnosticsFor(other, (params) => params.version === version);
    const task = (await client.completion(other, { line: body + 1, character: 7 })) as CompletionList;
    const role = task.items.find((item) => item.label === 'task_role_arn');
    assert.ok(role, JSON.stringify(task.items.map((item) => item.label)));
    assert.equal((role.textEdit as TextEdit).newText, 'task_role_arn = $1');
    assert.match(String((role.documentation as { value: string }).value), /IAM role/);

    const actionLine = lines.findIndex((line) => line.includes('actions   = ["logs:CreateLogStream"'));
    const action = (await client.completion(uri, {
      line: actionLine,
      character: lines[actionLine].indexOf('logs:Create') + 'logs:Create'.length,
    })) as CompletionList;
    const stream = action.items.find((item) => item.label === 'logs:CreateLogStream');
    assert.ok(stream, JSON.stringify(action.items.slice(0, 5).map((item) => item.label)));
    assert.equal((stream.textEdit as TextEdit).newText, '"logs:CreateLogStream"');
  });
});
