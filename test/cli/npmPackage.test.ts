// The CLI as an npm package: `npm pack` of the repository (the `files` list of package.json), installed into an
// empty folder without the network, run through `npx ecs-iam-lint` on a task definition, and the second bin
// (the standalone language server) answering `initialize` over stdio. Packs once for all the tests.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { REPO_ROOT } from '../helpers';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';

const SAME_ROLE = JSON.stringify({
  family: 'web',
  taskRoleArn: 'arn:aws:iam::123456789012:role/web',
  executionRoleArn: 'arn:aws:iam::123456789012:role/web',
  containerDefinitions: [{ name: 'web', image: 'public.ecr.aws/nginx/nginx:1.27', essential: true, memory: 512 }],
});

/** npm without the user's registry settings getting a say: offline, quiet, no audit or funding requests. */
function npm(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the npm package', () => {
  let folder: string;
  let tarball: string;
  let packed: Array<{ path: string; size: number }>;

  before(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'ecs-iam-npm-'));
    const pack = npm(NPM, ['pack', '--json', '--pack-destination', folder], REPO_ROOT);
    assert.equal(pack.code, 0, pack.stderr);
    const [info] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string; size: number }> }>;
    packed = info.files;
    tarball = path.join(folder, info.filename);
    writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    writeFileSync(path.join(folder, 'task-definition.json'), SAME_ROLE);
    const install = npm(NPM, ['install', '--offline', '--no-audit', '--no-fund', tarball], folder);
    assert.equal(install.code, 0, install.stderr);
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  test('the tarball holds the bundles, the data and the documents only', () => {
    const files = packed.map((file) => file.path).sort();
    for (const required of [
      'package.json',
      'README.md',
      'LICENSE',
      'dist/cli.js',
      'dist/server.js',
      'dist/iam-data/services.json',
      'dist/tree-sitter.wasm',
      'dist/tree-sitter-terraform.wasm',
    ]) {
      assert.ok(files.includes(required), `${required} missing from ${files.join(', ')}`);
    }
    const allowed =
      /^(package\.json|README\.md|CHANGELOG\.md|LICENSE|NOTICE|dist\/[A-Za-z]+\.js|dist\/browser\/[A-Za-z]+\.js|dist\/tree-sitter(-terraform)?\.wasm|dist\/iam-data\/.+\.(json|txt)|schemas\/[^/]+\.json|syntaxes\/[^/]+\.json|images\/icon\.png|docs\/rules\.md|docs\/images\/[^/]+\.png)$/;
    assert.deepEqual(
      files.filter((file) => !allowed.test(file)),
      [],
      'files that should not ship (tests, fixtures, sources, source maps)',
    );
  });

  test('it installs with no dependency to fetch (the bundles hold them)', () => {
    const installed = readdirSync(path.join(folder, 'node_modules'));
    assert.deepEqual(installed.filter((name) => !name.startsWith('.')).sort(), ['ecs-iam-tools']);
  });

  test('npx ecs-iam-lint checks a task definition and exits 0 below --fail-on, 1 at it', () => {
    const json = npm(NPX, ['--offline', 'ecs-iam-lint', '--format', 'json', 'task-definition.json'], folder);
    assert.equal(json.code, 0, json.stderr);
    const findings = JSON.parse(json.stdout) as Array<{ file: string; ruleId: string; severity: string }>;
    assert.ok(
      findings.some(
        (f) => f.ruleId === 'ecs/same-task-and-execution-role' && f.severity === 'warning' && f.file === 'task-definition.json',
      ),
      json.stdout,
    );
    // The installed bin itself (npx only finds it): what a package.json script would run.
    const bin = path.join(folder, 'node_modules', '.bin', process.platform === 'win32' ? 'ecs-iam-lint.cmd' : 'ecs-iam-lint');
    const failing = npm(bin, ['--fail-on', 'warning', 'task-definition.json'], folder);
    assert.equal(failing.code, 1, failing.stderr);
    assert.match(failing.stdout, /ecs\/same-task-and-execution-role/);
    const version = npm(bin, ['--version'], folder);
    assert.equal(
      version.stdout.trim(),
      (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version,
    );
  });

  test('the second bin, ecs-iam-language-server, answers initialize over stdio', async () => {
    const bin = path.join(
      folder,
      'node_modules',
      '.bin',
      process.platform === 'win32' ? 'ecs-iam-language-server.cmd' : 'ecs-iam-language-server',
    );
    const server = spawn(bin, ['--stdio'], { cwd: folder, stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      const body = JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { processId: null, rootUri: null, capabilities: {} },
      });
      server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      const response = await new Promise<{ id: number; result: { capabilities: Record<string, unknown>; serverInfo?: { name: string } } }>(
        (resolve, reject) => {
          let buffer = Buffer.alloc(0);
          server.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
          server.stdout.on('data', (chunk: Buffer) => {
            buffer = Buffer.concat([buffer, chunk]);
            const text = buffer.toString('utf8');
            const header = /Content-Length: (\d+)\r\n\r\n/.exec(text);
            if (!header) return;
            const start = header.index + header[0].length;
            const bytes = Buffer.from(text.slice(start));
            if (bytes.length >= Number(header[1])) resolve(JSON.parse(bytes.subarray(0, Number(header[1])).toString('utf8')));
          });
        },
      );
      assert.equal(response.id, 1);
      assert.ok(response.result.capabilities.hoverProvider, JSON.stringify(response.result.capabilities));
      assert.ok(response.result.capabilities.codeActionProvider);
    } finally {
      server.kill();
    }
  });
});
