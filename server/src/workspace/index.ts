// The workspace index: every JSON task definition, policy and template under the workspace roots,
// parsed once and kept current from editor changes and file events. The LSP server builds it in the
// background; the CLI builds it from the files it was given. Implements the rules' WorkspaceView.
// Files come from a `WorkspaceFileSource` (fileSource.ts): the disk in Node, the editor in a web worker.
import path from 'node:path';
import picomatch from 'picomatch';
import { CONFIG_FILE_NAME } from '../core/classify';
import { ANALYSED_EXTENSIONS, parseDocument, type JsonDocument } from '../core/document';
import type { ConfiguredFile, IndexedFile, ResolvedRoleMapping, WorkspaceView } from '../core/workspace';
import type { ConfigLoader } from './configLoader';
import type { CandidateFilter, WorkspaceFileSource } from './fileSource';
import { containment, diskFileSource } from './files';

export interface IndexOptions {
  roots: readonly string[];
  configs: ConfigLoader;
  /** Characters; larger files are not indexed. */
  maxFileSize: number;
  /** Glob patterns (VS Code `files.exclude` style, relative to a root) of paths not to index. */
  exclude?: readonly string[];
  /** Where a file that cannot be read or indexed is reported (the server's output channel; stderr by default). */
  log?: (message: string) => void;
  /** Where files are listed and read: the disk unless given (a web worker's server passes the editor's). */
  source?: WorkspaceFileSource;
}

const SKIPPED_FOLDERS = ['node_modules', '.git', '.hg', '.svn'];
/** Files read between yields to the event loop, so requests are answered while the index builds. */
const BATCH = 25;

export class WorkspaceIndex implements WorkspaceView {
  generation = 0;
  private readonly entries = new Map<string, IndexedFile>();
  private readonly byName = new Map<string, IndexedFile[]>();
  private excludeMatchers: Array<(relative: string) => boolean>;
  /** Files read but not indexed, with why: what `configuredFile` tells a `.ecs-iam.json` that names one. */
  private readonly notIndexed = new Map<string, string>();
  /** Every file there is has been read (the server's first build, or the CLI's files). */
  private complete = false;

  private readonly source: WorkspaceFileSource;

  constructor(private readonly options: IndexOptions) {
    this.excludeMatchers = (options.exclude ?? []).map((pattern) => picomatch(pattern, { dot: true }));
    this.source = options.source ?? diskFileSource;
  }

  setExclude(patterns: readonly string[]): void {
    this.excludeMatchers = patterns.map((pattern) => picomatch(pattern, { dot: true }));
  }

  /** Walks the roots and indexes every `*.json`, `*.yaml`, `*.yml` and `*.template` file; resolves with the number of files read. `onProgress` hears (read, total) after each batch. */
  async build(onProgress?: (read: number, total: number) => void): Promise<number> {
    const files = await this.source.list(this.options.roots, this.candidateFilter());
    if (this.source.loadConfigurations) {
      // A source that cannot read synchronously reads the configurations first: every file after them is parsed
      // with its `policyTypes`, ignored by its `ignore`, and the analyses done before now are redone.
      const configurations = files.filter((file) => path.basename(file) === CONFIG_FILE_NAME);
      if (await this.source.loadConfigurations(configurations)) {
        this.options.configs.clear();
        this.configurationChanged();
      }
    }
    await this.addFiles(files, onProgress);
    this.markComplete();
    return files.length;
  }

  /** What the walk looks for, as both sources apply it. */
  private candidateFilter(): CandidateFilter {
    return {
      extensions: ANALYSED_EXTENSIONS,
      skippedFolders: SKIPPED_FOLDERS,
      excludedFolder: (relative) => this.excludeMatchers.some((matches) => matches(relative)),
      excludedFile: (file) => this.isExcluded(file),
    };
  }

  /** A `.ecs-iam.json` changed: the source reads it again if it keeps configurations (the client's). */
  async configurationFileChanged(file: string): Promise<void> {
    await this.source.loadConfigurations?.([path.resolve(file)]);
    this.configurationChanged();
  }

  /** Every file there is to read has been read: a configured file not indexed by now is missing or not analysed. */
  markComplete(): void {
    // No new generation: what is indexed did not change (and the server re-checks open documents after its
    // first build anyway), so analyses keyed on the generation stay valid.
    this.complete = true;
  }

