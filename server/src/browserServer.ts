// The language server as a web worker (dist/browser/server.js; the web extension on vscode.dev and github.dev):
// LSP over the worker's postMessage. A worker has no disk: the IAM catalogue comes from the extension's files,
// which the client reads through VS Code's file-system API (`ecsIam/readExtensionFile`), and no other file is
// read: the workspace index maps only `file:` URIs to paths, so it stays empty (no cross-file linking yet). The session is server.ts, as in Node.
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { setCatalogFiles } from './iam/catalog';
import { startServer } from './server';

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
startServer(connection, { readFile: () => undefined });
