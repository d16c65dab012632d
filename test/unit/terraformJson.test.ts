// Terraform's JSON syntax (`*.tf.json`) through the core: the same mapping as `.tf` files (resources by address,
// references as intrinsics, aws_iam_policy_document blocks as policies, JSON strings parsed in place), the same
// role reasoning, fixes that stay valid Terraform JSON, and unknown values that never make a finding.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getNodeValue } from 'jsonc-parser';
import { property } from '../../server/src/core/json';
import { documentFormat } from '../../server/src/core/document';
import { templatePieces } from '../../server/src/core/terraformJson';
import { hoverAt } from '../../server/src/features/hover';
import { documentSymbols, type DocumentSymbolInfo } from '../../server/src/features/symbols';
import { applyEdits, coveredText, FIXTURES, isStrictJson, lint } from '../helpers';

const tfJson = (text: string, fileName = 'main.tf.json') => lint(text, { fileName });
const valueOf = (node: Parameters<typeof getNodeValue>[0] | undefined) =>
  node ? JSON.parse(JSON.stringify(getNodeValue(node))) : undefined;
const FIXTURE = readFileSync(path.join(FIXTURES, 'terraform', 'secrets.tf.json'), 'utf8');

/** A module with one Fargate task definition; `task` adds arguments, `rest` adds top-level blocks. */
function module(task: Record<string, unknown>, rest: Record<string, unknown> = {}): string {
  const resource = (rest.resource as Record<string, unknown>) ?? {};
  return JSON.stringify(
    {
      ...rest,
      resource: {
        ...resource,
        aws_ecs_task_definition: {
          t: { family: 't', requires_compatibilities: ['FARGATE'], network_mode: 'awsvpc', cpu: '256', memory: '512', ...task },
        },
      },
    },
    null,
    2,
  );
}

const containers = (list: unknown[]) => JSON.stringify(list);

