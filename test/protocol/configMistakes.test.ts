// The mistakes of issue 20 over the protocol: a `.ecs-iam.json` role mapping that points at nothing gets a
// diagnostic on that string with a quick fix, the task definition's error comes back once it is applied,
// and the server's workspace index reads UTF-16 files and names the encoding of the others.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { FIXTURES, isStrictJson } from '../helpers';
import { applyLspEdits, LspTestClient } from './lspClient';

const MISSING_PERMISSION = 'ecs/execution-role-missing-permission';

/** Runs `body` with a server on a copy of test/fixtures/roles/config-mistakes holding `config`. */
async function withWorkspace(
  config: unknown,
  body: (session: { client: LspTestClient; folder: string; uri: (name: string) => string }) => Promise<void>,
  prepare?: (folder: string) => void,
): Promise<void> {
  const folder = mkdtempSync(path.join(tmpdir(), 'ecs-iam-protocol-mistakes-'));
  cpSync(path.join(FIXTURES, 'roles', 'config-mistakes'), folder, { recursive: true });
  writeFileSync(path.join(folder, '.ecs-iam.json'), JSON.stringify(config, null, 2));
  prepare?.(folder);
  const client = new LspTestClient();
  try {
    await client.initialize({ workspaceFolder: folder });
    await body({ client, folder, uri: (name) => pathToFileURL(path.join(folder, name)).toString() });
  } finally {
    await client.shutdown();
  }
}

const configErrors = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === 'config/invalid');
const coveredBy = (text: string, d: Diagnostic) =>
  text.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character);

