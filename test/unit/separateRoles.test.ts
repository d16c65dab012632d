// One role for two jobs (issue 12, items 4 and 10): the same-role advice fits the role in hand, and a task
// definition that names another one's execution role as its task role is reported there, not on the policy.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { analyzeDocument } from '../../server/src/analyzer';
import { prepareDocument } from '../../server/src/core/prepare';
import type { Finding } from '../../server/src/core/types';
import { WorkspaceIndex } from '../../server/src/workspace';
import { ConfigLoader } from '../../server/src/workspace/configLoader';
import { applyEdits, coveredText, findingsOf, isStrictJson } from '../helpers';

const EXECUTION_ARN = 'arn:aws:iam::210987654321:role/ecsTaskExecutionRole';
const container = { name: 'web', image: '210987654321.dkr.ecr.eu-west-1.amazonaws.com/web:1.0', essential: true };
const firelens = {
  name: 'app',
  image: 'public.ecr.aws/nginx/nginx:1.27',
  essential: true,
  logConfiguration: {
    logDriver: 'awsfirelens',
    options: { Name: 'cloudwatch_logs', region: 'eu-west-1', log_group_name: '/ecs/web', log_stream_prefix: 'app' },
  },
};
const taskDefinition = (roles: Record<string, string>, containers: unknown[] = [container]) =>
  JSON.stringify({ family: 'web-app', ...roles, containerDefinitions: containers }, null, 2);

