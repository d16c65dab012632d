// The web extension's language server (dist/browser/server.js) in a real browser: Chromium (Playwright) runs it
// as a Worker, and a real LSP client (vscode-languageserver-protocol's connection) drives it over postMessage.
// The test plays the web client's part (client/src/browserExtension.ts): it answers `ecsIam/readExtensionFile`
// with the extension's files, which a worker cannot read itself, and the workspace requests
// (`ecsIam/listWorkspaceFiles`, `ecsIam/readWorkspaceFile`) from an in-memory repository, with the client's own
// list and read logic (client/src/workspaceFiles.ts) where VS Code's findFiles and file system would answer.
// Documents have vscode.dev's `vscode-vfs:` URIs.
//
// Needs Chromium (/usr/bin/chromium, as the e2e harness uses): without it the tests are skipped, except when
// ECS_IAM_REQUIRE_CHROMIUM=1 (npm run test:e2e sets it after installing Chromium), where that is a failure.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import picomatch from 'picomatch';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  CodeActionRequest,
  createProtocolConnection,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  FileChangeType,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  type CodeAction,
  type DataCallback,
  type Diagnostic,
  type Disposable,
  type Message,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import {
  findFilesPatterns,
  readDecision,
  toBase64,
  type ListWorkspaceFilesParams,
  type ReadWorkspaceFileResult,
} from '../../client/src/workspaceFiles';
import { applyLspEdits } from '../protocol/lspClient';
import { isStrictJson, REPO_ROOT } from '../helpers';

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

const ROOT = 'vscode-vfs://github/example/infra';
/**
 * The repository as vscode.dev sees it, never opened in an editor: the server knows these files only through
 * the index fed by the client. The orders service's execution role is linked to its policy by `.ecs-iam.json`.
 */
