// Converts the core's findings, fixes and hovers into LSP shapes. No connection, no state.
import type {
  CodeAction,
  CodeLens,
  CompletionItem,
  Diagnostic,
  DocumentSymbol,
  Hover,
  Location,
  TextEdit as LspTextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { CodeActionKind, CompletionItemKind, DiagnosticSeverity, DiagnosticTag, InsertTextFormat, SymbolKind } from 'vscode-languageserver';
import { pathToFileURL } from 'node:url';
import type { JsonDocument } from '../core/document';
import type { Finding, Fix, RulePhase, Severity } from '../core/types';
import type { CompletionSuggestion } from '../features/completion';
import type { DocumentSymbolInfo } from '../features/symbols';
import type { HoverResult } from '../features/hover';
import type { RoleLens } from '../features/roleLens';
import { yamlEditsKeepSyntax } from '../core/yaml';
import { hclEditsKeepSyntax } from '../core/hclEdits';
import { terraformJsonEditsKeepSyntax } from '../core/terraformJson';

export const DIAGNOSTIC_SOURCE = 'ecs-iam';

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** `uri` (the document's) lets the finding's other places travel as related information. */
export function toDiagnostic(document: JsonDocument, finding: Finding, uri?: string): Diagnostic {
  const diagnostic: Diagnostic = {
    range: document.lines.rangeOf(finding.span),
    severity: LSP_SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    message: `${finding.message}${phaseSuffix(finding.phase)}`,
  };
  if (finding.docsUrl) diagnostic.codeDescription = { href: finding.docsUrl };
  if (finding.data?.unnecessary === true) diagnostic.tags = [DiagnosticTag.Unnecessary];
  if (uri && finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((related) => ({
      location: { uri, range: document.lines.rangeOf(related.span) },
      message: related.message,
    }));
  }
  return diagnostic;
}

/** When it would fail, at the end of the message, where the editor's hover and Problems panel show it. */
const PHASE_SUFFIX: Record<RulePhase, string> = {
  register: ' [register: the API rejects it]',
  start: ' [start: the task fails to start]',
  runtime: ' [runtime: denied or ignored when the task runs]',
  advice: '',
};

export function phaseSuffix(phase: RulePhase | undefined): string {
  return phase ? PHASE_SUFFIX[phase] : '';
}

/** The URI of a file a fix edits or creates, from its path (the server's mapping: `file:` in Node, any scheme in a web worker). */
export type UriOfPath = (path: string) => string;
const fileUriOf: UriOfPath = (path) => pathToFileURL(path).toString();

export function toLspEdits(document: JsonDocument, fix: Fix): LspTextEdit[] {
  return fix.edits.map((edit) => ({ range: document.lines.rangeOf(edit), newText: edit.newText }));
}

export function toCodeAction(
  uri: string,
  document: JsonDocument,
  finding: Finding,
  fix: Fix,
  diagnostic: Diagnostic | undefined,
  uriOf: UriOfPath = fileUriOf,
): CodeAction {
  const changes: Record<string, LspTextEdit[]> = {};
  if (fix.edits.length > 0) changes[uri] = toLspEdits(document, fix);
  // Fixes may edit other files too, e.g. adding a statement to the policy linked to a role.
  for (const other of fix.otherFiles ?? []) changes[uriOf(other.path)] = other.edits;
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    isPreferred: fix.isPreferred,
    diagnostics: diagnostic ? [diagnostic] : undefined,
    edit: toWorkspaceEdit(changes, fix.createFiles, uriOf),
  };
}

/** One `source.fixAll` action: the edits of several fix-all fixes (each to other files or this document) in one workspace edit. */
export function toFixAllAction(
  uri: string,
  document: JsonDocument,
  fixes: readonly Fix[],
  uriOf: UriOfPath = fileUriOf,
): CodeAction | undefined {
  if (fixes.length === 0) return undefined;
  const changes: Record<string, LspTextEdit[]> = {};
  const add = (target: string, edits: LspTextEdit[]) => (changes[target] = [...(changes[target] ?? []), ...edits]);
  for (const fix of fixes) {
    if (fix.edits.length > 0) add(uri, toLspEdits(document, fix));
    for (const other of fix.otherFiles ?? []) add(uriOf(other.path), other.edits);
  }
  return {
    title: fixes.length === 1 ? fixes[0].title : 'Add all missing role permissions',
    kind: `${CodeActionKind.SourceFixAll}.ecs-iam`,
    edit: { changes },
  };
}

/** Plain `changes`, or `documentChanges` when the fix creates files (a create must come before its content). */
export function toWorkspaceEdit(
  changes: Record<string, LspTextEdit[]>,
  createFiles: Fix['createFiles'],
  uriOf: UriOfPath = fileUriOf,
): WorkspaceEdit {
  if (!createFiles?.length) return { changes };
  const documentChanges: NonNullable<WorkspaceEdit['documentChanges']> = [];
  for (const file of createFiles) {
    const uri = uriOf(file.path);
    documentChanges.push({ kind: 'create', uri, options: { ignoreIfExists: true } });
    documentChanges.push({
      textDocument: { uri, version: null },
      edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: file.content }],
    });
  }
  for (const [uri, edits] of Object.entries(changes)) documentChanges.push({ textDocument: { uri, version: null }, edits });
  return { documentChanges };
}