async function workspaceOf(files: Record<string, string>): Promise<{ folder: string; index: WorkspaceIndex }> {
  const folder = mkdtempSync(path.join(tmpdir(), 'separate-roles-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(folder, name), text);
  const index = new WorkspaceIndex({ roots: [folder], configs: new ConfigLoader(undefined, () => [folder]), maxFileSize: 5 * 1024 * 1024 });
  await index.build();
  return { folder, index };
}

async function findingsIn(index: WorkspaceIndex, file: string): Promise<Finding[]> {
  const document = index.get(file)!.document;
  await prepareDocument(document);
  return analyzeDocument(document, {}, { filePath: file, workspace: index });
}

describe('ecs/same-task-and-execution-role: advice and fixes that fit the role', () => {
  test('ecsTaskExecutionRole in both fields: keep it as the execution role; a new task role or none', async () => {
    const text = taskDefinition({ taskRoleArn: EXECUTION_ARN, executionRoleArn: EXECUTION_ARN });
    const [finding] = await findingsOf(text, 'ecs/same-task-and-execution-role');
    assert.match(finding.message, /Keep `ecsTaskExecutionRole` as the execution role and give the application its own task role/);
    assert.match(finding.message, /remove `taskRoleArn` if the application calls no AWS API/);
    assert.doesNotMatch(finding.message, /for example `ecsTaskExecutionRole`/, 'no advice to use the role it already uses');
    assert.deepEqual(
      finding.fixes.map((fix) => fix.title),
      ['Use a new task role `web-app-task-role` for the application', 'Remove taskRoleArn (the application calls no AWS API)'],
    );
    const withNewRole = JSON.parse(applyEdits(text, finding.fixes[0].edits));
    assert.equal(withNewRole.taskRoleArn, 'arn:aws:iam::210987654321:role/web-app-task-role', 'in the account of the execution role');
    assert.equal(withNewRole.executionRoleArn, EXECUTION_ARN);
    const withoutTaskRole = applyEdits(text, finding.fixes[1].edits);
    assert.ok(isStrictJson(withoutTaskRole), withoutTaskRole);
    assert.equal(JSON.parse(withoutTaskRole).taskRoleArn, undefined);
  });

  test('when the definition reveals task-role needs, the new task role comes with its generated policy file', async () => {
    const text = taskDefinition({ taskRoleArn: EXECUTION_ARN, executionRoleArn: EXECUTION_ARN }, [firelens]);
    const { folder, index } = await workspaceOf({ 'taskdef.json': text });
    const finding = (await findingsIn(index, path.join(folder, 'taskdef.json'))).find(
      (f) => f.ruleId === 'ecs/same-task-and-execution-role',
    )!;
    const [newRole] = finding.fixes;
    assert.match(newRole.title, /and create web-app-task-role\.json with the statement it needs/);
    assert.equal(
      newRole.createFiles?.[0].path,
      path.join(folder, 'web-app-task-role.json'),
      'named so it links to the new role by file name',
    );
    const policy = JSON.parse(newRole.createFiles![0].content);
    assert.deepEqual(policy.Statement[0].Action, ['logs:CreateLogStream', 'logs:PutLogEvents']);
    assert.equal(policy.Statement[0].Resource, 'arn:aws:logs:eu-west-1:210987654321:log-group:/ecs/web:*');
  });

  test('a role named as an application role in both fields: give ECS a separate execution role', async () => {
    const text = taskDefinition({
      taskRoleArn: 'arn:aws:iam::210987654321:role/app',
      executionRoleArn: 'arn:aws:iam::210987654321:role/app',
    });
    const [finding] = await findingsOf(text, 'ecs/same-task-and-execution-role');
    assert.match(finding.message, /Use a separate execution role \(for example `ecsTaskExecutionRole`\)/);
    assert.deepEqual(
      finding.fixes.map((fix) => fix.title),
      ['Use a separate execution role `ecsTaskExecutionRole`'],
    );
    assert.equal(JSON.parse(applyEdits(text, finding.fixes[0].edits)).executionRoleArn, EXECUTION_ARN);
  });
});

describe('ecs/task-role-is-execution-role: the misuse is reported on the task definition, not on the policy', () => {
  const executionPolicy = JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Token', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
        {
          Sid: 'Pull',
          Effect: 'Allow',
          Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
          Resource: 'arn:aws:ecr:eu-west-1:210987654321:repository/web',
        },
      ],
    },
    null,
    2,
  );
  const files = {
    'ecsTaskExecutionRole.json': executionPolicy,
    'web.json': taskDefinition({ executionRoleArn: EXECUTION_ARN }),
    'worker.json': JSON.stringify(
      {
        family: 'worker',
        taskRoleArn: EXECUTION_ARN,
        executionRoleArn: 'arn:aws:iam::210987654321:role/worker-execution',
        containerDefinitions: [{ name: 'w', image: 'busybox', essential: true }],
      },
      null,
      2,
    ),
  };

  test('the correct execution-role policy gets no "move it" warning', async () => {
    const { folder, index } = await workspaceOf(files);
    const findings = await findingsIn(index, path.join(folder, 'ecsTaskExecutionRole.json'));
    assert.deepEqual(
      findings.filter((f) => f.ruleId.startsWith('iam/') && f.ruleId.includes('role')).map((f) => f.message),
      [],
    );
  });

  test('the task definition that names the execution role as its task role gets the warning, with fixes', async () => {
    const { folder, index } = await workspaceOf(files);
    const file = path.join(folder, 'worker.json');
    const findings = (await findingsIn(index, file)).filter((f) => f.ruleId === 'ecs/task-role-is-execution-role');
    assert.equal(findings.length, 1);
    const text = index.get(file)!.document.text;
    assert.equal(coveredText(text, findings[0]), JSON.stringify(EXECUTION_ARN));
    assert.match(findings[0].message, /is the execution role of `web-app` \(web\.json\)/);
    assert.deepEqual(
      findings[0].fixes.map((fix) => fix.title),
      ['Use a new task role `worker-task-role` for the application', 'Remove taskRoleArn (the application calls no AWS API)'],
    );
    assert.equal(JSON.parse(applyEdits(text, findings[0].fixes[0].edits)).taskRoleArn, 'arn:aws:iam::210987654321:role/worker-task-role');
    const web = await findingsIn(index, path.join(folder, 'web.json'));
    assert.equal(web.filter((f) => f.ruleId === 'ecs/task-role-is-execution-role').length, 0, 'the correct use is not reported');
  });

  test('a policy linked only to a task role still gets the image-pull warning', async () => {
    const { folder, index } = await workspaceOf({
      'orders-task.json': executionPolicy,
      'orders.json': taskDefinition({ taskRoleArn: 'arn:aws:iam::210987654321:role/orders-task', executionRoleArn: EXECUTION_ARN }),
    });
    const findings = (await findingsIn(index, path.join(folder, 'orders-task.json'))).filter(
      (f) => f.ruleId === 'iam/execution-permission-on-task-role',
    );
    assert.ok(findings.length >= 1, 'reported on the policy of a real task role');
  });

  test('without a workspace the rule is silent', async () => {
    assert.deepEqual(await findingsOf(files['worker.json'], 'ecs/task-role-is-execution-role'), []);
  });
});
