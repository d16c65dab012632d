// End-to-end suite: the packaged extension (dist-vsix/ecs-iam-tools.vsix) in a real VS Code.
//
// VS Code is code-server 4.100.3 (VS Code 1.100.3, installed by scripts/e2e/install.sh into a cache
// outside the repository), driven by Debian's Chromium through playwright-core. One code-server and
// one browser page serve the whole suite; each scenario is a node:test test, so the output ends with
// node's test-runner summary.
//
//   npm run test:e2e            # install.sh, npm run package, then this file
//   node test/e2e/run.mjs       # this file only (needs the .vsix and the code-server cache)
//
// Environment:
//   ECS_IAM_E2E_CACHE        code-server cache root (default: ~/.cache/ecs-iam-tools), as in install.sh
//   ECS_IAM_E2E_VSIX         the .vsix to test (default: dist-vsix/ecs-iam-tools.vsix)
//   ECS_IAM_E2E_KEEP=1       keep the temporary folder (workspace, user data, logs) after the run
//   ECS_IAM_E2E_DOC_IMAGES=0 do not copy the screenshots to docs/images/
//
// Every wait is on a real signal (a selector, the status bar, a file's contents, a log line) with a
// generous timeout; there are no fixed sleeps. Screenshots go to .e2e-artifacts/ (gitignored); on a
// failure the page, code-server's output and VS Code's logs are saved there too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const suiteStart = Date.now();
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CODE_SERVER_VERSION = '4.100.3';
const CACHE_ROOT = process.env.ECS_IAM_E2E_CACHE || path.join(os.homedir(), '.cache', 'ecs-iam-tools');
const CODE_SERVER = path.join(CACHE_ROOT, `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const VSIX = path.resolve(ROOT, process.env.ECS_IAM_E2E_VSIX || 'dist-vsix/ecs-iam-tools.vsix');
const CHROMIUM = '/usr/bin/chromium';
const FIXTURES = path.join(ROOT, 'test', 'e2e', 'workspace');
const ARTIFACTS = path.join(ROOT, '.e2e-artifacts');
const DOC_IMAGES = path.join(ROOT, 'docs', 'images');
const KEEP = process.env.ECS_IAM_E2E_KEEP === '1';
const COPY_DOC_IMAGES = process.env.ECS_IAM_E2E_DOC_IMAGES !== '0';

const MANIFEST = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const EXTENSION_ID = `${MANIFEST.publisher}.${MANIFEST.name}`;
const SOURCE = 'ecs-iam';
const SAME_ROLE = 'ecs/same-task-and-execution-role';
const PLACEHOLDER = 'placeholder';
const UNKNOWN_ACTION = 'iam/unknown-action';
const MISSING_PERMISSION = 'ecs/execution-role-missing-permission';
const DEEP_NESTING_LEVELS = 100_000;

/** Timeouts (ms). Generous: CI is a 2-core machine and the first diagnostic needs two servers to start. */
const T = {
  codeServerStart: 60_000,
  workbench: 90_000,
  firstDiagnostic: 90_000,
  diagnostic: 45_000,
  ui: 20_000,
  scenario: 180_000,
};

/** User settings: no welcome page, telemetry, tips, update checks, network fetches or completion pop-ups. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.editor.enablePreview': false,
  'workbench.editor.restoreViewState': false,
  'window.restoreWindows': 'none',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'github.gitAuthentication': false,
  'npm.autoDetect': 'off',
  'json.schemaDownload.enable': false,
  'chat.commandCenter.enabled': false,
  'files.autoSave': 'off',
  'editor.formatOnSave': false,
  'editor.accessibilitySupport': 'off',
  'editor.minimap.enabled': false,
  'editor.cursorBlinking': 'solid',
  // Screenshots: a scrollbar that fades in and out would make every docs/images picture differ.
  'editor.scrollbar.vertical': 'visible',
  'editor.smoothScrolling': false,
  'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
  'editor.suggestOnTriggerCharacters': false,
  'editor.parameterHints.enabled': false,
  'editor.hover.delay': 300,
  'editor.hover.sticky': true,
  'problems.autoReveal': false,
};

// ------------------------------------------------------------------------------------------------
// State shared by the hooks and scenarios.

let tmp;
let workspace;
let userData;
let codeServer;
let codeServerOutput = '';
let browser;
let page;
let failed = false;
const screenshots = [];

/** Timings and notes, as TAP comments. */
function note(message) {
  console.log(`# ${message}`);
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

// ------------------------------------------------------------------------------------------------
// Setup and teardown.

before(async () => {
  if (!fs.existsSync(CODE_SERVER)) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} is not installed at ${CODE_SERVER}. Run: bash scripts/e2e/install.sh`);
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing. Run: bash scripts/e2e/install.sh`);
  if (!fs.existsSync(VSIX)) throw new Error(`${VSIX} is missing. Run: npm run package`);

  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });

  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-iam-e2e-'));
  workspace = path.join(tmp, 'workspace');
  userData = path.join(tmp, 'user-data');
  const extensions = path.join(tmp, 'extensions');
  const config = path.join(tmp, 'code-server.yaml');
  fs.cpSync(FIXTURES, workspace, { recursive: true });
  fs.rmSync(path.join(workspace, 'README.md'), { force: true });
  // Generated, not committed: 100,000 nested arrays (balanced, so it is valid JSON).
  fs.writeFileSync(path.join(workspace, 'deep-nesting.json'), '['.repeat(DEEP_NESTING_LEVELS) + ']'.repeat(DEEP_NESTING_LEVELS) + '\n');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  // Our own config file, so code-server neither reads nor writes ~/.config/code-server/config.yaml.
  fs.writeFileSync(config, 'auth: none\n');

  const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions];
  // code-server keeps a heartbeat file and logs under $XDG_DATA_HOME/code-server: keep those in tmp too.
  const env = { ...process.env, XDG_DATA_HOME: path.join(tmp, 'xdg-data'), XDG_CONFIG_HOME: path.join(tmp, 'xdg-config') };
  const tInstall = Date.now();
  const install = spawnSync(process.execPath, [CODE_SERVER, ...common, '--install-extension', VSIX, '--force'], {
    encoding: 'utf8',
    env,
    timeout: 120_000,
  });
  const installOutput = `${install.stdout}${install.stderr}`;
  if (install.status !== 0 || !/successfully installed/i.test(installOutput)) {
    throw new Error(`installing ${VSIX} into code-server failed (exit ${install.status}):\n${installOutput}`);
  }
  note(`installed ${path.relative(ROOT, VSIX)} in ${seconds(Date.now() - tInstall)}`);

  const port = await freePort();
  const t0 = Date.now();
  codeServer = spawn(
    process.execPath,
    [
      CODE_SERVER,
      ...common,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      workspace,
    ],
    // Its own process group, so teardown can stop it together with the extension host and the language
    // servers it starts.
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env },
  );
  // code-server runs in its own process group (a terminal's Ctrl+C does not reach it): stop it on any exit.
  process.on('exit', killCodeServerNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      killCodeServerNow();
      process.exit(128 + os.constants.signals[signal]);
    });
  }
  const listening = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      codeServerOutput += chunk;
      if (/HTTP server listening on/.test(codeServerOutput)) resolve();
    };
    codeServer.stdout.setEncoding('utf8').on('data', onData);
    codeServer.stderr.setEncoding('utf8').on('data', onData);
    codeServer.once('exit', (code, signal) => reject(new Error(`code-server exited early (${code ?? signal}):\n${codeServerOutput}`)));
  });
  await withTimeout(listening, T.codeServerStart, 'code-server to listen');
  note(`code-server listening on 127.0.0.1:${port} after ${seconds(Date.now() - t0)}`);

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  page = await context.newPage();
  page.setDefaultTimeout(T.ui);
  const t1 = Date.now();
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: T.workbench });
  // The explorer lists the workspace once the workbench has restored its views.
  await explorerRow('same-role-task-definition.json').waitFor({ timeout: T.workbench });
  note(`workbench loaded after ${seconds(Date.now() - t1)}`);
}, { timeout: 300_000 });

