// Converts the core's findings, fixes and hovers into LSP shapes. No connection, no state.
import type { CodeAction, Diagnostic, TextEdit as LspTextEdit } from 'vscode-languageserver';
import { CodeActionKind, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver';
import type { JsonDocument } from '../core/document';
import type { Finding, Fix, Severity } from '../core/types';

export const DIAGNOSTIC_SOURCE = 'ecs-iam';

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(document: JsonDocument, finding: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: document.lines.rangeOf(finding.span),
    severity: LSP_SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    message: finding.message,
  };
  if (finding.docsUrl) diagnostic.codeDescription = { href: finding.docsUrl };
  if (finding.data?.unnecessary === true) diagnostic.tags = [DiagnosticTag.Unnecessary];
  return diagnostic;
}

export function toLspEdits(document: JsonDocument, fix: Fix): LspTextEdit[] {
  return fix.edits.map((edit) => ({ range: document.lines.rangeOf(edit), newText: edit.newText }));
}

export function toCodeAction(uri: string, document: JsonDocument, finding: Finding, fix: Fix, diagnostic: Diagnostic | undefined): CodeAction {
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    isPreferred: fix.isPreferred,
    diagnostics: diagnostic ? [diagnostic] : undefined,
    edit: { changes: { [uri]: toLspEdits(document, fix) } },
  };
}
