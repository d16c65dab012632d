// The web extension's language server (dist/browser/server.js) in a real browser: Chromium (Playwright) runs it
// as a Worker, and a real LSP client (vscode-languageserver-protocol's connection) drives it over postMessage.
// The test plays the web client's part (client/src/browserExtension.ts): it answers `ecsIam/readExtensionFile`
// with the extension's files, which a worker cannot read itself. Documents have vscode.dev's `vscode-vfs:` URIs.
//
// Needs Chromium (/usr/bin/chromium, as the e2e harness uses): without it the tests are skipped, except when
// ECS_IAM_REQUIRE_CHROMIUM=1 (npm run test:e2e sets it after installing Chromium), where that is a failure.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  CodeActionRequest,
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  type CodeAction,
  type DataCallback,
  type Diagnostic,
  type Disposable,
  type Message,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { applyLspEdits } from '../protocol/lspClient';
import { REPO_ROOT } from '../helpers';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ORIGIN = 'http://ecs-iam.test';
const available = existsSync(CHROMIUM);
if (!available && process.env.ECS_IAM_REQUIRE_CHROMIUM === '1') throw new Error(`Chromium is required and missing at ${CHROMIUM}`);

/** Messages from the worker, through the page (exposeFunction), to the connection. */
class PageMessageReader extends AbstractMessageReader {
  private callback: DataCallback | undefined;
  private readonly early: Message[] = [];
  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    for (const message of this.early.splice(0)) callback(message);
    return { dispose: () => (this.callback = undefined) };
  }
  deliver(message: Message): void {
    if (this.callback) this.callback(message);
    else this.early.push(message);
  }
}

/** Messages from the connection to the worker: postMessage inside the page. */
class PageMessageWriter extends AbstractMessageWriter {
  constructor(private readonly page: Page) {
    super();
  }
  async write(message: Message): Promise<void> {
    await this.page.evaluate(
      (data) => (globalThis as unknown as { server: { postMessage(data: unknown): void } }).server.postMessage(data),
      message,
    );
  }
  end(): void {}
}

