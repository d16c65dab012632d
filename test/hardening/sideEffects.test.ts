// No side effects, proven: the server runs a full session under Node's permission model (read-only
// file system access to the repository, no writes, no child processes, no workers); the bundles load no
// network, process or thread modules; the client bundle uses no telemetry API.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../helpers';
import { LspTestClient, SERVER_BUNDLE } from '../protocol/lspClient';
import { RECORDER_ENV, RECORDER_NODE_ARGS, touchedPaths } from './fsAccessRecorder';
import { collectLogErrors } from './serverHelpers';

const FORBIDDEN = ['net', 'http', 'https', 'http2', 'tls', 'dgram', 'child_process', 'worker_threads', 'cluster'];

const TASK = `{
  "family": "web",
  "taskRoleArn": "arn:aws:iam::210987654321:role/app",
  "executionRoleArn": "arn:aws:iam::210987654321:role/app",
  "containerDefinitions": [{ "name": "web", "image": "210987654321.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2", "memory": 512, "essential": true }]
}`;

const POLICY = `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjekt"], "Resource": "arn:aws:s3:::reports/*" }]
}`;

test('a full session under the permission model: read-only fs, no child processes, no workers', async () => {
  const client = new LspTestClient({ nodeArgs: ['--experimental-permission', `--allow-fs-read=${REPO_ROOT}`] });
  const logErrors = collectLogErrors(client);
  await client.initialize({ workspaceFolder: path.join(REPO_ROOT, 'test', 'hardening') });
  const task = pathToFileURL(path.join(REPO_ROOT, 'test', 'hardening', 'permission-task.json')).toString();
  const policy = pathToFileURL(path.join(REPO_ROOT, 'test', 'hardening', 'permission-policy.json')).toString();
  const virtual = 'vscode-vfs://github/example/repo/task.json';
  await client.open(task, TASK);
  await client.open(policy, POLICY);
  await client.open(virtual, TASK);
  const taskDiagnostics = await client.diagnosticsFor(task);
  assert.ok(
    taskDiagnostics.some((d) => d.code === 'ecs/same-task-and-execution-role'),
    JSON.stringify(taskDiagnostics),
  );
  await client.diagnosticsFor(policy); // needs the IAM catalogue read from dist/iam-data
  const virtualDiagnostics = await client.diagnosticsFor(virtual); // virtual workspaces: no file system at all
  assert.ok(virtualDiagnostics.some((d) => d.code === 'ecs/same-task-and-execution-role'));
  const hover = await client.hover(task, { line: 3, character: 6 });
  assert.ok(hover);
  await client.hover(policy, { line: 2, character: 50 });
  await client.completion(policy, { line: 2, character: 50 });
  const sameRole = taskDiagnostics.find((d) => d.code === 'ecs/same-task-and-execution-role')!;
  await client.codeActions(task, sameRole.range, [sameRole]);
  assert.equal(await client.shutdown(), 0, client.stderr);
  assert.doesNotMatch(client.stderr, /ERR_ACCESS_DENIED|uncaught|unhandled/i);
  assert.deepEqual(logErrors, []);
});

test('paths in .ecs-iam.json that lead outside its folder are refused and never touched (permission model, every fs call recorded)', async () => {
  const base = mkdtempSync(path.join(tmpdir(), 'ecs-iam-outside-'));
  const workspace = path.join(base, 'workspace');
  const outside = path.join(base, 'outside');
  cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'roles', 'config-mistakes'), workspace, { recursive: true });
  mkdirSync(outside);
  writeFileSync(
    path.join(outside, 'allow-all.json'),
    JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
  );
  symlinkSync(path.join(outside, 'allow-all.json'), path.join(workspace, 'iam', 'linked.json'));
  symlinkSync(outside, path.join(workspace, 'shared'), 'dir');
  const config = JSON.stringify(
    {
      roles: {
        'web-exec': {
          policies: [
            '../outside/allow-all.json',
            path.join(outside, 'allow-all.json'),
            '/etc/hostname',
            'iam/linked.json',
            'shared/allow-all.json',
          ],
          trustPolicy: '../../../etc/passwd',
        },
      },
      ignore: ['../outside/**'],
    },
    null,
    2,
  );
  writeFileSync(path.join(workspace, '.ecs-iam.json'), config);

  // Reads allowed in the repository (the bundle, the IAM catalogue) and the workspace only; every fs call recorded.
  const client = new LspTestClient({
    nodeArgs: ['--experimental-permission', `--allow-fs-read=${REPO_ROOT}`, `--allow-fs-read=${workspace}`, ...RECORDER_NODE_ARGS],
    env: RECORDER_ENV,
  });
  const logErrors = collectLogErrors(client);
  let exitCode: number | null;
  try {
    await client.initialize({ workspaceFolder: workspace });
    const configUri = pathToFileURL(path.join(workspace, '.ecs-iam.json')).toString();
    const taskUri = pathToFileURL(path.join(workspace, 'task-definition.json')).toString();
    await client.open(configUri, config);
    await client.open(taskUri, readFileSync(path.join(workspace, 'task-definition.json'), 'utf8'));
    const refused = (await client.diagnosticsFor(configUri, (params) => params.diagnostics.length >= 7)).filter(
      (d) => d.code === 'config/invalid',
    );
    assert.equal(refused.length, 7, JSON.stringify(refused.map((d) => d.message)));
    assert.ok(
      refused.every((d) => /absolute path|leads outside|symbolic link/.test(String(d.message))),
      JSON.stringify(refused.map((d) => d.message)),
    );
    // The allow-all policy outside would grant ssm:GetParameters: the error shows it counted for nothing.
    const missing = await client.diagnosticsFor(taskUri, (params) =>
      params.diagnostics.some((d) => d.code === 'ecs/execution-role-missing-permission'),
    );
    assert.match(String(missing.find((d) => d.code === 'ecs/execution-role-missing-permission')?.message), /ssm:GetParameters/);
  } finally {
    // A failed assertion must not leave the server running (the test process would wait for it).
    exitCode = await client.shutdown();
  }
  assert.equal(exitCode, 0, client.stderr);
  assert.doesNotMatch(client.stderr, /ERR_ACCESS_DENIED|uncaught|unhandled/i);
  assert.deepEqual(logErrors, []);
  const touched = touchedPaths(client.stderr);
  assert.ok(
    touched.some((call) => call.path === path.join(workspace, 'iam', 'web-exec-policy.json') && /readFile/.test(call.call)),
    `the recorder saw the workspace being read: ${JSON.stringify(touched)}`,
  );
  assert.deepEqual(
    touched.filter((call) => call.path.startsWith(outside) || call.path.startsWith('/etc/')),
    [],
    'nothing outside the folder of .ecs-iam.json is touched, not even with stat',
  );
  // The permission model follows symbolic links, so the links themselves are checked: only their real path was
  // asked for (realpath(3) reads the link, never opens its target).
  const throughLinks = touched.filter(
    (call) => call.path.startsWith(path.join(workspace, 'shared')) || call.path === path.join(workspace, 'iam', 'linked.json'),
  );
  assert.ok(throughLinks.length > 0, 'the links were looked at');
  assert.deepEqual(
    throughLinks.filter((call) => !/^(realpathSync\.native|lstat|lstatSync)$/.test(call.call)),
    [],
    JSON.stringify(throughLinks),
  );
});

