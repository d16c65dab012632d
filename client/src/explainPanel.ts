// "Explain an ECS Error…": asks for the error text (or takes the selection), sends it to the server's
// explain command and shows the answer in a panel, with a button per fix. The server does all the work;
// this file only moves text and edits between VS Code and the server.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type BaseLanguageClient, type WorkspaceEdit } from 'vscode-languageclient';

const SERVER_COMMAND = 'ecsIam.server.explainError';

interface EditorExplanation {
  title: string;
  iam: boolean;
  markdown: string;
  fixes: Array<{ title: string; edit: WorkspaceEdit }>;
}

let panel: vscode.WebviewPanel | undefined;
/** The message handler of the answer on show; replaced with the answer. */
let messages: vscode.Disposable | undefined;

/** The command handler. `fromMenu` is the editor's URI when run from the editor's context menu on a selection. */
export async function explainEcsError(client: BaseLanguageClient | undefined, fromMenu?: unknown): Promise<void> {
  if (!client) return;
  const editor = vscode.window.activeTextEditor;
  const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).slice(0, 20_000) : '';
  const text =
    fromMenu instanceof vscode.Uri && selected
      ? selected
      : await vscode.window.showInputBox({
          title: 'Explain an ECS error',
          prompt:
            'Paste the stopped reason, service event or CLI error (ResourceInitializationError, CannotPullContainerError, ClientException, ...)',
          placeHolder: 'ResourceInitializationError: unable to pull secrets or registry auth: ...',
          value: selected.replace(/\s*\r?\n\s*/g, ' ').trim(),
          ignoreFocusOut: true,
        });
  if (!text || text.trim() === '') return;
  const answer = (await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Explaining the ECS error' }, () =>
    client.sendRequest(ExecuteCommandRequest.type, { command: SERVER_COMMAND, arguments: [{ text }] }),
  )) as EditorExplanation | null;
  if (!answer) return;
  await show(client, answer);
}

async function show(client: BaseLanguageClient, answer: EditorExplanation): Promise<void> {
  if (!panel) {
    panel = vscode.window.createWebviewPanel('ecsIam.explanation', 'ECS Error Explained', vscode.ViewColumn.Beside, {
      enableScripts: true,
      enableFindWidget: true,
    });
    panel.onDidDispose(() => {
      panel = undefined;
      messages?.dispose();
      messages = undefined;
    });
  }
  const current = panel;
  current.title = `ECS Error: ${answer.title.length > 40 ? `${answer.title.slice(0, 40)}…` : answer.title}`;
  let body: string;
  try {
    // VS Code's own Markdown renderer (the built-in Markdown extension), as in its preview.
    body = (await vscode.commands.executeCommand<string>('markdown.api.render', answer.markdown)) ?? '';
  } catch {
    body = `<pre>${escapeHtml(answer.markdown)}</pre>`;
  }
  current.webview.html = page(
    current.webview,
    body,
    answer.fixes.map((fix) => fix.title),
  );
  messages?.dispose();
  messages = current.webview.onDidReceiveMessage(async (message: { type?: string; index?: number }) => {
    if (message.type !== 'applyFix' || typeof message.index !== 'number') return;
    const fix = answer.fixes[message.index];
    if (!fix) return;
    const edit = await client.protocol2CodeConverter.asWorkspaceEdit(fix.edit);
    const applied = await vscode.workspace.applyEdit(edit);
    void current.webview.postMessage({ type: 'fixApplied', index: message.index, applied });
    if (!applied) return;
    // Show the edited file, at the edit, so the change can be reviewed and saved.
    const [uri, edits] = edit.entries()[0] ?? [];
    if (uri) {
      const document = await vscode.workspace.openTextDocument(uri);
      const range = edits?.[0]?.range;
      await vscode.window.showTextDocument(document, {
        viewColumn: vscode.ViewColumn.One,
        selection: range ? new vscode.Range(range.start, range.start) : undefined,
      });
    }
  });
  current.reveal(vscode.ViewColumn.Beside);
}

function page(webview: vscode.Webview, body: string, fixTitles: readonly string[]): string {
  const nonce = Array.from(globalThis.crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
  const buttons = fixTitles
    .map(
      (title, index) =>
        `<button class="fix" data-index="${index}">${escapeHtml(title)}</button> <span class="status" id="status-${index}"></span>`,
    )
    .join('<br>');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource} 'unsafe-inline'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style>
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 1em 2em; line-height: 1.5; }
  code { font-family: var(--vscode-editor-font-family); }
  button.fix { margin: 0.4em 0; padding: 0.4em 0.9em; color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; cursor: pointer; }
  button.fix:hover { background: var(--vscode-button-hoverBackground); }
  button.fix:disabled { opacity: 0.6; cursor: default; }
  .fixes { margin-top: 1em; padding-top: 0.5em; border-top: 1px solid var(--vscode-panel-border); }
</style>
</head>
<body>
<main id="explanation">${body}</main>
${fixTitles.length > 0 ? `<section class="fixes"><h3>Apply the fix</h3>${buttons}</section>` : ''}
<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  for (const button of document.querySelectorAll('button.fix')) {
    button.addEventListener('click', () => vscode.postMessage({ type: 'applyFix', index: Number(button.dataset.index) }));
  }
  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message.type !== 'fixApplied') return;
    const button = document.querySelector('button.fix[data-index="' + message.index + '"]');
    if (message.applied && button) button.disabled = true;
    document.getElementById('status-' + message.index).textContent = message.applied ? 'Applied (unsaved): review and save the file.' : 'Could not apply: the file changed; explain the error again.';
  });
</script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
