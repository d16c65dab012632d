// The explain command over the protocol: the real server, a real client, the workspace indexed from disk.
// The answer names the task definition and the linked policy, and its fix is a workspace edit that, once
// applied in the editor, clears the diagnostic the error corresponds to.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ExecuteCommandRequest, type Diagnostic, type InitializeResult, type WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { FIXTURES, isStrictJson } from '../helpers';
import { applyLspEdits, LspTestClient } from './lspClient';

const SECRET = 'arn:aws:secretsmanager:eu-west-1:210987654321:secret:orders/db-password-AbCdEf';
const ERROR = `ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret ${SECRET} from secrets manager: AccessDeniedException: User: arn:aws:sts::210987654321:assumed-role/ecsTaskExecutionRole/8f1c2b3a is not authorized to perform: secretsmanager:GetSecretValue on resource: ${SECRET} because no identity-based policy allows the secretsmanager:GetSecretValue action`;

interface Answer {
  title: string;
  family: string;
  iam: boolean;
  markdown: string;
  fixes: Array<{ title: string; edit: WorkspaceEdit }>;
}

describe('ecsIam.server.explainError', () => {
  let client: LspTestClient;
  let workspace: string;
  let initialized: InitializeResult;
  const file = (name: string) => path.join(workspace, name);
  const uri = (name: string) => pathToFileURL(file(name)).toString();
  const explain = (args: unknown) =>
    client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: 'ecsIam.server.explainError',
      arguments: [args],
    }) as Promise<Answer | null>;

  before(async () => {
    workspace = mkdtempSync(path.join(tmpdir(), 'ecs-iam-explain-protocol-'));
    cpSync(path.join(FIXTURES, 'roles', 'convention'), workspace, { recursive: true });
    client = new LspTestClient();
    initialized = await client.initialize({ workspaceFolder: workspace });
  });

  after(async () => {
    await client.shutdown();
  });

  test('the server advertises the command; a text it does not know is answered as such', async () => {
    assert.ok(initialized.capabilities.executeCommandProvider?.commands.includes('ecsIam.server.explainError'));
    const answer = await explain({ text: 'Essential container in task exited' });
    assert.equal(answer?.family, 'unknown');
  });

  test('the answer names the role, the task definition, the field and the policy; its fix, applied, clears the diagnostic', async () => {
    const answer = await explain({ text: ERROR });
    assert.ok(answer);
    assert.equal(answer.family, 'secrets-manager-access-denied');
    assert.equal(answer.iam, true);
    assert.match(answer.markdown, /^## The execution role may not read a Secrets Manager secret/);
    assert.match(answer.markdown, /\*\*Field:\*\* `containerDefinitions\[0\]\.secrets\[0\]\.valueFrom`/);
    assert.match(answer.markdown, /`task-definition\.json` line 16/);
    assert.match(answer.markdown, /The task role `orders-api-task` .* \*\*does\*\* allow it/);
    assert.deepEqual(
      answer.fixes.map((fix) => fix.title),
      ['Allow secretsmanager:GetSecretValue in ecsTaskExecutionRole.json'],
    );
    const edits = answer.fixes[0].edit.changes?.[uri('ecsTaskExecutionRole.json')];
    assert.ok(edits?.length);

    // The same fix as the quick fix on the diagnostic: apply it in the editor, the diagnostic goes.
    const missing = (diagnostics: Diagnostic[]) =>
      diagnostics.filter(
        (d) => d.code === 'ecs/execution-role-missing-permission' && String(d.message).includes('secretsmanager:GetSecretValue'),
      );
    await client.open(uri('task-definition.json'), readFileSync(file('task-definition.json'), 'utf8'));
    await client.diagnosticsFor(uri('task-definition.json'), (params) => missing(params.diagnostics).length === 1);
    const policy = applyLspEdits(readFileSync(file('ecsTaskExecutionRole.json'), 'utf8'), edits);
    assert.ok(isStrictJson(policy));
    await client.open(uri('ecsTaskExecutionRole.json'), readFileSync(file('ecsTaskExecutionRole.json'), 'utf8'));
    await client.change(uri('ecsTaskExecutionRole.json'), policy);
    await client.diagnosticsFor(uri('task-definition.json'), (params) => missing(params.diagnostics).length === 0);

    // Asked again, the answer sees the open (edited) policy: allowed, no fix, the suspects outside the workspace.
    const again = await explain(ERROR);
    assert.equal(again?.fixes.length, 0);
    assert.match(again?.markdown ?? '', /allowed.*statement `ReadSecretsManagerSecretSecretDbPasswordContainerApi`/);
    assert.match(again?.markdown ?? '', /Where else to look, in order/);
  });

  test('a network time-out: not an IAM problem, no fix', async () => {
    const answer = await explain({
      text: 'ResourceInitializationError: unable to pull secrets or registry auth: pull command failed: : signal: killed',
    });
    assert.equal(answer?.iam, false);
    assert.match(answer?.markdown ?? '', /Not an IAM problem/);
    assert.deepEqual(answer?.fixes, []);
  });

  test('no text: null, and the server stays up', async () => {
    assert.equal(await explain({ text: '   ' }), null);
    assert.equal(await explain(undefined), null);
    assert.equal((await explain({ text: 'x'.repeat(200_000) }))?.family, 'unknown');
  });
});
