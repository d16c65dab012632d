// A template whose inline policy is a JSON string, over the protocol: the IAM finding inside the string with
// its range on the escaped text, hover inside the string, a quick fix that keeps the template valid JSON; and
// the CloudFormation schema finding on RoleName with its hover. Then a two-argument Fn::Sub string policy with
// variables, and a service that takes Fargate from its cluster's default capacity provider strategy.
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

describe('a Fn::Sub string policy with variables and a service on a Fargate-default cluster, over the protocol', () => {
  let client: LspTestClient;
  let uri: string;
  let text: string;

  before(async () => {
    text = readFileSync(path.join(FIXTURES, 'cloudformation', 'sub-string-policy.json'), 'utf8');
    const started = await clientOnWorkspace('sub-policy', { 'stack.json': text });
    client = started.client;
    uri = started.uri('stack.json');
    await client.open(uri, text);
  });

  after(async () => {
    await client.shutdown();
  });

  test('the unknown action inside the two-argument Fn::Sub is reported, nothing on ${BucketArn}; hover and fix work there', async () => {
    const diagnostics = await client.diagnosticsFor(uri, (params) => params.diagnostics.some((d) => d.code === 'iam/unknown-action'));
    const unknown = diagnostics.find((d) => d.code === 'iam/unknown-action')!;
    assert.equal(textOf(text, unknown.range), '\\"s3:GetObjekt\\"');
    assert.ok(!diagnostics.some((d) => textOf(text, d.range).includes('${BucketArn}')), JSON.stringify(diagnostics.map((d) => d.message)));
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: positionOf(text, text.indexOf('s3:ListBucket') + 4),
    });
    assert.match((hover?.contents as { value: string }).value, /\*\*s3:ListBucket\*\*/);
    const actions = await client.codeActions(uri, unknown.range, [unknown]);
    const fix = actions.find((action) => action.title.includes('s3:GetObject'));
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    const fixed = applyLspEdits(text, fix.edit!.changes![uri]);
    assert.ok(isStrictJson(fixed), fixed);
    const [policy, variables] = JSON.parse(fixed).Resources.TaskRole.Properties.Policies[0].PolicyDocument['Fn::Sub'];
    assert.deepEqual(JSON.parse(policy).Statement[0].Action, ['s3:ListBucket', 's3:GetObject']);
    assert.deepEqual(variables, { BucketArn: { 'Fn::GetAtt': ['Reports', 'Arn'] } });
  });

  test("the service takes Fargate from its cluster's default strategy: the service finding and the task definition's Fargate finding", async () => {
    const diagnostics = await client.diagnosticsFor(uri, (params) =>
      params.diagnostics.some((d) => d.code === 'ecs/service-launch-type-compatibility'),
    );
    const service = diagnostics.find((d) => d.code === 'ecs/service-launch-type-compatibility')!;
    assert.equal(textOf(text, service.range), '"Cluster"');
    assert.match(String(service.message), /default capacity provider strategy of cluster `Cluster`: FARGATE/);
    const privileged = diagnostics.find((d) => d.code === 'ecs/fargate-unsupported-parameter');
    assert.ok(privileged, JSON.stringify(diagnostics.map((d) => d.code)));
    assert.match(String(privileged.message), /run by the Fargate service `Service`/);
  });
});