after(async () => {
  if (failed || !page) await saveDiagnostics(); // a scenario failed, or the setup did
  await updateDocImages().catch((error) => console.log(`# could not update docs/images: ${error.message}`));
  note(`suite wall time ${seconds(Date.now() - suiteStart)}`);
  await browser?.close().catch(() => {});
  await stopCodeServer();
  if (tmp && !KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  else if (tmp) console.log(`# kept ${tmp}`);
});

// ------------------------------------------------------------------------------------------------
// Scenarios. Each opens the files it needs itself, so one failing does not cascade.

scenario('1. same role in taskRoleArn and executionRoleArn: warning squiggle and a Problems row', async (t) => {
  const file = 'same-role-task-definition.json';
  const opened = await openFile(file);
  await editor(file).locator('.squiggly-warning').first().waitFor({ timeout: T.firstDiagnostic });
  const firstSquiggle = Date.now() - opened;
  note(`scenario 1: opening ${file} -> first squiggle ${seconds(firstSquiggle)} (includes extension activation and server start)`);
  t.diagnostic(`time to first squiggle: ${seconds(firstSquiggle)}`);

  await filterProblems(file);
  const row = problemRow(SAME_ROLE);
  await row.waitFor({ timeout: T.diagnostic });
  const text = await row.innerText();
  assert.match(text, new RegExp(SOURCE), `the Problems row names the source ${SOURCE}: ${text}`);
  assert.match(text, /same role/i, `the Problems row explains the finding: ${text}`);

  await clearProblemsFilter();
  // A click on the row reveals the finding in the editor (and takes the focus out of the filter box).
  const line = fs.readFileSync(path.join(workspace, file), 'utf8').split('\n').findIndex((l) => l.includes('"executionRoleArn"')) + 1;
  await problemRow(SAME_ROLE).click();
  await page.locator('[id="status.editor.selection"]', { hasText: new RegExp(`Ln ${line}, Col \\d+ \\(\\d+ selected\\)`) }).waitFor();
  // Mouse to an empty spot of the panel, so no tooltip (shown or not, depending on timing) is in the picture.
  await page.mouse.move(800, 720);
  await page.locator('.workbench-hover').waitFor({ state: 'hidden' });
  // The role fields' CodeLenses come a little after the diagnostics: wait for them, so the picture is
  // the same on every run.
  await editor(file).locator('.codelens-decoration', { hasText: 'execution role' }).waitFor({ timeout: T.diagnostic });
  await editor(file).locator('.codelens-decoration', { hasText: 'task role' }).waitFor({ timeout: T.diagnostic });
  await screenshot('same-role-warning');
});

scenario('2. hovering the executionRoleArn key explains the task execution role', async () => {
  const file = 'same-role-task-definition.json';
  await openFile(file);
  const key = tokenLocator(file, '"executionRoleArn"');
  const hover = page.locator('.monaco-hover-content', { hasText: 'Task execution role' });
  await key.waitFor();
  // A person moves the mouse over the key. Move away first so a hover from before does not count.
  await page.mouse.move(5, 400);
  const box = await key.boundingBox();
  assert.ok(box, 'the executionRoleArn key is on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
  try {
    await hover.waitFor({ timeout: T.diagnostic });
  } catch {
    // Fallback: the keyboard route, "Show or Focus Hover" with the cursor on the key.
    console.log('# scenario 2: mouse hover did not show; retrying with "Show or Focus Hover"');
    await key.click();
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    await hover.waitFor({ timeout: T.diagnostic });
  }
  const text = await hover.innerText();
  assert.match(text, /Task execution role/, text);
  // For the picture only: the hover's scrollbar fades out once the content has settled.
  await page.locator('.monaco-hover', { hasText: 'Task execution role' }).locator('.scrollbar.vertical.invisible').first()
    .waitFor({ state: 'attached', timeout: 5_000 }).catch(() => {});
  await screenshot('execution-role-hover');
  await page.mouse.move(5, 400);
  await page.keyboard.press('Escape');
});

scenario('3. trailing comma: built-in JSON error, our quick fix removes it, the saved file parses', async () => {
  const file = 'task-role-policy.json';
  const original = fs.readFileSync(path.join(workspace, file), 'utf8');
  assert.throws(() => JSON.parse(original), 'the fixture starts out invalid');
  const lines = original.split('\n');
  const lineIndex = lines.findIndex((line) => line.includes('"s3:ListBucket",'));
  assert.ok(lineIndex >= 0, 'fixture has the trailing comma line');
  const commaColumn = lines[lineIndex].lastIndexOf(',') + 1; // 1-based column of the comma

  await openFile(file);
  // The squiggle comes from VS Code's own JSON support.
  await editor(file).locator('.squiggly-error').first().waitFor({ timeout: T.firstDiagnostic });
  await filterProblems(file);
  const builtin = problemRow('Trailing comma');
  await builtin.waitFor({ timeout: T.diagnostic });
  assert.match(await builtin.innerText(), /json/, 'the trailing-comma error is from the built-in JSON support');

  // Cursor on the comma: Go to Line, then read the position back from the status bar.
  await goToLine(lineIndex + 1);
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await cursorAt(lineIndex + 1, commaColumn);

  await page.keyboard.press('Control+.');
  const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Remove the trailing comma' });
  await fix.waitFor({ timeout: T.diagnostic });
  await screenshot('trailing-comma-fix');
  // Keyboard, as the list expects (a pointer block sits over it until the mouse moves): arrow down to
  // the action, Enter.
  const focusedLabel = () => page.evaluate(() => document.querySelector('.action-widget .monaco-list-row.focused')?.getAttribute('aria-label') ?? '');
  for (let i = 0; i < 20 && !/Remove the trailing comma/.test(await focusedLabel()); i++) {
    await page.keyboard.press('ArrowDown');
  }
  await page.locator('.action-widget .monaco-list-row.focused', { hasText: 'Remove the trailing comma' }).waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.action-widget').waitFor({ state: 'hidden' });

  // The edit is in the editor: the comma is gone and the built-in error with it.
  await editor(file).locator('.view-line', { hasText: /"s3:ListBucket",/ }).waitFor({ state: 'detached' });
  await editor(file).locator('.squiggly-error').first().waitFor({ state: 'detached', timeout: T.diagnostic });

  await page.keyboard.press('Control+S');
  const saved = await waitFor(() => {
    try {
      return JSON.parse(fs.readFileSync(path.join(workspace, file), 'utf8'));
    } catch {
      return undefined;
    }
  }, T.ui, `${file} on disk to be valid JSON after save`);
  assert.deepEqual(saved.Statement[0].Action, ['s3:GetObject', 's3:ListBucket']);
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });
});

