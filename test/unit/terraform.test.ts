// Terraform files through the core: what the HCL mapping makes of each way to write a task definition or a
// policy, references resolved in the module or unknown (never a false finding), and bad input.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { getNodeValue } from 'jsonc-parser';
import { property } from '../../server/src/core/json';
import { loadHclParser } from '../../server/src/workspace/hclWasm';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hclHasErrors } from '../../server/src/core/hcl';
import { applyEdits, coveredText, lint, REPO_ROOT } from '../helpers';

const tf = (text: string) => lint(text, { fileName: 'main.tf' });

const TASK = (containerDefinitions: string, extra = '') => `resource "aws_ecs_task_definition" "t" {
  family                   = "t"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"
${extra}
  container_definitions = ${containerDefinitions}
}
`;

describe('Terraform mapping', () => {
  before(async () => {
    await loadHclParser();
  });

  const containers: Array<[string, string]> = [
    ['jsonencode', 'jsonencode([{ name = "app", image = "nginx:1.27", essential = "yes" }])'],
    ['a JSON heredoc', '<<EOF\n[{"name": "app", "image": "nginx:1.27", "essential": "yes"}]\nEOF'],
    ['an indented heredoc', '<<-JSON\n    [{"name": "app", "image": "nginx:1.27", "essential": "yes"}]\n  JSON'],
    ['a JSON string', '"[{\\"name\\": \\"app\\", \\"image\\": \\"nginx:1.27\\", \\"essential\\": \\"yes\\"}]"'],
  ];
  for (const [how, value] of containers) {
    test(`container_definitions as ${how} is the task definition's container list`, async () => {
      const { document, findings } = await tf(TASK(value));
      assert.equal(document.taskDefinitions.length, 1);
      const list = JSON.parse(JSON.stringify(getNodeValue(property(document.taskDefinitions[0].node, 'containerDefinitions')!)));
      assert.deepEqual(list, [{ name: 'app', image: 'nginx:1.27', essential: 'yes' }]);
      // A string where the API wants a boolean: the rules see the value, at its place in the text.
      const invalid = findings.find((finding) => finding.ruleId === 'ecs/invalid-type');
      assert.ok(invalid, JSON.stringify(findings));
    });
  }

  const unknowns: Array<[string, string]> = [
    ['file()', 'file("${path.module}/containers.json")'],
    ['templatefile()', 'templatefile("containers.json.tpl", { cpu = 256 })'],
    ['a variable', 'var.container_definitions'],
    ['a local built with a for expression', 'jsonencode([for c in local.containers : c])'],
    ['an interpolated heredoc', '<<EOF\n[{"name": "app", "image": "${var.image}", "essential": true, "cpu": ${var.cpu}}]\nEOF'],
  ];
  for (const [how, value] of unknowns) {
    test(`container_definitions from ${how} is unknown: no error`, async () => {
      const { findings } = await tf(TASK(value, '  execution_role_arn = var.execution_role_arn'));
      assert.deepEqual(
        findings.filter((finding) => finding.severity === 'error'),
        [],
      );
    });
  }

  test('references: aws_iam_role.x.arn links the role; var.* and unknown resources are unknown values', async () => {
    const { document, findings } =
      await tf(`${TASK('jsonencode([{ name = "app", image = "nginx:1.27", essential = true }])', '  task_role_arn = var.task_role\n  execution_role_arn = aws_iam_role.exec.arn')}
resource "aws_iam_role" "exec" {
  name = "exec"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }] })
  managed_policy_arns = ["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"]
}
`);
    const view = document.taskDefinitions[0].node;
    assert.deepEqual(JSON.parse(JSON.stringify(getNodeValue(property(view, 'executionRoleArn')!))), {
      'Fn::GetAtt': ['aws_iam_role.exec', 'Arn'],
    });
    assert.deepEqual(JSON.parse(JSON.stringify(getNodeValue(property(view, 'taskRoleArn')!))), { Ref: 'var.task_role' });
    assert.deepEqual(
      findings.filter((finding) => finding.severity === 'error'),
      [],
    );
    assert.deepEqual(
      document.policies.map((policy) => [policy.resource, policy.kind]),
      [['aws_iam_role.exec', 'trust']],
    );
  });

  test('aws_iam_policy_document: statement, principals and condition blocks become a policy; effect defaults to Allow', async () => {
    const { document } = await tf(`data "aws_iam_policy_document" "d" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::bucket/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceVpc"
      values   = ["vpc-1"]
    }
  }
}
`);
    assert.equal(document.policies.length, 1);
    assert.deepEqual(JSON.parse(JSON.stringify(getNodeValue(document.policies[0].node))), {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Sid: 'Read',
          Action: ['s3:GetObject'],
          Resource: ['arn:aws:s3:::bucket/*'],
          Principal: { AWS: ['arn:aws:iam::111122223333:root'] },
          Condition: { StringEquals: { 'aws:SourceVpc': ['vpc-1'] } },
        },
      ],
    });
  });

  test('a role with a policy document that merges other documents, or a dynamic statement, is not judged as missing permissions', async () => {
    const { findings } = await tf(`${TASK(
      'jsonencode([{ name = "app", image = "nginx:1.27", essential = true, secrets = [{ name = "A", valueFrom = "arn:aws:secretsmanager:us-east-1:111122223333:secret:a-AbCdEf" }] }])',
      '  execution_role_arn = aws_iam_role.exec.arn',
    )}
resource "aws_iam_role" "exec" {
  name = "exec"
  assume_role_policy = "{}"
}
data "aws_iam_policy_document" "p" {
  source_policy_documents = [var.extra]
  statement {
    actions   = ["logs:PutLogEvents"]
    resources = ["*"]
  }
}
resource "aws_iam_role_policy" "p" {
  role   = aws_iam_role.exec.name
  policy = data.aws_iam_policy_document.p.json
}
`);
    assert.ok(!findings.some((finding) => finding.ruleId.endsWith('missing-permission')), JSON.stringify(findings));
  });

  const bad: Array<[string, string]> = [
    ['invalid HCL', 'resource "aws_ecs_task_definition" "x" {\n  family = = \n  container_definitions = jsonencode([{\n'],
    ['binary', 'resource \u0000\u0001\u0002 "x" {}'],
    ['deep nesting', `locals {\n  x = ${'['.repeat(5000)}${']'.repeat(5000)}\n}\n`],
    ['deep nesting inside jsonencode', TASK(`jsonencode(${'['.repeat(400)}${']'.repeat(400)})`)],
    ['an unclosed heredoc', 'resource "aws_iam_policy" "p" {\n  policy = <<EOF\n{"Statement": [\n'],
    ['a huge file', TASK('jsonencode([{ name = "app", image = "nginx:1.27", essential = true }])').repeat(600)],
  ];
  for (const [what, text] of bad) {
    test(`bad input (${what}) is reported or skipped, never a crash`, async () => {
      const { findings } = await tf(text);
      assert.ok(!findings.some((finding) => finding.ruleId === 'internal/rule-failed'), JSON.stringify(findings.slice(0, 3)));
    });
  }

  test('invalid HCL is a terraform/syntax error at its line', async () => {
    const { findings } = await tf('resource "aws_iam_policy" "p" {\n  name = "p"\n  policy = = 1\n}\n');
    const syntax = findings.filter((finding) => finding.ruleId === 'terraform/syntax');
    assert.ok(syntax.length > 0, JSON.stringify(findings));
  });

  test('aws_ecs_service: linked to its task definition by reference, Fargate launch type and load balancer container names checked, fix in HCL', async () => {
    const text = readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'terraform', 'service.tf'), 'utf8');
    const { document, findings } = await tf(text);
    assert.equal(document.services.length, 1);
    assert.equal(document.services[0].resource, 'aws_ecs_service.api');
    const launch = findings.find((finding) => finding.ruleId === 'ecs/service-launch-type-compatibility');
    assert.ok(launch, JSON.stringify(findings.map((finding) => finding.ruleId)));
    assert.equal(launch.severity, 'error');
    assert.equal(coveredText(text, launch), '"FARGATE"');
    const container = findings.find((finding) => finding.ruleId === 'ecs/service-container-reference');
    assert.ok(container, JSON.stringify(findings.map((finding) => finding.ruleId)));
    assert.equal(coveredText(text, container), '"apl"');
    assert.match(container.message, /Did you mean `api`\?/);
    const fix = container.fixes.find((candidate) => /api/.test(candidate.title));
    assert.ok(fix, JSON.stringify(container.fixes.map((candidate) => candidate.title)));
    const fixed = applyEdits(text, fix.edits);
    assert.match(fixed, /container_name {3}= "api"\n/);
    assert.equal(hclHasErrors(fixed), false);
    const after = await tf(fixed);
    assert.ok(!after.findings.some((finding) => finding.ruleId === 'ecs/service-container-reference'));
    // assign_public_ip (a bool in Terraform, an enum in the API) is left out, never a shape error.
    assert.ok(!findings.some((finding) => finding.severity === 'error' && /assignPublicIp|assign_public_ip/.test(finding.message)));
    // A service whose launch type and task definition are variables: unknown, nothing reported about them.
    const unknown = await tf(
      text.replace('aws_ecs_task_definition.api.arn', 'var.task_definition_arn').replace('"FARGATE"', 'var.launch_type'),
    );
    assert.deepEqual(
      unknown.findings.filter((finding) => finding.ruleId.startsWith('ecs/service-')).map((finding) => finding.ruleId),
      [],
    );
  });

  test('aws_ecs_service placement and Service Connect blocks are read under their CreateService names: a valid service, no finding', async () => {
    const text = readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'terraform', 'service-connect.tf'), 'utf8');
    const { document, findings } = await tf(text);
    const service = JSON.parse(JSON.stringify(getNodeValue(document.services[0].node)));
    assert.deepEqual(service.placementStrategy, [
      { type: 'spread', field: 'attribute:ecs.availability-zone' },
      { type: 'binpack', field: 'memory' },
    ]);
    assert.deepEqual(service.placementConstraints, [{ type: 'memberOf', expression: 'attribute:ecs.instance-type =~ t3.*' }]);
    assert.equal(service.serviceConnectConfiguration.services[0].portName, 'http');
    assert.deepEqual(service.serviceConnectConfiguration.services[0].clientAliases, [{ port: 8080, dnsName: 'orders.internal' }]);
    assert.equal(service.serviceConnectConfiguration.logConfiguration.logDriver, 'awslogs');
    assert.deepEqual(
      findings.filter((finding) => finding.severity !== 'hint').map((finding) => `${finding.ruleId}: ${finding.message}`),
      [],
    );
    // deployment_controller {} is type ECS (the provider's default), not a missing required member.
    const controller = await tf(text.replace('  desired_count   = 2', '  desired_count   = 2\n\n  deployment_controller {}'));
    assert.ok(!controller.findings.some((finding) => finding.ruleId === 'ecs/missing-required-field'), JSON.stringify(controller.findings));
  });

  const serviceMistakes: Array<[string, string, string, string, RegExp]> = [
    ['a placement strategy type', '"spread"', '"sprd"', 'ecs/invalid-enum-value', /`ordered_placement_strategy\[0\]\.type`/],
    [
      'a placement constraint type',
      'type       = "memberOf"',
      'type       = "member"',
      'ecs/invalid-enum-value',
      /`placement_constraints\[0\]\.type`.*Did you mean "memberOf"/,
    ],
    [
      'a Service Connect log driver',
      'log_driver = "awslogs"',
      'log_driver = "cloudwatch"',
      'ecs/invalid-enum-value',
      /`service_connect_configuration\.log_configuration\.log_driver`/,
    ],
    [
      'a Service Connect port name',
      'port_name      = "http"',
      'port_name      = "htp"',
      'ecs/service-connect-port-name',
      /Did you mean `http`/,
    ],
    [
      'a client alias without its port',
      'port     = 8080',
      '',
      'ecs/missing-required-field',
      /`service_connect_configuration\.service\[0\]\.client_alias\[0\]`.*has no `port`/,
    ],
  ];
  for (const [what, from, to, ruleId, message] of serviceMistakes) {
    test(`aws_ecs_service: ${what} not allowed is reported in Terraform's names`, async () => {
      const text = readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'terraform', 'service-connect.tf'), 'utf8').replace(from, to);
      const { findings } = await tf(text);
      const errors = findings.filter((finding) => finding.severity === 'error');
      assert.deepEqual(
        errors.map((finding) => finding.ruleId),
        [ruleId],
        JSON.stringify(errors.map((finding) => finding.message)),
      );
      assert.match(errors[0].message, message);
      // On the value, or on the name of the block that lacks a member.
      assert.match(coveredText(text, errors[0]), /^(sprd|member|cloudwatch|"htp"|client_alias)$/);
    });
  }

  test('the Service Connect port name fix is titled and written in Terraform terms', async () => {
    const text = readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'terraform', 'service-connect.tf'), 'utf8').replace(
      'port_name      = "http"',
      'port_name      = "htp"',
    );
    const finding = (await tf(text)).findings.find((candidate) => candidate.ruleId === 'ecs/service-connect-port-name')!;
    assert.equal(finding.fixes[0].title, 'Change port_name to `http`');
    const fixed = applyEdits(text, finding.fixes[0].edits);
    assert.equal(hclHasErrors(fixed), false);
    assert.ok(!(await tf(fixed)).findings.some((candidate) => candidate.ruleId === 'ecs/service-connect-port-name'));
  });

  // Fix titles and messages name Terraform's arguments in a .tf file (the API's names inside jsonencode).
  const named: Array<[string, RegExp, RegExp | undefined]> = [
    ['ecs/execution-role-required', /`execution_role_arn` is not set/, /^Add execution_role_arn \(/],
    ['ecs/fargate-network-mode', /Set network_mode = "awsvpc"\./, /^Set network_mode to "awsvpc"$/],
    ['ecs/fargate-unsupported-parameter', /`pid_mode = "host"`/, undefined],
    ['ecs/efs-transit-encryption', /needs `transit_encryption`: "ENABLED"/, undefined],
    ['ecs/service-network-configuration', /has no `network_configuration`.*Add a `network_configuration` block/, undefined],
    [
      'ecs/service-scheduling-strategy',
      /Set scheduling_strategy = "REPLICA" and a `desired_count`/,
      /^Set scheduling_strategy to "REPLICA"$/,
    ],
    ['ecs/service-container-reference', /not 8080/, /^Change container_port to 80$/],
  ];
  test('fix titles and messages use Terraform argument names in a .tf file', async () => {
    const text = readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'terraform', 'fargate-mistakes.tf'), 'utf8');
    const { findings } = await tf(text);
    for (const [ruleId, message, title] of named) {
      const finding = findings.find((candidate) => candidate.ruleId === ruleId && message.test(candidate.message));
      assert.ok(finding, `${ruleId} ${message}: ${JSON.stringify(findings.filter((f) => f.ruleId === ruleId).map((f) => f.message))}`);
      if (title) {
        assert.ok(
          finding.fixes.some((fix) => title.test(fix.title)),
          JSON.stringify(finding.fixes.map((fix) => fix.title)),
        );
      }
      // No API name of a Terraform argument in the text (quoted AWS error messages aside).
      assert.doesNotMatch(
        finding.message.replace(/\("[^"]*"\)/g, ''),
        /executionRoleArn|networkMode|pidMode|transitEncryption|networkConfiguration|schedulingStrategy|desiredCount/,
      );
    }
    const remove = findings.find(
      (candidate) => candidate.ruleId === 'ecs/fargate-unsupported-parameter' && /privileged/.test(candidate.message),
    );
    assert.equal(remove?.fixes[0].title, 'Remove `privileged`', 'inside jsonencode: the API name');
    // The launch-type rule names requires_compatibilities when the task definition is a Terraform resource.
    const service = readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'terraform', 'service.tf'), 'utf8');
    const launch = (await tf(service)).findings.find((candidate) => candidate.ruleId === 'ecs/service-launch-type-compatibility')!;
    assert.match(launch.message, /sets no `requires_compatibilities`/);
    assert.match(launch.fixes[0].title, /^Add "FARGATE" to the requires_compatibilities of the task definition/);
  });

  test('a role name where the ARN is documented names execution_role_arn', async () => {
    const text = readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'terraform', 'fargate-mistakes.tf'), 'utf8').replace(
      '  pid_mode                 = "host"',
      '  execution_role_arn       = "web-execution"',
    );
    const finding = (await tf(text)).findings.find((candidate) => candidate.ruleId === 'ecs/role-arn-format')!;
    assert.match(finding.message, /^`execution_role_arn` is a role name/);
  });

  test('the same rules in JSON keep the API names', async () => {
    const { findings } = await lint(
      JSON.stringify({
        family: 'web',
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'bridge',
        cpu: '256',
        memory: '512',
        containerDefinitions: [
          {
            name: 'web',
            image: 'nginx:1.27',
            essential: true,
            logConfiguration: {
              logDriver: 'awslogs',
              options: { 'awslogs-group': 'g', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'w' },
            },
          },
        ],
      }),
      { fileName: 'task-definition.json' },
    );
    const mode = findings.find((finding) => finding.ruleId === 'ecs/fargate-network-mode')!;
    assert.match(mode.message, /Set "networkMode": "awsvpc"\./);
    assert.equal(mode.fixes[0].title, 'Set networkMode to "awsvpc"');
    const role = findings.find((finding) => finding.ruleId === 'ecs/execution-role-required')!;
    assert.match(role.message, /`executionRoleArn` is not set/);
    assert.match(role.fixes[0].title, /^Add executionRoleArn \(/);
  });
});