for (const bundle of ['server.js', 'cli.js']) {
  test(`dist/${bundle} requires no network, process or thread module`, () => {
    const text = readFileSync(path.join(REPO_ROOT, 'dist', bundle), 'utf8');
    for (const name of FORBIDDEN) {
      const pattern = new RegExp(`(require|import)\\s*\\(\\s*["'\`](node:)?${name}["'\`]\\s*\\)|from\\s*["'](node:)?${name}["']`);
      assert.doesNotMatch(text, pattern, `dist/${bundle} loads ${name}`);
    }
  });
}

test('the web extension bundles load no Node module: the worker server none at all, the web client only vscode', () => {
  const server = readFileSync(path.join(REPO_ROOT, 'dist', 'browser', 'server.js'), 'utf8');
  assert.deepEqual(server.match(/\brequire\s*\(\s*["'`][^"'`]+["'`]\s*\)/g) ?? [], [], 'dist/browser/server.js requires modules');
  // fs and fs/promises (the catalogue's Node reader, never called in a worker) are the throwing stub; nothing else is.
  const stubs = [...server.matchAll(/the Node \\?"([a-z_/]+)\\?" module is not available/g)].map((match) => match[1]).sort();
  assert.deepEqual([...new Set(stubs)], ['fs', 'fs/promises']);
  for (const name of FORBIDDEN) assert.doesNotMatch(server, new RegExp(`from\\s*["'](node:)?${name}["']`));
  const client = readFileSync(path.join(REPO_ROOT, 'dist', 'browser', 'client.js'), 'utf8');
  const required = new Set([...client.matchAll(/\brequire\s*\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1]));
  assert.deepEqual([...required], ['vscode']);
  assert.doesNotMatch(client, /createTelemetryLogger|TelemetryLogger|\.telemetryLevel|isTelemetryEnabled|onDidChangeTelemetryEnabled/);
});

test('the server refuses socket and pipe transports with a clear message', () => {
  for (const arg of ['--socket=5007', '--pipe=/tmp/ecs-iam.sock']) {
    const result = spawnSync(process.execPath, [SERVER_BUNDLE, arg], { encoding: 'utf8' });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /not supported.*use --stdio or --node-ipc/);
  }
  const help = spawnSync(process.execPath, [SERVER_BUNDLE, '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--stdio/);
  assert.doesNotMatch(help.stdout, /--socket|--pipe/);
});

test('the client bundle uses no telemetry API', () => {
  const text = readFileSync(path.join(REPO_ROOT, 'dist', 'client.js'), 'utf8');
  assert.doesNotMatch(text, /createTelemetryLogger|TelemetryLogger|\.telemetryLevel|isTelemetryEnabled|onDidChangeTelemetryEnabled/);
});

test('the manifest declares untrusted and virtual workspaces supported (reads only; disk only for file: URIs)', () => {
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
  assert.equal(manifest.capabilities.virtualWorkspaces, true);
  // One place maps URIs to paths for the server and its workspace glue; it accepts only file: URIs.
  const uris = readFileSync(path.join(REPO_ROOT, 'server', 'src', 'workspace', 'uris.ts'), 'utf8');
  assert.match(uris, /if \(!uri\.startsWith\('file:'\)\) return undefined;/, 'the server maps only file: URIs to paths');
  const server = readFileSync(path.join(REPO_ROOT, 'server', 'src', 'server.ts'), 'utf8');
  assert.doesNotMatch(server, /fileURLToPath/, 'server.ts converts URIs only through workspace/uris.ts');
});