scenario('4. typing updates diagnostics: equal roles warn, undo clears the warning', async (t) => {
  const file = 'task-definition.json';
  const content = fs.readFileSync(path.join(workspace, file), 'utf8');
  const lines = content.split('\n');
  const lineIndex = lines.findIndex((line) => line.includes('"executionRoleArn"'));
  const from = 'orders-api-execution';
  const to = 'orders-api';
  assert.ok(lines[lineIndex].includes(`role/${from}"`), 'fixture has the execution role to retype');
  assert.ok(content.includes(`role/${to}"`), 'fixture has the task role to type');

  await openFile(file);
  await filterProblems(file);
  // The image's placeholder account is reported: the server has analysed this file, so the absence of
  // the same-role warning below is a real result, not a race.
  await problemRow(PLACEHOLDER).waitFor({ timeout: T.diagnostic });
  assert.equal(await problemRow(SAME_ROLE).count(), 0, 'no same-role warning while the roles differ');

  // Select the role name inside the executionRoleArn string and type the task role's name over it.
  const endOfName = lines[lineIndex].indexOf(`${from}"`) + from.length + 1; // 1-based column after the name
  await goToLine(lineIndex + 1);
  await page.keyboard.press('End');
  const after = lines[lineIndex].length + 1 - endOfName;
  for (let i = 0; i < after; i++) await page.keyboard.press('ArrowLeft');
  await cursorAt(lineIndex + 1, endOfName);
  for (let i = 0; i < from.length; i++) await page.keyboard.press('Shift+ArrowLeft');
  await page.locator('[id="status.editor.selection"]', { hasText: `(${from.length} selected)` }).waitFor();
  await page.keyboard.type(to, { delay: 40 });
  const typed = Date.now();
  await editor(file).locator('.view-line', { hasText: `role/${to}",` }).nth(1).waitFor();

  await problemRow(SAME_ROLE).waitFor({ timeout: T.diagnostic });
  await editor(file).locator('.squiggly-warning').first().waitFor({ timeout: T.diagnostic });
  note(`scenario 4: last keystroke -> same-role warning ${seconds(Date.now() - typed)}`);
  t.diagnostic(`warning after typing: ${seconds(Date.now() - typed)}`);

  // Undo until the original text is back (typing may take one or two undo steps).
  const restored = editor(file).locator('.view-line', { hasText: `role/${from}",` });
  for (let i = 0; i < 10 && !(await restored.count()); i++) {
    await page.keyboard.press('Control+Z');
    await restored.waitFor({ timeout: 2_000 }).catch(() => {});
  }
  await restored.waitFor();
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });

  await problemRow(SAME_ROLE).waitFor({ state: 'detached', timeout: T.diagnostic });
  await editor(file).locator('.squiggly-warning').first().waitFor({ state: 'detached', timeout: T.diagnostic });
  // Diagnostics were republished for the undone text, not merely cleared.
  await problemRow(PLACEHOLDER).waitFor({ timeout: T.diagnostic });
});

