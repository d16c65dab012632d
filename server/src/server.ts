// The language server: LSP wiring only. Documents, debounced validation, settings and capabilities are
// connected here; the analysis cache (lsp/analysisCache.ts), the request guard (lsp/requests.ts), the
// commands (lsp/commands.ts) and the conversions (presenters/lsp.ts) do the work, and every check, fix
// and hover comes from the analysis core. The transports are the entries': nodeServer.ts (stdio, Node IPC)
// and browserServer.ts (a web worker); this file imports no Node module.
import {
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ALL_RULE_IDS } from './analyzer';
import { CONFIG_FILE_NAME } from './core/classify';
import { ANALYSED_EXTENSIONS, type JsonDocument } from './core/document';
import type { YamlProblemKind } from './core/yaml';
import type { Finding, SyntaxProblem } from './core/types';
import { completionsAt } from './features/completion';
import { hoverAt } from './features/hover';
import { documentSymbols } from './features/symbols';
import { roleLenses } from './features/roleLens';
import { iamDataNote } from './features/dataNote';
import { AnalysisCache, LARGE_DOCUMENT, StaleAnalysis } from './lsp/analysisCache';
import { executeCommand } from './lsp/commands';
import { requestGuard } from './lsp/requests';
import { DEFAULT_SETTINGS, mergeSettings, maxFileSizeOf, type InitializationOptions, type ServerSettings } from './lsp/settings';
import { quickFixActions, toCompletionItem, toDocumentSymbol, toFixAllAction, toHover, toCodeLens } from './presenters/lsp';
import { ConfigLoader } from './workspace/configLoader';
import { EXPLAIN_ERROR_COMMAND } from './workspace/explainCommand';
import { fixAllFixes, generationActions, ROLE_ACTION_COMMANDS, ROLE_STATUS_COMMAND, roleFieldActions } from './workspace/roleActions';
import { SERVER_COMMANDS, SHOW_LOCATION_COMMAND } from './workspace/roleCommands';
import { ServerWorkspace } from './workspace/serverWorkspace';
import { STATUS_NOTIFICATION, StatusReporter } from './workspace/statusReporter';
import type { WorkspaceFileSource } from './workspace/fileSource';
import { filePathOf, uriBaseName, uriOfPath } from './workspace/uris';
import { SERVER_VERSION } from './version';
import { hclParserLoaded } from './workspace/hclWasm';

/** Debounce after a keystroke: short enough to feel instant, long enough to skip intermediate states. */
const DEBOUNCE_MS = 50;
const LARGE_DOCUMENT_DEBOUNCE_MS = 400;

/** What the entry provides besides the connection. */
export interface ServerHost {
  /** Where the workspace index lists and reads files: the disk (Node), or the editor (a web worker, over this connection). */
  workspaceFiles(connection: Connection): WorkspaceFileSource;
}

