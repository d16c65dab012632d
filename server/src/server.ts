// The language server: LSP wiring only. Documents, debounced validation, settings and
// capabilities live here; every check, fix and hover comes from the analysis core.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeLensRefreshRequest,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type Location,
  type Position,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ALL_RULE_IDS, AnalysisCancelled, analyzeDocumentAsync, type AnalysisResult } from './analyzer';
import { CONFIG_FILE_NAME } from './core/classify';
import { ANALYSED_EXTENSIONS, DEFAULT_MAX_FILE_SIZE, formatOfLanguage, parseDocument, type JsonDocument } from './core/document';
import { yamlEditsKeepSyntax, type YamlProblemKind } from './core/yaml';
import { prepareDocument } from './core/prepare';
import type { Finding, SeveritySetting } from './core/types';
import { completionsAt } from './features/completion';
import { hoverAt } from './features/hover';
import { documentSymbols } from './features/symbols';
import { roleLenses } from './features/roleLens';
import { ServerWorkspace } from './workspace/serverWorkspace';
import { STATUS_NOTIFICATION, StatusReporter } from './workspace/statusReporter';
import { iamDataNote } from './features/dataNote';
import { EXPLAIN_ERROR_COMMAND, explainForEditor } from './workspace/explainCommand';
import { filePathOf, uriBaseName } from './workspace/uris';
import {
  ADD_ROLE_MAPPING_COMMAND,
  CREATE_POLICY_FILE_COMMAND,
  createFileEdit,
  GENERATE_POLICY_COMMAND,
  roleMappingEdit,
  SERVER_COMMANDS,
  SHOW_LOCATION_COMMAND,
  type GenerateArguments,
  type MappingArguments,
} from './workspace/roleCommands';
import { toCodeAction, toCompletionItem, toDiagnostic, toDocumentSymbol, toFixAllAction } from './presenters/lsp';
import {
  fixAllFixes,
  GENERATE_TITLES,
  generatedOrReason,
  LINK_CHOICES_COMMAND,
  linkChoices,
  POLICY_FILE_CHOICES_COMMAND,
  policyFileChoices,
  resolveIndex,
  ROLE_ACTION_COMMANDS,
  ROLE_STATUS_COMMAND,
  roleFieldActions,
  roleStatus,
  type RoleField,
} from './workspace/roleActions';
import type { SyntaxProblem } from './core/types';
import { ConfigLoader } from './workspace/configLoader';

import { SERVER_VERSION } from './version';

/** Settings under `ecsIam.*` (VS Code) or `initializationOptions.settings` (other editors). */
interface ServerSettings {
  enable: boolean;
  rules: Record<string, SeveritySetting>;
  maxFileSizeKB: number;
}

const DEFAULT_SETTINGS: ServerSettings = { enable: true, rules: {}, maxFileSizeKB: DEFAULT_MAX_FILE_SIZE / 1024 };

/** Initialization options our VS Code client sends; other editors send none. */
interface InitializationOptions {
  /** VS Code's built-in JSON support already reports syntax errors: do not report them twice. */
  builtinJsonDiagnostics?: boolean;
  /** The editor has a YAML extension that reports YAML syntax errors (Red Hat's): yaml/syntax leaves those to it. */
  yamlExtensionDiagnostics?: boolean;
  /** The client has the `ecsIam.openGeneratedPolicy` command, which opens generated policies as untitled documents. */
  opensGeneratedPolicies?: boolean;
  /** The client shows `ecsIam/status` notifications (indexing, ready with the IAM data date) in its status bar. */
  statusNotifications?: boolean;
  settings?: Partial<ServerSettings>;
}