scenario('5. package.json gets no finding from the extension', async () => {
  const file = 'package.json';
  await openFile(file);
  // Settle signal: a task definition opened after package.json gets its warning. The server handles
  // documents in the order they were opened, so by then package.json has been analysed too.
  const later = 'worker-task-definition.json';
  await openFile(later);
  await filterProblems(later);
  await problemRow(SAME_ROLE).waitFor({ timeout: T.diagnostic });

  await openFile(file);
  await filterProblems(file);
  const rows = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
  const ours = rows.filter((row) => row.includes(SOURCE));
  assert.deepEqual(ours, [], `no ${SOURCE} finding in package.json; Problems rows: ${JSON.stringify(rows)}`);
  assert.equal(await editor(file).locator('.squiggly-error, .squiggly-warning, .squiggly-info').count(), 0, 'no squiggle in package.json');
});

scenario('6. the server survives a 100,000-deep nested file and keeps checking other files', async () => {
  const deep = 'deep-nesting.json';
  await openFile(deep);
  // The server answers the pathological file with one `file/skipped` finding (too deep to analyse).
  await filterProblems(deep);
  const skipped = problemRow('file/skipped');
  await skipped.waitFor({ timeout: T.diagnostic });
  assert.match(await skipped.innerText(), /levels deep/, 'the skipped-file finding says why');

  const file = 'batch-task-definition.json';
  await openFile(file);
  await editor(file).locator('.squiggly-warning').first().waitFor({ timeout: T.firstDiagnostic });
  await filterProblems(file);
  await problemRow(SAME_ROLE).waitFor({ timeout: T.diagnostic });

  // A server that crashed and was restarted would also produce that warning: check the client's log
  // (its output channel, which VS Code writes to disk), where the client notes every restart.
  const log = readExtensionLogs();
  assert.notEqual(log, undefined, `no output-channel log of ${EXTENSION_ID} under ${path.join(userData, 'logs')}`);
  assert.doesNotMatch(log, /stopped unexpectedly|crashed|got closed|exited with/i, `the language server did not restart:\n${log}`);
  const toasts = await page.locator('.notifications-toasts .notification-toast', { hasText: /ECS & IAM.*(stopped|crashed)/ }).count();
  assert.equal(toasts, 0, 'no "language server stopped" notification');
});

scenario('7. hovering the task-level cpu field shows the model documentation and what the value means', async () => {
  const file = 'fargate-task-definition.json';
  const text = fs.readFileSync(path.join(workspace, file), 'utf8');
  assert.match(text, /"cpu": "1024"/, 'fixture has a task-level cpu of 1024');
  await openFile(file);
  // The role fields get CodeLenses ("no policy linked"), which push the lines below them down when they
  // arrive: wait for them, so the mouse goes where "cpu" stays.
  await editor(file).locator('.codelens-decoration', { hasText: 'no policy linked' }).first().waitFor({ timeout: T.diagnostic });
  // What "1024" means (in vCPU), from the server, not from the model's prose.
  const hover = await hoverOver(file, '"cpu"', '1024 CPU units = 1 vCPU');
  const content = await hover.innerText();
  assert.match(content, /1024 CPU units = 1 vCPU/, content);
  assert.match(content, /The number of CPU units used by the task/, `the ECS API model's documentation: ${content}`);
  assert.match(content, /On Fargate this cpu allows memory of/, `the Fargate context of the value: ${content}`);
  await page.mouse.move(5, 400);
  await page.keyboard.press('Escape');
});

