// The core scenarios inside a VS Code extension host (run by `npm run test:vscode` where VS Code
// desktop can be downloaded). Type-checked by `npm run build` everywhere.
import assert from 'node:assert/strict';
import path from 'node:path';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';

const WORKSPACE = path.resolve(__dirname, '..', '..', '..', 'test', 'e2e', 'workspace');

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise<void>((resolve) => {
      const subscription = vscode.languages.onDidChangeDiagnostics(() => {
        subscription.dispose();
        resolve();
      });
      setTimeout(() => {
        subscription.dispose();
        resolve();
      }, 250);
    });
  }
}

async function open(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(WORKSPACE, name)));
  return vscode.window.showTextDocument(document);
}

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'ecs-iam');

suite('ECS & IAM Tools in VS Code', () => {
  test('the same role in both fields shows the warning', async () => {
    const editor = await open('same-role-task-definition.json');
    const warning = await waitFor(
      () =>
        ours(editor.document.uri).find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'ecs/same-task-and-execution-role'),
      'the same-role warning',
    );
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
  });

  test('hovering executionRoleArn explains the execution role', async () => {
    const editor = await open('same-role-task-definition.json');
    const line = editor.document
      .getText()
      .split(/\r?\n/)
      .findIndex((text) => text.includes('"executionRoleArn"'));
    const character = editor.document.lineAt(line).text.indexOf('executionRoleArn') + 2;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      new vscode.Position(line, character),
    );
    const text = hovers
      .flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value)))
      .join('\n');
    assert.match(text, /Task execution role/);
  });

  test('the trailing-comma quick fix leaves valid JSON', async () => {
    const editor = await open('task-role-policy.json');
    const offset = editor.document.getText().search(/,\s*\]/);
    assert.ok(offset >= 0, 'the fixture has a trailing comma');
    const position = editor.document.positionAt(offset);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      editor.document.uri,
      new vscode.Range(position, position.translate(0, 1)),
    );
    const fix = actions.find((action) => action.title === 'Remove the trailing comma');
    assert.ok(fix?.edit, `actions: ${actions.map((action) => action.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    JSON.parse(editor.document.getText());
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('package.json gets nothing from this extension', async () => {
    const task = await open('same-role-task-definition.json');
    await waitFor(() => (ours(task.document.uri).length > 0 ? true : undefined), 'diagnostics of another file first');
    const manifest = await open('package.json');
    assert.deepEqual(ours(manifest.document.uri), []);
  });
});
