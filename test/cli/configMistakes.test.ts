// ecs-iam-lint and the mistakes of issue 20: a role mapping that points at nothing, paths outside the folder
// of `.ecs-iam.json`, and files in UTF-16/UTF-32 or a legacy encoding. The bundled CLI, run as a user would.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { RECORDER_ENV, RECORDER_NODE_ARGS, touchedPaths } from '../hardening/fsAccessRecorder';
import { FIXTURES, REPO_ROOT } from '../helpers';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const MISSING_PERMISSION = 'ecs/execution-role-missing-permission';

interface JsonFinding {
  file: string;
  ruleId: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

function run(args: string[], cwd: string, options: { nodeArgs?: string[]; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
  });
  const findings = args.includes('json') && result.stdout.trim().startsWith('[') ? (JSON.parse(result.stdout) as JsonFinding[]) : [];
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, findings };
}

/** A copy of test/fixtures/roles/config-mistakes in `<tmp>/workspace`, with `<tmp>/outside` next to it. */
function workspaceWith(config: unknown): { folder: string; outside: string } {
  const base = mkdtempSync(path.join(tmpdir(), 'ecs-iam-cli-mistakes-'));
  const folder = path.join(base, 'workspace');
  const outside = path.join(base, 'outside');
  cpSync(path.join(FIXTURES, 'roles', 'config-mistakes'), folder, { recursive: true });
  mkdirSync(outside);
  writeFileSync(
    path.join(outside, 'allow-all.json'),
    JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
  );
  writeFileSync(path.join(folder, '.ecs-iam.json'), JSON.stringify(config, null, 2));
  return { folder, outside };
}

/** The text a finding's range covers (single-line ranges). */
function coveredIn(folder: string, finding: JsonFinding): string {
  const line = readFileSync(path.join(folder, finding.file), 'utf8').split('\n')[finding.range.start.line];
  return line.slice(finding.range.start.character, finding.range.end.character);
}

