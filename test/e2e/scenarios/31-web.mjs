// Issue 19: the web extension in VS Code for the web. code-server runs an extension in its Node extension host
// when it can; `remote.extensionKind: { "<id>": ["web"] }` makes it run the `browser` entry in the web worker
// extension host instead, as vscode.dev and github.dev do. This scenario starts a second code-server with that
// setting on its own copy of test/e2e/workspace/web-31 (its .ecs-iam.json links the execution role to
// iam/web31-exec.json), and checks what the user sees there: the missing permission on the task definition,
// found through the workspace index the web client feeds (findFiles + vscode.workspace.fs), the role's CodeLens,
// and the quick fix that writes into the policy file. It also checks that the browser bundle ran: the web client
// is fetched by the page, and no Node language server of this extension is started.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  browser,
  scenario,
  tmp,
  note,
  seconds,
  freePort,
  waitFor,
  T,
  CODE_SERVER,
  VSIX,
  EXTENSION_ID,
  FIXTURES,
  USER_SETTINGS,
  MISSING_PERMISSION,
  ARTIFACTS,
  serveArguments,
} from '../harness.mjs';

const FOLDER = 'web-31';

scenario(
  'B1. web worker extension host (code-server, remote.extensionKind web): missing permission through the client-fed index, CodeLens, fix into the policy file',
  async () => {
    const root = path.join(tmp, 'web-31');
    const workspace = path.join(root, 'workspace');
    const userData = path.join(root, 'user-data');
    const extensions = path.join(root, 'extensions');
    fs.cpSync(path.join(FIXTURES, FOLDER), workspace, { recursive: true });
    fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
    const settings = { ...USER_SETTINGS, 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } };
    fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
    fs.writeFileSync(path.join(root, 'code-server.yaml'), 'auth: none\n');
    const common = ['--config', path.join(root, 'code-server.yaml'), '--user-data-dir', userData, '--extensions-dir', extensions];
    const env = { ...process.env, XDG_DATA_HOME: path.join(root, 'xdg-data'), XDG_CONFIG_HOME: path.join(root, 'xdg-config') };
    const install = spawnSync(process.execPath, [CODE_SERVER, ...common, '--install-extension', VSIX, '--force'], {
      encoding: 'utf8',
      env,
      timeout: 120_000,
    });
    assert.match(`${install.stdout}${install.stderr}`, /successfully installed/i);

    const port = await freePort();
    const server = spawn(process.execPath, [CODE_SERVER, ...common, ...serveArguments(port, workspace)], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
    });
    let output = '';
    server.stdout.setEncoding('utf8').on('data', (chunk) => (output += chunk));
    server.stderr.setEncoding('utf8').on('data', (chunk) => (output += chunk));
    const stop = () => {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    };
    process.once('exit', stop);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    let page;
    try {
      await waitFor(() => /HTTP server listening on/.test(output), T.codeServerStart, 'the second code-server to listen');
      page = await context.newPage();
      page.setDefaultTimeout(T.ui);
      const webClientFetched = [];
      page.on('request', (request) => {
        if (request.url().includes('dist%2Fbrowser%2Fclient.js')) webClientFetched.push(request.url());
      });
      const t0 = Date.now();
      await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`, { timeout: T.workbench });
      await page.locator('.monaco-workbench').waitFor({ timeout: T.workbench });
      const row = (name, level) => page.locator(`.explorer-folders-view .monaco-list-row[aria-level="${level}"][aria-label="${name}"]`);
      await row('services', 1).click({ timeout: T.workbench });
      await row('task-definition.json', 2).click();
      const taskEditor = page.locator('.part.editor .monaco-editor[data-uri$="/services/task-definition.json"]');
      await taskEditor.locator('.view-lines .view-line').first().waitFor();

      // The execution role's CodeLens names the policy file .ecs-iam.json links: only the index knows it.
      const lens = taskEditor.locator('.contentWidgets .codelens-decoration, .codelens-decoration', { hasText: 'execution role' });
      const linked = lens.filter({ hasText: 'iam/web31-exec.json' }).first();
      await linked.waitFor({ timeout: T.firstDiagnostic });
      assert.match(await linked.innerText(), /execution role: iam\/web31-exec\.json — 2 of 3 needs met/);

      // The Problems panel: the missing secret permission, from the rule that reads the linked policy.
      await page.keyboard.press('Control+Shift+M');
      const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'secretsmanager:GetSecretValue' });
      await problem.first().waitFor({ timeout: T.diagnostic });
      assert.match(await problem.first().innerText(), new RegExp(MISSING_PERMISSION.replace('/', '\\/')));
      note(`web extension: missing permission shown ${seconds(Date.now() - t0)} after page load`);

      // It ran in the web worker extension host: the page fetched the web client, and no Node server of ours runs.
      assert.ok(webClientFetched.length > 0, 'the page fetched dist/browser/client.js');
      const nodeServers = spawnSync('pgrep', ['-f', `${extensions}/.*/dist/server\\.js`], { encoding: 'utf8' }).stdout.trim();
      assert.equal(nodeServers, '', 'no Node language server of this extension');

      // The quick fix writes into the other file; saved, the file on disk has the statement and the problem is gone.
      // The cursor on the problem as a person gets there: in the editor, F8 (Go to Next Problem), Escape.
      await taskEditor.locator('.view-line').first().click();
      await page.keyboard.press('F8');
      await page.locator('.marker-widget').first().waitFor();
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+.');
      const fix = page.locator('.action-widget .monaco-list-row', { hasText: /Allow secretsmanager:GetSecretValue in .*web31-exec\.json/ });
      await fix.waitFor({ timeout: T.diagnostic });
      const focused = page.locator('.action-widget .monaco-list-row.focused', { hasText: 'secretsmanager:GetSecretValue' });
      for (let i = 0; i < 20 && !(await focused.count()); i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.locator('.action-widget').waitFor({ state: 'hidden' });
      const policyFile = path.join(workspace, 'iam', 'web31-exec.json');
      // Saved as a person saves the file the fix opened: its tab, then Ctrl+S; the tab is clean once it is written.
      const policyTab = page.locator('.tabs-container .tab[data-resource-name="web31-exec.json"]');
      await policyTab.click();
      await page.locator('.part.editor .monaco-editor[data-uri$="/iam/web31-exec.json"] .view-lines').click();
      await page.keyboard.press('Control+S');
      await page
        .locator('.tabs-container .tab.dirty[data-resource-name="web31-exec.json"]')
        .waitFor({ state: 'detached', timeout: T.diagnostic });
      const saved = await waitFor(
        () => {
          const text = fs.readFileSync(policyFile, 'utf8');
          return text.includes('secretsmanager:GetSecretValue') ? text : undefined;
        },
        T.diagnostic,
        'the fix saved into iam/web31-exec.json',
      );
      assert.doesNotThrow(() => JSON.parse(saved));
      await problem.first().waitFor({ state: 'detached', timeout: T.diagnostic });
      // Back in the task definition, at the top, the role's lens counts every need met.
      await page.locator('.tabs-container .tab[data-resource-name="task-definition.json"]').click();
      await taskEditor.locator('.view-line').first().click();
      await page.keyboard.press('Control+Home');
      await lens.filter({ hasText: 'iam/web31-exec.json — 3 of 3 needs met' }).first().waitFor({ timeout: T.diagnostic });
    } catch (error) {
      await page?.screenshot({ path: path.join(ARTIFACTS, 'FAILED-B1-web-page.png') }).catch(() => {});
      // What the page said (notifications) and what the second code-server printed.
      const notices = await page
        ?.locator('.notifications-toasts, .notifications-center')
        .allInnerTexts()
        .catch(() => []);
      fs.writeFileSync(
        path.join(ARTIFACTS, 'FAILED-B1-code-server.log'),
        `${output}\n--- notifications ---\n${(notices ?? []).join('\n')}\n`,
      );
      throw error;
    } finally {
      await context.close().catch(() => {});
      stop();
    }
  },
);
