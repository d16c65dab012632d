// Mistakes in `.ecs-iam.json` that used to make the linter quietly do less (issue 20): role mappings that
// point at nothing, paths outside the configuration's folder, and files in other encodings. Through the
// real analysis and a real WorkspaceIndex over copies of test/fixtures/roles/config-mistakes.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ALL_RULE_IDS, analyzeDocument } from '../../server/src/analyzer';
import { outsideReason, parseConfig } from '../../server/src/core/config';
import { parseDocument, undecodableDocument } from '../../server/src/core/document';
import { decodeFile } from '../../server/src/core/encoding';
import { prepareDocument } from '../../server/src/core/prepare';
import type { Finding } from '../../server/src/core/types';
import { WorkspaceIndex } from '../../server/src/workspace';
import { ConfigLoader } from '../../server/src/workspace/configLoader';
import { applyEdits, FIXTURES, isStrictJson } from '../helpers';

const MISSING_PERMISSION = 'ecs/execution-role-missing-permission';

/** A copy of the fixture workspace (inside `<tmp>/workspace`, with `<tmp>/outside` next to it) and its config. */
function workspaceWith(config: unknown): { folder: string; outside: string } {
  const base = mkdtempSync(path.join(tmpdir(), 'ecs-iam-config-mistakes-'));
  const folder = path.join(base, 'workspace');
  const outside = path.join(base, 'outside');
  cpSync(path.join(FIXTURES, 'roles', 'config-mistakes'), folder, { recursive: true });
  mkdirSync(outside);
  // Outside: a policy that allows everything. Were it ever read, the missing-permission error would vanish.
  writeFileSync(
    path.join(outside, 'allow-all.json'),
    JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
  );
  writeFileSync(path.join(folder, '.ecs-iam.json'), typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  return { folder, outside };
}

async function indexOf(folder: string): Promise<WorkspaceIndex> {
  const index = new WorkspaceIndex({ roots: [folder], configs: new ConfigLoader(undefined, () => [folder]), maxFileSize: 5 * 1024 * 1024 });
  await index.build();
  return index;
}

async function findingsIn(index: WorkspaceIndex, file: string): Promise<Finding[]> {
  const document = index.get(file)?.document ?? parseDocument(readFileSync(file, 'utf8'), { fileName: path.basename(file) });
  await prepareDocument(document);
  return analyzeDocument(document, {}, { filePath: file, workspace: index });
}

async function configFindings(folder: string): Promise<{ text: string; findings: Finding[]; index: WorkspaceIndex }> {
  const index = await indexOf(folder);
  const file = path.join(folder, '.ecs-iam.json');
  const findings = (await findingsIn(index, file)).filter((finding) => finding.ruleId === 'config/invalid');
  return { text: readFileSync(file, 'utf8'), findings, index };
}

const covered = (text: string, finding: Finding) => text.slice(finding.span.offset, finding.span.offset + finding.span.length);

describe('role mappings that point at nothing', () => {
  const cases: Array<{
    name: string;
    role: Record<string, unknown>;
    /** The string the finding sits on, and what its message says. */
    on: string;
    message: RegExp;
    severity?: string;
    /** The config text after the quick fix, as the role's mapping (undefined: no fix). */
    fixed?: Record<string, unknown>;
  }> = [
    {
      name: 'a typo in a policy path: did-you-mean from the workspace policy files',
      role: { policies: ['iam/web-exec-polcy.json'] },
      on: 'iam/web-exec-polcy.json',
      message:
        /`iam\/web-exec-polcy.json` does not exist\. Did you mean `iam\/web-exec-policy.json`\? Until this is fixed, `web-exec` is linked by file name instead \(`iam\/web-exec-policy.json`\)/,
      fixed: { policies: ['iam/web-exec-policy.json'] },
    },
    {
      name: 'the right file name in the wrong folder',
      role: { policies: ['policies/web-exec-policy.json'] },
      on: 'policies/web-exec-policy.json',
      message: /does not exist\. Did you mean `iam\/web-exec-policy.json`\?/,
      fixed: { policies: ['iam/web-exec-policy.json'] },
    },
    {
      name: 'a task definition under policies',
      role: { policies: ['task-definition.json'] },
      on: 'task-definition.json',
      message: /`task-definition.json` is a task definition, not a permission policy\./,
    },
    {
      name: 'a trust policy under policies: moved to trustPolicy',
      role: { policies: ['iam/web-exec-policy.json', 'iam/web-exec-trust-policy.json'] },
      on: 'iam/web-exec-trust-policy.json',
      message:
        /is a trust policy \(it says who may assume the role\), not a permission policy; a role's trust policy goes under `trustPolicy`\. Until this is fixed, only `iam\/web-exec-policy.json` counts for `web-exec`/,
      fixed: { policies: ['iam/web-exec-policy.json'], trustPolicy: 'iam/web-exec-trust-policy.json' },
    },
    {
      name: 'a permission policy under trustPolicy: moved to policies',
      role: { trustPolicy: 'iam/web-exec-policy.json' },
      on: 'iam/web-exec-policy.json',
      message:
        /is a permission policy, not a trust policy; permission policies go under `policies`\. Until this is fixed, the trust policy of `web-exec` is not checked\./,
      fixed: { policies: ['iam/web-exec-policy.json'] },
    },
    {
      name: 'a typo in a trust policy path: did-you-mean from the trust policies only',
      role: { policies: ['iam/web-exec-policy.json'], trustPolicy: 'iam/web-exec-trust.json' },
      on: 'iam/web-exec-trust.json',
      message: /does not exist\. Did you mean `iam\/web-exec-trust-policy.json`\?/,
      fixed: { policies: ['iam/web-exec-policy.json'], trustPolicy: 'iam/web-exec-trust-policy.json' },
    },
    {
      name: 'a managed policy name with a typo: did-you-mean from the managed policy names',
      role: { policies: ['iam/web-exec-policy.json'], managedPolicies: ['AmazonECSTaskExecutionRolPolicy'] },
      on: 'AmazonECSTaskExecutionRolPolicy',
      message:
        /`AmazonECSTaskExecutionRolPolicy` is not an AWS managed policy ECS & IAM Tools knows\. Did you mean `AmazonECSTaskExecutionRolePolicy`\?/,
      fixed: { policies: ['iam/web-exec-policy.json'], managedPolicies: ['AmazonECSTaskExecutionRolePolicy'] },
    },
    {
      name: 'a managed policy ARN with a typo keeps its ARN form',
      role: { managedPolicies: ['arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolcy'] },
      on: 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolcy',
      message: /Did you mean `AmazonECSTaskExecutionRolePolicy`\?/,
      fixed: { managedPolicies: ['arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'] },
    },
    {
      name: 'a managed policy name not known offline and close to none: a warning',
      role: { policies: ['iam/web-exec-policy.json'], managedPolicies: ['MyTeamSharedReadAccess'] },
      on: 'MyTeamSharedReadAccess',
      severity: 'warning',
      message: /is not among the \d+ AWS managed policies ECS & IAM Tools knows offline, so its permissions are not counted/,
    },
    {
      name: 'a customer managed policy ARN: a warning that its document is not available offline',
      role: { policies: ['iam/web-exec-policy.json'], managedPolicies: ['arn:aws:iam::210987654321:policy/web-extra'] },
      on: 'arn:aws:iam::210987654321:policy/web-extra',
      severity: 'warning',
      message: /a customer managed policy's document is not available offline/,
    },
  ];
  for (const { name, role, on, message, severity = 'error', fixed } of cases) {
    test(name, async () => {
      const { folder } = workspaceWith({ roles: { 'web-exec': role } });
      const { text, findings } = await configFindings(folder);
      assert.equal(findings.length, 1, JSON.stringify(findings.map((f) => f.message)));
      const [finding] = findings;
      assert.equal(covered(text, finding), on);
      assert.equal(finding.severity, severity);
      assert.match(finding.message, message);
      if (!fixed) {
        assert.equal(finding.fixes.length, 0);
        return;
      }
      assert.equal(finding.fixes.length, 1);
      const after = applyEdits(text, finding.fixes[0].edits);
      assert.ok(isStrictJson(after), after);
      assert.deepEqual(JSON.parse(after), { roles: { 'web-exec': fixed } });
      // Once fixed, the configuration has nothing more to say.
      writeFileSync(path.join(folder, '.ecs-iam.json'), after);
      assert.deepEqual(
        (await configFindings(folder)).findings.map((f) => f.message),
        [],
      );
    });
  }

  test('the typo: the task definition keeps its missing-permission error, linked by file name, and says why', async () => {
    const { folder } = workspaceWith({ roles: { 'web-exec': { policies: ['iam/web-exec-polcy.json'] } } });
    const index = await indexOf(folder);
    const errors = (await findingsIn(index, path.join(folder, 'task-definition.json'))).filter((f) => f.ruleId === MISSING_PERMISSION);
    assert.equal(errors.length, 1);
    assert.match(
      errors[0].message,
      /^The execution role `web-exec` \(`iam\/web-exec-policy.json`, found by file name because nothing `.ecs-iam.json` maps to the role can be used: `iam\/web-exec-polcy.json`; see the errors there\) does not allow `ssm:GetParameters`/,
    );
    assert.equal(errors[0].fixes.length, 1, 'the fix still adds the statement to the file found by name');
  });

  test('a typo and no file named after the role: the config error says the role is not checked until it is fixed', async () => {
    const { folder } = workspaceWith({ roles: { 'web-exec': { policies: ['iam/exec-permisions.json'] } } });
    renameSync(path.join(folder, 'iam', 'web-exec-policy.json'), path.join(folder, 'iam', 'exec-permissions.json'));
    const { findings, index } = await configFindings(folder);
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /Did you mean `iam\/exec-permissions.json`\?/);
    assert.match(
      findings[0].message,
      /Until this is fixed, no permission policy is linked to `web-exec`, so the permissions of the task definitions that use it are not checked\./,
    );
    assert.deepEqual(
      (await findingsIn(index, path.join(folder, 'task-definition.json'))).filter((f) => f.ruleId === MISSING_PERMISSION),
      [],
    );
  });

  test('one good and one wrong entry: the good one counts, and the task definition finding names the other', async () => {
    const { folder } = workspaceWith({ roles: { 'web-exec': { policies: ['iam/web-exec-policy.json', 'iam/extra.json'] } } });
    const index = await indexOf(folder);
    const [error] = (await findingsIn(index, path.join(folder, 'task-definition.json'))).filter((f) => f.ruleId === MISSING_PERMISSION);
    assert.match(
      error.message,
      /\(`iam\/web-exec-policy.json`; not counted from `.ecs-iam.json`: `iam\/extra.json`, see the errors there\)/,
    );
  });

  test('a file that exists but is not JSON of an analysed kind says why it cannot be used', async () => {
    const { folder } = workspaceWith({ roles: { 'web-exec': { policies: ['iam/web-exec-policy.json', 'iam/notes.json'] } } });
    writeFileSync(path.join(folder, 'iam', 'notes.json'), '{ "owner": "team-web" }');
    const { findings } = await configFindings(folder);
    assert.equal(findings.length, 1);
    assert.match(
      findings[0].message,
      /`iam\/notes.json` cannot be used: it is neither a policy nor a task definition, service or template\./,
    );
  });

  test('a correct mapping: nothing to report', async () => {
    const { folder } = workspaceWith({
      roles: {
        'web-exec': {
          policies: ['iam/web-exec-policy.json'],
          managedPolicies: ['AmazonECSTaskExecutionRolePolicy'],
          trustPolicy: 'iam/web-exec-trust-policy.json',
        },
      },
    });
    assert.deepEqual((await configFindings(folder)).findings, []);
  });
});