scenario('8. completion in a container: "memoryRes + Ctrl+Space suggests memoryReservation, accepting it inserts the key', async () => {
  const file = 'web-task-definition.json';
  const lines = fs.readFileSync(path.join(workspace, file), 'utf8').split('\n');
  const lineIndex = lines.findIndex((line) => line.includes('"essential": true,'));
  assert.ok(lineIndex >= 0, 'fixture has a container with "essential": true, followed by another key');

  await openFile(file);
  // A new line after "essential": true, inside the container object; the editor closes the quote.
  await goToLine(lineIndex + 1);
  await page.keyboard.press('End');
  await cursorAt(lineIndex + 1, lines[lineIndex].length + 1);
  await page.keyboard.press('Enter');
  await page.keyboard.type('"memoryRes', { delay: 30 });
  await editor(file).locator('.view-line', { hasText: /^\s*"memoryRes"?\s*$/ }).waitFor();

  await page.keyboard.press('Control+Space');
  const row = page.locator('.suggest-widget .monaco-list-row', { hasText: 'memoryReservation' });
  await row.waitFor({ timeout: T.diagnostic });
  const labels = await page.locator('.suggest-widget .monaco-list-row').allInnerTexts();
  note(`scenario 8: suggestions ${JSON.stringify(labels.map((label) => label.split('\n')[0]))}`);
  // Enter accepts the focused suggestion: make sure it is ours.
  const focused = page.locator('.suggest-widget .monaco-list-row.focused', { hasText: 'memoryReservation' });
  for (let i = 0; i < 20 && !(await focused.count()); i++) await page.keyboard.press('ArrowDown');
  await focused.waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.suggest-widget').waitFor({ state: 'hidden' });
  // The snippet inserts the key, a value placeholder (selected) and the comma before the next key.
  await editor(file).locator('.view-line', { hasText: /"memoryReservation":\s0,/ }).waitFor();
  await page.keyboard.type('512');
  await editor(file).locator('.view-line', { hasText: /"memoryReservation":\s512,/ }).waitFor();
  await page.keyboard.press('Escape'); // leave snippet mode

  await page.keyboard.press('Control+S');
  const saved = await waitFor(() => parsedFile(file, (json) => json.containerDefinitions?.[0]?.memoryReservation !== undefined), T.ui, `${file} on disk to have memoryReservation`);
  assert.equal(saved.containerDefinitions[0].memoryReservation, 512);
  assert.deepEqual(saved.containerDefinitions[0].portMappings, [{ containerPort: 80, protocol: 'tcp' }], 'the next key is intact');
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });
});

scenario('9. unknown IAM action: error squiggle, "did you mean" quick fix replaces s3:GetObjekt with s3:GetObject', async () => {
  const file = 'reports-bucket-policy.json';
  const lines = fs.readFileSync(path.join(workspace, file), 'utf8').split('\n');
  const lineIndex = lines.findIndex((line) => line.includes('"s3:GetObjekt"'));
  assert.ok(lineIndex >= 0, 'fixture has the misspelt action');

  await openFile(file);
  await editor(file).locator('.squiggly-error').first().waitFor({ timeout: T.diagnostic });
  await filterProblems(file);
  const row = problemRow(UNKNOWN_ACTION);
  await row.waitFor({ timeout: T.diagnostic });
  const text = await row.innerText();
  assert.match(text, /s3:GetObjekt/, text);
  assert.match(text, /Did you mean `?s3:GetObject`?/, text);

  // Cursor inside the action string.
  await placeCursor(lineIndex + 1, lines[lineIndex].indexOf('GetObjekt') + 3, lines[lineIndex]);
  await chooseQuickFix('Change to "s3:GetObject"');
  await editor(file).locator('.view-line', { hasText: '"s3:GetObject"' }).waitFor();
  await editor(file).locator('.squiggly-error').first().waitFor({ state: 'detached', timeout: T.diagnostic });
  await problemRow(UNKNOWN_ACTION).waitFor({ state: 'detached', timeout: T.diagnostic });

  await page.keyboard.press('Control+S');
  const saved = await waitFor(() => parsedFile(file, (json) => !JSON.stringify(json).includes('GetObjekt')), T.ui, `${file} on disk to have the fixed action`);
  assert.deepEqual(saved.Statement[0].Action, ['s3:GetObject', 's3:ListBucket']);
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });
});

