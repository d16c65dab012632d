// The end-to-end harness: one code-server and one Chromium page for the whole suite, and the helpers
// every scenario uses (open a file, read the Problems panel, hover, run a command, quick fixes).
// Scenarios live in run.mjs and in test/e2e/scenarios/*.mjs; they import what they need from here.
// `page`, `workspace` and the other state are live bindings, set by the `before` hook.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const suiteStart = Date.now();
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CODE_SERVER_VERSION = '4.100.3';
export const CACHE_ROOT = process.env.ECS_IAM_E2E_CACHE || path.join(os.homedir(), '.cache', 'ecs-iam-tools');
export const CODE_SERVER = path.join(
  CACHE_ROOT,
  `code-server-${CODE_SERVER_VERSION}`,
  'node_modules',
  'code-server',
  'out',
  'node',
  'entry.js',
);
export const VSIX = path.resolve(ROOT, process.env.ECS_IAM_E2E_VSIX || 'dist-vsix/ecs-iam-tools.vsix');
export const CHROMIUM = '/usr/bin/chromium';
export const FIXTURES = path.join(ROOT, 'test', 'e2e', 'workspace');
export const ARTIFACTS = path.join(ROOT, '.e2e-artifacts');
export const DOC_IMAGES = path.join(ROOT, 'docs', 'images');
export const KEEP = process.env.ECS_IAM_E2E_KEEP === '1';
export const COPY_DOC_IMAGES = process.env.ECS_IAM_E2E_DOC_IMAGES !== '0';

export const MANIFEST = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
export const EXTENSION_ID = `${MANIFEST.publisher}.${MANIFEST.name}`;
export const SOURCE = 'ecs-iam';
export const SAME_ROLE = 'ecs/same-task-and-execution-role';
export const PLACEHOLDER = 'placeholder';
export const UNKNOWN_ACTION = 'iam/unknown-action';
export const MISSING_PERMISSION = 'ecs/execution-role-missing-permission';
export const DEEP_NESTING_LEVELS = 100_000;

/** Timeouts (ms). Generous: CI is a 2-core machine and the first diagnostic needs two servers to start. */
export const T = {
  codeServerStart: 60_000,
  workbench: 90_000,
  firstDiagnostic: 90_000,
  diagnostic: 45_000,
  ui: 20_000,
  scenario: 180_000,
};

