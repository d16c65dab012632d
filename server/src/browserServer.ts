// The language server as a web worker (dist/browser/server.js; the web extension on vscode.dev and github.dev):
// LSP over the worker's postMessage. A worker has no disk, so the client reads for it with VS Code's API: the IAM
// catalogue and the Terraform parser's two WebAssembly files from the extension's files (`ecsIam/readExtensionFile`;
// the .wasm files as base64, LSP messages being JSON), and the workspace's files for the index
// (`ecsIam/listWorkspaceFiles`, `ecsIam/readWorkspaceFile`: lsp/clientFiles.ts), whose `vscode-vfs:` URIs get
// paths of their own (workspace/uris.ts), so cross-file linking works as on the desktop. The session is server.ts.
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { setCatalogFiles } from './iam/catalog';
import { ClientFileSource, fromBase64 } from './lsp/clientFiles';
import { startServer } from './server';
import { useVirtualPaths } from './workspace/uris';
import { setHclWasmReader } from './workspace/hclWasm';

/** The client's handler of this request is in client/src/browserExtension.ts. */
const READ_EXTENSION_FILE = 'ecsIam/readExtensionFile';
const DATA_FOLDER = 'dist/iam-data';

// The worker's global scope (the project compiles without the DOM library, so it is declared here).
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
setCatalogFiles({
  readText: (name) => connection.sendRequest<string>(READ_EXTENSION_FILE, { path: `${DATA_FOLDER}/${name}` }),
  readRange: (name, offset, length) =>
    connection.sendRequest<string>(READ_EXTENSION_FILE, { path: `${DATA_FOLDER}/${name}`, offset, length }),
});
// The Terraform parser's WebAssembly (dist/tree-sitter.wasm, dist/tree-sitter-terraform.wasm), asked for once
// after initialization, when the server loads the parser.
setHclWasmReader(async (name) =>
  fromBase64(await connection.sendRequest<string>(READ_EXTENSION_FILE, { path: `dist/${name}`, encoding: 'base64' })),
);
useVirtualPaths();
startServer(connection, { workspaceFiles: (server) => ClientFileSource.of(server) });