scenario('10. roles: the execution role policy lacks secretsmanager:GetSecretValue; the fix edits the policy file', async (t) => {
  const file = 'orders-service/task-definition.json';
  const policyFile = 'orders-service/ecsTaskExecutionRole.json';
  const content = fs.readFileSync(path.join(workspace, file), 'utf8');
  const lines = content.split('\n');
  const lineIndex = lines.findIndex((line) => line.includes('"valueFrom"'));
  const secretArn = JSON.parse(content).containerDefinitions[0].secrets[0].valueFrom;
  assert.ok(!fs.readFileSync(path.join(workspace, policyFile), 'utf8').includes('secretsmanager'), 'the policy starts without the secret');

  const opened = await openFile(file);
  // The workspace is indexed in the background after the server starts: the cross-file finding shows
  // once the policy file has been read.
  await editor(file).locator('.squiggly-error').first().waitFor({ timeout: T.firstDiagnostic });
  t.diagnostic(`open -> missing-permission squiggle: ${seconds(Date.now() - opened)}`);
  await filterProblems(file);
  const row = problemRow(MISSING_PERMISSION);
  await row.waitFor({ timeout: T.diagnostic });
  const text = await row.innerText();
  assert.match(text, /secretsmanager:GetSecretValue/, text);
  assert.match(text, /ecsTaskExecutionRole\.json/, text);
  assert.equal(await problemRow(MISSING_PERMISSION).count(), 1, 'the secret is the only missing permission');

  // The finding is on the secret's valueFrom: the cursor inside the ARN, then the quick-fix menu.
  const valueColumn = lines[lineIndex].indexOf(secretArn) + 1;
  await placeCursor(lineIndex + 1, valueColumn + 10, lines[lineIndex]);
  const title = /Allow secretsmanager:GetSecretValue in (\S+\/)?ecsTaskExecutionRole\.json/;
  await chooseQuickFix(title, async () => {
    await page.mouse.move(800, 720); // no stray tooltip in the picture
    await screenshot('missing-permission-fix');
  });

  // The fix edits the OTHER file: VS Code applies it in an editor of its own, unsaved. Wait for that (the
  // code action is resolved and applied after the menu closes), save all, then read the file from disk.
  await page.locator('.tabs-container .tab.dirty', { hasText: 'ecsTaskExecutionRole.json' }).waitFor({ timeout: T.diagnostic });
  await runCommand('File: Save All Files');
  const saved = await waitFor(() => parsedFile(policyFile, (json) => JSON.stringify(json).includes(secretArn)), T.ui, `${policyFile} on disk to be valid JSON allowing the secret`);
  const allows = saved.Statement.some((statement) => statement.Effect === 'Allow'
    && [statement.Action].flat().includes('secretsmanager:GetSecretValue')
    && [statement.Resource].flat().includes(secretArn));
  assert.ok(allows, `a statement allows secretsmanager:GetSecretValue on the secret: ${JSON.stringify(saved)}`);
  assert.equal(saved.Statement[0].Sid, 'WriteLogs', 'the existing statement is kept');

  // Back in the task definition: the finding is gone (re-checked from the edited policy).
  await problemRow(MISSING_PERMISSION).waitFor({ state: 'detached', timeout: T.diagnostic });
  await editor(file).locator('.squiggly-error').first().waitFor({ state: 'detached', timeout: T.diagnostic });
  await page.locator('.tabs-container .tab.dirty').first().waitFor({ state: 'detached' });
});

scenario('11. CodeLens above executionRoleArn: the linked policy and how many needs it meets', async () => {
  const file = 'orders-service/task-definition.json';
  const lines = fs.readFileSync(path.join(workspace, file), 'utf8').split('\n');
  await openFile(file);
  await goToLine(1); // the top of the file in view (scenario 10 left it scrolled)
  const lens = editor(file).locator('.codelens-decoration', { hasText: /execution role:/ });
  await lens.first().waitFor({ timeout: T.diagnostic });
  const text = (await lens.first().innerText()).trim();
  assert.match(text, /^execution role: (\S+\/)?ecsTaskExecutionRole\.json — \d+ of \d+ needs met$/, text);
  const [, met, total] = text.match(/(\d+) of (\d+)/).map(Number);
  assert.ok(total >= 2 && met <= total, `logs and the secret are needs: ${text}`);
  // The lens sits on the line above executionRoleArn: just before that line in the view.
  const lensTop = (await lens.first().boundingBox()).y;
  const lineNumber = lines.findIndex((line) => line.includes('"executionRoleArn"')) + 1;
  const keyTop = (await tokenLocator(file, '"executionRoleArn"').boundingBox()).y;
  assert.ok(lensTop < keyTop && keyTop - lensTop < 40, `the lens (y ${lensTop}) is right above line ${lineNumber} (y ${keyTop})`);
});

// ------------------------------------------------------------------------------------------------
// Helpers.

function scenario(name, fn) {
  test(name, { timeout: T.scenario }, async (t) => {
    if (!page) throw new Error('setup failed, see above');
    try {
      await fn(t);
    } catch (error) {
      failed = true;
      const slug = name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40).replace(/-+$/, '');
      await page.screenshot({ path: path.join(ARTIFACTS, `FAILED-${slug}.png`) }).catch(() => {});
      throw error;
    } finally {
      await page.keyboard.press('Escape').catch(() => {});
    }
  });
}

/** The Explorer row of `name` at tree depth `level` (1: the workspace root's children). */
function explorerRow(name, level = 1) {
  return page.locator(`.explorer-folders-view .monaco-list-row[aria-level="${level}"][aria-label="${name}"]`);
}

/** The editor of `file`, a path relative to the workspace ("orders-service/task-definition.json"). */
function editor(file) {
  return page.locator(`.part.editor .monaco-editor[data-uri$="/workspace/${file}"]`);
}

/** The span holding exactly `text` in the editor of `file` (a JSON key is one token). */
function tokenLocator(file, text) {
  return editor(file).locator('.view-line span span', { hasText: new RegExp(`^${escapeRegExp(text)}$`) }).first();
}

/**
 * Opens a file as a person does: a click on its row in the Explorer, after expanding the folders of a
 * relative path such as "orders-service/task-definition.json". Returns when its editor shows.
 */