describe('paths outside the folder that holds .ecs-iam.json', () => {
  test('outsideReason judges the text: absolute paths and .. that climbs out, with either slash', () => {
    const cases: Array<[string, boolean]> = [
      ['iam/web.json', false],
      ['./iam/web.json', false],
      ['iam/../iam/web.json', false],
      ['../etc/passwd', true],
      ['../../../etc/passwd', true],
      ['iam/../../x.json', true],
      ['..\\x.json', true],
      ['/etc/hostname', true],
      ['C:\\Windows\\win.ini', true],
      ['\\\\server\\share\\p.json', true],
      ['build/**', false],
      ['../**', true],
    ];
    for (const [input, outside] of cases) assert.equal(outsideReason(input) !== undefined, outside, input);
  });

  test('mapped paths and ignore globs that lead outside are errors and are left out of the configuration', () => {
    const text = JSON.stringify(
      {
        roles: { web: { policies: ['../../../etc/passwd', '/etc/hostname', 'iam/ok.json'], trustPolicy: '../trust.json' } },
        ignore: ['../**', 'build/**'],
      },
      null,
      2,
    );
    const { config, problems } = parseConfig(text, ALL_RULE_IDS);
    assert.deepEqual(config.roles.web.policies, ['iam/ok.json']);
    assert.equal(config.roles.web.trustPolicy, undefined);
    assert.deepEqual(config.roles.web.refused, ['../../../etc/passwd', '/etc/hostname', '../trust.json']);
    assert.deepEqual(config.ignore, ['build/**']);
    assert.deepEqual(
      problems.map((p) => text.slice(p.span.offset, p.span.offset + p.span.length)),
      ['../../../etc/passwd', '/etc/hostname', '../trust.json', '../**'],
    );
    assert.ok(problems.slice(0, 3).every((p) => /so this file was not read and counts for nothing/.test(p.message)));
    assert.match(problems[3].message, /could never match; it is left out/);
  });

  test('.., absolute paths, a symbolic link and a linked folder leading outside: refused, never used, the task definition error stays', async () => {
    const { folder, outside } = workspaceWith({});
    const absolute = path.join(outside, 'allow-all.json');
    writeFileSync(
      path.join(folder, '.ecs-iam.json'),
      JSON.stringify(
        { roles: { 'web-exec': { policies: ['../outside/allow-all.json', absolute, 'iam/linked.json', 'shared/allow-all.json'] } } },
        null,
        2,
      ),
    );
    symlinkSync(path.join(outside, 'allow-all.json'), path.join(folder, 'iam', 'linked.json'));
    symlinkSync(outside, path.join(folder, 'shared'), 'dir');
    const { text, findings, index } = await configFindings(folder);
    assert.deepEqual(
      findings.map((f) => covered(text, f)),
      ['../outside/allow-all.json', absolute, 'iam/linked.json', 'shared/allow-all.json'],
    );
    assert.match(
      findings[0].message,
      /leads outside the folder that holds this `.ecs-iam.json` \(through `..`\)\. Configured paths are relative to the folder that holds this `.ecs-iam.json` and must stay inside it, so this file was not read/,
    );
    assert.match(findings[1].message, /is an absolute path\./);
    assert.match(findings[2].message, /`iam\/linked.json` resolves through a symbolic link to `.*allow-all.json`, outside the folder/);
    assert.match(findings[3].message, /`shared\/allow-all.json` resolves through a symbolic link/);
    assert.equal(index.get(path.join(folder, 'iam', 'linked.json')), undefined, 'the walk does not follow links');
    // The allow-all policy outside would grant ssm:GetParameters: the error proves it counted for nothing.
    const errors = (await findingsIn(index, path.join(folder, 'task-definition.json'))).filter((f) => f.ruleId === MISSING_PERMISSION);
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /found by file name/);
  });

  test('a symbolic link that stays inside the folder is followed', async () => {
    const { folder } = workspaceWith({ roles: { 'web-exec': { policies: ['iam/alias.json'] } } });
    symlinkSync(path.join(folder, 'iam', 'web-exec-policy.json'), path.join(folder, 'iam', 'alias.json'));
    const { findings, index } = await configFindings(folder);
    assert.deepEqual(findings, []);
    const [error] = (await findingsIn(index, path.join(folder, 'task-definition.json'))).filter((f) => f.ruleId === MISSING_PERMISSION);
    assert.match(error.message, /^The execution role `web-exec` \(`iam\/web-exec-policy.json`\) does not allow/);
  });
});

