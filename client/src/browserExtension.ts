// The web extension's entry (package.json `browser`; vscode.dev, github.dev): the language server is
// dist/browser/server.js, a web worker. A worker has no file system, so the server asks this side for the files
// it needs, read through VS Code's API: the extension's own (the IAM catalogue in dist/iam-data, the Terraform
// parser's two .wasm files in dist/), and the workspace's for its index (listed with `findFiles`, read with
// `vscode.workspace.fs`; the server keeps them current from the watched-files events of VS Code's file watcher).
// Everything else is shared with the desktop extension (activation.ts).
import * as vscode from 'vscode';
import { LanguageClient, type ServerOptions } from 'vscode-languageclient/browser';
import { activateWith } from './activation';
import {
  findFilesPatterns,
  isNotFound,
  MAX_LISTED_FILES,
  readDecision,
  toBase64,
  type ListWorkspaceFilesParams,
  type ReadWorkspaceFileResult,
} from './workspaceFiles';

export { deactivate } from './activation';

/** The web extension host's Worker, Blob and URL (the project compiles without the DOM library). */
declare const Worker: new (url: string) => ServerOptions;
declare const Blob: new (parts: Uint8Array[], options: { type: string }) => object;
declare const URL: { createObjectURL(blob: object): string };

/** The server's request for a file of the extension (the name is shared with server/src/browserServer.ts). */
const READ_EXTENSION_FILE = 'ecsIam/readExtensionFile';
/** The server's requests for the workspace's files (server/src/lsp/clientFiles.ts). */
const LIST_WORKSPACE_FILES = 'ecsIam/listWorkspaceFiles';
const READ_WORKSPACE_FILE = 'ecsIam/readWorkspaceFile';

/**
 * The URL to start the server's worker from. On vscode.dev and github.dev the extension is served over https and
 * its URI is used as is. When the extension is installed on a remote (code-server, or any VS Code for the web
 * with a server), its URI is `vscode-remote:`, from which the web extension host refuses to start a worker
 * ("Creating workers from remote extensions is currently not supported"): the script is then read through the
 * file-system API and started from a blob URL.
 */
async function serverWorkerUrl(serverMain: vscode.Uri): Promise<string> {
  if (serverMain.scheme !== 'vscode-remote') return serverMain.toString(true);
  const script = await vscode.workspace.fs.readFile(serverMain);
  return URL.createObjectURL(new Blob([script], { type: 'text/javascript' }));
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'browser', 'server.js');
  const workerUrl = await serverWorkerUrl(serverMain);
  /** Files of the extension, read once each (services.json is read in byte ranges, one service at a time). */
  const extensionFiles = new Map<string, Thenable<Uint8Array>>();
  const readExtensionFile = (relative: string): Thenable<Uint8Array> => {
    let bytes = extensionFiles.get(relative);
    if (!bytes) {
      bytes = vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, ...relative.split('/')));
      extensionFiles.set(relative, bytes);
    }
    return bytes;
  };
  return activateWith(context, (id, name, options) => {
    // vscode-languageclient 11: the server (the worker) comes before the client options.
    const client = new LanguageClient(id, name, new Worker(workerUrl), options);
    client.onRequest(READ_EXTENSION_FILE, async (params: { path: string; offset?: number; length?: number; encoding?: 'base64' }) => {
      if (!/^dist\/(iam-data\/[\w.-]+\.json|tree-sitter(-terraform)?\.wasm)$/.test(params.path)) {
        throw new Error(`not an extension data file: ${params.path}`);
      }
      const bytes = await readExtensionFile(params.path);
      if (params.encoding === 'base64') return toBase64(bytes);
      const slice = params.offset === undefined ? bytes : bytes.subarray(params.offset, params.offset + (params.length ?? 0));
      return new TextDecoder().decode(slice);
    });
    client.onRequest(LIST_WORKSPACE_FILES, async (params: ListWorkspaceFilesParams) => {
      const { include, exclude } = findFilesPatterns(params);
      const uris = await vscode.workspace.findFiles(include, exclude || undefined, MAX_LISTED_FILES);
      return uris.map((uri) => uri.toString());
    });
    client.onRequest(READ_WORKSPACE_FILE, async (params: { uri: string; maxBytes: number }): Promise<ReadWorkspaceFileResult> => {
      const uri = vscode.Uri.parse(params.uri, true);
      try {
        const decision = readDecision(await vscode.workspace.fs.stat(uri), params.maxBytes);
        if (!decision.read) return { problem: decision.problem };
        return { base64: toBase64(await vscode.workspace.fs.readFile(uri)) };
      } catch (error) {
        if (isNotFound(error)) return { problem: 'missing' };
        throw error;
      }
    });
    return client;
  });
}