const COMPLETION_KIND: Record<CompletionSuggestion['kind'], CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  snippet: CompletionItemKind.Snippet,
  module: CompletionItemKind.Module,
  function: CompletionItemKind.Function,
  keyword: CompletionItemKind.Keyword,
  reference: CompletionItemKind.Reference,
};

export function toCompletionItem(document: JsonDocument, suggestion: CompletionSuggestion): CompletionItem {
  return {
    label: suggestion.label,
    kind: COMPLETION_KIND[suggestion.kind],
    detail: suggestion.detail,
    documentation: suggestion.documentation ? { kind: 'markdown', value: suggestion.documentation } : undefined,
    insertTextFormat: suggestion.isSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range: document.lines.rangeOf(suggestion.replace), newText: suggestion.insertText },
    sortText: suggestion.sortText,
    filterText: suggestion.filterText,
    command: suggestion.retrigger ? { title: 'Suggest', command: 'editor.action.triggerSuggest' } : undefined,
  };
}

const LSP_SYMBOL_KIND: Record<DocumentSymbolInfo['kind'], SymbolKind> = {
  module: SymbolKind.Module,
  class: SymbolKind.Class,
  object: SymbolKind.Object,
  field: SymbolKind.Field,
  key: SymbolKind.Key,
  array: SymbolKind.Array,
};

/** The outline: template resources, policies and statements, containers (features/symbols.ts). */
export function toDocumentSymbol(document: JsonDocument, symbol: DocumentSymbolInfo): DocumentSymbol {
  return {
    name: symbol.name || ' ',
    detail: symbol.detail,
    kind: LSP_SYMBOL_KIND[symbol.kind],
    range: document.lines.rangeOf(symbol.span),
    selectionRange: document.lines.rangeOf(symbol.selectionSpan),
    children: symbol.children.map((child) => toDocumentSymbol(document, child)),
  };
}

export function toHover(document: JsonDocument, hover: HoverResult): Hover {
  return { contents: { kind: 'markdown', value: hover.markdown }, range: document.lines.rangeOf(hover.span) };
}

/** The quick fixes of the findings that touch [start, end], each fix once ("fix all" appears on every finding it covers). */
export function quickFixActions(
  uri: string,
  document: JsonDocument,
  findings: readonly Finding[],
  published: readonly Diagnostic[],
  start: number,
  end: number,
  uriOf: UriOfPath = fileUriOf,
): CodeAction[] {
  const actions: CodeAction[] = [];
  const seen = new Set<string>();
  for (const finding of findings) {
    const findingEnd = finding.span.offset + finding.span.length;
    if (finding.fixes.length === 0 || findingEnd < start || finding.span.offset > end) continue;
    const diagnostic = published.find((candidate) => candidate.code === finding.ruleId && candidate.message === finding.message);
    for (const fix of finding.fixes) {
      const key = `${fix.title}|${JSON.stringify(fix.edits)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      // A fix written for JSON that would break a YAML file is not offered.
      if (document.format === 'yaml' && !yamlEditsKeepSyntax(document.text, fix.edits)) continue;
      // Likewise a fix that would break a Terraform file (a reparse, only for the fixes asked for).
      if (document.format === 'hcl' && !hclEditsKeepSyntax(document.text, fix.edits)) continue;
      // And one that would leave a `.tf.json` file invalid JSON (a file that was valid before).
      if (document.terraformJson && document.strictJson && !terraformJsonEditsKeepSyntax(document.text, fix.edits)) continue;
      actions.push(toCodeAction(uri, document, finding, fix, diagnostic, uriOf));
    }
  }
  return actions;
}

/** The command ids a role lens can run: both live in the server's command modules, which this module must not know. */
export interface LensCommands {
  showLocation: string;
  roleStatus: string;
  /** The editor can show a location on request (window/showDocument): template role lenses then reveal the role. */
  clientShowsDocuments: boolean;
  /** The URI of a file path (a lens that reveals a role in another file). */
  uriOf?: (path: string) => string;
}

export function toCodeLens(uri: string, document: JsonDocument, lens: RoleLens, commands: LensCommands): CodeLens {
  const here: Location | undefined = lens.reveal ? { uri, range: document.lines.rangeOf(lens.reveal) } : undefined;
  const there: Location | undefined =
    lens.revealIn && commands.uriOf ? { uri: commands.uriOf(lens.revealIn.path), range: lens.revealIn.range } : undefined;
  const reveal = commands.clientShowsDocuments ? (here ?? there) : undefined;
  const status = lens.status ? { id: commands.roleStatus, arguments: [{ uri, ...lens.status }] } : undefined;
  const command = reveal ? { id: commands.showLocation, arguments: [reveal] } : (lens.command ?? status);
  return {
    range: document.lines.rangeOf({ offset: lens.span.offset, length: 0 }),
    command: { title: lens.title, command: command?.id ?? '', arguments: command?.arguments },
  };
}
