// The server command behind "Explain an ECS Error…": runs the explain core (server/src/explain) over the
// workspace index and returns the answer as Markdown, with each fix as an LSP workspace edit the editor
// can apply. Server-only glue, like roleCommands.ts.
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { WorkspaceView } from '../core/workspace';
import { explainError, type ExplainFix, type Explanation } from '../explain/explain';
import { renderExplanationMarkdown } from '../explain/render';
import { uriOfPath } from './uris';

export const EXPLAIN_ERROR_COMMAND = 'ecsIam.server.explainError';

export interface EditorExplanation {
  title: string;
  family: Explanation['family'];
  /** False when no policy change fixes it (network, names that do not exist). */
  iam: boolean;
  markdown: string;
  fixes: Array<{ title: string; edit: WorkspaceEdit }>;
  /** The whole answer as plain data, for editors that present it their own way. */
  explanation: Explanation;
}

/** Argument: `{ text }` (or the text itself). */
export function explainForEditor(args: unknown, workspace: WorkspaceView | undefined): EditorExplanation | null {
  const text =
    typeof args === 'string'
      ? args
      : typeof (args as { text?: unknown } | undefined)?.text === 'string'
        ? (args as { text: string }).text
        : undefined;
  if (!text || text.trim() === '') return null;
  const explanation = explainError(text, workspace);
  const fixes = explanation.matches.flatMap((match) => match.fixes).map((fix) => ({ title: fix.title, edit: workspaceEditOf(fix) }));
  return {
    title: explanation.title,
    family: explanation.family,
    iam: explanation.iam,
    markdown: renderExplanationMarkdown(explanation),
    fixes,
    explanation,
  };
}

function workspaceEditOf(fix: ExplainFix): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const edit of fix.edits) {
    const uri = uriOfPath(edit.path);
    (changes[uri] ??= []).push({ range: edit.range, newText: edit.newText });
  }
  return { changes };
}
