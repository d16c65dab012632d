// Where the workspace index gets its files: one interface, two sources. Node reads the disk (`diskFileSource`,
// files.ts; the server and the CLI); a web worker has none and asks the editor, which lists and reads the
// workspace with VS Code's API (`ClientFileSource`, lsp/clientFiles.ts; vscode.dev and github.dev). The index
// (index.ts) decides what to do with what it gets; a source only finds and reads.
import type { DecodedFile } from '../core/encoding';

/** What the index's walk looks for: the same for both sources. */
export interface CandidateFilter {
  /** File name extensions analysed, without the dot (`json`, `yaml`, ...). */
  extensions: readonly string[];
  /** Folder names never entered (`node_modules`, `.git`, ...). */
  skippedFolders: readonly string[];
  /** Whether a folder, relative to its root with `/`, is excluded (`files.exclude`): not entered. */
  excludedFolder(relative: string): boolean;
  /** Whether a file (absolute path) is excluded (`files.exclude`, `ignore` in `.ecs-iam.json`). */
  excludedFile(file: string): boolean;
}

export type SourceRead =
  | { text: string }
  | { problem: 'missing' }
  | { problem: 'not-a-file' }
  | { problem: 'too-large' }
  | { problem: 'encoding' }
  /** Any other failure, worth a line in the log. */
  | { problem: 'error'; message: string };

export interface WorkspaceFileSource {
  /** Every candidate file under the roots (absolute paths). */
  list(roots: readonly string[], filter: CandidateFilter): Promise<string[]>;
  /** One file's text, decoded by its byte order mark; `maxBytes` is the size above which it is not read. */
  read(file: string, maxBytes: number): Promise<SourceRead>;
  /** Whether something exists at a path (a `.ecs-iam.json` entry that is not indexed: missing, or not read?). */
  exists(file: string): boolean;
  /**
   * The text of a `.ecs-iam.json`, synchronously (the configuration loader is synchronous). The disk reads it
   * then; the client's source answers from what it last read (`loadConfigurations`).
   */
  readConfigurationText(file: string): string | undefined;
  /**
   * Reads these `.ecs-iam.json` files ahead, so `readConfigurationText` can answer; resolves with whether any was
   * read. Only a source that cannot read synchronously has it.
   */
  loadConfigurations?(files: readonly string[]): Promise<boolean>;
}

/** A decoded file as a `SourceRead`. */
export function fromDecoded(decoded: DecodedFile): SourceRead {
  return 'problem' in decoded ? { problem: 'encoding' } : { text: decoded.text };
}
