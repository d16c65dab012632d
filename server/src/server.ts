// The language server: LSP wiring only. Documents, debounced validation, settings and
// capabilities live here; every check, fix and hover comes from the analysis core.
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
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
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument, type AnalysisResult } from './core/analyze';
import { CONFIG_FILE_NAME } from './core/classify';
import { DEFAULT_MAX_FILE_SIZE, parseDocument } from './core/document';
import { prepareDocument } from './core/prepare';
import type { Finding, SeveritySetting } from './core/types';
import { completionsAt } from './features/completion';
import { hoverAt } from './features/hover';
import { toCodeAction, toCompletionItem, toDiagnostic } from './presenters/lsp';
import type { SyntaxProblem } from './rules/jsonSyntax';
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
  settings?: Partial<ServerSettings>;
}

/** Debounce after a keystroke: short enough to feel instant, long enough to skip intermediate states. */
const DEBOUNCE_MS = 75;
const LARGE_DOCUMENT_DEBOUNCE_MS = 400;
const LARGE_DOCUMENT = 512 * 1024;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const analyses = new Map<string, { version: number; entry: Promise<AnalysisEntry | undefined> }>();
  const timers = new Map<string, NodeJS.Timeout>();
  let builtinJsonDiagnostics = false;
  let pullConfiguration = false;
  let watchRegistration = false;
  let initialSettings: ServerSettings = DEFAULT_SETTINGS;
  let settings: Promise<ServerSettings> = Promise.resolve(DEFAULT_SETTINGS);
  let workspaceRoots: string[] = [];

  const configs = new ConfigLoader(
    (file) => {
      const open = documents.get(pathToFileURL(file).toString());
      if (open) return open.getText();
      return readFileQuietly(file);
    },
    () => workspaceRoots,
  );

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    builtinJsonDiagnostics = options.builtinJsonDiagnostics === true;
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
        completionProvider: { triggerCharacters: ['"', ':'] },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
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
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }] });
    }
  });

  async function fetchSettings(): Promise<ServerSettings> {
    try {
      const value = (await connection.workspace.getConfiguration('ecsIam')) as Partial<ServerSettings> | null;
      return mergeSettings(value ?? undefined);
    } catch {
      return initialSettings;
    }
  }

  connection.onDidChangeConfiguration((change) => {
    analyses.clear();
    if (pullConfiguration) settings = fetchSettings();
    else settings = Promise.resolve(mergeSettings((change.settings as { ecsIam?: Partial<ServerSettings> } | undefined)?.ecsIam));
    revalidateAll();
  });

  connection.onDidChangeWatchedFiles(() => {
    configs.clear();
    analyses.clear();
    revalidateAll();
  });

  documents.onDidOpen((event) => schedule(event.document, 0));
  documents.onDidChangeContent((event) => {
    if (isConfigDocument(event.document.uri)) {
      configs.clear();
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
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  function revalidateAll(): void {
    for (const document of documents.all()) schedule(document, 0);
  }

  function schedule(document: TextDocument, delay: number): void {
    clearTimeout(timers.get(document.uri));
    // Validation of an older version is simply replaced: only the latest timer survives.
    timers.set(document.uri, setTimeout(() => void validate(document.uri), delay));
  }

  async function validate(uri: string): Promise<void> {
    timers.delete(uri);
    const document = documents.get(uri);
    if (!document) return;
    try {
      const entry = await analysisFor(document);
      if (documents.get(uri)?.version !== document.version) return; // a newer version is on its way
      await connection.sendDiagnostics({ uri, version: document.version, diagnostics: entry?.published ?? [] });
    } catch (error) {
      connection.console.error(`ecs-iam: validating ${uri} failed: ${error instanceof Error ? error.stack : String(error)}`);
    }
  }

  /** The analysis of the document's current version: computed once per version, shared by diagnostics, hover, completion and fixes. */
  function analysisFor(document: TextDocument): Promise<AnalysisEntry | undefined> {
    const cached = analyses.get(document.uri);
    if (cached && cached.version === document.version) return cached.entry;
    const entry = computeAnalysis(document);
    analyses.set(document.uri, { version: document.version, entry });
    // A failed analysis is not cached: the next request tries again.
    entry.catch(() => analyses.delete(document.uri));
    return entry;
  }

  async function computeAnalysis(document: TextDocument): Promise<AnalysisEntry | undefined> {
    const current = await settings;
    if (!current.enable) return undefined;
    const filePath = filePathOf(document.uri);
    const config = filePath ? configs.forFile(filePath) : undefined;
    if (filePath && config?.isIgnored(filePath)) return undefined;
    const parsed = parseDocument(document.getText(), {
      fileName: uriBaseName(document.uri),
      maxFileSize: Math.max(1, current.maxFileSizeKB) * 1024,
    });
    await prepareDocument(parsed);
    const ruleSeverities = { ...(config?.config.rules ?? {}), ...current.rules };
    const result: AnalysisResult = { document: parsed, findings: analyzeDocument(parsed, ruleSeverities) };
    const published = result.findings
      .filter((finding) => !reportedByEditor(finding, document.languageId))
      .map((finding) => toDiagnostic(parsed, finding));
    return { result, published };
  }

  /** VS Code's JSON support already squiggles these; we only offer the fix. Comments are fine in `jsonc` for VS Code but not for AWS. */
  function reportedByEditor(finding: Finding, languageId: string): boolean {
    if (!builtinJsonDiagnostics || finding.ruleId !== 'json/syntax') return false;
    const problem = finding.data?.syntaxProblem as SyntaxProblem | undefined;
    if (problem === 'comment') return languageId === 'json';
    return true;
  }

  connection.onHover(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    try {
      const entry = await analysisFor(document);
      if (!entry) return null;
      const parsed = entry.result.document;
      const hover = await hoverAt(parsed, parsed.lines.offsetAt(params.position));
      if (!hover) return null;
      return { contents: { kind: 'markdown', value: hover.markdown }, range: parsed.lines.rangeOf(hover.span) };
    } catch (error) {
      connection.console.error(`ecs-iam: hover failed: ${error instanceof Error ? error.stack : String(error)}`);
      return null;
    }
  });

  connection.onCodeAction(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    try {
      const entry = await analysisFor(document);
      if (!entry) return [];
      const parsed = entry.result.document;
      const start = parsed.lines.offsetAt(params.range.start);
      const end = parsed.lines.offsetAt(params.range.end);
      const actions: CodeAction[] = [];
      const seen = new Set<string>();
      entry.result.findings.forEach((finding) => {
        const findingEnd = finding.span.offset + finding.span.length;
        if (finding.fixes.length === 0 || findingEnd < start || finding.span.offset > end) return;
        const diagnostic = entry.published.find(
          (candidate) => candidate.code === finding.ruleId && candidate.message === finding.message,
        );
        for (const fix of finding.fixes) {
          const key = `${fix.title}|${JSON.stringify(fix.edits)}`;
          if (seen.has(key)) continue; // "fix all" appears on every finding it covers
          seen.add(key);
          actions.push(toCodeAction(params.textDocument.uri, parsed, finding, fix, diagnostic));
        }
      });
      return actions;
    } catch (error) {
      connection.console.error(`ecs-iam: code actions failed: ${error instanceof Error ? error.stack : String(error)}`);
      return [];
    }
  });

  connection.onCompletion(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    try {
      const entry = await analysisFor(document);
      if (!entry) return [];
      const parsed = entry.result.document;
      const suggestions = await completionsAt(parsed, parsed.lines.offsetAt(params.position));
      return { isIncomplete: false, items: suggestions.map((suggestion) => toCompletionItem(parsed, suggestion)) };
    } catch (error) {
      connection.console.error(`ecs-iam: completion failed: ${error instanceof Error ? error.stack : String(error)}`);
      return [];
    }
  });

  documents.listen(connection);
  connection.listen();
}