describe('a .ecs-iam.json role mapping that points at nothing', () => {
  test('a typo: the finding on the string, its quick fix, and the task definition linked by the mapping again', async () => {
    await withWorkspace({ roles: { 'web-exec': { policies: ['iam/web-exec-polcy.json'] } } }, async ({ client, folder, uri }) => {
      const configText = readFileSync(path.join(folder, '.ecs-iam.json'), 'utf8');
      await client.open(uri('.ecs-iam.json'), configText);
      await client.open(uri('task-definition.json'), readFileSync(path.join(folder, 'task-definition.json'), 'utf8'));
      const [error] = configErrors(
        await client.diagnosticsFor(uri('.ecs-iam.json'), (params) => configErrors(params.diagnostics).length === 1),
      );
      assert.equal(coveredBy(configText, error), 'iam/web-exec-polcy.json');
      assert.equal(error.severity, 1);
      assert.match(String(error.message), /Did you mean `iam\/web-exec-policy.json`\?/);
      // Meanwhile the task definition keeps its error, linked by file name, and says why.
      const before = await client.diagnosticsFor(uri('task-definition.json'), (params) =>
        params.diagnostics.some((d) => d.code === MISSING_PERMISSION),
      );
      assert.match(
        String(before.find((d) => d.code === MISSING_PERMISSION)?.message),
        /found by file name because nothing `.ecs-iam.json` maps to the role can be used/,
      );

      const actions = await client.codeActions(uri('.ecs-iam.json'), error.range, [error]);
      const fix = actions.find((action) => action.title === 'Change to `iam/web-exec-policy.json`');
      assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
      assert.equal(fix.isPreferred, true);
      const fixed = applyLspEdits(configText, fix.edit?.changes?.[uri('.ecs-iam.json')] ?? []);
      assert.deepEqual(JSON.parse(fixed), { roles: { 'web-exec': { policies: ['iam/web-exec-policy.json'] } } });
      await client.change(uri('.ecs-iam.json'), fixed);
      await client.diagnosticsFor(uri('.ecs-iam.json'), (params) => configErrors(params.diagnostics).length === 0);
      const after = await client.diagnosticsFor(uri('task-definition.json'), (params) =>
        params.diagnostics.some((d) => d.code === MISSING_PERMISSION && !/found by file name/.test(String(d.message))),
      );
      assert.match(
        String(after.find((d) => d.code === MISSING_PERMISSION)?.message),
        /^The execution role `web-exec` \(`iam\/web-exec-policy.json`\) does not allow `ssm:GetParameters`/,
      );
    });
  });

  test('no file named after the role: no task definition error until the fix, then the error appears', async () => {
    await withWorkspace(
      { roles: { 'web-exec': { policies: ['iam/exec-permisions.json'] } } },
      async ({ client, folder, uri }) => {
        const configText = readFileSync(path.join(folder, '.ecs-iam.json'), 'utf8');
        await client.open(uri('.ecs-iam.json'), configText);
        await client.open(uri('task-definition.json'), readFileSync(path.join(folder, 'task-definition.json'), 'utf8'));
        const [error] = configErrors(
          await client.diagnosticsFor(uri('.ecs-iam.json'), (params) => configErrors(params.diagnostics).length === 1),
        );
        assert.match(
          String(error.message),
          /Did you mean `iam\/exec-permissions.json`\? Until this is fixed, no permission policy is linked to `web-exec`, so the permissions of the task definitions that use it are not checked\./,
        );
        const before = await client.diagnosticsFor(uri('task-definition.json'));
        assert.equal(before.filter((d) => d.code === MISSING_PERMISSION).length, 0);
        const [fix] = await client.codeActions(uri('.ecs-iam.json'), error.range, [error]);
        await client.change(uri('.ecs-iam.json'), applyLspEdits(configText, fix.edit?.changes?.[uri('.ecs-iam.json')] ?? []));
        const after = await client.diagnosticsFor(uri('task-definition.json'), (params) =>
          params.diagnostics.some((d) => d.code === MISSING_PERMISSION),
        );
        assert.match(
          String(after.find((d) => d.code === MISSING_PERMISSION)?.message),
          /\(`iam\/exec-permissions.json`\) does not allow `ssm:GetParameters`/,
        );
      },
      (folder) => renameSync(path.join(folder, 'iam', 'web-exec-policy.json'), path.join(folder, 'iam', 'exec-permissions.json')),
    );
  });

  const cases: Array<{
    name: string;
    role: Record<string, unknown>;
    on: string;
    message: RegExp;
    fixTitle?: string;
    fixed?: Record<string, unknown>;
  }> = [
    {
      name: 'a task definition under policies',
      role: { policies: ['task-definition.json'] },
      on: 'task-definition.json',
      message: /is a task definition, not a permission policy/,
    },
    {
      name: 'a trust policy under policies',
      role: { policies: ['iam/web-exec-trust-policy.json'] },
      on: 'iam/web-exec-trust-policy.json',
      message: /is a trust policy/,
      fixTitle: 'Move `iam/web-exec-trust-policy.json` to `trustPolicy`',
      fixed: { trustPolicy: 'iam/web-exec-trust-policy.json' },
    },
    {
      name: 'a permission policy under trustPolicy',
      role: { trustPolicy: 'iam/web-exec-policy.json' },
      on: 'iam/web-exec-policy.json',
      message: /is a permission policy, not a trust policy/,
      fixTitle: 'Move `iam/web-exec-policy.json` to `policies`',
      fixed: { policies: ['iam/web-exec-policy.json'] },
    },
    {
      name: 'a managed policy name not known offline',
      role: { managedPolicies: ['AmazonEC2ContainerRegistryReadOnlyy'] },
      on: 'AmazonEC2ContainerRegistryReadOnlyy',
      message: /Did you mean `AmazonEC2ContainerRegistryReadOnly`\?/,
      fixTitle: 'Change to `AmazonEC2ContainerRegistryReadOnly`',
      fixed: { managedPolicies: ['AmazonEC2ContainerRegistryReadOnly'] },
    },
  ];
  for (const { name, role, on, message, fixTitle, fixed } of cases) {
    test(`${name}: config/invalid on the string${fixTitle ? ', with its quick fix' : ''}`, async () => {
      await withWorkspace({ roles: { 'web-exec': role } }, async ({ client, folder, uri }) => {
        const configText = readFileSync(path.join(folder, '.ecs-iam.json'), 'utf8');
        await client.open(uri('.ecs-iam.json'), configText);
        const errors = configErrors(
          await client.diagnosticsFor(uri('.ecs-iam.json'), (params) => configErrors(params.diagnostics).length > 0),
        );
        assert.equal(errors.length, 1, JSON.stringify(errors));
        assert.equal(coveredBy(configText, errors[0]), on);
        assert.match(String(errors[0].message), message);
        const actions = await client.codeActions(uri('.ecs-iam.json'), errors[0].range, errors);
        if (!fixTitle) {
          assert.deepEqual(
            actions.filter((a) => a.kind === 'quickfix' && /^(Change|Move)/.test(a.title)),
            [],
          );
          return;
        }
        const fix = actions.find((action) => action.title === fixTitle);
        assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
        const after = applyLspEdits(configText, fix.edit?.changes?.[uri('.ecs-iam.json')] ?? []);
        assert.ok(isStrictJson(after));
        assert.deepEqual(JSON.parse(after), { roles: { 'web-exec': fixed } });
        await client.change(uri('.ecs-iam.json'), after);
        await client.diagnosticsFor(uri('.ecs-iam.json'), (params) => configErrors(params.diagnostics).length === 0);
      });
    });
  }

  test('a mapped file created after the fact: the finding goes away when the index learns of it', async () => {
    await withWorkspace(
      { roles: { 'web-exec': { policies: ['iam/web-exec-policy.json', 'iam/later.json'] } } },
      async ({ client, folder, uri }) => {
        await client.open(uri('.ecs-iam.json'), readFileSync(path.join(folder, '.ecs-iam.json'), 'utf8'));
        const [error] = configErrors(
          await client.diagnosticsFor(uri('.ecs-iam.json'), (params) => configErrors(params.diagnostics).length === 1),
        );
        assert.match(
          String(error.message),
          /`iam\/later.json` does not exist\. Until this is fixed, only `iam\/web-exec-policy.json` counts for `web-exec`/,
        );
        await client.open(uri('iam/later.json'), readFileSync(path.join(folder, 'iam', 'web-exec-policy.json'), 'utf8'));
        await client.diagnosticsFor(uri('.ecs-iam.json'), (params) => configErrors(params.diagnostics).length === 0);
      },
    );
  });
});

