// A Terraform file in JSON syntax (`main.tf.json`, languageId json as VS Code opens it) over the protocol: the task
// definition's secret needs secretsmanager:GetSecretValue, which the execution role's aws_iam_policy_document lacks.
// The diagnostic is on the secret inside the container_definitions string, the fix appends a Terraform statement
// block (JSON) to the document's `statement` list, the hover explains it; a plain `.json` with the same text is silent.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CodeLensRequest, HoverRequest, type Position } from 'vscode-languageserver-protocol/node';
import { FIXTURES, isStrictJson } from '../helpers';
import { applyLspEdits, clientOnWorkspace, type LspTestClient } from './lspClient';

function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

const FIXTURE = readFileSync(path.join(FIXTURES, 'terraform', 'secrets.tf.json'), 'utf8');

describe('a .tf.json file over the protocol', () => {
  let client: LspTestClient;
  let workspace: string;
  let uri: string;

  before(async () => {
    const started = await clientOnWorkspace('terraform-json-protocol', { 'main.tf.json': FIXTURE });
    ({ client, workspace } = started);
    uri = started.uri('main.tf.json');
    await client.open(uri, FIXTURE, 'json');
  });

  after(async () => {
    await client.shutdown();
  });

  test('the missing secret permission is reported at the secret; the fix adds a statement block in Terraform JSON', async () => {
    const diagnostics = await client.diagnosticsFor(uri, (params) =>
      params.diagnostics.some((d) => d.code === 'ecs/execution-role-missing-permission'),
    );
    const missing = diagnostics.find((d) => d.code === 'ecs/execution-role-missing-permission')!;
    assert.equal(missing.severity, 1);
    assert.deepEqual(missing.range.start, positionOf(FIXTURE, FIXTURE.indexOf('\\"arn:aws:secretsmanager')));
    assert.match(String(missing.message), /`secretsmanager:GetSecretValue`/);
    assert.ok(
      !diagnostics.some((d) => d.severity === 1 && d.code !== 'ecs/execution-role-missing-permission'),
      JSON.stringify(diagnostics),
    );

    const actions = await client.codeActions(uri, missing.range, [missing]);
    const fix = actions.find((action) => action.title.startsWith('Allow secretsmanager:GetSecretValue in aws_iam_role_policy.execution'));
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    const fixed = applyLspEdits(FIXTURE, fix.edit!.changes![uri]);
    assert.ok(isStrictJson(fixed), fixed);
    const statements = JSON.parse(fixed).data.aws_iam_policy_document.execution.statement as Array<Record<string, unknown>>;
    assert.deepEqual(statements[1].actions, ['secretsmanager:GetSecretValue']);
    assert.deepEqual(statements[1].resources, ['arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-password-AbCdEf']);
    assert.equal(statements[1].effect, 'Allow');

    const version = await client.change(uri, fixed);
    const afterFix = await client.diagnosticsFor(uri, (params) => params.version === version);
    assert.ok(!afterFix.some((d) => d.code === 'ecs/execution-role-missing-permission'), JSON.stringify(afterFix));
    const restored = await client.change(uri, FIXTURE);
    await client.diagnosticsFor(uri, (params) => params.version === restored);
  });

  test('hover on the secret says which role needs what', async () => {
    const offset = FIXTURE.indexOf('\\"secrets\\"') + 3;
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(FIXTURE, offset) });
    const value = (hover?.contents as { value: string } | undefined)?.value ?? '';
    assert.match(value, /secretsmanager:GetSecretValue/);
    assert.match(value, /execution role/i);
  });

  test('CodeLens on execution_role_arn names the role resource and counts the needs met', async () => {
    await client.diagnosticsFor(uri, (params) => params.diagnostics.some((d) => d.code === 'ecs/execution-role-missing-permission'));
    const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];
    const line = positionOf(FIXTURE, FIXTURE.indexOf('"execution_role_arn"')).line;
    const lens = lenses.find((candidate) => candidate.range.start.line === line);
    assert.ok(lens, JSON.stringify(lenses));
    assert.match(String(lens.command?.title), /^execution role: aws_iam_role\.execution .*— \d+ of \d+ needs met$/);
    const [met, total] = /(\d+) of (\d+)/.exec(String(lens.command?.title))!.slice(1).map(Number);
    assert.ok(met < total, String(lens.command?.title));
  });

  test('the same text in a plain .json file is not Terraform: no finding', async () => {
    const other = pathToFileURL(path.join(workspace, 'secrets.json')).toString();
    await client.open(other, FIXTURE, 'json');
    const diagnostics = await client.diagnosticsFor(other, () => true);
    assert.deepEqual(diagnostics, []);
  });
});
