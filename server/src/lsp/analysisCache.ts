// One analysis per document version and workspace generation, shared by diagnostics, hover, completion,
// code actions and lenses. An analysis parses, prepares and runs the rules cooperatively: between steps
// (and between rules, every few milliseconds) it yields and gives up (StaleAnalysis) as soon as a newer
// version of its document exists, so an old version never publishes and never holds up the new one.
import type { Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCancelled, analyzeDocumentAsync, type AnalysisResult } from '../analyzer';
import { formatOfLanguage, parseDocument, type JsonDocument } from '../core/document';
import { prepareDocument } from '../core/prepare';
import type { Finding } from '../core/types';
import { toDiagnostic } from '../presenters/lsp';
import type { ConfigLoader } from '../workspace/configLoader';
import type { ServerWorkspace } from '../workspace/serverWorkspace';
import { filePathOf, uriBaseName } from '../workspace/uris';
import { hclParserLoaded } from '../workspace/hclWasm';
import { maxFileSizeOf, type ServerSettings } from './settings';

/** Above this size a document's parse is followed by a turn of the event loop before the rules. */
export const LARGE_DOCUMENT = 512 * 1024;

/** Thrown when the version being analysed is no longer the document's current version. */
export class StaleAnalysis extends Error {
  constructor() {
    super('stale document version');
  }
}

export interface AnalysisEntry {
  result: AnalysisResult;
  /** The diagnostics sent to the editor (without those the editor reports itself). */
  published: Diagnostic[];
}

interface Snapshot {
  uri: string;
  version: number;
  text: string;
  languageId: string;
}

interface CacheRecord {
  version: number;
  text: string;
  languageId: string;
  generation: number;
  entry: Promise<AnalysisEntry | undefined>;
  prepared: Promise<JsonDocument | undefined>;
}

export interface AnalysisCacheDependencies {
  documents: TextDocuments<TextDocument>;
  settings: () => Promise<ServerSettings>;
  configs: ConfigLoader;
  workspace: () => ServerWorkspace | undefined;
  /** A version was parsed (before its rules run): the workspace index learns it. */
  parsed: (uri: string, document: JsonDocument, maxFileSize: number) => void;
  /** Findings the editor shows itself (its own JSON or YAML syntax errors) are analysed but not published. */
  reportedByEditor: (finding: Finding, languageId: string) => boolean;
}

export class AnalysisCache {
  private readonly records = new Map<string, CacheRecord>();
  /**
   * Counts for tests (the `ecsIam/internal/stats` request exists only with ECS_IAM_TEST_HOOKS=1):
   * analyses started, and those abandoned between rules because they were no longer wanted (a newer
   * version arrived, or settings or the workspace changed).
   */
  readonly stats = { analyses: 0, abandonedInRules: 0 };
  /** URIs whose analysis is in its rule loop (one entry per analysis): a request answered meanwhile came in between two rules. */
  readonly inRules: string[] = [];

  constructor(private readonly deps: AnalysisCacheDependencies) {}

  clear(): void {
    this.records.clear();
  }

  delete(uri: string): void {
    this.records.delete(uri);
  }

  /** The analysis of the document's current version: computed once per version. */
  analysisFor(document: TextDocument): Promise<AnalysisEntry | undefined> {
    const cached = this.records.get(document.uri);
    const generation = this.generation();
    if (cached && cached.version === document.version && cached.generation === generation) return cached.entry;
    // Snapshot text and version synchronously: the document object changes when the next edit arrives.
    const snapshot: Snapshot = { uri: document.uri, version: document.version, text: document.getText(), languageId: document.languageId };
    if (cached && cached.text === snapshot.text && cached.languageId === snapshot.languageId && cached.generation === generation) {
      // An edit that restored the same text (undo, save with no change): the analysis still holds.
      this.records.set(document.uri, { ...cached, version: snapshot.version });
      return cached.entry;
    }
    // Still wanted while it is the cached analysis of the document's current version (an edit that
    // restores the same text re-keys it, see above).
    const isWanted = (): boolean => {
      const record = this.records.get(snapshot.uri);
      return record !== undefined && record.entry === entry && record.version === this.deps.documents.get(snapshot.uri)?.version;
    };
    // Analysing updates the index with this version, which changes the generation: the record follows.
    const indexed = (): void => {
      const record = this.records.get(snapshot.uri);
      if (record?.entry === entry) record.generation = this.generation();
    };
    // Hover and completion need the parsed, prepared document only, not the rules' findings: they answer
    // as soon as it is there (in a 1 MB task definition the rules take seconds after an edit).
    let markPrepared!: (document: JsonDocument | undefined) => void;
    let failPrepared!: (error: unknown) => void;
    const prepared = new Promise<JsonDocument | undefined>((resolve, reject) => {
      markPrepared = resolve;
      failPrepared = reject;
    });
    prepared.catch(() => undefined);
    const entry: Promise<AnalysisEntry | undefined> = this.compute(snapshot, isWanted, indexed, markPrepared);
    entry.then((done) => markPrepared(done?.result.document), failPrepared);
    this.records.set(document.uri, { ...snapshot, generation, entry, prepared });
    // A failed or abandoned analysis is not cached: the next request tries again.
    entry.catch(() => {
      if (this.records.get(snapshot.uri)?.entry === entry) this.records.delete(snapshot.uri);
    });
    return entry;
  }

