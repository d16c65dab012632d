// Protocol tests: the real bundled server over stdio, driven by a real LSP client connection.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { isStrictJson } from '../helpers';
import { applyLspEdits, LspTestClient } from './lspClient';

const SAME_ROLE_TASK = `{
  "family": "web",
  "taskRoleArn": "arn:aws:iam::210987654321:role/app",
  "executionRoleArn": "arn:aws:iam::210987654321:role/app",
  "containerDefinitions": [
    {
      "name": "web",
      "image": "210987654321.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2",
      "logConfiguration": {
        "logDriver": "awslogs",
        "options": { "awslogs-group": "/ecs/web", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "web" }
      }
    }
  ]
}`;

const TRAILING_COMMA_POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "s3:ListBucket",
      ],
      "Resource": "arn:aws:s3:::reports"
    }
  ]
}`;

describe('language server over stdio', () => {
  let client: LspTestClient;
  let workspace: string;
  const uri = (name: string) => pathToFileURL(path.join(workspace, name)).toString();

  before(async () => {
    workspace = mkdtempSync(path.join(tmpdir(), 'ecs-iam-protocol-'));
    client = new LspTestClient();
    const result = await client.initialize({ workspaceFolder: workspace });
    assert.equal(result.serverInfo?.name, 'ecs-iam-language-server');
    assert.ok(result.capabilities.hoverProvider);
    assert.ok(result.capabilities.codeActionProvider);
    assert.ok(result.capabilities.completionProvider);
  });

  after(async () => {
    const code = await client.shutdown();
    assert.equal(code, 0, `server exit code; stderr: ${client.stderr}`);
  });

  test('didOpen of a task definition with one role in both fields publishes the warning at the value', async () => {
    await client.open(uri('same-role.json'), SAME_ROLE_TASK);
    const diagnostics = await client.diagnosticsFor(uri('same-role.json'));
    const warning = diagnostics.find((d) => d.code === 'ecs/same-task-and-execution-role');
    assert.ok(warning, JSON.stringify(diagnostics));
    assert.equal(warning.severity, 2);
    assert.equal(warning.source, 'ecs-iam');
    assert.deepEqual(warning.range, { start: { line: 3, character: 22 }, end: { line: 3, character: 58 } });
    assert.match(warning.codeDescription?.href ?? '', /^https:\/\/docs\.aws\.amazon\.com\//);
  });

  test('hover on executionRoleArn explains the role in this task definition', async () => {
    const hover = await client.hover(uri('same-role.json'), { line: 3, character: 6 });
    assert.ok(hover);
    const text = typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(text, /Task execution role/);
    assert.match(text, /ecr:GetAuthorizationToken/);
    assert.match(text, /arn:aws:ecr:eu-west-1:210987654321:repository\/web/);
    assert.match(text, /log group `\/ecs\/web`/);
    assert.match(text, /same role/);
  });

  test('hover on taskRoleArn explains the task role', async () => {
    const hover = await client.hover(uri('same-role.json'), { line: 2, character: 30 });
    const text = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(text, /Task role/);
    assert.match(text, /application code/);
  });

  test('typing updates diagnostics: making the roles differ clears the warning, undoing brings it back', async () => {
    const target = uri('same-role.json');
    const edit = { start: { line: 3, character: 52 }, end: { line: 3, character: 55 } }; // "app" in the execution role ARN
    const v2 = await client.change(target, 'ecsTaskExecutionRole', edit);
    const cleared = await client.diagnosticsForVersion(target, v2);
    assert.equal(cleared.filter((d) => d.code === 'ecs/same-task-and-execution-role').length, 0);
    const v3 = await client.change(target, SAME_ROLE_TASK);
    const back = await client.diagnosticsForVersion(target, v3);
    assert.equal(back.filter((d) => d.code === 'ecs/same-task-and-execution-role').length, 1);
  });

  test('a trailing comma in a policy: error, and a quick fix whose result is valid JSON', async () => {
    const target = uri('task-role-policy.json');
    await client.open(target, TRAILING_COMMA_POLICY);
    const diagnostics = await client.diagnosticsFor(target);
    const comma = diagnostics.find((d) => d.code === 'json/syntax');
    assert.ok(comma);
    assert.deepEqual(comma.range, { start: { line: 6, character: 23 }, end: { line: 6, character: 24 } });
    const actions = await client.codeActions(target, comma.range, [comma]);
    const remove = actions.find((action) => action.title === 'Remove the trailing comma');
    assert.ok(remove, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(remove.kind, 'quickfix');
    const fixed = applyLspEdits(TRAILING_COMMA_POLICY, remove.edit!.changes![target]);
    assert.ok(isStrictJson(fixed), fixed);
  });

  test('package.json gets no diagnostics', async () => {
    const target = uri('package.json');
    await client.open(target, '{\n  "name": "web",\n  "version": "1.0.0",\n  "scripts": { "test": "node --test" },\n}\n');
    assert.deepEqual(await client.diagnosticsFor(target), []);
    assert.equal(await client.hover(target, { line: 1, character: 4 }), null);
  });

  test('UTF-16 ranges: emoji and other astral characters before a finding (CRLF and BOM too)', async () => {
    const target = uri('emoji-policy.json');
    const text =
      '\uFEFF{\r\n  "Version": "2012-10-17",\r\n  "Statement": [{"Sid": "Reports", "Effect": "Allow", "Action": "s3:GetObject", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "📊🚀"}}, "Resource": "arn:aws:s3:::<bucketName>/*"}]\r\n}';
    await client.open(target, text);
    const diagnostics = await client.diagnosticsFor(target);
    const placeholder = diagnostics.find((d) => d.code === 'placeholder');
    assert.ok(placeholder, JSON.stringify(diagnostics));
    const line = text.split('\r\n')[2];
    const character = line.indexOf('<bucketName>');
    assert.deepEqual(placeholder.range, { start: { line: 2, character }, end: { line: 2, character: character + '<bucketName>'.length } });
  });

  test('100,000 levels of nesting: one info message, and the server keeps serving', async () => {
    const target = uri('deep.json');
    await client.open(target, '['.repeat(100_000) + ']'.repeat(100_000));
    const diagnostics = await client.diagnosticsFor(target);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].code, 'file/skipped');
    assert.equal(diagnostics[0].severity, 3);
    const hover = await client.hover(uri('same-role.json'), { line: 3, character: 6 });
    assert.ok(hover);
  });

  test('a 20 MB file is skipped with one message, not parsed', async () => {
    const target = uri('huge.json');
    const big = `{"Version": "2012-10-17", "Statement": [${Array.from({ length: 200_000 }, (_, i) => `{"Sid": "S${i}", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`).join(',')}]}`;
    assert.ok(big.length > 15_000_000);
    await client.open(target, big);
    const diagnostics = await client.diagnosticsFor(target);
    assert.equal(diagnostics.length, 1);
    assert.match(String(diagnostics[0].message), /above the 5\.0 MB limit/);
  });

  test('binary bytes, invalid JSON and an empty file never crash the server', async () => {
    await client.open(uri('binary.json'), '\u0000\u0001\u0002PK\u0003\u0004\uFFFD\uD800');
    assert.equal((await client.diagnosticsFor(uri('binary.json')))[0]?.code, 'file/skipped');
    await client.open(uri('empty.json'), '');
    assert.deepEqual(await client.diagnosticsFor(uri('empty.json')), []);
    await client.open(
      uri('broken.json'),
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject" "Resource": "*"',
    );
    const broken = await client.diagnosticsFor(uri('broken.json'));
    assert.ok(broken.some((d) => d.code === 'json/syntax'));
    for (const name of ['binary.json', 'empty.json', 'broken.json']) {
      await client.hover(uri(name), { line: 0, character: 3 });
      await client.completion(uri(name), { line: 0, character: 3 });
      await client.codeActions(uri(name), { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } });
    }
  });

  test('didClose clears the document diagnostics', async () => {
    const target = uri('task-role-policy.json');
    await client.close(target);
    await client.diagnosticsFor(target, (params) => params.diagnostics.length === 0);
  });
});

describe('inside VS Code (builtinJsonDiagnostics)', () => {
  test('syntax errors VS Code already reports are not repeated, but their quick fix is offered', async () => {
    const client = new LspTestClient();
    try {
      await client.initialize({ initializationOptions: { builtinJsonDiagnostics: true } });
      const target = 'untitled:policy.json';
      await client.open(target, TRAILING_COMMA_POLICY);
      const diagnostics = await client.diagnosticsFor(target);
      assert.equal(diagnostics.filter((d) => d.code === 'json/syntax').length, 0);
      const actions = await client.codeActions(target, { start: { line: 6, character: 23 }, end: { line: 6, character: 24 } });
      assert.ok(actions.some((action) => action.title === 'Remove the trailing comma'));
      // In jsonc documents VS Code accepts comments, but IAM does not: we report those.
      await client.open('untitled:commented.json', '{\n  // read-only\n  "Version": "2012-10-17", "Statement": []\n}', 'jsonc');
      const commented = await client.diagnosticsFor('untitled:commented.json');
      assert.equal(commented.filter((d) => d.code === 'json/syntax').length, 1);
    } finally {
      await client.shutdown();
    }
  });
});

describe('workspace configuration (.ecs-iam.json)', () => {
  test('rules set to off are not reported; a broken config file gets its own diagnostic', async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'ecs-iam-config-'));
    writeFileSync(
      path.join(workspace, '.ecs-iam.json'),
      JSON.stringify({ rules: { 'ecs/same-task-and-execution-role': 'off', placholder: 'info' } }),
    );
    const client = new LspTestClient();
    try {
      await client.initialize({ workspaceFolder: workspace });
      const target = pathToFileURL(path.join(workspace, 'task.json')).toString();
      await client.open(target, SAME_ROLE_TASK);
      const diagnostics = await client.diagnosticsFor(target);
      assert.equal(diagnostics.filter((d) => d.code === 'ecs/same-task-and-execution-role').length, 0);
      const configUri = pathToFileURL(path.join(workspace, '.ecs-iam.json')).toString();
      await client.open(configUri, JSON.stringify({ rules: { 'ecs/same-task-and-execution-role': 'off', placholder: 'info' } }));
      const configDiagnostics = await client.diagnosticsFor(configUri);
      assert.equal(configDiagnostics.length, 1);
      assert.equal(configDiagnostics[0].code, 'config/invalid');
      assert.match(String(configDiagnostics[0].message), /Did you mean `placeholder`\?/);
    } finally {
      await client.shutdown();
    }
  });
});
