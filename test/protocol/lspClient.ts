// A real LSP client for protocol tests: spawns the bundled server over stdio and talks to it
// with vscode-languageserver-protocol's connection. No mocks of the protocol.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  CompletionRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShowDocumentRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type Hover,
  type InitializeResult,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type ShowDocumentParams,
} from 'vscode-languageserver-protocol/node';
import { REPO_ROOT } from '../helpers';

export const SERVER_BUNDLE = path.join(REPO_ROOT, 'dist', 'server.js');

export interface StartOptions {
  initializationOptions?: unknown;
  workspaceFolder?: string;
  /** Extra arguments for node before the script (e.g. permission-model flags). */
  nodeArgs?: string[];
  /** Extra environment variables for the server process. */
  env?: Record<string, string>;
  /** Advertise window/showDocument support (the requests are recorded in `shownDocuments`). */
  showDocument?: boolean;
  /** More client capabilities, merged into the defaults per section (`textDocument`, `workspace`, `window`). */
  capabilities?: ClientCapabilities;
}

export class LspTestClient {
  readonly process: ChildProcessWithoutNullStreams;
  readonly connection: ProtocolConnection;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters: Array<{
    uri: string;
    accept: (p: PublishDiagnosticsParams) => boolean;
    resolve: (p: PublishDiagnosticsParams) => void;
  }> = [];
  private readonly versions = new Map<string, number>();
  readonly shownDocuments: ShowDocumentParams[] = [];
  stderr = '';

  constructor(options: StartOptions = {}) {
    this.process = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER_BUNDLE, '--stdio'], {
      stdio: 'pipe',
      env: { ...process.env, ...options.env },
    });
    this.process.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const list = this.diagnostics.get(params.uri) ?? [];
      list.push(params);
      this.diagnostics.set(params.uri, list);
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        const waiter = this.waiters[i];
        if (waiter.uri === params.uri && waiter.accept(params)) {
          this.waiters.splice(i, 1);
          waiter.resolve(params);
        }
      }
    });
    // The server may ask for configuration and register capabilities; answer like a simple editor.
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest(ShowDocumentRequest.type, (params) => {
      this.shownDocuments.push(params);
      return { success: true };
    });
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.listen();
  }

  async initialize(options: StartOptions = {}): Promise<InitializeResult> {
    const folder = options.workspaceFolder;
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folder ? pathToFileURL(folder).toString() : null,
      workspaceFolders: folder ? [{ uri: pathToFileURL(folder).toString(), name: path.basename(folder) }] : null,
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, ...options.capabilities?.workspace },
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          hover: { contentFormat: ['markdown'] },
          ...options.capabilities?.textDocument,
        },
        window: { ...(options.showDocument ? { showDocument: { support: true } } : {}), ...options.capabilities?.window },
      },
      initializationOptions: options.initializationOptions,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  async open(uri: string, text: string, languageId = 'json'): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text (or a range of it) and bumps the version. */
  async change(uri: string, text: string, range?: Range): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [range ? { range, text } : { text }],
    });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Waits for the next diagnostics of `uri` that satisfy `accept` (default: any), or those already received. */
  diagnosticsFor(
    uri: string,
    accept: (params: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<Diagnostic[]> {
    const already = (this.diagnostics.get(uri) ?? []).filter(accept);
    if (already.length > 0) return Promise.resolve(already[already.length - 1].diagnostics);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${this.stderr}`)),
        timeoutMs,
      );
      this.waiters.push({
        uri,
        accept,
        resolve: (params) => {
          clearTimeout(timer);
          resolve(params.diagnostics);
        },
      });
    });
  }

  /** Diagnostics published for exactly this document version. */
  diagnosticsForVersion(uri: string, version: number): Promise<Diagnostic[]> {
    return this.diagnosticsFor(uri, (params) => params.version === version);
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  completion(uri: string, position: Position): Promise<CompletionItem[] | CompletionList | null> {
    return this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
  }

  async codeActions(uri: string, range: Range, diagnostics: Diagnostic[] = []): Promise<CodeAction[]> {
    const result = await this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics } });
    return (result ?? []).filter((item): item is CodeAction => 'title' in item && !('command' in item && typeof item.command === 'string'));
  }

  async shutdown(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.process.once('exit', (code) => resolve(code)));
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([exited, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), 5000)))]);
    // A pending timer would keep the test process alive for its full 5 s after every session.
    clearTimeout(timer);
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
    return code;
  }
}

/** Applies LSP text edits to a text (all edits against the original). */
export function applyLspEdits(text: string, edits: Array<{ range: Range; newText: string }>): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') continue;
    if (text[i] === '\n' || text[i] === '\r') lineStarts.push(i + 1);
  }
  const offsetOf = (position: Position) => (lineStarts[position.line] ?? text.length) + position.character;
  const sorted = [...edits].sort((a, b) => offsetOf(b.range.start) - offsetOf(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, offsetOf(edit.range.start)) + edit.newText + result.slice(offsetOf(edit.range.end));
  return result;
}

/** The LSP position of `offset` in `text` (UTF-16 code units, as JavaScript strings count; `\n` line breaks). */
export function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** The text `range` covers in `text` (`\n` line breaks). */
export function textOf(text: string, range: Range): string {
  const lines = text.split('\n');
  const offsetOf = (position: Position) =>
    lines.slice(0, position.line).join('\n').length + (position.line > 0 ? 1 : 0) + position.character;
  return text.slice(offsetOf(range.start), offsetOf(range.end));
}

/** A client on a new temporary workspace folder that holds `files` (name → text), and the URI of a file there. */
export async function clientOnWorkspace(
  prefix: string,
  files: Record<string, string>,
  options: Omit<StartOptions, 'workspaceFolder'> = {},
): Promise<{ client: LspTestClient; workspace: string; uri: (name: string) => string }> {
  const workspace = mkdtempSync(path.join(tmpdir(), `ecs-iam-${prefix}-`));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(workspace, name)), { recursive: true });
    writeFileSync(path.join(workspace, name), text);
  }
  const client = new LspTestClient(options);
  await client.initialize({ ...options, workspaceFolder: workspace });
  return { client, workspace, uri: (name) => pathToFileURL(path.join(workspace, name)).toString() };
}