  /** The analysis of the current version, for requests: if the document changes meanwhile, that of the newer version. */
  async current(uri: string): Promise<AnalysisEntry | undefined> {
    for (let attempt = 0; ; attempt++) {
      const document = this.deps.documents.get(uri);
      if (!document) return undefined;
      try {
        return await this.analysisFor(document);
      } catch (error) {
        if (!(error instanceof StaleAnalysis) || attempt >= 3) throw error;
      }
    }
  }

  /** The parsed and prepared document of the current version (its rules may still be running), for hover and completion. */
  async currentPrepared(uri: string): Promise<JsonDocument | undefined> {
    for (let attempt = 0; ; attempt++) {
      const document = this.deps.documents.get(uri);
      if (!document) return undefined;
      // analysisFor starts (or finds) the analysis of this version; its record holds the prepared stage.
      void this.analysisFor(document);
      const record = this.records.get(uri);
      if (!record) return undefined;
      try {
        return await record.prepared;
      } catch (error) {
        if (!(error instanceof StaleAnalysis) || attempt >= 3) throw error;
      }
    }
  }

  private generation(): number {
    return this.deps.workspace()?.generation ?? 0;
  }

  /** Parses, prepares and checks one version. */
  private async compute(
    snapshot: Snapshot,
    isWanted: () => boolean,
    indexed: () => void,
    onPrepared: (document: JsonDocument) => void,
  ): Promise<AnalysisEntry | undefined> {
    const settings = await this.deps.settings();
    if (!settings.enable) return undefined;
    const checkCurrent = () => {
      if (!isWanted()) throw new StaleAnalysis();
    };
    checkCurrent();
    const filePath = filePathOf(snapshot.uri);
    const config = filePath ? this.deps.configs.forFile(filePath) : undefined;
    if (filePath && config?.isIgnored(filePath)) return undefined;
    this.stats.analyses++;
    const maxFileSize = maxFileSizeOf(settings);
    const format = formatOfLanguage(snapshot.languageId);
    if ((format === 'hcl' && !/\.tf\.json$/i.test(snapshot.uri)) || /\.tf$/i.test(snapshot.uri)) {
      // The Terraform parser (WebAssembly) compiles once, in the background; a .tf document waits for it.
      await hclParserLoaded();
      checkCurrent();
    }
    const parsed = parseDocument(snapshot.text, {
      fileName: uriBaseName(snapshot.uri),
      maxFileSize,
      format,
      policyType: filePath ? config?.policyTypeOf(filePath) : undefined,
    });
    this.deps.parsed(snapshot.uri, parsed, maxFileSize);
    indexed();
    if (snapshot.text.length > LARGE_DOCUMENT) {
      // Parsing a large document takes a while: let queued messages (edits, requests for other documents) in.
      await new Promise((resolve) => setImmediate(resolve));
      checkCurrent();
    }
    await prepareDocument(parsed);
    checkCurrent();
    onPrepared(parsed);
    const ruleSeverities = { ...(config?.config.rules ?? {}), ...settings.rules };
    let findings: Finding[];
    this.inRules.push(snapshot.uri);
    try {
      // The rules of a large document take a while: they give the event loop a turn every few
      // milliseconds (hover and completion on other documents are answered meanwhile) and stop there
      // once this version is no longer wanted.
      findings = await analyzeDocumentAsync(
        parsed,
        ruleSeverities,
        { filePath, workspace: this.deps.workspace()?.index },
        { isCancelled: () => !isWanted() },
      );
    } catch (error) {
      if (!(error instanceof AnalysisCancelled)) throw error;
      this.stats.abandonedInRules++;
      throw new StaleAnalysis();
    } finally {
      this.inRules.splice(this.inRules.indexOf(snapshot.uri), 1);
    }
    const published = findings
      .filter((finding) => !this.deps.reportedByEditor(finding, snapshot.languageId))
      .map((finding) => toDiagnostic(parsed, finding, snapshot.uri));
    return { result: { document: parsed, findings }, published };
  }
}