async function openFile(file) {
  const t0 = Date.now();
  const parts = file.split('/');
  for (let i = 0; i < parts.length - 1; i++) {
    const folder = explorerRow(parts[i], i + 1);
    if ((await folder.getAttribute('aria-expanded')) !== 'true') await folder.click();
    await page.locator(`.explorer-folders-view .monaco-list-row[aria-level="${i + 1}"][aria-label="${parts[i]}"][aria-expanded="true"]`).waitFor();
  }
  await explorerRow(parts[parts.length - 1], parts.length).click();
  await editor(file).locator('.view-lines .view-line').first().waitFor({ timeout: T.ui });
  return t0;
}

async function showProblems() {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) await page.keyboard.press('Control+Shift+M');
  await panel.waitFor({ state: 'visible' });
}

/**
 * Shows only the problems of `file` (a workspace-relative path; the filter box takes a glob) and waits
 * until the list is filtered.
 */
async function filterProblems(file) {
  await showProblems();
  await page.locator('.panel input[aria-label="Filter Problems"]').fill(`**/${file}`);
  await page.waitForFunction((name) => {
    const rows = [...document.querySelectorAll('.markers-panel .monaco-list-row')];
    const files = rows.map((row) => row.getAttribute('aria-label') || '').filter((label) => / in file /.test(label));
    return rows.length === 0 || (files.length > 0 && files.every((label) => label.includes(` in file ${name} `)));
  }, path.posix.basename(file));
}

async function clearProblemsFilter() {
  await showProblems();
  await page.locator('.panel input[aria-label="Filter Problems"]').fill('');
}

function problemRow(text) {
  return page.locator('.markers-panel .monaco-list-row', { hasText: text });
}

async function goToLine(line) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}`); // ":" is the Go to Line prefix the widget opens with
  await page.locator('.quick-input-widget', { hasText: `line ${line}` }).waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await page.locator('[id="status.editor.selection"]', { hasText: `Ln ${line},` }).waitFor();
}

/**
 * Cursor to (line, column), both 1-based, on a line whose text is `lineText`: Go to Line, Home (the first
 * non-blank character, and the view scrolled back to the left), then right arrows.
 */
async function placeCursor(line, column, lineText) {
  await goToLine(line);
  await page.keyboard.press('End');
  await page.keyboard.press('Home');
  const start = lineText.length - lineText.trimStart().length + 1;
  await cursorAt(line, start);
  for (let i = start; i < column; i++) await page.keyboard.press('ArrowRight');
  await cursorAt(line, column);
}

/**
 * Ctrl+. at the cursor, then the quick fix whose title matches `title`, chosen with the keyboard as the
 * list expects (a pointer block sits over it until the mouse moves): arrow down to it, Enter.
 * `whileOpen` runs with the menu shown (for a screenshot).
 */
async function chooseQuickFix(title, whileOpen) {
  await page.keyboard.press('Control+.');
  const fix = page.locator('.action-widget .monaco-list-row', { hasText: title });
  await fix.waitFor({ timeout: T.diagnostic });
  if (whileOpen) await whileOpen();
  const focused = page.locator('.action-widget .monaco-list-row.focused', { hasText: title });
  for (let i = 0; i < 20 && !(await focused.count()); i++) await page.keyboard.press('ArrowDown');
  await focused.waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.action-widget').waitFor({ state: 'hidden' });
}

/**
 * Runs a command from the Command Palette by its exact label ("File: Save All Files", not "File: Save
 * All in Group"): the arrow keys move to the row with that label, Enter runs it.
 */
async function runCommand(label) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${label}`);
  const exact = new RegExp(`^${escapeRegExp(label)}$`);
  const row = page.locator('.quick-input-widget .monaco-list-row', { has: page.locator('.label-name', { hasText: exact }) });
  await row.first().waitFor();
  const focused = page.locator('.quick-input-widget .monaco-list-row.focused', { has: page.locator('.label-name', { hasText: exact }) });
  for (let i = 0; i < 10 && !(await focused.count()); i++) await page.keyboard.press('ArrowDown');
  await focused.waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/**
 * Moves the mouse over the token `text` in `file` and returns the hover once it shows `expected`.
 * Falls back to "Show or Focus Hover" (Ctrl+K Ctrl+I) with the cursor on the token.
 */
async function hoverOver(file, text, expected) {
  const token = tokenLocator(file, text);
  const hover = page.locator('.monaco-hover-content', { hasText: expected });
  await token.waitFor();
  await page.mouse.move(5, 400); // away first, so a hover from before does not count
  const box = await token.boundingBox();
  assert.ok(box, `${text} is on screen`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
  try {
    await hover.waitFor({ timeout: T.diagnostic });
  } catch {
    console.log(`# hover over ${text} did not show; retrying with "Show or Focus Hover"`);
    await page.mouse.move(5, 400);
    await page.keyboard.press('Escape');
    // The cursor on the token with the keyboard (a click could land on a hover that is in the way).
    const lines = fs.readFileSync(path.join(workspace, file), 'utf8').split('\n');
    const index = lines.findIndex((line) => line.includes(text));
    await placeCursor(index + 1, lines[index].indexOf(text) + 2, lines[index]);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    await hover.waitFor({ timeout: T.diagnostic });
  }
  return hover;
}

/** `file` (workspace-relative) parsed from disk when it is valid JSON and `accept(json)` holds; else undefined. */
function parsedFile(file, accept = () => true) {
  try {
    const json = JSON.parse(fs.readFileSync(path.join(workspace, file), 'utf8'));
    return accept(json) ? json : undefined;
  } catch {
    return undefined;
  }
}

async function cursorAt(line, column) {
  await page.locator('[id="status.editor.selection"]', { hasText: new RegExp(`Ln ${line}, Col ${column}\\b`) }).waitFor();
}

/** Saves a screenshot to .e2e-artifacts/; the suite's teardown copies it to docs/images/ if it changed. */
async function screenshot(name) {
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, animations: 'disabled' }); // fade-ins finished: same picture every run
  screenshots.push(name);
}