const SAME_ROLE = `{
  "family": "web",
  "taskRoleArn": "arn:aws:iam::210987654321:role/web",
  "executionRoleArn": "arn:aws:iam::210987654321:role/web",
  "networkMode": "awsvpc",
  "requiresCompatibilities": ["FARGATE"],
  "cpu": "256",
  "memory": "512",
  "containerDefinitions": [
    {
      "name": "web",
      "image": "210987654321.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2",
      "essential": true,
      "readonlyRootFilesystem": true,
      "logConfiguration": {
        "logDriver": "awslogs",
        "options": { "awslogs-group": "/ecs/web", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "web" }
      }
    }
  ]
}
`;
const POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": ["s3:GetObjct", "s3:PutObject"], "Resource": "arn:aws:s3:::reports/*" }
  ]
}
`;

describe('the web extension server in a Chromium Worker', { skip: available ? false : `no Chromium at ${CHROMIUM}` }, () => {
  let browser: Browser;
  let page: Page;
  let connection: ProtocolConnection;
  const published = new Map<string, PublishDiagnosticsParams>();
  const waiters: Array<() => void> = [];
  const extensionFileRequests: Array<{ path: string; offset?: number; length?: number; encoding?: string }> = [];
  const workerErrors: string[] = [];

  async function diagnosticsOf(uri: string, accept: (diagnostics: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    for (;;) {
      const current = published.get(uri);
      if (current && accept(current.diagnostics)) return current.diagnostics;
      if (workerErrors.length > 0) throw new Error(`the worker failed: ${workerErrors.join('; ')}`);
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  }

  before(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage();
    // A page and the bundle on one origin (a Worker script must be same-origin), served from the repository.
    await page.route(`${ORIGIN}/**`, (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>ecs-iam worker</title>' });
      if (url.pathname === '/dist/browser/server.js') {
        return route.fulfill({ contentType: 'text/javascript', body: readFileSync(path.join(REPO_ROOT, 'dist', 'browser', 'server.js')) });
      }
      return route.fulfill({ status: 404, body: 'not found' });
    });
    await page.goto(`${ORIGIN}/`);
    const reader = new PageMessageReader();
    await page.exposeFunction('fromServer', (message: Message) => reader.deliver(message));
    await page.exposeFunction('serverFailed', (message: string) => {
      workerErrors.push(message);
      waiters.splice(0).forEach((wake) => wake());
    });
    await page.evaluate(() => {
      const scope = globalThis as unknown as {
        server: { postMessage(data: unknown): void; onmessage: unknown; onerror: unknown };
        Worker: new (url: string) => typeof scope.server;
        fromServer(message: unknown): void;
        serverFailed(message: string): void;
      };
      scope.server = new scope.Worker('/dist/browser/server.js');
      scope.server.onmessage = (event: { data: unknown }) => scope.fromServer(event.data);
      scope.server.onerror = (event: { message: string }) => scope.serverFailed(event.message);
    });
    connection = createProtocolConnection(reader, new PageMessageWriter(page));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      published.set(params.uri, params);
      waiters.splice(0).forEach((wake) => wake());
    });
    connection.onNotification('window/logMessage', () => undefined);
    // What browserExtension.ts does with VS Code's file-system API: the extension's own data files, whole or a byte range.
    // The Terraform parser's .wasm files come whole, as base64.
    connection.onRequest('ecsIam/readExtensionFile', (params: { path: string; offset?: number; length?: number; encoding?: string }) => {
      extensionFileRequests.push(params);
      assert.match(params.path, /^dist\/(iam-data\/[\w.-]+\.json|tree-sitter(-terraform)?\.wasm)$/);
      const bytes = readFileSync(path.join(REPO_ROOT, ...params.path.split('/')));
      if (params.encoding === 'base64') return bytes.toString('base64');
      return (params.offset === undefined ? bytes : bytes.subarray(params.offset, params.offset + (params.length ?? 0))).toString('utf8');
    });
    connection.listen();
    const result = await connection.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri: 'vscode-vfs://github/example/infra',
      workspaceFolders: [{ uri: 'vscode-vfs://github/example/infra', name: 'infra' }],
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true }, hover: { contentFormat: ['markdown'] } } },
      initializationOptions: { opensGeneratedPolicies: true },
    });
    assert.equal(result.serverInfo?.name, 'ecs-iam-language-server');
    await connection.sendNotification(InitializedNotification.type, {});
  });

  after(async () => {
    connection?.dispose();
    await browser?.close();
  });

  const TASK = 'vscode-vfs://github/example/infra/ecs/task-definition.json';
  const TERRAFORM = 'vscode-vfs://github/example/infra/terraform/main.tf';
  const POLICY_URI = 'vscode-vfs://github/example/infra/iam/reports-policy.json';

  test('a task definition with one role in both fields: the same-role warning', async () => {
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: TASK, languageId: 'json', version: 1, text: SAME_ROLE },
    });
    const diagnostics = await diagnosticsOf(TASK, (list) => list.some((d) => d.code === 'ecs/same-task-and-execution-role'));
    const warning = diagnostics.find((d) => d.code === 'ecs/same-task-and-execution-role')!;
    assert.equal(warning.severity, 2);
    assert.deepEqual(warning.range, { start: { line: 3, character: 22 }, end: { line: 3, character: 58 } });
    assert.match(String(warning.message), /same role/i);
  });

  test('hover on executionRoleArn explains the execution role and what it needs', async () => {
    const hover = await connection.sendRequest(HoverRequest.type, { textDocument: { uri: TASK }, position: { line: 3, character: 6 } });
    const text = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(text, /Task execution role/);
    assert.match(text, /ecr:GetAuthorizationToken/);
    assert.match(text, /log group `\/ecs\/web`/);
  });

  test('a quick fix for the warning: applied, the warning is gone', async () => {
    const diagnostics = published.get(TASK)!.diagnostics;
    const warning = diagnostics.find((d) => d.code === 'ecs/same-task-and-execution-role')!;
    const actions = (await connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: TASK },
      range: warning.range,
      context: { diagnostics: [warning], only: ['quickfix'] },
    })) as CodeAction[];
    const fix = actions.find((action) => action.kind === 'quickfix' && action.edit?.changes?.[TASK]);
    assert.ok(fix, JSON.stringify(actions.map((action) => action.title)));
    const fixed = applyLspEdits(SAME_ROLE, fix.edit!.changes![TASK]);
    assert.notEqual(fixed, SAME_ROLE);
    const after = 'vscode-vfs://github/example/infra/ecs/task-definition-fixed.json';
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: after, languageId: 'json', version: 1, text: fixed },
    });
    const rechecked = await diagnosticsOf(after, () => true);
    assert.equal(rechecked.filter((d) => d.code === 'ecs/same-task-and-execution-role').length, 0, fix.title);
  });

  test('an IAM policy: the catalogue read through the client, one service by its byte range', async () => {
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: POLICY_URI, languageId: 'json', version: 1, text: POLICY },
    });
    const diagnostics = await diagnosticsOf(POLICY_URI, (list) => list.some((d) => d.code === 'iam/unknown-action'));
    const unknown = diagnostics.filter((d) => d.code === 'iam/unknown-action');
    assert.equal(unknown.length, 1, JSON.stringify(diagnostics));
    assert.match(String(unknown[0].message), /s3:GetObjct/);
    assert.match(String(unknown[0].message), /GetObject/);
    const hover = await connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: POLICY_URI },
      position: { line: 3, character: 62 },
    });
    const text = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(text, /PutObject/);
    assert.ok(extensionFileRequests.some((request) => request.path === 'dist/iam-data/index.json' && request.offset === undefined));
    const s3 = extensionFileRequests.filter((request) => request.path === 'dist/iam-data/services.json');
    assert.ok(
      s3.length >= 1 && s3.every((request) => typeof request.offset === 'number' && request.length! < 1_000_000),
      JSON.stringify(s3),
    );
    assert.deepEqual(workerErrors, []);
  });

  test('a Terraform file: the HCL parser loaded through the client, the missing secret permission and its HCL fix', async () => {
    const text = readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'terraform', 'secrets.tf'), 'utf8');
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: TERRAFORM, languageId: 'terraform', version: 1, text },
    });
    const diagnostics = await diagnosticsOf(TERRAFORM, (list) => list.some((d) => d.code === 'ecs/execution-role-missing-permission'));
    const missing = diagnostics.find((d) => d.code === 'ecs/execution-role-missing-permission')!;
    assert.equal(missing.severity, 1);
    assert.match(String(missing.message), /secretsmanager:GetSecretValue/);
    assert.equal(missing.range.start.line, text.slice(0, text.indexOf('"arn:aws:secretsmanager')).split('\n').length - 1);
    const wasm = extensionFileRequests.filter((request) => request.path.endsWith('.wasm'));
    assert.deepEqual(wasm.map((request) => [request.path, request.encoding]).sort(), [
      ['dist/tree-sitter-terraform.wasm', 'base64'],
      ['dist/tree-sitter.wasm', 'base64'],
    ]);
    const actions = (await connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: TERRAFORM },
      range: missing.range,
      context: { diagnostics: [missing], only: ['quickfix'] },
    })) as CodeAction[];
    const fix = actions.find((action) => action.title.startsWith('Allow secretsmanager:GetSecretValue'));
    assert.ok(fix, JSON.stringify(actions.map((action) => action.title)));
    const fixed = applyLspEdits(text, fix.edit!.changes![TERRAFORM]);
    assert.match(fixed, /statement \{\s+(sid\s+= "[^"]*"\s+)?(effect\s+= "Allow"\s+)?actions\s+= \["secretsmanager:GetSecretValue"\]/);
    assert.deepEqual(workerErrors, []);
  });
});
