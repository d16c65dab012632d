// The web extension's entry (package.json `browser`; vscode.dev, github.dev): the language server is
// dist/browser/server.js, a web worker. A worker has no file system, so the server asks this side for the files
// of the extension it needs (the IAM catalogue in dist/iam-data, the Terraform parser's two .wasm files in dist/),
// read through VS Code's file-system API.
// Everything else is shared with the desktop extension (activation.ts).
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateWith } from './activation';

export { deactivate } from './activation';

/** The web extension host's Worker (the project compiles without the DOM library). */
declare const Worker: new (url: string) => ConstructorParameters<typeof LanguageClient>[3];

/** The server's request for a file of the extension (the name is shared with server/src/browserServer.ts). */
const READ_EXTENSION_FILE = 'ecsIam/readExtensionFile';

export function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'browser', 'server.js');
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
    const client = new LanguageClient(id, name, options, new Worker(serverMain.toString(true)));
    client.onRequest(READ_EXTENSION_FILE, async (params: { path: string; offset?: number; length?: number; encoding?: 'base64' }) => {
      if (!/^dist\/(iam-data\/[\w.-]+\.json|tree-sitter(-terraform)?\.wasm)$/.test(params.path)) {
        throw new Error(`not an extension data file: ${params.path}`);
      }
      const bytes = await readExtensionFile(params.path);
      if (params.encoding === 'base64') return base64Of(bytes);
      const slice = params.offset === undefined ? bytes : bytes.subarray(params.offset, params.offset + (params.length ?? 0));
      return new TextDecoder().decode(slice);
    });
    return client;
  });
}

declare function btoa(data: string): string;

/** Bytes as base64 (the .wasm files; a JSON-RPC answer is text). */
function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
