// The web extension's answers to the server's workspace requests (browserExtension.ts; the server's side is
// server/src/lsp/clientFiles.ts): which files to list and how to answer a read. Plain logic with no `vscode`
// import, so it is unit-tested; the server sends the walk's rules (the extensions it analyses and the folders it
// never enters), so the editor's list and the desktop's disk walk look for the same files.

/** The server's `ecsIam/listWorkspaceFiles` parameters. */
export interface ListWorkspaceFilesParams {
  extensions: readonly string[];
  skippedFolders: readonly string[];
}

/** `vscode.workspace.findFiles` arguments for them: include and exclude globs. */
export interface FindFilesPatterns {
  include: string;
  exclude: string;
}

const SAFE_NAME = /^[\w.-]+$/;

/**
 * The globs: `**\/*.{json,JSON,...}` (the desktop walk matches extensions in any case; glob matching is
 * case-sensitive, so both cases are listed) and the skipped folders at any depth. The editor's `files.exclude`
 * is applied by the server, as on the desktop. Names that are not plain (a glob character) are dropped.
 */
export function findFilesPatterns(params: ListWorkspaceFilesParams): FindFilesPatterns {
  const extensions = [
    ...new Set((params.extensions ?? []).filter((e) => SAFE_NAME.test(e)).flatMap((e) => [e.toLowerCase(), e.toUpperCase()])),
  ];
  const folders = (params.skippedFolders ?? []).filter((name) => SAFE_NAME.test(name));
  const include = extensions.length === 1 ? `**/*.${extensions[0]}` : `**/*.{${extensions.join(',')}}`;
  const exclude = folders.length === 0 ? '' : folders.length === 1 ? `**/${folders[0]}/**` : `**/{${folders.join(',')}}/**`;
  return { include, exclude };
}

/** The most files listed (a huge repository opened on github.dev must not flood the worker). */
export const MAX_LISTED_FILES = 20_000;

/** VS Code's `FileType` bits. */
const FILE = 1;

/** The server's `ecsIam/readWorkspaceFile` answer, before or instead of reading the bytes. */
export type ReadDecision = { read: true } | { read: false; problem: 'not-a-file' | 'too-large' };

/** The answer to `ecsIam/readWorkspaceFile`: the bytes in base64, or why they were not read. */
export type ReadWorkspaceFileResult = { base64: string } | { problem: 'missing' | 'not-a-file' | 'too-large' };

/** Whether to read a file from its `stat` (type bits, size in bytes): the desktop's size limit, checked before reading. */
export function readDecision(stat: { type: number; size: number }, maxBytes: number): ReadDecision {
  if ((stat.type & FILE) === 0) return { read: false, problem: 'not-a-file' };
  if (stat.size > maxBytes) return { read: false, problem: 'too-large' };
  return { read: true };
}

/** Bytes as base64 (the server decodes them by their byte order mark, as it decodes a file on disk). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** Whether a `vscode.workspace.fs` error means the file is not there (a `FileSystemError` with this code). */
export function isNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'FileNotFound' || code === 'EntryNotFound' || code === 'ENOENT';
}
