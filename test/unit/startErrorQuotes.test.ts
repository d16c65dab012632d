// The missing-permission diagnostic and the execution role hover quote the error the task would stop with,
// so that searching for that error leads back here; the explain command takes the same text back.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { analyzeDocument } from '../../server/src/analyzer';
import { prepareDocument } from '../../server/src/core/prepare';
import { explainError } from '../../server/src/explain/explain';
import { hoverAt } from '../../server/src/features/hover';
import { WorkspaceIndex } from '../../server/src/workspace';
import { ConfigLoader } from '../../server/src/workspace/configLoader';
import { FIXTURES } from '../helpers';

const folder = path.join(FIXTURES, 'roles', 'convention');
const file = path.join(folder, 'task-definition.json');

async function index(): Promise<WorkspaceIndex> {
  const workspace = new WorkspaceIndex({
    roots: [folder],
    configs: new ConfigLoader(undefined, () => [folder]),
    maxFileSize: 5 * 1024 * 1024,
  });
  await workspace.build();
  return workspace;
}

describe('quoting the start error', () => {
  test('ecs/execution-role-missing-permission quotes it, per feature; the task role finding does not (it fails at run time)', async () => {
    const workspace = await index();
    const document = workspace.get(file)!.document;
    await prepareDocument(document);
    const findings = analyzeDocument(document, {}, { filePath: file, workspace }).filter(
      (finding) => finding.ruleId === 'ecs/execution-role-missing-permission',
    );
    const secret = findings.find((finding) => finding.message.includes('secretsmanager:GetSecretValue'))!;
    assert.match(
      secret.message,
      /The task will fail at start with: "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: … AccessDeniedException: … is not authorized to perform: secretsmanager:GetSecretValue"\.$/,
    );
    assert.equal(secret.phase, 'start');
    const logs = findings.find((finding) => finding.message.includes('logs:CreateLogGroup'))!;
    assert.match(
      logs.message,
      /"ResourceInitializationError: failed to validate logger args: create log group … AccessDeniedException: … is not authorized to perform: logs:CreateLogGroup"/,
    );
    // Round trip: the quoted text, pasted into explain, leads back to the same field.
    const quoted = /with: "(.*)"\.$/.exec(secret.message)![1];
    const explanation = explainError(quoted, workspace);
    assert.equal(explanation.family, 'secrets-manager-access-denied');
    assert.deepEqual(
      explanation.matches.map((match) => match.field),
      ['containerDefinitions[0].secrets[0].valueFrom'],
    );
  });

  test('the executionRoleArn hover lists the errors the missing permissions would cause', async () => {
    const workspace = await index();
    const document = workspace.get(file)!.document;
    const hover = await hoverAt(document, document.text.indexOf('"executionRoleArn"') + 3, { workspace, filePath: file });
    assert.match(hover!.markdown, /\*\*Will fail at task start with:\*\*\n- `ResourceInitializationError: /);
    assert.match(
      hover!.markdown,
      /\n- `ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: … AccessDeniedException: … is not authorized to perform: secretsmanager:GetSecretValue`\n/,
    );
    assert.match(
      hover!.markdown,
      /\n- `ResourceInitializationError: failed to validate logger args: create log group … AccessDeniedException: … is not authorized to perform: logs:CreateLogGroup`\n/,
    );
    assert.match(hover!.markdown, /Explain an ECS Error…/);
    // The fixture's trust policy trusts EC2, not ECS tasks.
    assert.match(
      hover!.markdown,
      /\*\*Will fail at task start with\*\* \(the trust policy does not trust ECS tasks\): `ECS was unable to assume the role 'arn:aws:iam::…:role\/ecsTaskExecutionRole' that was provided for this task`/,
    );
  });

  test('the taskRoleArn hover quotes the run-time denial the application (here the log router) would get', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'ecs-iam-start-errors-'));
    writeFileSync(
      path.join(folder, 'task-definition.json'),
      JSON.stringify(
        {
          family: 'api',
          taskRoleArn: 'arn:aws:iam::111122223333:role/api-task',
          containerDefinitions: [
            {
              name: 'log_router',
              image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:stable',
              essential: true,
              firelensConfiguration: { type: 'fluentbit' },
            },
            {
              name: 'api',
              image: 'nginx:1.27',
              essential: true,
              logConfiguration: {
                logDriver: 'awsfirelens',
                options: { Name: 'cloudwatch_logs', region: 'us-east-1', log_group_name: '/ecs/api' },
              },
            },
          ],
        },
        null,
        2,
      ),
    );
    writeFileSync(
      path.join(folder, 'api-task.json'),
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'logs:CreateLogStream', Resource: '*' }] }, null, 2),
    );
    const workspace = new WorkspaceIndex({
      roots: [folder],
      configs: new ConfigLoader(undefined, () => [folder]),
      maxFileSize: 5 * 1024 * 1024,
    });
    await workspace.build();
    const file = path.join(folder, 'task-definition.json');
    const document = workspace.get(file)!.document;
    const hover = await hoverAt(document, document.text.indexOf('"taskRoleArn"') + 3, { workspace, filePath: file });
    assert.match(
      hover!.markdown,
      /\*\*Denied at run time with:\*\*\n- `AccessDeniedException: User: arn:aws:sts::…:assumed-role\/api-task\/… is not authorized to perform: logs:PutLogEvents`/,
    );
    assert.doesNotMatch(hover!.markdown, /Will fail at task start/);
  });
});