export function startServer(connection: Connection, host: ServerHost): void {
  const documents = new TextDocuments(TextDocument);
  const timers = new Map<string, NodeJS.Timeout>();
  /** Open documents to check again because the workspace index changed (see checkLinked). */
  const linked = new Set<string>();
  let checkingLinked = false;
  /** Checks of edited, opened or rescheduled documents in progress: the linked ones wait for them. */
  let validating = 0;
  const guard = requestGuard(connection);
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

  const files = host.workspaceFiles(connection);
  /** A configuration's text: the open document's, else the file's (on disk, or as the editor last gave it). */
  const readText = (file: string): string | undefined => openDocumentText(file) ?? files.readConfigurationText(file);
  const openDocumentText = (file: string): string | undefined => {
    const exact = documents.get(uriOfPath(file));
    if (exact) return exact.getText();
    // The same file under a URI written differently (percent-encoding varies between writers).
    return documents
      .all()
      .find((document) => filePathOf(document.uri) === file)
      ?.getText();
  };
  const configs = new ConfigLoader(readText, () => workspaceRoots, ALL_RULE_IDS);
  const analyses = new AnalysisCache({
    documents,
    settings: () => settings,
    configs,
    workspace: () => workspace,
    parsed: indexParsed,
    reportedByEditor,
  });

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
      maxFileSizeOf(initialSettings),
      () => {
        analyses.clear();
        revalidateAll();
      },
      (message) => connection.console.info(message),
      files,
    );
    for (const document of documents.all()) workspace.documentChanged(document.uri, document.getText());
    status?.starting();
    // The Terraform parser (WebAssembly) compiles in the background from here (not at initialize: the web worker
    // asks the client for its files, and a server sends no request before it has answered initialize).
    void Promise.all([filesExclude(), hclParserLoaded()]).then(([exclude]) => workspace?.start(exclude, status));
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
    for (const other of documents.all()) if (other.uri !== uri && !timers.has(other.uri)) linked.add(other.uri);
    void checkLinked();
  }

  /**
   * The other open documents, checked again because the index changed, go one at a time and only while no
   * edited document waits: with many files open (one of them large), checking them all at once made the
   * edited file's own diagnostics wait behind all of them.
   */
  async function checkLinked(): Promise<void> {
    if (checkingLinked) return;
    checkingLinked = true;
    try {
      while (linked.size > 0) {
        await new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS));
        if (timers.size > 0 || validating > 0) continue; // an edited or opened document first
        const [uri] = linked;
        linked.delete(uri);
        await validate(uri);
      }
    } finally {
      checkingLinked = false;
    }
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
    linked.delete(uri);
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
    linked.delete(document.uri);
    // Validation of an older version is simply replaced: only the latest timer survives.
    timers.set(
      document.uri,
      setTimeout(() => {
        validating++;
        void validate(document.uri).finally(() => validating--);
      }, delay),
    );
  }

  async function validate(uri: string): Promise<void> {
    timers.delete(uri);
    const document = documents.get(uri);
    if (!document) return;
    // TextDocuments updates a document in place: remember the version now, compare it after awaiting.
    const version = document.version;
    try {
      const entry = await analyses.analysisFor(document);
      if (documents.get(uri)?.version !== version) return; // a newer version is on its way
      await connection.sendDiagnostics({ uri, version, diagnostics: entry?.published ?? [] });
    } catch (error) {
      if (error instanceof StaleAnalysis) return;
      connection.console.error(`ecs-iam: validating ${uri} failed: ${error instanceof Error ? error.stack : String(error)}`);
    }
  }

  connection.onHover(
    guard('hover', null, async (params) => {
      const parsed = await analyses.currentPrepared(params.textDocument.uri);
      if (!parsed) return null;
      const context = { workspace: workspace?.index, filePath: filePathOf(params.textDocument.uri) };
      const hover = await hoverAt(parsed, parsed.lines.offsetAt(params.position), context);
      return hover ? toHover(parsed, hover) : null;
    }),
  );

  connection.onCompletion(
    guard('completion', [], async (params) => {
      const parsed = await analyses.currentPrepared(params.textDocument.uri);
      if (!parsed) return [];
      const suggestions = await completionsAt(parsed, parsed.lines.offsetAt(params.position), {
        workspace: workspace?.index,
        filePath: filePathOf(params.textDocument.uri),
        fileName: uriBaseName(params.textDocument.uri),
      });
      return { isIncomplete: false, items: suggestions.map((suggestion) => toCompletionItem(parsed, suggestion)) };
    }),
  );

  connection.onDocumentSymbol(
    guard('document symbols', [], async (params) => {
      const entry = await analyses.current(params.textDocument.uri);
      if (!entry) return [];
      const parsed = entry.result.document;
      return documentSymbols(parsed).map((symbol) => toDocumentSymbol(parsed, symbol));
    }),
  );

  connection.onCodeAction(
    guard('code actions', [], async (params) => {
      const { uri } = params.textDocument;
      const entry = await analyses.current(uri);
      if (!entry) return [];
      const parsed = entry.result.document;
      const start = parsed.lines.offsetAt(params.range.start);
      const end = parsed.lines.offsetAt(params.range.end);
      const actions: CodeAction[] = quickFixActions(uri, parsed, entry.result.findings, entry.published, start, end, uriOfPath);
      const only = params.context.only;
      const wants = (kind: string) => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
      if (wants('source.fixAll')) {
        const fixAll = toFixAllAction(
          uri,
          parsed,
          fixAllFixes(entry.result.findings).map((item) => item.fix),
          uriOfPath,
        );
        if (fixAll) actions.push(fixAll);
      }
      if (wants('refactor')) {
        actions.push(...roleFieldActions(uri, parsed, start, end, { ourClient: clientOpensGeneratedPolicies, filePath: filePathOf(uri) }));
      }
      actions.push(...generationActions(uri, parsed, only, clientOpensGeneratedPolicies));
      return actions;
    }),
  );

  connection.onCodeLens(
    guard('code lens', [], async (params) => {
      const { uri } = params.textDocument;
      const entry = await analyses.current(uri);
      if (!entry) return [];
      const parsed = entry.result.document;
      const commands = { showLocation: SHOW_LOCATION_COMMAND, roleStatus: ROLE_STATUS_COMMAND, clientShowsDocuments, uriOf: uriOfPath };
      // Roles defined in a template need no workspace; the others are linked through it.
      return roleLenses(parsed, workspace?.index, filePathOf(uri)).map((lens) => toCodeLens(uri, parsed, lens, commands));
    }),
  );

  connection.onExecuteCommand((params) =>
    guard(
      `command ${params.command}`,
      null,
      executeCommand,
    )(params, {
      connection,
      analyses,
      workspace: () => workspace,
      configs,
      workspaceRoots: () => workspaceRoots,
      readText,
    }),
  );

  if (process.env.ECS_IAM_TEST_HOOKS === '1') {
    connection.onRequest('ecsIam/internal/stats', () => ({ ...analyses.stats, inRules: [...analyses.inRules] }));
  }

  documents.listen(connection);
  connection.listen();
}

function isConfigDocument(uri: string): boolean {
  return uriBaseName(uri) === CONFIG_FILE_NAME;
}