const REPOSITORY = new Map<string, string>([
  ['.ecs-iam.json', `{\n  "roles": {\n    "orders-exec": { "policies": ["iam/orders-exec.json"] }\n  }\n}\n`],
  [
    'iam/orders-exec.json',
    `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "PullImage",
      "Effect": "Allow",
      "Action": ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"],
      "Resource": "arn:aws:ecr:eu-west-1:210987654321:repository/orders"
    },
    { "Sid": "RegistryToken", "Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*" },
    {
      "Sid": "Logs",
      "Effect": "Allow",
      "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
      "Resource": "arn:aws:logs:eu-west-1:210987654321:log-group:/ecs/orders:*"
    }
  ]
}
`,
  ],
  // A skipped folder: never listed, never read.
  ['node_modules/some-package/orders-exec.json', '{ "Version": "2012-10-17", "Statement": [] }\n'],
  ['README.md', '# infra\n'],
]);
const ORDERS_TASK = `{
  "family": "orders",
  "executionRoleArn": "arn:aws:iam::210987654321:role/orders-exec",
  "networkMode": "awsvpc",
  "requiresCompatibilities": ["FARGATE"],
  "cpu": "256",
  "memory": "512",
  "containerDefinitions": [
    {
      "name": "orders",
      "image": "210987654321.dkr.ecr.eu-west-1.amazonaws.com/orders:3.1.0",
      "essential": true,
      "readonlyRootFilesystem": true,
      "secrets": [{ "name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:eu-west-1:210987654321:secret:orders/db-AbCdEf" }],
      "logConfiguration": {
        "logDriver": "awslogs",
        "options": { "awslogs-group": "/ecs/orders", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "orders" }
      }
    }
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
  const listRequests: ListWorkspaceFilesParams[] = [];
  const readRequests: string[] = [];
  const registrations: string[] = [];
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
    // What browserExtension.ts does with vscode.workspace.findFiles: the globs the client builds from the server's
    // walk rules, matched as VS Code's globs match (`*` takes dot files too), over the repository's paths.
    connection.onRequest('ecsIam/listWorkspaceFiles', (params: ListWorkspaceFilesParams) => {
      listRequests.push(params);
      const { include, exclude } = findFilesPatterns(params);
      const included = picomatch(include, { dot: true });
      const excluded = picomatch(exclude, { dot: true });
      return [...REPOSITORY.keys()].filter((name) => included(name) && !excluded(name)).map((name) => `${ROOT}/${name}`);
    });
    // ... and with vscode.workspace.fs: stat (the size limit), then the bytes.
    connection.onRequest<ReadWorkspaceFileResult, unknown>('ecsIam/readWorkspaceFile', (params: { uri: string; maxBytes: number }) => {
      readRequests.push(params.uri);
      const text = params.uri.startsWith(`${ROOT}/`) ? REPOSITORY.get(params.uri.slice(ROOT.length + 1)) : undefined;
      if (text === undefined) return { problem: 'missing' };
      const bytes = new TextEncoder().encode(text);
      const decision = readDecision({ type: 1, size: bytes.length }, params.maxBytes);
      return decision.read ? { base64: toBase64(bytes) } : { problem: decision.problem };
    });
    // The file watcher the server registers (VS Code's FileSystemWatcher on the client's side).
    connection.onRequest(RegistrationRequest.type, (params) => {
      registrations.push(...params.registrations.map((registration) => registration.method));
    });
    connection.listen();
    const result = await connection.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri: ROOT,
      workspaceFolders: [{ uri: ROOT, name: 'infra' }],
      capabilities: {
        textDocument: { publishDiagnostics: { versionSupport: true }, hover: { contentFormat: ['markdown'] } },
        workspace: { didChangeWatchedFiles: { dynamicRegistration: true } },
      },
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

  const ORDERS = `${ROOT}/services/orders/task-definition.json`;
  const ORDERS_POLICY = `${ROOT}/iam/orders-exec.json`;
  const missing = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === 'ecs/execution-role-missing-permission');

  test('cross-file: the execution role linked by .ecs-iam.json to a policy the server only knows through the client-fed index', async () => {
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: ORDERS, languageId: 'json', version: 1, text: ORDERS_TASK },
    });
    const diagnostics = await diagnosticsOf(ORDERS, (list) => missing(list).length > 0);
    assert.deepEqual(
      missing(diagnostics).map((d) => [d.severity, /secretsmanager:GetSecretValue/.test(String(d.message))]),
      [[1, true]],
      JSON.stringify(diagnostics),
    );
    assert.match(String(missing(diagnostics)[0].message), /orders-exec\.json/);
    // The server asked for the files with the desktop walk's rules, and read what was listed, no more.
    assert.deepEqual(listRequests, [
      { extensions: ['json', 'yaml', 'yml', 'template', 'tf', 'tftpl', 'tpl'], skippedFolders: ['node_modules', '.git', '.hg', '.svn'] },
    ]);
    assert.ok(readRequests.includes(`${ROOT}/.ecs-iam.json`) && readRequests.includes(ORDERS_POLICY), JSON.stringify(readRequests));
    assert.ok(!readRequests.some((uri) => uri.includes('node_modules') || uri.endsWith('README.md')), JSON.stringify(readRequests));
    assert.ok(registrations.includes(DidChangeWatchedFilesNotification.method), JSON.stringify(registrations));
  });

  test('its fix edits the other file (a workspace edit on its vscode-vfs URI); the watcher event re-reads it and the error goes', async () => {
    const diagnostic = missing(published.get(ORDERS)!.diagnostics)[0];
    const actions = (await connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: ORDERS },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    })) as CodeAction[];
    const fix = actions.find((action) => action.edit?.changes?.[ORDERS_POLICY]);
    assert.ok(fix, JSON.stringify(actions.map((action) => [action.title, Object.keys(action.edit?.changes ?? {})])));
    assert.match(fix.title, /secretsmanager:GetSecretValue/);
    assert.deepEqual(Object.keys(fix.edit!.changes!), [ORDERS_POLICY], 'the fix writes only into the policy file');
    const before = REPOSITORY.get('iam/orders-exec.json')!;
    const after = applyLspEdits(before, fix.edit!.changes![ORDERS_POLICY]);
    assert.ok(isStrictJson(after));
    assert.match(after, /secretsmanager:GetSecretValue/);
    // VS Code applies the edit and saves; its file watcher reports the change; the server reads the file again.
    REPOSITORY.set('iam/orders-exec.json', after);
    const reads = readRequests.length;
    await connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: ORDERS_POLICY, type: FileChangeType.Changed }],
    });
    const rechecked = await diagnosticsOf(ORDERS, (list) => missing(list).length === 0);
    assert.deepEqual(missing(rechecked), []);
    assert.deepEqual(readRequests.slice(reads), [ORDERS_POLICY]);
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