  /** Indexes the given files (the CLI's list), reading each from disk. */
  async addFiles(files: readonly string[], onProgress?: (read: number, total: number) => void): Promise<void> {
    onProgress?.(0, files.length);
    for (let i = 0; i < files.length; i += BATCH) {
      await Promise.all(files.slice(i, i + BATCH).map(async (file) => this.updateFromSource(file)));
      onProgress?.(Math.min(files.length, i + BATCH), files.length);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** A file that was read but cannot be indexed, with why (the CLI's undecodable files): `configuredFile` says so. */
  notReadable(file: string, reason: string): void {
    this.remove(file);
    this.notIndexed.set(path.resolve(file), reason);
  }

  /** Re-reads one file from the source (after a file event); a missing file is removed. */
  async updateFromSource(file: string): Promise<void> {
    const absolute = path.resolve(file);
    const read = await this.source.read(absolute, this.options.maxFileSize * 4);
    if (!('text' in read)) {
      this.remove(file);
      if (read.problem === 'too-large') {
        this.notIndexed.set(absolute, `it is larger than the ${Math.round(this.options.maxFileSize / 1024)} KB size limit`);
      } else if (read.problem === 'encoding') {
        this.notIndexed.set(absolute, 'it is not in a readable encoding (save it as UTF-8)');
      } else if (read.problem === 'error') {
        this.log(`ecs-iam: cannot read ${file} for the workspace index (${read.message}); it is left out.`);
      }
      return;
    }
    try {
      this.update(file, read.text);
    } catch (error) {
      // The parser must not throw on any text: this is a bug, said where it can be seen and reported.
      this.log(
        `ecs-iam: indexing ${file} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}. It is left out of the workspace index; please report this.`,
      );
      this.remove(file);
    }
  }

  private log(message: string): void {
    (this.options.log ?? ((line: string) => console.error(line)))(message);
  }

  /** Updates one file from text (an open editor's content). */
  update(file: string, text: string): void {
    this.updateDocument(file, text);
  }

  /**
   * The same from a document already parsed (the server's analysis of an open file), so an edit is parsed
   * once; `parsedWithMaxFileSize` is the size limit it was parsed with (a different one means parsing again).
   */
  updateParsed(file: string, document: JsonDocument, parsedWithMaxFileSize: number): void {
    this.updateDocument(file, document.text, parsedWithMaxFileSize === this.options.maxFileSize ? document : undefined);
  }

  private updateDocument(file: string, text: string, parsed?: JsonDocument): void {
    const absolute = path.resolve(file);
    if (this.isExcluded(absolute)) {
      this.remove(absolute);
      this.notIndexed.set(absolute, "it is excluded (`ignore` in `.ecs-iam.json` or the editor's `files.exclude`)");
      return;
    }
    const document =
      parsed ??
      parseDocument(text, {
        fileName: path.basename(absolute),
        maxFileSize: this.options.maxFileSize,
        policyType: this.options.configs.forFile(absolute).policyTypeOf(absolute),
      });
    const analysed =
      document.taskDefinitions.length > 0 ||
      document.policies.length > 0 ||
      document.services.length > 0 ||
      document.kind === 'cloudformation-template' ||
      // Every parsed Terraform file: a file of roles, attachments or locals alone is part of its folder's module.
      (document.format === 'hcl' && document.root !== undefined);
    const previous = this.entries.get(absolute);
    if (!analysed) {
      if (previous) this.remove(absolute);
      this.notIndexed.set(
        absolute,
        document.skipped
          ? `it was skipped: ${document.skipped.message}`
          : 'it is neither a policy nor a task definition, service or template',
      );
      return;
    }
    this.notIndexed.delete(absolute);
    if (previous && previous.document.text === document.text) return;
    if (previous) this.unlinkName(previous);
    const entry: IndexedFile = { path: absolute, document };
    this.entries.set(absolute, entry);
    const name = path.basename(absolute).toLowerCase();
    this.byName.set(name, [...(this.byName.get(name) ?? []), entry]);
    this.generation++;
  }

  remove(file: string): void {
    const absolute = path.resolve(file);
    this.notIndexed.delete(absolute);
    const previous = this.entries.get(absolute);
    if (!previous) return;
    this.entries.delete(absolute);
    this.unlinkName(previous);
    this.generation++;
  }

  /** Called when a `.ecs-iam.json` changed: role mappings may differ. */
  configurationChanged(): void {
    this.generation++;
  }

  get size(): number {
    return this.entries.size;
  }

  files(): Iterable<IndexedFile> {
    return this.entries.values();
  }

  get(file: string): IndexedFile | undefined {
    return this.entries.get(path.resolve(file));
  }

  byBaseName(name: string): readonly IndexedFile[] {
    return this.byName.get(name.toLowerCase()) ?? [];
  }

  roleMappingsFor(file: string): Record<string, ResolvedRoleMapping> {
    const loaded = this.options.configs.forFile(file);
    if (!loaded.file) return {};
    const result: Record<string, ResolvedRoleMapping> = {};
    for (const [name, mapping] of Object.entries(loaded.config.roles)) result[name] = { ...mapping, configFile: loaded.file };
    return result;
  }

  configuredFile(configFile: string, relativePath: string): ConfiguredFile {
    const folder = path.dirname(path.resolve(configFile));
    const inside = containment(folder, path.resolve(folder, relativePath));
    if (!inside.inside) return { status: 'outside', reason: inside.reason };
    const entry = this.entries.get(inside.resolved);
    if (entry) return { status: 'indexed', file: entry };
    const reason = this.notIndexed.get(inside.resolved);
    if (reason) return { status: 'not-analysed', reason };
    if (!this.complete) return { status: 'pending' };
    return this.source.exists(inside.resolved)
      ? { status: 'not-analysed', reason: 'it was not read (it is not a `.json` file, or is outside the folders being checked)' }
      : { status: 'missing' };
  }

  label(file: string): string {
    const absolute = path.resolve(file);
    const root = this.options.roots.find((candidate) => absolute.startsWith(path.resolve(candidate) + path.sep));
    return (root ? path.relative(root, absolute) : path.basename(absolute)).split(path.sep).join('/');
  }

  private unlinkName(entry: IndexedFile): void {
    const name = path.basename(entry.path).toLowerCase();
    const remaining = (this.byName.get(name) ?? []).filter((candidate) => candidate.path !== entry.path);
    if (remaining.length > 0) this.byName.set(name, remaining);
    else this.byName.delete(name);
  }

  private isExcluded(absolute: string): boolean {
    const configs = this.options.configs.forFile(absolute);
    if (configs.isIgnored(absolute)) return true;
    if (this.excludeMatchers.length === 0) return false;
    const root = this.options.roots.find((candidate) => absolute.startsWith(path.resolve(candidate) + path.sep));
    if (!root) return false;
    const relative = path.relative(root, absolute).split(path.sep).join('/');
    return this.excludeMatchers.some((matches) => matches(relative));
  }
}