interface AnalysisEntry {
  result: AnalysisResult;
  published: Diagnostic[];
}

function mergeSettings(value: Partial<ServerSettings> | undefined): ServerSettings {
  return {
    enable: typeof value?.enable === 'boolean' ? value.enable : DEFAULT_SETTINGS.enable,
    rules: value?.rules && typeof value.rules === 'object' ? value.rules : {},
    maxFileSizeKB: typeof value?.maxFileSizeKB === 'number' && value.maxFileSizeKB > 0 ? value.maxFileSizeKB : DEFAULT_SETTINGS.maxFileSizeKB,
  };
}

function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

function uriBaseName(uri: string): string {
  const withoutQuery = uri.split(/[?#]/)[0];
  return decodeURIComponent(withoutQuery.slice(withoutQuery.lastIndexOf('/') + 1));
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
  if (args.includes('--help') || !args.some((arg) => arg === '--stdio' || arg.startsWith('--node-ipc') || arg.startsWith('--socket') || arg.startsWith('--pipe'))) {
    process.stdout.write(
      [
        `ecs-iam-language-server ${SERVER_VERSION}: checks ECS task definitions and IAM policies in JSON over the Language Server Protocol.`,
        '',
        'Usage: ecs-iam-language-server --stdio     (or --node-ipc, --socket=PORT, --pipe=NAME)',
        '',
        'Editors start it for JSON files; see the README for Neovim, Helix and Emacs set-ups.',
        '',
      ].join('\n'),
    );
    process.exitCode = args.includes('--help') ? 0 : 2;
    return;
  }
  const connection = createConnection(ProposedFeatures.all);
  // A bug in one request must not end the session: log it and keep serving.
  process.on('uncaughtException', (error) => connection.console.error(`ecs-iam: uncaught ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`ecs-iam: unhandled rejection ${String(reason)}`));
  startServer(connection);
}

if (require.main === module) main();
