// A Terraform module spread over several `.tf` files of one folder: the task definition in ecs.tf, its
// roles and policies in other files. The role checks, the fixes, the lens and the hover read the module
// as Terraform does, and each fix edits the file that holds the policy or the role.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import path from 'node:path';
import { analyze } from '../../server/src/analyzer';
import { WorkspaceIndex } from '../../server/src/workspace';
import { ConfigLoader } from '../../server/src/workspace/configLoader';
import { loadHclParser } from '../../server/src/workspace/hclWasm';
import { roleLenses } from '../../server/src/features/roleLens';
import { LineIndex } from '../../server/src/core/lineIndex';
import type { Finding, Range } from '../../server/src/core/types';

const FOLDER = '/ws/infra';

const TASK = `resource "aws_ecs_task_definition" "web" {
  family                   = "web"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"
  execution_role_arn       = aws_iam_role.execution.arn

  container_definitions = jsonencode([
    {
      name      = "web"
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = true
      secrets = [
        { name = "DB_PASSWORD", valueFrom = "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-password-AbCdEf" }
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = "/ecs/web"
          awslogs-region        = "us-east-1"
          awslogs-stream-prefix = "web"
        }
      }
    }
  ])
}
`;

const ROLE = `data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "execution" {
  name               = "web-execution"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}
`;

const POLICY = (actions: string[]) => `data "aws_iam_policy_document" "execution" {
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["arn:aws:logs:us-east-1:111122223333:log-group:/ecs/web:*"]
  }
${actions.length > 0 ? `  statement {\n    actions   = ${JSON.stringify(actions)}\n    resources = ["*"]\n  }\n` : ''}}

resource "aws_iam_role_policy" "execution" {
  name   = "execution"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.execution.json
}
`;

function workspaceOf(files: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex({ roots: ['/ws'], configs: new ConfigLoader(undefined, () => ['/ws']), maxFileSize: 5 * 1024 * 1024 });
  for (const [name, text] of Object.entries(files)) index.update(path.join(FOLDER, name), text);
  return index;
}

async function lintIn(files: Record<string, string>, name: string): Promise<{ findings: Finding[]; workspace: WorkspaceIndex }> {
  const workspace = workspaceOf(files);
  const filePath = path.join(FOLDER, name);
  const { findings } = await analyze(files[name], { fileName: name, filePath, workspace });
  return { findings, workspace };
}

const missing = (findings: Finding[]) => findings.filter((finding) => finding.ruleId === 'ecs/execution-role-missing-permission');

function applyRanges(text: string, edits: ReadonlyArray<{ range: Range; newText: string }>): string {
  const lines = new LineIndex(text);
  const spans = edits.map((edit) => {
    const offset = lines.offsetAt(edit.range.start);
    return { offset, end: lines.offsetAt(edit.range.end), newText: edit.newText };
  });
  let result = text;
  for (const span of spans.sort((a, b) => b.offset - a.offset)) {
    result = result.slice(0, span.offset) + span.newText + result.slice(span.end);
  }
  return result;
}

