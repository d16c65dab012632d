// The language server's side of the workspace index: builds it in the background after
// initialization, keeps it current from open documents and file events, and says when documents
// that link to each other must be checked again. LSP types only; no rules here.
import { FileChangeType, type FileEvent } from 'vscode-languageserver';
import { CONFIG_FILE_NAME } from '../core/classify';
import type { JsonDocument } from '../core/document';
import type { ConfigLoader } from './configLoader';
import type { WorkspaceFileSource } from './fileSource';
import { WorkspaceIndex } from './index';
import { filePathOf } from './uris';

export interface IndexProgress {
  reading(read: number, total: number): void;
  built(summary: string): void;
}

export class ServerWorkspace {
  readonly index: WorkspaceIndex;
  private ready = false;
  /** Resolves when the first full build has finished (tests and benchmarks wait on it). */
  readonly built: Promise<number>;
  private resolveBuilt!: (count: number) => void;

  constructor(
    roots: readonly string[],
    private readonly configs: ConfigLoader,
    maxFileSize: number,
    private readonly onIndexChanged: () => void,
    private readonly log: (message: string) => void,
    source?: WorkspaceFileSource,
  ) {
    this.index = new WorkspaceIndex({ roots, configs, maxFileSize, log, source });
    this.built = new Promise((resolve) => (this.resolveBuilt = resolve));
  }

  get generation(): number {
    return this.index.generation;
  }

  /**
   * Starts the background build; open documents are analysed meanwhile and re-checked when it ends.
   * `progress` hears how many files are read (for the editor's status) and the summary once built.
   */
  start(exclude: readonly string[], progress?: IndexProgress): void {
    this.index.setExclude(exclude);
    const started = Date.now();
    const before = this.index.generation;
    this.index
      .build((read, total) => progress?.reading(read, total))
      .then((count) => {
        this.ready = true;
        const summary = `indexed ${this.index.size} task definitions, policies and templates among ${count} JSON files in ${Date.now() - started} ms`;
        this.log(`ecs-iam: ${summary}`);
        this.resolveBuilt(count);
        progress?.built(summary);
        // A build that found nothing new (an empty folder, or only the open documents) leaves every analysis valid.
        if (this.index.generation !== before) this.onIndexChanged();
      })
      .catch((error: unknown) => {
        const message = `indexing the workspace failed: ${error instanceof Error ? error.message : String(error)}`;
        this.log(`ecs-iam: ${message}`);
        this.resolveBuilt(0);
        progress?.built(message);
      });
  }

  /** An open document's text at start-up: returns true when the index changed. */
  documentChanged(uri: string, text: string): boolean {
    return this.changesIndex(uri, (file) => this.index.update(file, text));
  }

  /** An open document's new version, as the analysis parsed it (with this size limit): returns true when the index changed. */
  documentParsed(uri: string, document: JsonDocument, maxFileSize: number): boolean {
    return this.changesIndex(uri, (file) => this.index.updateParsed(file, document, maxFileSize));
  }

  private changesIndex(uri: string, update: (file: string) => void): boolean {
    const file = filePathOf(uri);
    if (!file) return false;
    const before = this.index.generation;
    update(file);
    return this.index.generation !== before;
  }

  /** A document was closed: its content on disk (or in the editor's file system) counts again. */
  async documentClosed(uri: string): Promise<void> {
    const file = filePathOf(uri);
    if (!file) return;
    const before = this.index.generation;
    await this.index.updateFromSource(file);
    if (this.index.generation !== before) this.onIndexChanged();
  }

  /** File events from the editor; `isOpen` files are kept from the editor's text instead. */
  async filesChanged(changes: readonly FileEvent[], isOpen: (uri: string) => boolean): Promise<void> {
    const before = this.index.generation;
    for (const change of changes) {
      const file = filePathOf(change.uri);
      if (!file) continue;
      if (file.endsWith(CONFIG_FILE_NAME)) {
        await this.index.configurationFileChanged(file);
        this.configs.clear();
        continue;
      }
      if (isOpen(change.uri)) continue;
      if (change.type === FileChangeType.Deleted) this.index.remove(file);
      else await this.index.updateFromSource(file);
    }
    if (this.index.generation !== before && this.ready) this.onIndexChanged();
  }
}