/** User settings: no welcome page, telemetry, tips, update checks, network fetches or completion pop-ups. */
export const USER_SETTINGS = {
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

export let tmp;
export let workspace;
export let userData;
export let codeServer;
export let codeServerOutput = '';
export let browser;
export let page;
export let failed = false;
export const screenshots = [];

/** Timings and notes, as TAP comments. */
export function note(message) {
  console.log(`# ${message}`);
}

export const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

// ------------------------------------------------------------------------------------------------
// Setup and teardown.

before(
  async () => {
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
      [CODE_SERVER, ...common, ...serveArguments(port, workspace)],
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
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-dev-shm-usage',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    page = await context.newPage();
    page.setDefaultTimeout(T.ui);
    const t1 = Date.now();
    // The first load of the workbench can take longer than a UI step on a busy machine.
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`, { timeout: T.workbench });
    await page.locator('.monaco-workbench').waitFor({ timeout: T.workbench });
    // The explorer lists the workspace once the workbench has restored its views.
    await explorerRow('same-role-task-definition.json').waitFor({ timeout: T.workbench });
    note(`workbench loaded after ${seconds(Date.now() - t1)}`);
  },
  { timeout: 300_000 },
);

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
// Helpers.

/** ECS_IAM_E2E_ONLY=<regex>: run only the scenarios whose name matches (the others are skipped). */
const ONLY = process.env.ECS_IAM_E2E_ONLY ? new RegExp(process.env.ECS_IAM_E2E_ONLY) : undefined;

export function scenario(name, fn) {
  test(name, { timeout: T.scenario, skip: ONLY && !ONLY.test(name) ? 'not selected by ECS_IAM_E2E_ONLY' : false }, async (t) => {
    if (!page) throw new Error('setup failed, see above');
    try {
      await fn(t);
    } catch (error) {
      failed = true;
      const slug = name
        .replace(/[^a-z0-9]+/gi, '-')
        .slice(0, 40)
        .replace(/-+$/, '');
      await page.screenshot({ path: path.join(ARTIFACTS, `FAILED-${slug}.png`) }).catch(() => {});
      throw error;
    } finally {
      await page.keyboard.press('Escape').catch(() => {});
    }
  });
}

/** The Explorer row of `name` at tree depth `level` (1: the workspace root's children). */
/** The code-server flags the suites serve a workspace with: no auth, local port, no telemetry, update check, trust prompt or welcome page. */
export function serveArguments(port, folder) {
  return [
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    folder,
  ];
}

export function explorerRow(name, level = 1) {
  return page.locator(`.explorer-folders-view .monaco-list-row[aria-level="${level}"][aria-label="${name}"]`);
}

/** The editor of `file`, a path relative to the workspace ("orders-service/task-definition.json"). */
export function editor(file) {
  return page.locator(`.part.editor .monaco-editor[data-uri$="/workspace/${file}"]`);
}

/** Closes the editor tabs whose label matches `label` (a middle click, as on a tab in VS Code), e.g. a webview panel. */
export async function closeTabs(label) {
  const tabs = page.locator('.tabs-container .tab', { hasText: label });
  for (let i = 0; i < 5 && (await tabs.count()) > 0; i++) {
    await tabs
      .first()
      .click({ button: 'middle', timeout: T.ui })
      .catch(() => {});
  }
  await tabs.first().waitFor({ state: 'detached', timeout: T.ui });
}

/**
 * The tab of `file` while it has unsaved changes. By file name: `.tab.active` alone also matches the active tab of
 * another editor group, and a file left unsaved by an earlier scenario.
 */
export function dirtyTab(file) {
  return page.locator(`.tabs-container .tab.dirty[data-resource-name="${path.posix.basename(file)}"]`);
}

/** The span holding exactly `text` in the editor of `file` (a JSON key is one token). */
export function tokenLocator(file, text) {
  return editor(file)
    .locator('.view-line span span', { hasText: new RegExp(`^${escapeRegExp(text)}$`) })
    .first();
}

/**
 * Opens a file as a person does: a click on its row in the Explorer, after expanding the folders of a
 * relative path such as "orders-service/task-definition.json". Returns when its editor shows.
 */
export async function openFile(file) {
  const t0 = Date.now();
  const parts = file.split('/');
  // Folders other scenarios expanded make the Explorer taller than its view, and rows out of view are not in
  // the page: collapse them first (the Explorer's own "Collapse Folders in Explorer" action).
  if (parts.length > 1 || (await explorerRowCount()) > 30) {
    await page
      .locator('.action-label[aria-label^="Collapse Folders in Explorer"]')
      .first()
      .dispatchEvent('click', undefined, { timeout: 2_000 })
      .catch(() => {});
  }
  // Each row is looked for among the children of the folder opened before it: two folders may hold files of
  // the same name ("orders-service/task-definition.json" and "config-typo/task-definition.json").
  let parent;
  for (let i = 0; i < parts.length - 1; i++) {
    const folder = await explorerChild(parent, parts[i], i + 1);
    if ((await folder.getAttribute('aria-expanded')) !== 'true') await folder.click();
    await page
      .locator(`.explorer-folders-view .monaco-list-row[data-index="${await folder.getAttribute('data-index')}"][aria-expanded="true"]`)
      .waitFor();
    parent = folder;
  }
  await (await explorerChild(parent, parts[parts.length - 1], parts.length)).click();
  await editor(file).locator('.view-lines .view-line').first().waitFor({ timeout: T.ui });
  return t0;
}

/** The Explorer row `name` at depth `level` inside the folder row `parent` (none: the workspace root). */
async function explorerChild(parent, name, level) {
  if (!parent) return explorerRow(name, level);
  const parentIndex = Number(await parent.getAttribute('data-index'));
  const index = await waitFor(
    () =>
      page.evaluate(
        ({ parentIndex, name, level }) => {
          const rows = [...document.querySelectorAll('.explorer-folders-view .monaco-list-row')]
            .map((row) => ({
              index: Number(row.getAttribute('data-index')),
              level: Number(row.getAttribute('aria-level')),
              label: row.getAttribute('aria-label'),
            }))
            .sort((a, b) => a.index - b.index);
          for (const row of rows.filter((candidate) => candidate.index > parentIndex)) {
            if (row.level < level) return undefined; // past the parent's children
            if (row.level === level && row.label === name) return row.index;
          }
          return undefined;
        },
        { parentIndex, name, level },
      ),
    T.ui,
    `${name} in the Explorer inside its folder`,
  );
  return page.locator(`.explorer-folders-view .monaco-list-row[data-index="${index}"]`);
}

export async function showProblems() {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) await page.keyboard.press('Control+Shift+M');
  await panel.waitFor({ state: 'visible' });
}

/**
 * Shows only the problems of `file` (a workspace-relative path; the filter box takes a glob) and waits
 * until the list is filtered.
 */
export async function filterProblems(file) {
  await showProblems();
  await page.locator('.panel input[aria-label="Filter Problems"]').fill(`**/${file}`);
  await page.waitForFunction(
    (name) => {
      const rows = [...document.querySelectorAll('.markers-panel .monaco-list-row')];
      const files = rows.map((row) => row.getAttribute('aria-label') || '').filter((label) => / in file /.test(label));
      return rows.length === 0 || (files.length > 0 && files.every((label) => label.includes(` in file ${name} `)));
    },
    path.posix.basename(file),
    { timeout: T.diagnostic },
  );
}

export async function clearProblemsFilter() {
  await showProblems();
  await page.locator('.panel input[aria-label="Filter Problems"]').fill('');
}

export function problemRow(text) {
  return page.locator('.markers-panel .monaco-list-row', { hasText: text });
}

export async function goToLine(line) {
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
export async function placeCursor(line, column, lineText) {
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
export async function chooseQuickFix(title, whileOpen) {
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
/** Runs a Command Palette command by its exact label, in the suite's page or in another one (`on`: the web scenario's). */
export async function runCommand(label, on = page) {
  await on.keyboard.press('F1');
  const input = on.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${label}`);
  const exact = new RegExp(`^${escapeRegExp(label)}$`);
  const row = on.locator('.quick-input-widget .monaco-list-row', { has: on.locator('.label-name', { hasText: exact }) });
  await row.first().waitFor();
  const focused = on.locator('.quick-input-widget .monaco-list-row.focused', { has: on.locator('.label-name', { hasText: exact }) });
  for (let i = 0; i < 10 && !(await focused.count()); i++) await on.keyboard.press('ArrowDown');
  await focused.waitFor();
  await on.keyboard.press('Enter');
  await on.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/**
 * Moves the mouse over the token `text` in `file` and returns the hover once it shows `expected`.
 * Falls back to "Show or Focus Hover" (Ctrl+K Ctrl+I) with the cursor on the token.
 */
export async function hoverOver(file, text, expected) {
  const token = tokenLocator(file, text);
  // The last one: a stale hover of another editor can stay in the page with the same text.
  const hover = page.locator('.monaco-hover-content', { hasText: expected }).last();
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
/** The text of a workspace file once it holds `expected` on disk (after a save). */
export function savedText(file, expected) {
  return waitFor(
    () => {
      const now = fs.readFileSync(path.join(workspace, file), 'utf8');
      return now.includes(expected) ? now : undefined;
    },
    T.ui,
    `${file} on disk to hold ${expected}`,
  );
}

/**
 * Checks that `saved` is `original` with one HCL `statement` block (sid, effect, actions, resources, as the
 * server writes it) added at the end of the `data "aws_iam_policy_document" "<document>"` that comes just before
 * the `resource "aws_iam_role_policy"` block, and nothing else changed.
 */
export function assertStatementBlockAdded(saved, original, document, action, resource) {
  const block = saved.slice(saved.indexOf(`data "aws_iam_policy_document" "${document}"`), saved.indexOf('resource "aws_iam_role_policy"'));
  const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const statement = new RegExp(
    `\\n {2}statement \\{\\n {4}sid {7}= "\\w+"\\n {4}effect {4}= "Allow"\\n {4}actions {3}= \\["${escape(action)}"\\]\\n {4}resources = \\["${escape(resource)}"\\]\\n {2}\\}\\n\\}`,
  );
  assert.match(block, statement, block);
  assert.equal(saved.replace(/\n {2}statement \{\n {4}sid {7}= "\w+"[^}]*\}\n(?=\}\n\nresource "aws_iam_role_policy")/, ''), original);
}

export function parsedFile(file, accept = () => true) {
  try {
    const json = JSON.parse(fs.readFileSync(path.join(workspace, file), 'utf8'));
    return accept(json) ? json : undefined;
  } catch {
    return undefined;
  }
}

export async function cursorAt(line, column) {
  await page.locator('[id="status.editor.selection"]', { hasText: new RegExp(`Ln ${line}, Col ${column}\\b`) }).waitFor();
}

/** Saves a screenshot to .e2e-artifacts/; the suite's teardown copies it to docs/images/ if it changed. */
export async function screenshot(name) {
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, animations: 'disabled' }); // fade-ins finished: same picture every run
  screenshots.push(name);
}

