// A template whose inline policy is a JSON string, over the protocol: the IAM finding inside the string with
// its range on the escaped text, hover inside the string, a quick fix that keeps the template valid JSON; and
// the CloudFormation schema finding on RoleName with its hover.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { FIXTURES, isStrictJson } from '../helpers';
import { applyLspEdits, clientOnWorkspace, type LspTestClient, positionOf, textOf } from './lspClient';

describe('a policy written as a JSON string in a template, over the protocol', () => {
  let client: LspTestClient;
  let uri: string;
  let text: string;

  before(async () => {
    text = readFileSync(path.join(FIXTURES, 'cloudformation', 'string-policy.json'), 'utf8');
    const started = await clientOnWorkspace('string-policy', { 'stack.json': text });
    client = started.client;
    uri = started.uri('stack.json');
    await client.open(uri, text);
  });

  after(async () => {
    await client.shutdown();
  });

  test('the unknown action is reported on its escaped text, hover works there, and the fix re-escapes', async () => {
    const diagnostics = await client.diagnosticsFor(uri, (params) => params.diagnostics.some((d) => d.code === 'iam/unknown-action'));
    const unknown = diagnostics.find((d) => d.code === 'iam/unknown-action')!;
    assert.equal(textOf(text, unknown.range), '\\"s3:GetObjekt\\"');
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: positionOf(text, text.indexOf('s3:GetObjekt') + 4),
    });
    assert.ok(hover, 'a hover inside the string');
    const actions = await client.codeActions(uri, unknown.range, [unknown]);
    const fix = actions.find((action) => action.title.includes('s3:GetObject'));
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    const fixed = applyLspEdits(text, fix.edit!.changes![uri]);
    assert.ok(isStrictJson(fixed), fixed);
    const document = JSON.parse(JSON.parse(fixed).Resources.AppRole.Properties.Policies[0].PolicyDocument);
    assert.equal(document.Statement[0].Action, 's3:GetObject');
  });

  test('RoleName over 64 characters: a cfn/invalid-value error, and the property hover from the schema', async () => {
    const diagnostics = await client.diagnosticsFor(uri, (params) => params.diagnostics.some((d) => d.code === 'cfn/invalid-value'));
    const long = diagnostics.find((d) => d.code === 'cfn/invalid-value')!;
    assert.equal(long.severity, 1);
    assert.match(String(long.message), /at most 64 characters long; it has 68/);
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: positionOf(text, text.indexOf('"RoleName"') + 3),
    });
    assert.match((hover?.contents as { value: string }).value, /\*\*RoleName\*\* — `AWS::IAM::Role`[\s\S]*1–64 characters/);
  });
});