describe('ecs-iam-lint: role mappings that point at nothing', () => {
  test('the typo of the issue: an error on the string in .ecs-iam.json, and the task definition error kept by file name', () => {
    const { folder } = workspaceWith({ roles: { 'web-exec': { policies: ['iam/web-exec-polcy.json'] } } });
    const { code, findings } = run(['--format', 'json', '.'], folder);
    assert.equal(code, 1);
    const config = findings.filter((f) => f.ruleId === 'config/invalid');
    assert.equal(config.length, 1);
    assert.equal(config[0].file, '.ecs-iam.json');
    assert.equal(coveredIn(folder, config[0]), 'iam/web-exec-polcy.json');
    assert.match(config[0].message, /does not exist\. Did you mean `iam\/web-exec-policy.json`\?/);
    const missing = findings.filter((f) => f.ruleId === MISSING_PERMISSION);
    assert.equal(missing.length, 1);
    assert.match(
      missing[0].message,
      /found by file name because nothing `.ecs-iam.json` maps to the role can be used: `iam\/web-exec-polcy.json`/,
    );
  });

  const wrongKinds: Array<[string, Record<string, unknown>, string, RegExp]> = [
    [
      'a task definition under policies',
      { policies: ['task-definition.json'] },
      'task-definition.json',
      /is a task definition, not a permission policy/,
    ],
    [
      'a trust policy under policies',
      { policies: ['iam/web-exec-trust-policy.json'] },
      'iam/web-exec-trust-policy.json',
      /is a trust policy .*goes under `trustPolicy`/,
    ],
    [
      'a permission policy under trustPolicy',
      { policies: ['iam/web-exec-policy.json'], trustPolicy: 'iam/web-exec-policy.json' },
      'iam/web-exec-policy.json',
      /is a permission policy, not a trust policy/,
    ],
    [
      'an unknown managed policy name',
      { policies: ['iam/web-exec-policy.json'], managedPolicies: ['AmazonECSTaskExecutionRolePolicyV2'] },
      'AmazonECSTaskExecutionRolePolicyV2',
      /Did you mean `AmazonECSTaskExecutionRolePolicy`\?/,
    ],
  ];
  for (const [name, role, on, message] of wrongKinds) {
    test(`${name}: config/invalid on that string`, () => {
      const { folder } = workspaceWith({ roles: { 'web-exec': role } });
      const { code, findings } = run(['--format', 'json', '.'], folder);
      assert.equal(code, 1);
      const config = findings.filter((f) => f.ruleId === 'config/invalid');
      assert.equal(config.length, 1, JSON.stringify(config));
      assert.equal(coveredIn(folder, config[0]), on);
      assert.match(config[0].message, message);
    });
  }

  test('linting one task definition: the configuration is checked too, and the files it maps are read though not named', () => {
    const { folder } = workspaceWith({ roles: { 'web-exec': { policies: ['iam/exec-permissions.json'] } } });
    renameSync(path.join(folder, 'iam', 'web-exec-policy.json'), path.join(folder, 'iam', 'exec-permissions.json'));
    const { code, findings } = run(['--format', 'json', 'task-definition.json'], folder);
    assert.equal(code, 1);
    assert.deepEqual([...new Set(findings.map((f) => f.file))], ['task-definition.json']);
    assert.match(
      findings.find((f) => f.ruleId === MISSING_PERMISSION)!.message,
      /^The execution role `web-exec` \(`iam\/exec-permissions.json`\) does not allow `ssm:GetParameters`/,
    );

    writeFileSync(
      path.join(folder, '.ecs-iam.json'),
      JSON.stringify({ roles: { 'web-exec': { policies: ['iam/exec-permisions.json'] } } }),
    );
    const typo = run(['--format', 'json', 'task-definition.json'], folder);
    assert.deepEqual(
      typo.findings.filter((f) => f.ruleId === MISSING_PERMISSION),
      [],
      'no policy is linked: nothing to check the role against',
    );
    const config = typo.findings.filter((f) => f.file === '.ecs-iam.json');
    assert.equal(config.length, 1);
    assert.match(
      config[0].message,
      /no permission policy is linked to `web-exec`, so the permissions of the task definitions that use it are not checked/,
    );
  });
});

describe('ecs-iam-lint: paths outside the folder of .ecs-iam.json', () => {
  test('refused with config/invalid, never touched (every fs call of the CLI recorded), and the outside policy counts for nothing', () => {
    const { folder, outside } = workspaceWith({});
    symlinkSync(path.join(outside, 'allow-all.json'), path.join(folder, 'iam', 'linked.json'));
    symlinkSync(outside, path.join(folder, 'shared'), 'dir');
    writeFileSync(
      path.join(folder, '.ecs-iam.json'),
      JSON.stringify(
        {
          roles: {
            'web-exec': {
              policies: ['../../../etc/passwd', '/etc/hostname', '../outside/allow-all.json', 'iam/linked.json', 'shared/allow-all.json'],
            },
          },
          ignore: ['../outside/**'],
        },
        null,
        2,
      ),
    );
    const { code, findings, stderr } = run(['--format', 'json', '.'], folder, { nodeArgs: RECORDER_NODE_ARGS, env: RECORDER_ENV });
    assert.equal(code, 1);
    const refused = findings.filter((f) => f.ruleId === 'config/invalid');
    assert.deepEqual(
      refused.map((f) => coveredIn(folder, f)),
      ['../../../etc/passwd', '/etc/hostname', '../outside/allow-all.json', 'iam/linked.json', 'shared/allow-all.json', '../outside/**'],
    );
    assert.ok(refused.every((f) => f.severity === 'error' && /absolute path|leads outside|symbolic link/.test(f.message)));
    assert.match(findings.find((f) => f.ruleId === MISSING_PERMISSION)!.message, /ssm:GetParameters/);
    const touched = touchedPaths(stderr);
    assert.ok(
      touched.some((call) => call.path === path.join(folder, 'task-definition.json')),
      'the recorder saw the CLI read',
    );
    assert.deepEqual(
      touched.filter((call) => call.path.startsWith(outside) || call.path.startsWith('/etc/')),
      [],
    );
    const throughLinks = touched.filter(
      (call) => call.path.startsWith(path.join(folder, 'shared')) || call.path === path.join(folder, 'iam', 'linked.json'),
    );
    assert.deepEqual(
      throughLinks.filter((call) => !/^(realpathSync\.native|lstat|lstatSync)$/.test(call.call)),
      [],
      JSON.stringify(throughLinks),
    );
  });
});