describe('Terraform module: roles across the .tf files of one folder', () => {
  before(async () => {
    await loadHclParser();
  });

  test('a role in iam.tf whose policy lacks the secret: the finding in ecs.tf, the fix edits iam.tf', async () => {
    const files = { 'ecs.tf': TASK, 'iam.tf': ROLE + POLICY([]) };
    const { findings } = await lintIn(files, 'ecs.tf');
    const gaps = missing(findings);
    assert.equal(gaps.length, 1, JSON.stringify(findings.map((f) => f.message)));
    assert.match(gaps[0].message, /secretsmanager:GetSecretValue/);
    assert.match(gaps[0].message, /aws_iam_role_policy\.execution/);
    const fix = gaps[0].fixes[0];
    assert.ok(fix, 'a fix is offered');
    assert.deepEqual(fix.edits, []);
    assert.equal(fix.otherFiles?.length, 1);
    assert.equal(fix.otherFiles![0].path, path.join(FOLDER, 'iam.tf'));
    const fixed = applyRanges(files['iam.tf'], fix.otherFiles![0].edits);
    assert.match(fixed, /secretsmanager:GetSecretValue/);
    // The statement lands in the policy document block, written in HCL.
    assert.match(
      fixed,
      /data "aws_iam_policy_document" "execution" \{[\s\S]*statement \{[\s\S]*"secretsmanager:GetSecretValue"[\s\S]*\}\n\nresource "aws_iam_role_policy"/,
    );
    const again = await lintIn({ ...files, 'iam.tf': fixed }, 'ecs.tf');
    assert.deepEqual(missing(again.findings), []);
  });

  test('a role in ecs.tf whose policy is attached in iam.tf is not "without policies" (no false alarm)', async () => {
    const files = { 'ecs.tf': TASK + '\n' + ROLE, 'iam.tf': POLICY(['secretsmanager:GetSecretValue']) };
    const { findings } = await lintIn(files, 'ecs.tf');
    assert.deepEqual(missing(findings), []);
    // Alone, the same file would claim the role holds no policy: the module is what counts.
    const alone = await lintIn({ 'ecs.tf': files['ecs.tf'] }, 'ecs.tf');
    assert.equal(missing(alone.findings).length, 2);
  });

  test('the role, its policy document and the attachment in three files', async () => {
    const files = {
      'ecs.tf': TASK,
      'roles.tf': ROLE,
      'policies.tf': POLICY(['secretsmanager:GetSecretValue']),
    };
    const { findings } = await lintIn(files, 'ecs.tf');
    assert.deepEqual(missing(findings), []);
  });

  test('an AWS managed policy attached in another file counts; one unknown offline silences the role', async () => {
    const attachment = (arn: string) => `resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.execution.name
  policy_arn = "${arn}"
}
`;
    const managed = await lintIn(
      { 'ecs.tf': TASK, 'iam.tf': ROLE, 'attach.tf': attachment('arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy') },
      'ecs.tf',
    );
    // The managed policy grants the logs, not the secret.
    const gaps = missing(managed.findings);
    assert.equal(gaps.length, 1, JSON.stringify(gaps.map((f) => f.message)));
    assert.match(gaps[0].message, /secretsmanager:GetSecretValue/);
    // A role with only managed policies: the fix gives it an inline policy, in the file of the role.
    const fix = gaps[0].fixes[0];
    assert.equal(fix.otherFiles?.[0].path, path.join(FOLDER, 'iam.tf'));
    assert.match(fix.title, /new inline policy of aws_iam_role\.execution/);
    const fixed = applyRanges(ROLE, fix.otherFiles![0].edits);
    assert.match(fixed, /inline_policy \{/);
    const again = await lintIn(
      { 'ecs.tf': TASK, 'iam.tf': fixed, 'attach.tf': attachment('arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy') },
      'ecs.tf',
    );
    assert.deepEqual(missing(again.findings), []);

    const unknown = await lintIn(
      { 'ecs.tf': TASK, 'iam.tf': ROLE, 'attach.tf': attachment('arn:aws:iam::111122223333:policy/custom') },
      'ecs.tf',
    );
    assert.deepEqual(missing(unknown.findings), []);
  });

  test('a file in another folder is another module: not linked', async () => {
    const workspace = workspaceOf({ 'ecs.tf': TASK });
    workspace.update(path.join(FOLDER, 'other', 'iam.tf'), ROLE + POLICY([]));
    const { findings } = await analyze(TASK, { fileName: 'ecs.tf', filePath: path.join(FOLDER, 'ecs.tf'), workspace });
    assert.deepEqual(missing(findings), []);
  });

  test('the lens names the role and its file, and reveals it there', async () => {
    const files = { 'ecs.tf': TASK, 'iam.tf': ROLE + POLICY([]) };
    const workspace = workspaceOf(files);
    const filePath = path.join(FOLDER, 'ecs.tf');
    const { document } = await analyze(TASK, { fileName: 'ecs.tf', filePath, workspace });
    const lens = roleLenses(document, workspace, filePath).find((candidate) => candidate.title.startsWith('execution role'));
    assert.ok(lens, 'a lens on execution_role_arn');
    assert.equal(lens.title, 'execution role: aws_iam_role.execution in iam.tf — 1 of 2 needs met');
    assert.equal(lens.reveal, undefined);
    assert.equal(lens.revealIn?.path, path.join(FOLDER, 'iam.tf'));
    assert.equal(
      lens.revealIn?.range.start.line,
      ROLE.split('\n').findIndex((line) => line.includes('"execution"')),
    );
  });

  test('a policy in iam.tf knows the task definitions of ecs.tf that use its role', async () => {
    const files = { 'ecs.tf': TASK, 'iam.tf': ROLE + POLICY(['dynamodb:GetItem']) };
    const { findings } = await lintIn(files, 'iam.tf');
    const application = findings.filter((finding) => finding.ruleId === 'iam/application-permission-on-execution-role');
    assert.equal(application.length, 1, JSON.stringify(findings.map((f) => [f.ruleId, f.message])));
    assert.match(application[0].message, /ecs\.tf/);
    const ec2Trust = ROLE.replace('ecs-tasks.amazonaws.com', 'ec2.amazonaws.com');
    const trust = await lintIn({ 'ecs.tf': TASK, 'iam.tf': ec2Trust + POLICY([]) }, 'iam.tf');
    assert.equal(trust.findings.filter((finding) => finding.ruleId === 'iam/trust-policy-not-ecs').length, 1);
    // Without the task definition, the role serves nothing known: silent.
    const alone = await lintIn({ 'iam.tf': ec2Trust + POLICY(['dynamodb:GetItem']) }, 'iam.tf');
    assert.deepEqual(
      alone.findings.filter((finding) => finding.ruleId.startsWith('iam/trust-policy') || finding.ruleId.includes('execution-role')),
      [],
    );
  });

  test('a service in service.tf runs the task definition of ecs.tf: the service rules read it, across the files', async () => {
    const service = `resource "aws_ecs_service" "web" {
  name            = "web"
  cluster         = "arn:aws:ecs:us-east-1:111122223333:cluster/main"
  task_definition = aws_ecs_task_definition.web.arn
  launch_type     = "FARGATE"
  network_configuration {
    subnets = ["subnet-0a1b2c3d4e5f60718"]
  }
  load_balancer {
    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/0123456789abcdef"
    container_name   = "wbe"
    container_port   = 8080
  }
}
`;
    const ported = TASK.replace('      essential = true\n', '      essential = true\n      portMappings = [{ containerPort = 8080 }]\n');
    const { findings } = await lintIn({ 'ecs.tf': ported, 'service.tf': service }, 'service.tf');
    const reference = findings.filter((finding) => finding.ruleId === 'ecs/service-container-reference');
    assert.equal(reference.length, 1, JSON.stringify(findings.map((f) => [f.ruleId, f.message])));
    assert.match(reference[0].message, /names the container `wbe`, which is not in its task definition `web` in infra\/ecs\.tf/);
    // The same service naming the right container: nothing to say about the containers.
    const right = await lintIn({ 'ecs.tf': ported, 'service.tf': service.replace('"wbe"', '"web"') }, 'service.tf');
    assert.deepEqual(
      right.findings.filter((finding) => finding.ruleId.startsWith('ecs/service-')),
      [],
    );
    // A task definition without requires_compatibilities learns from service.tf that Fargate runs it.
    const ec2Task = ported.replace('  requires_compatibilities = ["FARGATE"]\n', '').replace('  network_mode             = "awsvpc"\n', '');
    const task = await lintIn({ 'ecs.tf': ec2Task, 'service.tf': service.replace('"wbe"', '"web"') }, 'ecs.tf');
    const networkMode = task.findings.find((finding) => finding.ruleId === 'ecs/fargate-network-mode');
    assert.ok(networkMode, JSON.stringify(task.findings.map((f) => [f.ruleId, f.message])));
    assert.match(networkMode.message, /service `aws_ecs_service\.web` in infra\/service\.tf/);
  });
});
