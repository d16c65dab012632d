// `ecs-iam-lint explain`: the bundled CLI, run on workspace fixtures where it finds the task definition,
// the field, the linked policy and the fix; the fix applied makes the diagnostic go away.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { Explanation, ExplainEdit } from '../../server/src/explain/explain';
import { FIXTURES, REPO_ROOT } from '../helpers';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

function run(args: string[], cwd: string, input?: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function explain(text: string, cwd: string): Explanation {
  const { code, stdout, stderr } = run(['explain', '--format', 'json', text], cwd);
  assert.equal(code, 0, stderr);
  return JSON.parse(stdout) as Explanation;
}

function copyOf(fixture: string): string {
  const target = mkdtempSync(path.join(tmpdir(), 'ecs-iam-explain-'));
  cpSync(path.join(FIXTURES, fixture), target, { recursive: true });
  return target;
}

/** Applies edits as an editor would (all against the original text of each file). */
function applyEdits(edits: readonly ExplainEdit[]): void {
  const byFile = new Map<string, ExplainEdit[]>();
  for (const edit of edits) byFile.set(edit.path, [...(byFile.get(edit.path) ?? []), edit]);
  for (const [file, fileEdits] of byFile) {
    let text = readFileSync(file, 'utf8');
    const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((match) => match.index! + 1)];
    const offset = (position: { line: number; character: number }) => lineStarts[position.line] + position.character;
    for (const edit of [...fileEdits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
      text = text.slice(0, offset(edit.range.start)) + edit.newText + text.slice(offset(edit.range.end));
    }
    writeFileSync(file, text);
  }
}

const EXEC = (role: string) => `arn:aws:sts::111122223333:assumed-role/${role}/8f1c2b3a4d5e`;
const SECRET = 'arn:aws:secretsmanager:eu-west-1:210987654321:secret:orders/db-password-AbCdEf';
const SECRET_DENIED = `ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret ${SECRET} from secrets manager: AccessDeniedException: User: arn:aws:sts::210987654321:assumed-role/ecsTaskExecutionRole/8f1c2b3a is not authorized to perform: secretsmanager:GetSecretValue on resource: ${SECRET} because no identity-based policy allows the secretsmanager:GetSecretValue action`;

describe('ecs-iam-lint explain', () => {
  test('the secret the task role holds but the execution role lacks: task definition, field, both roles, the fix; applied, the diagnostic is gone', () => {
    const workspace = copyOf(path.join('roles', 'convention'));
    const before = run(['--format', 'json', '.'], workspace);
    const missing = (stdout: string) =>
      (JSON.parse(stdout) as Array<{ file: string; ruleId: string; message: string }>).filter(
        (finding) =>
          finding.ruleId === 'ecs/execution-role-missing-permission' && finding.message.includes('secretsmanager:GetSecretValue'),
      );
    assert.equal(missing(before.stdout).length, 1);

    const explanation = explain(SECRET_DENIED, workspace);
    assert.equal(explanation.family, 'secrets-manager-access-denied');
    assert.equal(explanation.role, 'execution');
    assert.match(explanation.why ?? '', /before the container starts/);
    assert.equal(explanation.matches.length, 1);
    const [match] = explanation.matches;
    assert.equal(match.label, 'task-definition.json');
    assert.equal(match.taskFamily, 'orders-api');
    assert.equal(match.field, 'containerDefinitions[0].secrets[0].valueFrom');
    assert.equal(match.range.start.line, 15);
    assert.equal(match.matchedBy, 'resource');
    assert.equal(match.roleName, 'ecsTaskExecutionRole');
    assert.deepEqual(match.linked, ['ecsTaskExecutionRole.json']);
    assert.deepEqual(
      match.verdicts.map((verdict) => `${verdict.action} ${verdict.decision}`),
      ['secretsmanager:GetSecretValue not-allowed'],
    );
    // Why this role and not the other: the task role holds the grant, where ECS does not look.
    assert.deepEqual(match.otherRole, {
      field: 'taskRoleArn',
      roleName: 'orders-api-task',
      linked: ['orders-api-task.json'],
      allows: true,
    });
    assert.match(match.diagnostic ?? '', /does not allow `secretsmanager:GetSecretValue`/);
    assert.equal(match.fixes.length, 1);
    assert.equal(match.fixes[0].title, 'Allow secretsmanager:GetSecretValue in ecsTaskExecutionRole.json');
    assert.deepEqual(
      match.fixes[0].edits.map((edit) => path.basename(edit.path)),
      ['ecsTaskExecutionRole.json'],
    );
    assert.deepEqual(explanation.suspects, [], 'the workspace settles it');

    applyEdits(match.fixes[0].edits);
    assert.equal(missing(run(['--format', 'json', '.'], workspace).stdout).length, 0, 'the quick fix and the explain fix are the same');
    // Once the workspace allows it, what is left are the places the workspace cannot see.
    const after = explain(SECRET_DENIED, workspace);
    assert.equal(after.matches[0].verdicts[0].decision, 'allowed');
    assert.equal(after.matches[0].fixes.length, 0);
    assert.match(after.verdict, /allow it/);
    assert.match(after.suspects[0], /service control policy/);
    assert.match(after.suspects[1], /permissions boundary/);
    assert.match(after.suspects[2], /resource policy on the secret/);
  });

  test('awslogs-create-group without logs:CreateLogGroup: the logDriver field and the statement to add', () => {
    const workspace = copyOf('explain');
    const explanation = explain(
      `ResourceInitializationError: failed to validate logger args: create log group has been retried 1 times: failed to create Cloudwatch log group: AccessDeniedException: User: ${EXEC('web-execution')} is not authorized to perform: logs:CreateLogGroup on resource: arn:aws:logs:us-east-1:111122223333:log-group:/ecs/web:log-stream: because no identity-based policy allows the logs:CreateLogGroup action`,
      workspace,
    );
    assert.equal(explanation.family, 'awslogs-create-group-denied');
    const [match] = explanation.matches;
    assert.equal(match.field, 'containerDefinitions[0].logConfiguration.logDriver');
    assert.deepEqual(
      match.verdicts.filter((verdict) => verdict.decision !== 'allowed').map((verdict) => verdict.action),
      ['logs:CreateLogGroup'],
    );
    assert.deepEqual(match.verdicts.find((verdict) => verdict.action === 'logs:CreateLogStream')?.allowedBy, [
      'statement `WriteWebLogs` in `web-execution.json`',
    ]);
    assert.match(match.fixes[0].edits[0].newText, /"Action": "logs:CreateLogGroup"/);
  });

  test('the same Secrets Manager denial on registry credentials is recognised as such from the task definition', () => {
    const secret = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:ghcr-pull-Xy12Ab';
    const explanation = explain(
      `ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret ${secret} from secrets manager: AccessDeniedException: User: ${EXEC('web-execution')} is not authorized to perform: secretsmanager:GetSecretValue on resource: ${secret} because no identity-based policy allows the secretsmanager:GetSecretValue action`,
      copyOf('explain'),
    );
    assert.equal(explanation.family, 'private-registry-credentials');
    assert.equal(explanation.matches[0].field, 'containerDefinitions[1].repositoryCredentials.credentialsParameter');
    assert.equal(explanation.matches[0].fixes[0].title, 'Allow secretsmanager:GetSecretValue in web-execution.json');
  });

  test('an environment file from S3: the object and its bucket', () => {
    const explanation = explain(
      `ResourceInitializationError: failed to download env files: file download command: non empty error stream: AccessDenied: User: ${EXEC('web-execution')} is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::acme-config/web/app.env" because no identity-based policy allows the s3:GetObject action`,
      copyOf('explain'),
    );
    const [match] = explanation.matches;
    assert.equal(match.field, 'containerDefinitions[0].environmentFiles[0].value');
    assert.deepEqual(
      match.verdicts.map((verdict) => `${verdict.action} ${verdict.resource} ${verdict.decision}`),
      ['s3:GetObject arn:aws:s3:::acme-config/web/app.env not-allowed', 's3:GetBucketLocation arn:aws:s3:::acme-config not-allowed'],
    );
    assert.equal(match.fixes.length, 1);
  });

  test('an ECR pull the workspace allows: no fix, the remaining suspects in order', () => {
    const explanation = explain(
      `CannotPullContainerError: Error response from daemon: pull access denied for 111122223333.dkr.ecr.us-east-1.amazonaws.com/web, repository does not exist or may require 'docker login': denied: User: ${EXEC('web-execution')} is not authorized to perform: ecr:BatchGetImage on resource: arn:aws:ecr:us-east-1:111122223333:repository/web because no identity-based policy allows the ecr:BatchGetImage action`,
      copyOf('explain'),
    );
    const [match] = explanation.matches;
    assert.equal(match.field, 'containerDefinitions[0].image');
    assert.ok(match.verdicts.every((verdict) => verdict.decision === 'allowed'));
    assert.equal(match.fixes.length, 0);
    assert.match(explanation.verdict, /allow it: the denial comes from somewhere the workspace does not hold/);
    assert.deepEqual(
      explanation.suspects.map((suspect) => suspect.split(' ').slice(0, 3).join(' ')),
      ['a service control', 'a permissions boundary', 'a resource policy', 'the deployed role'],
    );
  });

  test('"unable to assume the role": the trust policy and its fix', () => {
    const workspace = copyOf('explain');
    const explanation = explain(
      "ECS was unable to assume the role 'arn:aws:iam::111122223333:role/web-execution' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.",
      workspace,
    );
    assert.equal(explanation.family, 'assume-role');
    const [match] = explanation.matches;
    assert.equal(match.field, 'executionRoleArn');
    assert.equal(match.verdicts[0].decision, 'not-allowed');
    assert.match(explanation.verdict, /does not let `ecs-tasks.amazonaws.com` assume it/);
    assert.equal(match.fixes[0].title, 'Trust ecs-tasks.amazonaws.com (sts:AssumeRole)');
    applyEdits(match.fixes[0].edits);
    const lint = JSON.parse(run(['--format', 'json', '.'], workspace).stdout) as Array<{ ruleId: string }>;
    assert.ok(!lint.some((finding) => finding.ruleId === 'iam/trust-policy-not-ecs'));
  });

  test("iam:PassRole denied to a CI role: the caller's policy gets the statement, with iam:PassedToService", () => {
    const explanation = explain(
      'An error occurred (AccessDeniedException) when calling the RegisterTaskDefinition operation: User: arn:aws:sts::111122223333:assumed-role/github-deploy/GitHubActions is not authorized to perform: iam:PassRole on resource: arn:aws:iam::111122223333:role/web-execution because no identity-based policy allows the iam:PassRole action',
      copyOf('explain'),
    );
    assert.equal(explanation.role, 'caller');
    const [match] = explanation.matches;
    assert.equal(match.callerName, 'github-deploy');
    assert.deepEqual(match.linked, ['github-deploy.json']);
    assert.match(match.fixes[0].edits[0].newText, /"iam:PassedToService": "ecs-tasks.amazonaws.com"/);
    assert.equal(path.basename(match.fixes[0].edits[0].path), 'github-deploy.json');
  });

  test('a registration ClientException: the task definition without an execution role, and the fix that adds one', () => {
    const explanation = explain(
      'An error occurred (ClientException) when calling the RegisterTaskDefinition operation: Fargate requires task definition to have execution role ARN to support ECR images.',
      copyOf('explain'),
    );
    assert.equal(explanation.phase, 'register');
    const [match] = explanation.matches;
    assert.equal(match.label, 'worker-task-definition.json');
    assert.equal(match.field, 'containerDefinitions[0].image');
    assert.match(match.fixes[0].title, /^Add executionRoleArn/);
    assert.match(match.fixes[0].edits[0].newText, /"executionRoleArn": "arn:aws:iam::111122223333:role\/ecsTaskExecutionRole"/);
  });

  test('a network time-out: not an IAM problem, in plain words, no policy to edit (text output)', () => {
    const { code, stdout } = run(
      [
        'explain',
        'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 3 time(s): RequestError: send request failed caused by: Post "https://api.ecr.us-east-1.amazonaws.com/": dial tcp 52.46.134.4:443: i/o timeout',
      ],
      copyOf('explain'),
    );
    assert.equal(code, 0);
    assert.match(stdout, /^Network failure, not an IAM problem/);
    assert.match(stdout, /Not an IAM problem — no policy change fixes this/);
    assert.match(stdout, /api\.ecr\.us-east-1\.amazonaws\.com/);
    assert.doesNotMatch(stdout, /Fixes/);
  });

  test('the error on standard input; Markdown output; an unknown text exits 1; usage errors exit 2', () => {
    const workspace = copyOf(path.join('roles', 'convention'));
    const piped = run(['explain', '--format', 'markdown'], workspace, `${SECRET_DENIED.replace(/: /g, ':\n  ')}\n`);
    assert.equal(piped.code, 0, piped.stderr);
    assert.match(piped.stdout, /^## The execution role may not read a Secrets Manager secret/);
    assert.match(piped.stdout, /\*\*Field:\*\* `containerDefinitions\[0\]\.secrets\[0\]\.valueFrom`/);
    assert.equal(run(['explain', 'Essential container in task exited'], workspace).code, 1);
    assert.equal(run(['explain', '--format', 'xml', 'x'], workspace).code, 2);
    assert.equal(run(['explain'], workspace, '').code, 2);
    assert.match(run(['explain', '--help'], workspace).stdout, /Usage: ecs-iam-lint explain/);
  });
});