/**
 * Copies the scenarios' screenshots to docs/images/, but leaves a committed picture alone when at most
 * 0.1% of its pixels differ (antialiasing, a badge redrawn a frame later), so a run does not dirty the
 * work tree for nothing. The comparison runs in the browser (no image library needed).
 */
export async function updateDocImages() {
  if (!COPY_DOC_IMAGES || !screenshots.length || !browser) return;
  fs.mkdirSync(DOC_IMAGES, { recursive: true });
  const scratch = await browser.newPage();
  try {
    for (const name of screenshots) {
      const fresh = path.join(ARTIFACTS, `${name}.png`);
      const committed = path.join(DOC_IMAGES, `${name}.png`);
      if (fs.existsSync(committed)) {
        const changed = await scratch.evaluate(
          async ([a, b]) => {
            const load = (data) =>
              new Promise((resolve, reject) => {
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
          },
          [fs.readFileSync(fresh, 'base64'), fs.readFileSync(committed, 'base64')],
        );
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
export function readExtensionLogs() {
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

export async function saveDiagnostics() {
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
export async function waitFor(fn, timeout, what) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await fn();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}\n${codeServerOutput}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export function freePort() {
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
export function killCodeServerNow() {
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
export async function stopCodeServer() {
  if (!codeServer) return;
  const exited =
    codeServer.exitCode !== null || codeServer.signalCode !== null
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

export function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function explorerRowCount() {
  return page.locator('.explorer-folders-view .monaco-list-row').count();
}