describe('encodings in the server workspace index', () => {
  test('a UTF-16 LE policy on disk is linked; a Windows-1252 one mapped in .ecs-iam.json is named as an encoding problem', async () => {
    await withWorkspace(
      { roles: { 'web-exec': { policies: ['iam/web-exec-policy.json', 'iam/legacy.json'] } } },
      async ({ client, folder, uri }) => {
        await client.open(uri('.ecs-iam.json'), readFileSync(path.join(folder, '.ecs-iam.json'), 'utf8'));
        await client.open(uri('task-definition.json'), readFileSync(path.join(folder, 'task-definition.json'), 'utf8'));
        const [error] = configErrors(
          await client.diagnosticsFor(uri('.ecs-iam.json'), (params) => configErrors(params.diagnostics).length === 1),
        );
        assert.match(String(error.message), /`iam\/legacy.json` cannot be used: it is not in a readable encoding \(save it as UTF-8\)/);
        // The task definition is checked against the UTF-16 policy (read from disk), and names the one that is not counted.
        const diagnostics = await client.diagnosticsFor(uri('task-definition.json'), (params) =>
          params.diagnostics.some((d) => d.code === MISSING_PERMISSION),
        );
        assert.match(
          String(diagnostics.find((d) => d.code === MISSING_PERMISSION)?.message),
          /^The execution role `web-exec` \(`iam\/web-exec-policy.json`; not counted from `.ecs-iam.json`: `iam\/legacy.json`, see the errors there\) does not allow `ssm:GetParameters`/,
        );
      },
      (folder) => {
        const policy = path.join(folder, 'iam', 'web-exec-policy.json');
        const text = readFileSync(policy, 'utf8');
        writeFileSync(policy, Buffer.from('\uFEFF' + text, 'utf16le'));
        writeFileSync(
          path.join(folder, 'iam', 'legacy.json'),
          Buffer.from(text.replace('"Logs"', '"Légacy"').replace('logs:PutLogEvents', 'ssm:GetParameters'), 'latin1'),
        );
      },
    );
  });
});