describe('Terraform JSON syntax (.tf.json)', () => {
  test('the file name decides: *.tf.json is Terraform, other *.json stays plain JSON, whatever the language id says', async () => {
    assert.equal(documentFormat('{}', { fileName: 'main.tf.json', format: 'hcl' }), 'json');
    const text = module({ container_definitions: containers([{ name: 'app', image: 'nginx:1.27', essential: true }]) });
    const asTerraform = await tfJson(text);
    assert.equal(asTerraform.document.terraformJson, true);
    assert.equal(asTerraform.document.kind, 'cloudformation-template');
    assert.equal(asTerraform.document.taskDefinitions.length, 1);
    const plain = await lint(text, { fileName: 'main.json' });
    assert.equal(plain.document.terraformJson, undefined);
    assert.equal(plain.document.taskDefinitions.length, 0);
    // Opened with a Terraform extension's language id (`terraform`, the HCL format): still JSON syntax.
    const asTerraformLanguage = await lint(FIXTURE, { fileName: 'main.tf.json', format: 'hcl' });
    assert.ok(asTerraformLanguage.findings.some((finding) => finding.ruleId === 'ecs/execution-role-missing-permission'));
    const unrelated = await tfJson(JSON.stringify({ variable: { region: { default: 'us-east-1' } } }));
    assert.equal(unrelated.document.kind, 'unrelated');
    assert.deepEqual(unrelated.findings, []);
  });

  test('string templates: literal, escapes, interpolations and directives', () => {
    const cases: Array<[string, ReturnType<typeof templatePieces>]> = [
      ['plain', [{ literal: 'plain' }]],
      ['${aws_iam_role.exec.arn}', [{ expression: 'aws_iam_role.exec.arn' }]],
      ['arn:aws:s3:::${var.bucket}/*', [{ literal: 'arn:aws:s3:::' }, { expression: 'var.bucket' }, { literal: '/*' }]],
      ['$${aws:username}', [{ literal: '${aws:username}' }]],
      ['${jsonencode({"a" = "}"})}', [{ expression: 'jsonencode({"a" = "}"})' }]],
      ['%{ if var.x }a%{ endif }', undefined],
      ['${unclosed', undefined],
    ];
    for (const [text, expected] of cases) assert.deepEqual(templatePieces(text), expected, text);
  });

  test('references: the role by address, var.* and other expressions as unknown values, locals by their literal value', async () => {
    const { document } = await tfJson(
      module(
        {
          execution_role_arn: '${aws_iam_role.exec.arn}',
          task_role_arn: '${var.task_role}',
          family: '${local.family}',
          container_definitions: containers([{ name: 'app', image: 'nginx:1.27', essential: true }]),
        },
        {
          locals: { family: 'web' },
          resource: { aws_iam_role: { exec: { name: 'exec', assume_role_policy: '${data.aws_iam_policy_document.assume.json}' } } },
          data: {
            aws_iam_policy_document: {
              assume: {
                statement: { actions: ['sts:AssumeRole'], principals: { type: 'Service', identifiers: ['ecs-tasks.amazonaws.com'] } },
              },
            },
          },
        },
      ),
    );
    const view = document.taskDefinitions[0].node;
    assert.equal(document.taskDefinitions[0].resource, 'aws_ecs_task_definition.t');
    assert.deepEqual(valueOf(property(view, 'executionRoleArn')), { 'Fn::GetAtt': ['aws_iam_role.exec', 'Arn'] });
    assert.deepEqual(valueOf(property(view, 'taskRoleArn')), { Ref: 'var.task_role' });
    assert.equal(valueOf(property(view, 'family')), 'web');
    assert.deepEqual(valueOf(property(view, 'containerDefinitions')), [{ name: 'app', image: 'nginx:1.27', essential: true }]);
    // A single `statement` object and a single `principals` object are blocks as well as arrays of them.
    const trust = document.policies.find((policy) => policy.kind === 'trust');
    assert.deepEqual(valueOf(trust?.node), {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole'], Principal: { Service: ['ecs-tasks.amazonaws.com'] } }],
    });
  });

  test('an execution role from an aws_iam_policy_document without secretsmanager:GetSecretValue: the diagnostic, and a fix in Terraform JSON that re-lints clean', async () => {
    const { findings } = await tfJson(FIXTURE, 'secrets.tf.json');
    const missing = findings.filter((finding) => finding.ruleId === 'ecs/execution-role-missing-permission');
    assert.equal(missing.length, 1, JSON.stringify(findings));
    assert.equal(coveredText(FIXTURE, missing[0]), '\\"arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-password-AbCdEf\\"');
    assert.match(missing[0].message, /`secretsmanager:GetSecretValue`/);
    assert.equal(missing[0].data?.terraformAddress, 'aws_ecs_task_definition.web');
    const fix = missing[0].fixes.find((candidate) => candidate.title.includes('aws_iam_role_policy.execution'));
    assert.ok(fix, JSON.stringify(missing[0].fixes));
    const fixed = applyEdits(FIXTURE, fix.edits);
    assert.ok(isStrictJson(fixed), fixed);
    // The statement is a Terraform statement block, appended to the document's `statement` list.
    const statements = JSON.parse(fixed).data.aws_iam_policy_document.execution.statement;
    assert.equal(statements.length, 2);
    assert.deepEqual(
      { ...statements[1], sid: undefined },
      {
        sid: undefined,
        effect: 'Allow',
        actions: ['secretsmanager:GetSecretValue'],
        resources: ['arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-password-AbCdEf'],
      },
    );
    // A finding inside a data block names that block (the trust policy's confused-deputy advice).
    const deputy = findings.find((finding) => finding.ruleId === 'iam/confused-deputy');
    assert.equal(deputy?.data?.terraformAddress, 'data.aws_iam_policy_document.assume');
    const after = await tfJson(fixed, 'secrets.tf.json');
    assert.deepEqual(
      after.findings.filter((finding) => finding.severity === 'error'),
      [],
    );
  });

  test('hover: the role on execution_role_arn, the API field on a Terraform argument, the action in a policy document placed elsewhere', async () => {
    const { document } = await tfJson(FIXTURE, 'secrets.tf.json');
    const hover = async (marker: string) => (await hoverAt(document, FIXTURE.indexOf(marker) + 3))?.markdown ?? '';
    assert.match(await hover('"execution_role_arn"'), /Task execution role.*`web-execution`/);
    assert.match(await hover('"network_mode": "awsvpc"'), /networkMode/);
    assert.match(await hover('\\"image\\"'), /image/);
    assert.match(await hover('"logs:PutLogEvents"'), /\*\*logs:PutLogEvents\*\* — Amazon CloudWatch Logs/);
  });

  test('a policy written as a JSON string: parsed in place, its fix escaped into the string', async () => {
    const text = module(
      {
        execution_role_arn: '${aws_iam_role.exec.arn}',
        container_definitions: containers([
          {
            name: 'app',
            image: 'nginx:1.27',
            essential: true,
            secrets: [{ name: 'P', valueFrom: 'arn:aws:ssm:us-east-1:111122223333:parameter/p' }],
          },
        ]),
      },
      {
        resource: {
          aws_iam_role: {
            exec: {
              name: 'exec',
              assume_role_policy: JSON.stringify({
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ecs-tasks.amazonaws.com' } }],
              }),
              inline_policy: [
                {
                  name: 'logs',
                  policy: JSON.stringify({
                    Version: '2012-10-17',
                    Statement: [{ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: '*' }],
                  }),
                },
              ],
            },
          },
        },
      },
    );
    const { document, findings } = await tfJson(text);
    assert.equal(document.policies.filter((policy) => policy.embedded).length, 2);
    const missing = findings.find((finding) => finding.ruleId === 'ecs/execution-role-missing-permission');
    assert.ok(missing, JSON.stringify(findings));
    assert.match(missing.message, /ssm:GetParameters/);
    for (const fix of missing.fixes) {
      const fixed = applyEdits(text, fix.edits);
      assert.ok(isStrictJson(fixed), fixed);
      const policy = JSON.parse(JSON.parse(fixed).resource.aws_iam_role.exec.inline_policy[0].policy);
      assert.ok(JSON.stringify(policy.Statement).includes('ssm:GetParameters'), JSON.stringify(policy));
      const after = await tfJson(fixed);
      assert.ok(
        !after.findings.some((finding) => finding.ruleId === 'ecs/execution-role-missing-permission'),
        JSON.stringify(after.findings),
      );
    }
    assert.ok(missing.fixes.length > 0);
  });

  const unknowns: Array<[string, unknown]> = [
    ['jsonencode()', '${jsonencode([{ name = "app", image = var.image }])}'],
    ['a variable', '${var.container_definitions}'],
    ['templatefile()', '${templatefile("containers.json.tpl", { cpu = 256 })}'],
    ['JSON with an unquoted interpolation', '[{"name": "app", "image": "nginx:1.27", "essential": true, "cpu": ${var.cpu}}]'],
    ['a directive', '%{ if var.x }[]%{ endif }'],
  ];
  for (const [how, value] of unknowns) {
    test(`container_definitions from ${how} is unknown: no error`, async () => {
      const { findings } = await tfJson(module({ container_definitions: value, execution_role_arn: '${var.execution_role_arn}' }));
      assert.deepEqual(
        findings.filter((finding) => finding.severity === 'error'),
        [],
      );
    });
  }

  test('interpolations inside JSON strings are unknown values, never a false finding; the rest is checked', async () => {
    const { document, findings } = await tfJson(
      module(
        {
          execution_role_arn: '${aws_iam_role.exec.arn}',
          container_definitions: containers([
            {
              name: 'app',
              image: '${var.image}',
              essential: 'yes',
              memory: '${var.memory}',
              secrets: [{ name: 'DB', valueFrom: '${aws_secretsmanager_secret.db.arn}' }],
            },
          ]),
        },
        {
          resource: {
            aws_secretsmanager_secret: { db: { name: 'db' } },
            aws_iam_role: { exec: { name: 'exec', managed_policy_arns: ['${aws_iam_policy.unknown.arn}'] } },
          },
        },
      ),
    );
    const list = valueOf(property(document.taskDefinitions[0].node, 'containerDefinitions'));
    assert.deepEqual(list[0].image, { Ref: 'var.image' });
    // The string "yes" where a boolean belongs is still found, in the string's text.
    assert.ok(findings.some((finding) => finding.ruleId === 'ecs/invalid-type'));
    assert.deepEqual(
      findings.filter((finding) => finding.severity === 'error' && finding.ruleId !== 'ecs/invalid-type'),
      [],
    );
  });

  test('invalid JSON in a container_definitions string is terraform/syntax; invalid JSON of the file is json/syntax', async () => {
    const broken = await tfJson(module({ container_definitions: '[{"name": "app",}]' }));
    const syntax = broken.findings.filter((finding) => finding.ruleId === 'terraform/syntax');
    assert.equal(syntax.length, 1, JSON.stringify(broken.findings));
    assert.match(syntax[0].message, /not valid JSON/);
    const text = module({ container_definitions: '[]' })
      .replace('"family": "t",', '"family": "t",,')
      .replace('"cpu": "256",', '"cpu": "256", // comment\n');
    const file = await tfJson(text);
    const syntaxErrors = file.findings.filter((finding) => finding.ruleId === 'json/syntax');
    assert.ok(syntaxErrors.length >= 2, JSON.stringify(file.findings));
    assert.ok(syntaxErrors.every((finding) => finding.message.includes('Terraform') || finding.fixes.length === 0));
    const comment = syntaxErrors.find((finding) => finding.message.startsWith('Comment'));
    assert.ok(comment && comment.fixes.length > 0, JSON.stringify(syntaxErrors));
  });

  test('a role with a policy document that merges others, or a dynamic statement: not judged as missing permissions', async () => {
    for (const document of [
      { source_policy_documents: ['${var.extra}'], statement: [{ actions: ['logs:PutLogEvents'], resources: ['*'] }] },
      { dynamic: { statement: { for_each: '${var.statements}', content: { actions: '${statement.value}' } } } },
    ]) {
      const { findings } = await tfJson(
        module(
          {
            execution_role_arn: '${aws_iam_role.exec.arn}',
            container_definitions: containers([
              {
                name: 'app',
                image: 'nginx:1.27',
                essential: true,
                secrets: [{ name: 'P', valueFrom: 'arn:aws:ssm:us-east-1:111122223333:parameter/p' }],
              },
            ]),
          },
          {
            resource: {
              aws_iam_role: { exec: { name: 'exec' } },
              aws_iam_role_policy: { exec: { role: '${aws_iam_role.exec.id}', policy: '${data.aws_iam_policy_document.exec.json}' } },
            },
            data: { aws_iam_policy_document: { exec: document } },
          },
        ),
      );
      assert.ok(!findings.some((finding) => finding.ruleId.endsWith('missing-permission')), JSON.stringify(findings));
    }
  });

  test('attachments: an aws_iam_policy attached by reference is read; a jsonencode() policy makes the role unknown', async () => {
    const task = {
      execution_role_arn: '${aws_iam_role.exec.arn}',
      container_definitions: containers([
        {
          name: 'app',
          image: 'nginx:1.27',
          essential: true,
          secrets: [{ name: 'P', valueFrom: 'arn:aws:ssm:us-east-1:111122223333:parameter/p' }],
        },
      ]),
    };
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: '*' }] });
    const attached = await tfJson(
      module(task, {
        resource: {
          aws_iam_role: { exec: { name: 'exec' } },
          aws_iam_policy: { logs: { policy } },
          aws_iam_role_policy_attachment: { logs: { role: '${aws_iam_role.exec.name}', policy_arn: '${aws_iam_policy.logs.arn}' } },
        },
      }),
    );
    const missing = attached.findings.filter((finding) => finding.ruleId === 'ecs/execution-role-missing-permission');
    assert.equal(missing.length, 1, JSON.stringify(attached.findings));
    assert.match(missing[0].message, /ssm:GetParameters/);
    const unknown = await tfJson(
      module(task, {
        resource: {
          aws_iam_role: { exec: { name: 'exec' } },
          aws_iam_role_policy: {
            exec: { role: '${aws_iam_role.exec.id}', policy: '${jsonencode({ Version = "2012-10-17", Statement = local.statements })}' },
          },
        },
      }),
    );
    assert.ok(!unknown.findings.some((finding) => finding.ruleId.endsWith('missing-permission')), JSON.stringify(unknown.findings));
  });

  test('a role without permission policies: the fix gives it an inline_policy block (its policy a JSON string) that re-lints clean', async () => {
    const text = module(
      {
        execution_role_arn: '${aws_iam_role.exec.arn}',
        container_definitions: containers([
          {
            name: 'app',
            image: 'nginx:1.27',
            essential: true,
            secrets: [{ name: 'P', valueFrom: 'arn:aws:ssm:us-east-1:111122223333:parameter/p' }],
          },
        ]),
      },
      { resource: { aws_iam_role: { exec: { name: 'exec', tags: { team: 'a' } } } } },
    );
    const { findings } = await tfJson(text);
    const missing = findings.find((finding) => finding.ruleId === 'ecs/execution-role-missing-permission');
    assert.ok(missing, JSON.stringify(findings));
    assert.equal(missing.fixes.length, 1, JSON.stringify(missing.fixes));
    const fixed = applyEdits(text, missing.fixes[0].edits);
    assert.ok(isStrictJson(fixed), fixed);
    const role = JSON.parse(fixed).resource.aws_iam_role.exec;
    assert.deepEqual(role.tags, { team: 'a' });
    assert.equal(role.inline_policy.length, 1);
    assert.deepEqual(JSON.parse(role.inline_policy[0].policy).Statement[0].Action, 'ssm:GetParameters');
    const after = await tfJson(fixed);
    assert.ok(
      !after.findings.some((finding) => finding.ruleId === 'ecs/execution-role-missing-permission'),
      JSON.stringify(after.findings),
    );
  });

  test('a fix that would write the API names into a Terraform block is not offered', async () => {
    // The statement written as one object (not a list): appending to it cannot be written as a list item.
    const text = JSON.stringify(
      JSON.parse(FIXTURE, (key, value) => (key === 'execution' && value.statement ? { statement: value.statement[0] } : value)),
      null,
      2,
    );
    const { findings } = await tfJson(text, 'secrets.tf.json');
    const missing = findings.find((finding) => finding.ruleId === 'ecs/execution-role-missing-permission');
    assert.ok(missing, JSON.stringify(findings));
    assert.deepEqual(missing.fixes, []);
  });

  test('aws_ecs_service: linked to its task definition by reference, Fargate rules from its launch type', async () => {
    const { document, findings } = await tfJson(
      module(
        {
          container_definitions: containers([{ name: 'app', image: 'nginx:1.27', essential: true, portMappings: [{ containerPort: 80 }] }]),
        },
        {
          resource: {
            aws_ecs_service: {
              web: {
                name: 'web',
                task_definition: '${aws_ecs_task_definition.t.arn}',
                launch_type: 'FARGATE',
                desired_count: 1,
                load_balancer: [{ target_group_arn: '${var.tg}', container_name: 'ap', container_port: 80 }],
                network_configuration: { subnets: ['${var.subnet}'], assign_public_ip: false },
              },
            },
          },
        },
      ),
    );
    assert.equal(document.services.length, 1);
    assert.equal(document.services[0].resource, 'aws_ecs_service.web');
    const service = document.services[0].node;
    assert.deepEqual(valueOf(property(service, 'taskDefinition')), { 'Fn::GetAtt': ['aws_ecs_task_definition.t', 'Arn'] });
    assert.deepEqual(valueOf(property(property(service, 'loadBalancers')!.children![0], 'containerName')), 'ap');
    const wrongName = findings.find((finding) => finding.message.includes('`ap`'));
    assert.ok(wrongName, JSON.stringify(findings.map((finding) => [finding.ruleId, finding.message])));
    assert.equal(wrongName.data?.terraformAddress, 'aws_ecs_service.web');
    for (const fix of wrongName.fixes) assert.ok(isStrictJson(applyEdits(JSON.stringify(JSON.parse(document.text), null, 2), fix.edits)));
  });

  test('every fix offered on a .tf.json file leaves valid JSON', async () => {
    const text = module({
      network_mode: 'bridge',
      container_definitions: containers([
        { name: 'app', image: 'nginx:latest', essential: true, privileged: true, portMappings: [{ containerPort: 80, hostPort: 8080 }] },
      ]),
    });
    const { findings } = await tfJson(text);
    let fixes = 0;
    for (const finding of findings) {
      for (const fix of finding.fixes) {
        fixes++;
        assert.ok(isStrictJson(applyEdits(text, fix.edits)), `${finding.ruleId}: ${fix.title}`);
      }
    }
    assert.ok(fixes > 0);
  });

  test('bad input: not an object, deep, huge strings, BOM, CRLF never throw', async () => {
    const deep = '['.repeat(2000) + ']'.repeat(2000);
    for (const text of [
      '[]',
      '"x"',
      '',
      '{"resource": []}',
      '{"resource": {"aws_ecs_task_definition": {"t": {"container_definitions": ' + JSON.stringify(deep) + '}}}}',
      '\uFEFF' + FIXTURE.replace(/\n/g, '\r\n'),
      '{"resource": {"aws_iam_role": {"r": {"assume_role_policy": "${' + 'x'.repeat(100_000) + '"}}}}',
    ]) {
      const { findings } = await tfJson(text);
      assert.ok(Array.isArray(findings));
    }
    // A long container list in one string (about 400,000 characters): its offsets once overflowed the call stack.
    const many = Array.from({ length: 3000 }, (_, i) => ({ name: `c${i}`, image: '${var.image}', essential: true, cpu: 'x' }));
    const long = await tfJson(module({ container_definitions: containers(many) }));
    assert.equal(long.findings.filter((finding) => finding.ruleId === 'ecs/invalid-type').length, 3000);
    const crlf = await tfJson(FIXTURE.replace(/\n/g, '\r\n'), 'secrets.tf.json');
    assert.ok(crlf.findings.some((finding) => finding.ruleId === 'ecs/execution-role-missing-permission'));
  });
});

test('.tf.json outline: each symbol holds its selection (the resource name key before its body), as the editor requires', async () => {
  const text = readFileSync(path.join(FIXTURES, 'terraform', 'secrets.tf.json'), 'utf8');
  const { document } = await lint(text, { fileName: 'main.tf.json' });
  const symbols = documentSymbols(document);
  const all = (list: DocumentSymbolInfo[]): DocumentSymbolInfo[] => list.flatMap((symbol) => [symbol, ...all(symbol.children)]);
  const names = all(symbols).map((symbol) => symbol.name);
  assert.ok(names.includes('aws_ecs_task_definition.web'), JSON.stringify(names));
  for (const symbol of all(symbols)) {
    const { span, selectionSpan } = symbol;
    assert.ok(
      selectionSpan.offset >= span.offset && selectionSpan.offset + selectionSpan.length <= span.offset + span.length,
      `${symbol.name}: ${JSON.stringify({ span, selectionSpan })}`,
    );
  }
});
