// The workspace index's source in a web worker (vscode.dev, github.dev), which has no disk: the editor lists the
// workspace's files (`vscode.workspace.findFiles`) and reads them (`vscode.workspace.fs`) on request; the
// client's side is client/src/browserExtension.ts, with the pure parts in client/src/workspaceFiles.ts. The walk's
// rules are the server's: it sends the extensions and skipped folders, and judges every path it gets back
// (roots, exclusions) as the disk walk does. Files stay fresh through the watched-files events VS Code's file
// watcher sends (server.ts registers them), which re-read a file through `read`.
import type { Connection } from 'vscode-languageserver';
import { CONFIG_FILE_NAME } from '../core/classify';
import { decodeFile } from '../core/encoding';
import { isAnalysedFileName } from '../core/document';
import { fromDecoded, type CandidateFilter, type SourceRead, type WorkspaceFileSource } from '../workspace/fileSource';
import { filePathOf, uriOfPath } from '../workspace/uris';

/** The requests' names (the client's handlers are in client/src/browserExtension.ts). */
export const LIST_WORKSPACE_FILES = 'ecsIam/listWorkspaceFiles';
export const READ_WORKSPACE_FILE = 'ecsIam/readWorkspaceFile';

export interface ListWorkspaceFilesParams {
  extensions: readonly string[];
  skippedFolders: readonly string[];
}
export interface ReadWorkspaceFileParams {
  uri: string;
  maxBytes: number;
}
/** The file's bytes in base64, or why they were not read. */
export type ReadWorkspaceFileResult = { base64: string } | { problem: 'missing' | 'not-a-file' | 'too-large' };

/** The requests this source sends: the connection's, or a test's. */
export interface ClientRequests {
  sendRequest<R>(method: string, params: unknown): Promise<R>;
}

export class ClientFileSource implements WorkspaceFileSource {
  /** Paths the editor listed or read: what `exists` knows. */
  private readonly known = new Set<string>();
  private readonly configurationTexts = new Map<string, string>();

  constructor(private readonly client: ClientRequests) {}

  static of(connection: Connection): ClientFileSource {
    return new ClientFileSource({ sendRequest: (method, params) => connection.sendRequest(method, params) });
  }

  async list(roots: readonly string[], filter: CandidateFilter): Promise<string[]> {
    const params: ListWorkspaceFilesParams = { extensions: filter.extensions, skippedFolders: filter.skippedFolders };
    const uris = await this.client.sendRequest<string[]>(LIST_WORKSPACE_FILES, params);
    const files = new Set<string>();
    for (const uri of Array.isArray(uris) ? uris : []) {
      const file = typeof uri === 'string' ? filePathOf(uri) : undefined;
      if (file && isCandidate(file, roots, filter)) files.add(file);
    }
    for (const file of files) this.known.add(file);
    return [...files].sort();
  }

  async read(file: string, maxBytes: number): Promise<SourceRead> {
    let answer: ReadWorkspaceFileResult | null;
    try {
      const params: ReadWorkspaceFileParams = { uri: uriOfPath(file), maxBytes };
      answer = await this.client.sendRequest<ReadWorkspaceFileResult | null>(READ_WORKSPACE_FILE, params);
    } catch (error) {
      return { problem: 'error', message: error instanceof Error ? error.message : String(error) };
    }
    if (!answer || !('base64' in answer)) {
      const problem = answer?.problem ?? 'missing';
      if (problem === 'missing') this.known.delete(file);
      else this.known.add(file);
      return { problem };
    }
    this.known.add(file);
    const read = fromDecoded(decodeFile(fromBase64(answer.base64)));
    if (fileNameOf(file) === CONFIG_FILE_NAME) {
      if ('text' in read) this.configurationTexts.set(file, read.text);
      else this.configurationTexts.set(file, '');
    }
    return read;
  }

  exists(file: string): boolean {
    return this.known.has(file);
  }

  readConfigurationText(file: string): string | undefined {
    return this.configurationTexts.get(file);
  }

  async loadConfigurations(files: readonly string[]): Promise<boolean> {
    let loaded = false;
    for (const file of files) {
      const read = await this.read(file, Number.MAX_SAFE_INTEGER);
      if (!('text' in read)) {
        // Deleted (or unreadable): no configuration there any more.
        if (read.problem === 'missing' || read.problem === 'not-a-file') this.configurationTexts.delete(file);
      }
      loaded = true;
    }
    return loaded;
  }
}

/** Whether a path the editor listed is one the disk walk would have taken: under a root, in no skipped or excluded folder. */
export function isCandidate(file: string, roots: readonly string[], filter: CandidateFilter): boolean {
  const root = roots.find((candidate) => file.startsWith(candidate.endsWith('/') ? candidate : `${candidate}/`));
  if (!root || !isAnalysedFileName(fileNameOf(file))) return false;
  const folders = file.slice(root.length).split('/').filter(Boolean).slice(0, -1);
  for (let i = 0; i < folders.length; i++) {
    if (filter.skippedFolders.includes(folders[i])) return false;
    if (filter.excludedFolder(folders.slice(0, i + 1).join('/'))) return false;
  }
  return !filter.excludedFile(file);
}

function fileNameOf(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/** Bytes sent as base64 (a JSON-RPC message is text): workspace files here, the parser's .wasm files in browserServer.ts. */
export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