/**
 * Copies the scenarios' screenshots to docs/images/, but leaves a committed picture alone when at most
 * 0.1% of its pixels differ (antialiasing, a badge redrawn a frame later), so a run does not dirty the
 * work tree for nothing. The comparison runs in the browser (no image library needed).
 */
async function updateDocImages() {
  if (!COPY_DOC_IMAGES || !screenshots.length || !browser) return;
  fs.mkdirSync(DOC_IMAGES, { recursive: true });
  const scratch = await browser.newPage();
  try {
    for (const name of screenshots) {
      const fresh = path.join(ARTIFACTS, `${name}.png`);
      const committed = path.join(DOC_IMAGES, `${name}.png`);
      if (fs.existsSync(committed)) {
        const changed = await scratch.evaluate(async ([a, b]) => {
          const load = (data) => new Promise((resolve, reject) => {
            const image = new Image();
            image.onload = () => resolve(image);
            image.onerror = reject;
            image.src = `data:image/png;base64,${data}`;
          });
          const pixels = (image) => {
            const canvas = document.createElement('canvas');
            canvas.width = image.width;
            canvas.height = image.height;
            const context = canvas.getContext('2d');
            context.drawImage(image, 0, 0);
            return context.getImageData(0, 0, image.width, image.height).data;
          };
          const [x, y] = [await load(a), await load(b)];
          if (x.width !== y.width || x.height !== y.height) return 1;
          const [p, q] = [pixels(x), pixels(y)];
          let differing = 0;
          for (let i = 0; i < p.length; i += 4) if (p[i] !== q[i] || p[i + 1] !== q[i + 1] || p[i + 2] !== q[i + 2]) differing++;
          return differing / (x.width * x.height);
        }, [fs.readFileSync(fresh, 'base64'), fs.readFileSync(committed, 'base64')]);
        if (changed <= 0.001) continue;
      }
      fs.copyFileSync(fresh, committed);
      console.log(`# updated ${path.relative(ROOT, committed)}`);
    }
  } finally {
    await scratch.close();
  }
}

/** The log files VS Code writes for the extension's output channels (logs/<session>/exthost<N>/<extension id>/). */
function readExtensionLogs() {
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (path.basename(dir) === EXTENSION_ID && entry.name.endsWith('.log')) found.push(full);
    }
  };
  const logs = path.join(userData, 'logs');
  if (fs.existsSync(logs)) walk(logs);
  return found.length ? found.map((file) => fs.readFileSync(file, 'utf8')).join('\n') : undefined;
}

async function saveDiagnostics() {
  try {
    await page?.screenshot({ path: path.join(ARTIFACTS, 'FAILED-last-state.png') });
  } catch {}
  try {
    fs.writeFileSync(path.join(ARTIFACTS, 'code-server.log'), codeServerOutput);
    if (userData && fs.existsSync(path.join(userData, 'logs'))) {
      fs.cpSync(path.join(userData, 'logs'), path.join(ARTIFACTS, 'vscode-logs'), { recursive: true });
    }
    console.log(`# failure artifacts in ${path.relative(process.cwd(), ARTIFACTS) || ARTIFACTS}/`);
  } catch {}
}

/** Polls `fn` until it returns something other than undefined/false. For signals outside the page (files). */
async function waitFor(fn, timeout, what) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await fn();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}\n${codeServerOutput}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Last resort on an abnormal exit (signal, crash): kill code-server's group, drop the temporary folder. */
function killCodeServerNow() {
  if (codeServer && codeServer.exitCode === null && codeServer.signalCode === null) {
    try {
      process.kill(-codeServer.pid, 'SIGKILL');
    } catch {}
  }
  if (tmp && !KEEP) {
    try {
      fs.rmSync(tmp, { recursive: true, force: true });
    } catch {}
  }
}

/** Stops code-server and everything it started (same process group): SIGTERM, then SIGKILL. */
async function stopCodeServer() {
  if (!codeServer) return;
  const exited = codeServer.exitCode !== null || codeServer.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => codeServer.once('exit', resolve));
  try {
    process.kill(-codeServer.pid, 'SIGTERM');
  } catch {}
  const timer = setTimeout(() => {
    try {
      process.kill(-codeServer.pid, 'SIGKILL');
    } catch {}
  }, 5_000);
  await exited;
  clearTimeout(timer);
  // Children that outlived their parent (extension host, language servers) are in the same group.
  try {
    process.kill(-codeServer.pid, 'SIGKILL');
  } catch {}
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