/** Debounce after a keystroke: short enough to feel instant, long enough to skip intermediate states. */
const DEBOUNCE_MS = 50;
const LARGE_DOCUMENT_DEBOUNCE_MS = 400;
const LARGE_DOCUMENT = 512 * 1024;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  /** One analysis per document version and workspace generation (linked files change what a document gets). */
  const analyses = new Map<
    string,
    {
      version: number;
      text: string;
      languageId: string;
      generation: number;
      entry: Promise<AnalysisEntry | undefined>;
      prepared: Promise<JsonDocument | undefined>;
    }
  >();
  const timers = new Map<string, NodeJS.Timeout>();
  /**
   * Counts for tests (the `ecsIam/internal/stats` request exists only with ECS_IAM_TEST_HOOKS=1):
   * analyses started, and those abandoned between rules because they were no longer wanted (a newer
   * version arrived, or settings or the workspace changed).
   */
  const stats = { analyses: 0, abandonedInRules: 0 };
  /** URIs whose analysis is in its rule loop (one entry per analysis): a request answered meanwhile came in between two rules. */
  const inRules: string[] = [];
  let builtinJsonDiagnostics = false;
  let yamlExtensionDiagnostics = false;
  let pullConfiguration = false;
  let watchRegistration = false;
  let initialSettings: ServerSettings = DEFAULT_SETTINGS;
  let settings: Promise<ServerSettings> = Promise.resolve(DEFAULT_SETTINGS);
  let workspaceRoots: string[] = [];
  /** The workspace index (task definitions and policies of all files), built after initialization. */
  let workspace: ServerWorkspace | undefined;
  /** Our VS Code client opens generated policies as untitled documents; other editors get a new file. */
  let clientOpensGeneratedPolicies = false;
  /** The editor can show a location on request (window/showDocument): template role lenses then reveal the role. */
  let clientShowsDocuments = false;
  /** The editor re-asks for CodeLenses on request (a link or a policy change updates every lens at once). */
  let clientRefreshesLenses = false;
  /** Status for the editor's status bar (only when the client asked for it). */
  let status: StatusReporter | undefined;

  const configs = new ConfigLoader(
    (file) => {
      const open = documents.get(pathToFileURL(file).toString());
      if (open) return open.getText();
      return readFileQuietly(file);
    },
    () => workspaceRoots,
    ALL_RULE_IDS,
  );

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    builtinJsonDiagnostics = options.builtinJsonDiagnostics === true;
    yamlExtensionDiagnostics = options.yamlExtensionDiagnostics === true;
    clientOpensGeneratedPolicies = options.opensGeneratedPolicies === true;
    if (options.statusNotifications === true) {
      status = new StatusReporter((params) => void connection.sendNotification(STATUS_NOTIFICATION, params), iamDataNote);
    }
    clientShowsDocuments = params.capabilities.window?.showDocument?.support === true;
    clientRefreshesLenses = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    initialSettings = mergeSettings(options.settings);
    settings = Promise.resolve(initialSettings);
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    watchRegistration = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    workspaceRoots = (params.workspaceFolders ?? []).map((folder) => filePathOf(folder.uri)).filter((p): p is string => Boolean(p));
    if (workspaceRoots.length === 0 && params.rootUri) {
      const root = filePathOf(params.rootUri);
      if (root) workspaceRoots = [root];
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        documentSymbolProvider: true,
        completionProvider: { triggerCharacters: ['"', ':'] },
        codeActionProvider: { codeActionKinds: ['quickfix', 'refactor', 'source', 'source.fixAll'] },
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [...SERVER_COMMANDS, ...ROLE_ACTION_COMMANDS, EXPLAIN_ERROR_COMMAND] },
      },
      serverInfo: { name: 'ecs-iam-language-server', version: SERVER_VERSION },
    };
  });

  connection.onInitialized(() => {
    if (pullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'ecsIam' });
      settings = fetchSettings();
    }
    if (watchRegistration) {
      // Every JSON and YAML file: policies and task definitions link to each other, and .ecs-iam.json is JSON too.
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: `**/*.{${ANALYSED_EXTENSIONS.join(',')}}` }],
      });
    }
    workspace = new ServerWorkspace(
      workspaceRoots,
      configs,
      Math.max(1, initialSettings.maxFileSizeKB) * 1024,
      () => {
        analyses.clear();
        revalidateAll();
      },
      (message) => connection.console.info(message),
    );
    for (const document of documents.all()) workspace.documentChanged(document.uri, document.getText());
    status?.starting();
    void filesExclude().then((exclude) => workspace?.start(exclude, status));
  });

  /** VS Code's `files.exclude` patterns that are switched on (other editors have none). */
  async function filesExclude(): Promise<string[]> {
    if (!pullConfiguration) return [];
    try {
      const value = (await connection.workspace.getConfiguration('files.exclude')) as Record<string, unknown> | null;
      return Object.entries(value ?? {})
        .filter(([, on]) => on === true)
        .map(([pattern]) => pattern);
    } catch {
      return [];
    }
  }

  /**
   * The index learns an open document's new version from its analysis (after the debounce, from the same
   * parse); when that changes the index, the documents linked to it are checked again.
   */
  function indexParsed(uri: string, parsed: JsonDocument, maxFileSize: number): void {
    if (!workspace?.documentParsed(uri, parsed, maxFileSize)) return;
    for (const other of documents.all()) if (other.uri !== uri) schedule(other, DEBOUNCE_MS);
  }

  async function fetchSettings(): Promise<ServerSettings> {
    try {
      const value = (await connection.workspace.getConfiguration('ecsIam')) as Partial<ServerSettings> | null;
      // Editors that answer null (no such section) keep the initializationOptions settings.
      return mergeSettings(value ?? undefined, initialSettings);
    } catch {
      return initialSettings;
    }
  }

  connection.onDidChangeConfiguration((change) => {
    analyses.clear();
    if (pullConfiguration) settings = fetchSettings();
    else {
      settings = Promise.resolve(
        mergeSettings((change.settings as { ecsIam?: Partial<ServerSettings> } | undefined)?.ecsIam, initialSettings),
      );
    }
    revalidateAll();
  });

  connection.onDidChangeWatchedFiles((params) => {
    const configChanged = params.changes.some((change) => isConfigDocument(change.uri));
    if (configChanged) {
      configs.clear();
      analyses.clear();
      revalidateAll();
    }
    void workspace?.filesChanged(params.changes, (uri) => documents.get(uri) !== undefined);
  });

  documents.onDidOpen((event) => {
    schedule(event.document, 0);
  });
  documents.onDidChangeContent((event) => {
    if (isConfigDocument(event.document.uri)) {
      configs.clear();
      workspace?.index.configurationChanged();
      analyses.clear();
      revalidateAll();
      return;
    }
    schedule(event.document, event.document.getText().length > LARGE_DOCUMENT ? LARGE_DOCUMENT_DEBOUNCE_MS : DEBOUNCE_MS);
  });
  documents.onDidClose((event) => {
    const uri = event.document.uri;
    clearTimeout(timers.get(uri));
    timers.delete(uri);
    analyses.delete(uri);
    if (isConfigDocument(uri)) configs.clear();
    else void workspace?.documentClosed(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  function revalidateAll(): void {
    for (const document of documents.all()) schedule(document, 0);
    // Lenses of other documents (linked roles, met needs) change with the workspace: ask the editor again.
    if (clientRefreshesLenses) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  }

  function schedule(document: TextDocument, delay: number): void {
    clearTimeout(timers.get(document.uri));
    // Validation of an older version is simply replaced: only the latest timer survives.
    timers.set(
      document.uri,
      setTimeout(() => void validate(document.uri), delay),
    );
  }

  async function validate(uri: string): Promise<void> {
    timers.delete(uri);
    const document = documents.get(uri);
    if (!document) return;
    // TextDocuments updates a document in place: remember the version now, compare it after awaiting.
    const version = document.version;
    try {
      const entry = await analysisFor(document);
      if (!isCurrent(uri, version)) return; // a newer version is on its way
      await connection.sendDiagnostics({ uri, version, diagnostics: entry?.published ?? [] });
    } catch (error) {
      if (error instanceof StaleAnalysis) return;
      connection.console.error(`ecs-iam: validating ${uri} failed: ${error instanceof Error ? error.stack : String(error)}`);
    }
  }

  function isCurrent(uri: string, version: number): boolean {
    return documents.get(uri)?.version === version;
  }

  /** The analysis of the document's current version: computed once per version, shared by diagnostics, hover, completion and fixes. */
  function analysisFor(document: TextDocument): Promise<AnalysisEntry | undefined> {
    const cached = analyses.get(document.uri);
    const generation = workspace?.generation ?? 0;
    if (cached && cached.version === document.version && cached.generation === generation) return cached.entry;
    // Snapshot text and version synchronously: the document object changes when the next edit arrives.
    const snapshot: Snapshot = { uri: document.uri, version: document.version, text: document.getText(), languageId: document.languageId };
    if (cached && cached.text === snapshot.text && cached.languageId === snapshot.languageId && cached.generation === generation) {
      // An edit that restored the same text (undo, save with no change): the analysis still holds.
      const reused = cached.entry;
      analyses.set(document.uri, { ...cached, version: snapshot.version });
      return reused;
    }
    // Still wanted while it is the cached analysis of the document's current version (an edit that
    // restores the same text re-keys it, see above).
    const isWanted = (): boolean => {
      const record = analyses.get(snapshot.uri);
      return record !== undefined && record.entry === entry && record.version === documents.get(snapshot.uri)?.version;
    };
    // Analysing updates the index with this version, which changes the generation: the record follows.
    const indexed = (): void => {
      const record = analyses.get(snapshot.uri);
      if (record?.entry === entry) record.generation = workspace?.generation ?? 0;
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
    const entry: Promise<AnalysisEntry | undefined> = computeAnalysis(snapshot, isWanted, indexed, markPrepared);
    entry.then((done) => markPrepared(done?.result.document), failPrepared);
    analyses.set(document.uri, {
      version: snapshot.version,
      text: snapshot.text,
      languageId: snapshot.languageId,
      generation,
      entry,
      prepared,
    });
    // A failed or abandoned analysis is not cached: the next request tries again.
    entry.catch(() => {
      if (analyses.get(snapshot.uri)?.entry === entry) analyses.delete(snapshot.uri);
    });
    return entry;
  }

  /** The analysis of the current version, for requests: if the document changes meanwhile, that of the newer version. */
  async function currentAnalysis(uri: string): Promise<AnalysisEntry | undefined> {
    for (let attempt = 0; ; attempt++) {
      const document = documents.get(uri);
      if (!document) return undefined;
      try {
        return await analysisFor(document);
      } catch (error) {
        if (!(error instanceof StaleAnalysis) || attempt >= 3) throw error;
      }
    }
  }

  /** The parsed and prepared document of the current version (its rules may still be running), for hover and completion. */
  async function currentPrepared(uri: string): Promise<JsonDocument | undefined> {
    for (let attempt = 0; ; attempt++) {
      const document = documents.get(uri);
      if (!document) return undefined;
      // analysisFor starts (or finds) the analysis of this version; its record holds the prepared stage.
      void analysisFor(document);
      const record = analyses.get(uri);
      if (!record) return undefined;
      try {
        return await record.prepared;
      } catch (error) {
        if (!(error instanceof StaleAnalysis) || attempt >= 3) throw error;
      }
    }
  }

  /**
   * Parses, prepares and checks one version. Between its steps (and between rules, every few
   * milliseconds) it gives the event loop a turn and gives up (StaleAnalysis) as soon as a newer version
   * of the document exists, so an old version never publishes and never holds up the new one.
   */
  async function computeAnalysis(
    snapshot: Snapshot,
    isWanted: () => boolean,
    indexed: () => void,
    onPrepared: (document: JsonDocument) => void,
  ): Promise<AnalysisEntry | undefined> {
    const current = await settings;
    if (!current.enable) return undefined;
    const checkCurrent = () => {
      if (!isWanted()) throw new StaleAnalysis();
    };
    checkCurrent();
    const filePath = filePathOf(snapshot.uri);
    const config = filePath ? configs.forFile(filePath) : undefined;
    if (filePath && config?.isIgnored(filePath)) return undefined;
    stats.analyses++;
    const maxFileSize = Math.max(1, current.maxFileSizeKB) * 1024;
    const parsed = parseDocument(snapshot.text, {
      fileName: uriBaseName(snapshot.uri),
      maxFileSize,
      format: formatOfLanguage(snapshot.languageId),
      policyType: filePath ? config?.policyTypeOf(filePath) : undefined,
    });
    indexParsed(snapshot.uri, parsed, maxFileSize);
    indexed();
    if (snapshot.text.length > LARGE_DOCUMENT) {
      // Parsing a large document takes a while: let queued messages (edits, requests for other documents) in.
      await new Promise((resolve) => setImmediate(resolve));
      checkCurrent();
    }
    await prepareDocument(parsed);
    checkCurrent();
    onPrepared(parsed);
    const ruleSeverities = { ...(config?.config.rules ?? {}), ...current.rules };
    let findings: Finding[];
    inRules.push(snapshot.uri);
    try {
      // The rules of a large document take a while: they give the event loop a turn every few
      // milliseconds (hover and completion on other documents are answered meanwhile) and stop there
      // once this version is no longer wanted.
      findings = await analyzeDocumentAsync(
        parsed,
        ruleSeverities,
        { filePath, workspace: workspace?.index },
        { isCancelled: () => !isWanted() },
      );
    } catch (error) {
      if (!(error instanceof AnalysisCancelled)) throw error;
      stats.abandonedInRules++;
      throw new StaleAnalysis();
    } finally {
      inRules.splice(inRules.indexOf(snapshot.uri), 1);
    }
    const result: AnalysisResult = { document: parsed, findings };
    const published = result.findings
      .filter((finding) => !reportedByEditor(finding, snapshot.languageId))
      .map((finding) => toDiagnostic(parsed, finding, snapshot.uri));
    return { result, published };
  }

  /** VS Code's JSON support already squiggles these; we only offer the fix. Comments are fine in `jsonc` for VS Code but not for AWS. */
  function reportedByEditor(finding: Finding, languageId: string): boolean {
    // The Red Hat YAML extension reports YAML syntax errors and duplicate keys itself; the CloudFormation-specific problems stay ours.
    if (finding.ruleId === 'yaml/syntax') {
      const problem = finding.data?.syntaxProblem as YamlProblemKind | undefined;
      return yamlExtensionDiagnostics && (problem === 'syntax' || problem === 'duplicate-key');
    }
    if (!builtinJsonDiagnostics || finding.ruleId !== 'json/syntax') return false;
    const problem = finding.data?.syntaxProblem as SyntaxProblem | undefined;
    if (problem === 'comment') return languageId === 'json';
    return true;
  }

  connection.onHover(async (params) => {
    try {
      const parsed = await currentPrepared(params.textDocument.uri);
      if (!parsed) return null;
      const hover = await hoverAt(parsed, parsed.lines.offsetAt(params.position), {
        workspace: workspace?.index,
        filePath: filePathOf(params.textDocument.uri),
      });
      if (!hover) return null;
      return { contents: { kind: 'markdown', value: hover.markdown }, range: parsed.lines.rangeOf(hover.span) };
    } catch (error) {
      if (!(error instanceof StaleAnalysis)) {
        connection.console.error(`ecs-iam: hover failed: ${error instanceof Error ? error.stack : String(error)}`);
      }
      return null;
    }
  });

  connection.onDocumentSymbol(async (params) => {
    try {
      const entry = await currentAnalysis(params.textDocument.uri);
      if (!entry) return [];
      const parsed = entry.result.document;
      return documentSymbols(parsed).map((symbol) => toDocumentSymbol(parsed, symbol));
    } catch (error) {
      if (!(error instanceof StaleAnalysis)) {
        connection.console.error(`ecs-iam: document symbols failed: ${error instanceof Error ? error.stack : String(error)}`);
      }
      return [];
    }
  });

  connection.onCodeAction(async (params) => {
    try {
      const entry = await currentAnalysis(params.textDocument.uri);
      if (!entry) return [];
      const parsed = entry.result.document;
      const start = parsed.lines.offsetAt(params.range.start);
      const end = parsed.lines.offsetAt(params.range.end);
      const actions: CodeAction[] = [];
      const seen = new Set<string>();
      entry.result.findings.forEach((finding) => {
        const findingEnd = finding.span.offset + finding.span.length;
        if (finding.fixes.length === 0 || findingEnd < start || finding.span.offset > end) return;
        const diagnostic = entry.published.find((candidate) => candidate.code === finding.ruleId && candidate.message === finding.message);
        for (const fix of finding.fixes) {
          const key = `${fix.title}|${JSON.stringify(fix.edits)}`;
          if (seen.has(key)) continue; // "fix all" appears on every finding it covers
          seen.add(key);
          // A fix written for JSON that would break a YAML file is not offered.
          if (parsed.format === 'yaml' && !yamlEditsKeepSyntax(parsed.text, fix.edits)) continue;
          actions.push(toCodeAction(params.textDocument.uri, parsed, finding, fix, diagnostic));
        }
      });
      const only = params.context.only;
      const wants = (kind: string) => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
      if (wants('source.fixAll')) {
        const fixAll = toFixAllAction(
          params.textDocument.uri,
          parsed,
          fixAllFixes(entry.result.findings).map((item) => item.fix),
        );
        if (fixAll) actions.push(fixAll);
      }
      if (wants('refactor')) {
        const filePath = filePathOf(params.textDocument.uri);
        actions.push(
          ...roleFieldActions(params.textDocument.uri, parsed, start, end, { ourClient: clientOpensGeneratedPolicies, filePath }),
        );
      }
      actions.push(...generationActions(params.textDocument.uri, parsed, params.context.only));
      return actions;
    } catch (error) {
      if (!(error instanceof StaleAnalysis)) {
        connection.console.error(`ecs-iam: code actions failed: ${error instanceof Error ? error.stack : String(error)}`);
      }
      return [];
    }
  });

  connection.onCompletion(async (params) => {
    try {
      const parsed = await currentPrepared(params.textDocument.uri);
      if (!parsed) return [];
      const suggestions = await completionsAt(parsed, parsed.lines.offsetAt(params.position), {
        workspace: workspace?.index,
        filePath: filePathOf(params.textDocument.uri),
        fileName: uriBaseName(params.textDocument.uri),
      });
      return { isIncomplete: false, items: suggestions.map((suggestion) => toCompletionItem(parsed, suggestion)) };
    } catch (error) {
      if (!(error instanceof StaleAnalysis)) {
        connection.console.error(`ecs-iam: completion failed: ${error instanceof Error ? error.stack : String(error)}`);
      }
      return [];
    }
  });

  if (process.env.ECS_IAM_TEST_HOOKS === '1') {
    connection.onRequest('ecsIam/internal/stats', () => ({ ...stats, inRules: [...inRules] }));
  }

  /** Source actions on a task definition: generate its least-privilege policies. */
  function generationActions(uri: string, parsed: AnalysisResult['document'], only: string[] | undefined): CodeAction[] {
    if (parsed.taskDefinitions.length === 0) return [];
    if (
      only &&
      !only.some((kind) => kind === 'source' || 'source.generatePolicy'.startsWith(`${kind}.`) || kind === 'source.generatePolicy')
    ) {
      return [];
    }
    const titles = GENERATE_TITLES;
    const actions: CodeAction[] = [];
    parsed.taskDefinitions.forEach((view, index) => {
      for (const kind of ['execution', 'trust', 'task'] as const) {
        // One that cannot be generated is offered too: running it says why, instead of the action vanishing.
        const args: GenerateArguments = { uri, kind, index };
        const family = parsed.taskDefinitions.length > 1 ? ` (task definition ${index + 1})` : '';
        actions.push({
          title: `${titles[kind]}${family}`,
          kind: 'source.generatePolicy',
          command: clientOpensGeneratedPolicies
            ? { title: titles[kind], command: 'ecsIam.openGeneratedPolicy', arguments: [args] }
            : { title: titles[kind], command: CREATE_POLICY_FILE_COMMAND, arguments: [args] },
        });
      }
    });
    return actions;
  }

  connection.onCodeLens(async (params) => {
    try {
      const { uri } = params.textDocument;
      const entry = await currentAnalysis(uri);
      if (!entry) return [];
      const parsed = entry.result.document;
      // Roles defined in a template need no workspace; the others are linked through it.
      return roleLenses(parsed, workspace?.index, filePathOf(uri)).map((lens) => {
        const reveal: Location | undefined =
          lens.reveal && clientShowsDocuments ? { uri, range: parsed.lines.rangeOf(lens.reveal) } : undefined;
        const status = lens.status ? { id: ROLE_STATUS_COMMAND, arguments: [{ uri, ...lens.status }] } : undefined;
        const command = reveal ? { id: SHOW_LOCATION_COMMAND, arguments: [reveal] } : (lens.command ?? status);
        return {
          range: parsed.lines.rangeOf({ offset: lens.span.offset, length: 0 }),
          command: { title: lens.title, command: command?.id ?? '', arguments: command?.arguments },
        };
      });
    } catch (error) {
      if (!(error instanceof StaleAnalysis)) {
        connection.console.error(`ecs-iam: code lens failed: ${error instanceof Error ? error.stack : String(error)}`);
      }
      return [];
    }
  });

  connection.onExecuteCommand(async (params) => {
    const [args] = (params.arguments ?? []) as unknown[];
    try {
      if (params.command === GENERATE_POLICY_COMMAND || params.command === CREATE_POLICY_FILE_COMMAND) {
        const request = args as GenerateArguments & { position?: Position };
        const entry = await currentAnalysis(request.uri);
        if (!entry) {
          return { message: 'ECS & IAM does not check this file (not JSON, ignored in .ecs-iam.json, or the extension is disabled).' };
        }
        // The Command Palette sends the cursor position: the task definition there (a template may hold several).
        const { generated, message } = generatedOrReason(entry.result.document, request.kind, resolveIndex(entry.result.document, request));
        if (!generated) {
          if (params.command === CREATE_POLICY_FILE_COMMAND && message) void connection.window.showInformationMessage(message);
          return { message };
        }
        if (params.command === GENERATE_POLICY_COMMAND) return generated;
        const taskDefinitionPath = filePathOf(request.uri);
        if (!taskDefinitionPath) return generated;
        const { edit, uri } = createFileEdit(taskDefinitionPath, generated);
        const applied = await connection.workspace.applyEdit({ label: `Create ${generated.fileName}`, edit });
        if (applied.applied) void connection.window.showDocument({ uri, takeFocus: true });
        return { ...generated, uri };
      }
      if (params.command === ROLE_STATUS_COMMAND) return await showRoleStatus(args as { uri: string; index: number; field: RoleField });
      if (params.command === LINK_CHOICES_COMMAND) {
        const request = args as { uri: string; position?: Position };
        const entry = await currentAnalysis(request.uri);
        if (!entry) return { choices: [], message: 'ECS & IAM does not check this file.' };
        const parsed = entry.result.document;
        return linkChoices(
          parsed,
          filePathOf(request.uri),
          workspace?.index,
          request.position ? parsed.lines.offsetAt(request.position) : undefined,
        );
      }
      if (params.command === POLICY_FILE_CHOICES_COMMAND) {
        const request = args as { roleName: string; file?: string };
        return policyFileChoices(workspace?.index, request.roleName, request.file);
      }
      if (params.command === EXPLAIN_ERROR_COMMAND) {
        // The answer looks for task definitions and policies in the whole workspace: wait for its index.
        await workspace?.built;
        return explainForEditor(args, workspace?.index);
      }
      if (params.command === SHOW_LOCATION_COMMAND) {
        const location = args as Location;
        return await connection.window.showDocument({ uri: location.uri, selection: location.range, takeFocus: true });
      }
      if (params.command === ADD_ROLE_MAPPING_COMMAND) {
        const request = args as MappingArguments;
        const { edit, configFile, created } = roleMappingEdit(
          request,
          configs,
          workspaceRoots,
          (file) => documents.get(pathToFileURL(file).toString())?.getText() ?? readFileQuietly(file),
        );
        const applied = await connection.workspace.applyEdit({
          label: `Link ${path.basename(request.policyFile)} to ${request.roleName}`,
          edit,
        });
        const label = (file: string) => workspace?.index.label(file) ?? path.basename(file);
        const message = applied.applied
          ? `Linked ${label(request.policyFile)} to the role ${request.roleName} in ${label(configFile)}${created ? ', created for this mapping' : ''}.`
          : `Could not write the mapping to ${label(configFile)}.`;
        return { applied: applied.applied, configFile, created, message };
      }
    } catch (error) {
      connection.console.error(`ecs-iam: command ${params.command} failed: ${error instanceof Error ? error.stack : String(error)}`);
    }
    return null;
  });

  /**
   * A role lens was clicked: the unmet needs with "Add all missing permissions" (one workspace edit), or
   * the linked policy when every need is met. Works in any editor with window/showMessageRequest.
   */
  async function showRoleStatus(request: { uri: string; index: number; field: RoleField }): Promise<unknown> {
    const entry = await currentAnalysis(request.uri);
    if (!entry) return null;
    const parsed = entry.result.document;
    const status = roleStatus(parsed, entry.result.findings, workspace?.index, filePathOf(request.uri), request.index, request.field);
    if (!status) return null;
    const openTitle = status.openFile ? `Open ${path.basename(status.openFile)}` : undefined;
    const open = async () =>
      status.openFile && (await connection.window.showDocument({ uri: pathToFileURL(status.openFile).toString(), takeFocus: true }));
    if (!status.message) {
      await open();
      return { opened: status.openFile };
    }
    const addAll = status.fixAll ? 'Add all missing permissions' : undefined;
    const choice = await connection.window.showWarningMessage(
      status.message,
      ...[addAll, openTitle].filter((title): title is string => Boolean(title)).map((title) => ({ title })),
    );
    if (choice?.title === addAll && status.fixAll) {
      const action = toCodeAction(request.uri, parsed, status.fixAll.finding, status.fixAll.fix, undefined);
      const applied = action.edit ? await connection.workspace.applyEdit({ label: status.fixAll.fix.title, edit: action.edit }) : undefined;
      return { applied: applied?.applied === true };
    }
    if (choice?.title === openTitle) await open();
    return { shown: status.message };
  }

  documents.listen(connection);
  connection.listen();
}

interface Snapshot {
  uri: string;
  version: number;
  text: string;
  languageId: string;
}

/** Thrown when the version being analysed is no longer the document's current version. */
class StaleAnalysis extends Error {
  constructor() {
    super('stale document version');
  }
}

interface AnalysisEntry {
  result: AnalysisResult;
  published: Diagnostic[];
}

/** Settings from the editor over `base` (the defaults, or for later changes the initializationOptions settings). */
function mergeSettings(value: Partial<ServerSettings> | undefined, base: ServerSettings = DEFAULT_SETTINGS): ServerSettings {
  return {
    enable: typeof value?.enable === 'boolean' ? value.enable : base.enable,
    rules: value?.rules && typeof value.rules === 'object' ? value.rules : base.rules,
    maxFileSizeKB: typeof value?.maxFileSizeKB === 'number' && value.maxFileSizeKB > 0 ? value.maxFileSizeKB : base.maxFileSizeKB,
  };
}

function isConfigDocument(uri: string): boolean {
  return uriBaseName(uri) === CONFIG_FILE_NAME;
}

function readFileQuietly(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function main(): void {
  const args = process.argv.slice(2);
  if (args.includes('--version')) {
    process.stdout.write(`${SERVER_VERSION}\n`);
    return;
  }
  const transport = args.some((arg) => arg === '--stdio' || arg.startsWith('--node-ipc'));
  const unsupported = args.find((arg) => arg.startsWith('--socket') || arg.startsWith('--pipe'));
  if (args.includes('--help') || !transport || unsupported) {
    if (unsupported) {
      process.stderr.write(
        `ecs-iam-language-server: ${unsupported} is not supported: the server opens no sockets or pipes; use --stdio or --node-ipc.\n`,
      );
    }
    process.stdout.write(
      [
        `ecs-iam-language-server ${SERVER_VERSION}: checks ECS task definitions and IAM policies in JSON over the Language Server Protocol.`,
        '',
        'Usage: ecs-iam-language-server --stdio      (or --node-ipc when started by a Node parent with an IPC channel)',
        '',
        'It opens no network connections, sockets or pipes and starts no processes.',
        'Editors start it for JSON files; see the README for Neovim, Helix and Emacs set-ups.',
        '',
      ].join('\n'),
    );
    process.exitCode = args.includes('--help') && !unsupported ? 0 : 2;
    return;
  }
  const connection = createConnection(ProposedFeatures.all);
  // A bug in one request must not end the session: log it and keep serving.
  process.on('uncaughtException', (error) => connection.console.error(`ecs-iam: uncaught ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`ecs-iam: unhandled rejection ${String(reason)}`));
  startServer(connection);
}

if (require.main === module) main();