describe('file encodings', () => {
  const json =
    '{ "Version": "2012-10-17", "Statement": [{ "Sid": "Café", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/😀" }] }';
  const utf16be = (text: string) => {
    const le = Buffer.from(text, 'utf16le');
    for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
    return le;
  };
  const utf32 = (text: string, littleEndian: boolean) => {
    const points = [...text].map((c) => c.codePointAt(0)!);
    const buffer = Buffer.alloc(points.length * 4);
    points.forEach((point, i) => (littleEndian ? buffer.writeUInt32LE(point, i * 4) : buffer.writeUInt32BE(point, i * 4)));
    return buffer;
  };
  const decoded: Array<[string, Buffer, string]> = [
    ['UTF-8', Buffer.from(json, 'utf8'), 'UTF-8'],
    ['UTF-8 with a BOM', Buffer.from('\uFEFF' + json, 'utf8'), 'UTF-8'],
    ['UTF-16 LE with a BOM (Windows PowerShell 5.1 `>`)', Buffer.from('\uFEFF' + json, 'utf16le'), 'UTF-16 LE'],
    ['UTF-16 BE with a BOM', utf16be('\uFEFF' + json), 'UTF-16 BE'],
    ['UTF-32 LE with a BOM', utf32('\uFEFF' + json, true), 'UTF-32 LE'],
    ['UTF-32 BE with a BOM', utf32('\uFEFF' + json, false), 'UTF-32 BE'],
  ];
  for (const [name, bytes, encoding] of decoded) {
    test(`${name} is decoded to the same text`, () => {
      const result = decodeFile(bytes);
      assert.ok('text' in result, JSON.stringify(result));
      assert.equal(result.encoding, encoding);
      assert.equal(result.text.replace(/^\uFEFF/, ''), json);
      assert.equal(parseDocument(result.text).kind, 'iam-identity-policy');
    });
  }

  const refused: Array<[string, Buffer, RegExp]> = [
    ['UTF-16 LE without a BOM', Buffer.from(json, 'utf16le'), /looks like UTF-16 LE text without a byte order mark/],
    ['UTF-16 BE without a BOM', utf16be(json), /looks like UTF-16 BE text without a byte order mark/],
    [
      'Windows-1252 (é as 0xE9)',
      Buffer.from(json.replace('😀', ''), 'latin1'),
      /not valid UTF-8 \(byte 0xE9 at offset \d+\) and has no byte order mark; it is probably in a legacy encoding such as Windows-1252/,
    ],
    [
      'a UTF-16 LE BOM and an odd number of bytes',
      Buffer.concat([Buffer.from('\uFEFF{}', 'utf16le'), Buffer.from([0x41])]),
      /odd number of bytes/,
    ],
    [
      'a UTF-16 LE BOM and an unpaired surrogate',
      Buffer.concat([Buffer.from('\uFEFF{"a":"', 'utf16le'), Buffer.from([0x00, 0xd8]), Buffer.from('"}', 'utf16le')]),
      /unpaired surrogate/,
    ],
  ];
  for (const [name, bytes, message] of refused) {
    test(`${name}: an encoding problem that says to save it as UTF-8, not "binary"`, async () => {
      const result = decodeFile(bytes);
      assert.ok('problem' in result);
      assert.match(result.problem, message);
      assert.match(result.problem, /Save it as UTF-8/);
      const document = undecodableDocument(result.problem);
      await prepareDocument(document);
      const findings = analyzeDocument(document, {});
      assert.deepEqual(
        findings.map((f) => `${f.ruleId} ${f.severity}`),
        ['file/skipped warning'],
      );
      assert.doesNotMatch(findings[0].message, /binary/);
    });
  }

  test('the workspace index reads a UTF-16 LE policy: the task definition links to it by file name', async () => {
    const { folder } = workspaceWith({});
    const policy = path.join(folder, 'iam', 'web-exec-policy.json');
    const allowSsm = readFileSync(policy, 'utf8')
      .replace('"logs:CreateLogStream", "logs:PutLogEvents"', '"logs:CreateLogStream", "logs:PutLogEvents", "ssm:GetParameters"')
      .replace('"Resource": "arn:aws:logs:eu-west-1:210987654321:log-group:/ecs/web:*"', '"Resource": "*"');
    writeFileSync(policy, Buffer.from('\uFEFF' + allowSsm, 'utf16le'));
    const index = await indexOf(folder);
    assert.equal(index.get(policy)?.document.kind, 'iam-identity-policy');
    assert.deepEqual(
      (await findingsIn(index, path.join(folder, 'task-definition.json'))).filter((f) => f.ruleId === MISSING_PERMISSION),
      [],
    );
  });
});