describe('ecs-iam-lint: file encodings', () => {
  test('a task definition saved as UTF-16 LE with a BOM (Windows PowerShell 5.1) is checked like its UTF-8 copy', () => {
    const { folder } = workspaceWith({});
    const text = readFileSync(path.join(folder, 'task-definition.json'), 'utf8');
    const utf8 = run(['--format', 'json', '.'], folder).findings;
    writeFileSync(path.join(folder, 'task-definition.json'), Buffer.from('\uFEFF' + text, 'utf16le'));
    const utf16 = run(['--format', 'json', '.'], folder).findings;
    assert.ok(utf8.some((f) => f.ruleId === MISSING_PERMISSION));
    // The BOM shifts the first line by one character; every finding here is on a later line.
    assert.deepEqual(utf16, utf8);
  });

  test('UTF-16 BE and UTF-32 LE policies with a BOM are read for linking', () => {
    const { folder } = workspaceWith({});
    const policy = path.join(folder, 'iam', 'web-exec-policy.json');
    const allowing = readFileSync(policy, 'utf8')
      .replace('"logs:PutLogEvents"]', '"logs:PutLogEvents", "ssm:GetParameters"]')
      .replace(/"Resource": "[^"]*"/, '"Resource": "*"');
    const le = Buffer.from('\uFEFF' + allowing, 'utf16le');
    for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
    writeFileSync(policy, le);
    assert.deepEqual(
      run(['--format', 'json', '.'], folder).findings.filter((f) => f.ruleId === MISSING_PERMISSION || f.ruleId === 'file/skipped'),
      [],
    );
    const points = [...('\uFEFF' + allowing)].map((c) => c.codePointAt(0)!);
    const utf32 = Buffer.alloc(points.length * 4);
    points.forEach((point, i) => utf32.writeUInt32LE(point, i * 4));
    writeFileSync(policy, utf32);
    assert.deepEqual(
      run(['--format', 'json', '.'], folder).findings.filter((f) => f.ruleId === MISSING_PERMISSION || f.ruleId === 'file/skipped'),
      [],
    );
  });

  test('a file that is neither UTF-8 nor BOM-marked: an encoding warning naming UTF-8, not "binary"', () => {
    const { folder } = workspaceWith({});
    writeFileSync(
      path.join(folder, 'latin1.json'),
      Buffer.from(
        '{ "Version": "2012-10-17", "Statement": [{ "Sid": "Café", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }] }',
        'latin1',
      ),
    );
    const text = readFileSync(path.join(folder, 'task-definition.json'), 'utf8');
    writeFileSync(path.join(folder, 'no-bom.json'), Buffer.from(text, 'utf16le'));
    const { code, findings } = run(['--format', 'json', '--fail-on', 'warning', 'latin1.json', 'no-bom.json'], folder);
    assert.equal(code, 1);
    assert.deepEqual(
      findings.map((f) => `${f.file} ${f.ruleId} ${f.severity}`),
      ['latin1.json file/skipped warning', 'no-bom.json file/skipped warning'],
    );
    assert.match(findings[0].message, /not valid UTF-8 \(byte 0xE9 at offset \d+\).*Save it as UTF-8/);
    assert.match(findings[1].message, /looks like UTF-16 LE text without a byte order mark.*Save it as UTF-8/);
    assert.ok(findings.every((f) => !/binary/.test(f.message)));
  });
});
