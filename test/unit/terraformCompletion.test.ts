// Completion in Terraform files, through the core (features/completion.ts): HCL object syntax inside
// `jsonencode(...)`, the provider's snake_case arguments in resource bodies and policy-document blocks, IAM
// values in their strings, at real cursor positions (`|`), half-typed lines included. Every chosen item must
// leave the file valid HCL.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { parseDocument } from '../../server/src/core/document';
import { hclHasErrors } from '../../server/src/core/hcl';
import { completionsAt, type CompletionSuggestion } from '../../server/src/features/completion';
import { loadHclParser } from '../../server/src/workspace/hclWasm';
import { applySuggestion, FIXTURES, visibleSuggestions } from '../helpers';
import { readFileSync } from 'node:fs';
import path from 'node:path';

async function complete(textWithCursor: string): Promise<{ text: string; offset: number; items: CompletionSuggestion[] }> {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
  return { text, offset, items: await completionsAt(parseDocument(text, { fileName: 'main.tf' }), offset) };
}

function item(items: CompletionSuggestion[], label: string): CompletionSuggestion {
  const found = items.find((candidate) => candidate.label === label);
  assert.ok(found, `${label} not among ${items.map((candidate) => candidate.label).join(', ')}`);
  return found;
}

const TASK = (body: string, containers: string) => `resource "aws_ecs_task_definition" "web" {
  family                   = "web"
  requires_compatibilities = ["FARGATE"]
${body}
  container_definitions = jsonencode([
    {
${containers}
    }
  ])
}
`;

describe('Terraform completion', () => {
  before(async () => {
    await loadHclParser();
  });

  test('inside jsonencode: container fields as HCL keys (`name = value`), no JSON quotes or colons; the file stays valid HCL', async () => {
    const { text, offset, items } = await complete(TASK('', '      name  = "app"\n      |'));
    const labels = items.map((candidate) => candidate.label);
    for (const key of ['image', 'essential', 'logConfiguration', 'portMappings', 'secrets']) assert.ok(labels.includes(key), key);
    assert.ok(!labels.includes('name'), 'name is written already');
    assert.ok(!labels.includes('pidMode'), 'pidMode is task-level');
    assert.ok(!items.some((candidate) => /"image"|":/.test(candidate.insertText)), 'no JSON key syntax');
    assert.equal(item(items, 'image').insertText, 'image = "$1"');
    assert.equal(item(items, 'essential').insertText, 'essential = ${1|true,false|}');
    const chosen = applySuggestion(text, item(items, 'logConfiguration'));
    assert.match(chosen, /logConfiguration = \{\n\tlogDriver = "awslogs",\n\toptions = \{\n\t\t"awslogs-group" = "\/ecs\/web",/);
    assert.equal(hclHasErrors(chosen), false, chosen);
    for (const label of ['portMappings', 'secrets', 'healthCheck', 'environment', 'dependsOn', 'essential', 'cpu']) {
      const result = applySuggestion(text, item(items, label));
      assert.equal(hclHasErrors(result), false, result);
    }
    assert.equal(visibleSuggestions(text, offset, items)[0].label, 'image', 'required first');
  });

  test('a half-typed key on its own line (invalid HCL for now) is completed and replaced whole', async () => {
    const { text, offset, items } = await complete(TASK('', '      name = "app"\n      ima|'));
    const shown = visibleSuggestions(text, offset, items).map((candidate) => candidate.label);
    assert.ok(shown.includes('image'), shown.join(', '));
    const chosen = applySuggestion(text, item(items, 'image'));
    assert.match(chosen, /\n {6}image = ""\n/);
    assert.equal(hclHasErrors(chosen), false, chosen);
  });

  test('a key with its value written already: the name alone', async () => {
    const { text, items } = await complete(TASK('', '      name = "app"\n      essen| = true'));
    assert.equal(applySuggestion(text, item(items, 'essential')), text.replace('essen = true', 'essential = true'));
  });

  test('values in HCL: enums quoted, booleans bare, log options of the driver, numbers bare', async () => {
    const enumValue = await complete(TASK('', '      name = "app"\n      portMappings = [{ containerPort = 80, protocol = "|" }]'));
    assert.deepEqual(
      enumValue.items.map((candidate) => candidate.insertText),
      ['"tcp"', '"udp"'],
    );
    assert.equal(enumValue.items[0].replace.length, 2, 'the string with its quotes');
    const bool = await complete(TASK('', '      name = "app"\n      essential = |'));
    assert.deepEqual(
      bool.items.map((candidate) => candidate.insertText),
      ['true', 'false'],
    );
    const options = await complete(
      TASK('', '      logConfiguration = {\n        logDriver = "awslogs"\n        options = {\n          |\n        }\n      }'),
    );
    const group = item(options.items, 'awslogs-group');
    assert.match(group.insertText, /^"awslogs-group" = "\$\{1:[^}]+\}"$/);
    assert.equal(hclHasErrors(applySuggestion(options.text, group)), false);
  });

  test('in the resource body: Terraform argument names in snake_case with the API documentation', async () => {
    const { text, offset, items } = await complete(TASK('  exec|', '      name = "app"'));
    const shown = visibleSuggestions(text, offset, items).map((candidate) => candidate.label);
    assert.ok(shown.includes('execution_role_arn'), shown.join(', '));
    assert.ok(!items.some((candidate) => candidate.label === 'executionRoleArn'));
    assert.ok(
      !items.some((candidate) => candidate.label === 'family' || candidate.label === 'requires_compatibilities'),
      'written already',
    );
    const execution = item(items, 'execution_role_arn');
    assert.match(execution.documentation ?? '', /Amazon ECS container agent/);
    assert.match(execution.detail ?? '', /executionRoleArn/);
    const network = item(items, 'network_mode');
    assert.equal(network.insertText, 'network_mode = "${1|awsvpc,bridge,host,none|}"');
    const volume = item(items, 'volume');
    assert.equal(volume.kind, 'snippet');
    const result = applySuggestion(text, volume);
    assert.match(result, /volume \{\n\tname = "data"\n\}/);
    assert.equal(hclHasErrors(result), false, result);
    // Values of arguments: the API's enum for network_mode, Fargate sizes for cpu.
    const mode = await complete(TASK('  network_mode = "|"', '      name = "app"'));
    assert.deepEqual(
      mode.items.map((candidate) => candidate.label),
      ['awsvpc', 'bridge', 'host', 'none'],
    );
    const compat = await complete(TASK('', '      name = "app"').replace('["FARGATE"]', '["|"]'));
    assert.ok(compat.items.some((candidate) => candidate.insertText === '"FARGATE"'));
  });

  test("execution_role_arn = |: the file's roles by reference, the one ECS tasks may assume first", async () => {
    const trust = (service: string) =>
      `jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "${service}" } }] })`;
    const { text, items } = await complete(`${TASK('  execution_role_arn = |', '      name = "app"')}
resource "aws_iam_role" "lambda" {
  name               = "lambda"
  assume_role_policy = ${trust('lambda.amazonaws.com')}
}

resource "aws_iam_role" "exec" {
  name               = "exec"
  assume_role_policy = ${trust('ecs-tasks.amazonaws.com')}
}
`);
    assert.deepEqual(
      items.slice(0, 2).map((candidate) => candidate.label),
      ['aws_iam_role.exec.arn', 'aws_iam_role.lambda.arn'],
    );
    assert.match(items[1].detail ?? '', /not trusted by ecs-tasks\.amazonaws\.com/);
    const chosen = applySuggestion(text, items[0]);
    assert.match(chosen, /execution_role_arn = aws_iam_role\.exec\.arn\n/);
    assert.equal(hclHasErrors(chosen), false);
  });

  test('aws_ecs_service body: service arguments and placement blocks by their Terraform names', async () => {
    const { items } = await complete(`resource "aws_ecs_service" "api" {
  name          = "api"
  launch_type   = "FARGATE"
  |
}
`);
    for (const label of [
      'desired_count',
      'task_definition',
      'ordered_placement_strategy',
      'service_connect_configuration',
      'network_configuration',
    ]) {
      item(items, label);
    }
    assert.ok(!items.some((candidate) => candidate.label === 'name' || candidate.label === 'launch_type'));
    const launch = await complete('resource "aws_ecs_service" "api" {\n  name = "api"\n  launch_type = "|"\n}\n');
    assert.ok(launch.items.some((candidate) => candidate.label === 'FARGATE'));
  });

  test('aws_iam_policy_document: statement arguments, then actions, ARNs, operators and condition keys in their strings', async () => {
    const statement = await complete(`data "aws_iam_policy_document" "p" {
  statement {
    actions = ["s3:GetObject"]
    |
  }
}
`);
    const labels = statement.items.map((candidate) => candidate.label);
    assert.deepEqual(labels.slice(0, 2), ['sid', 'effect']);
    assert.ok(labels.includes('resources') && labels.includes('condition') && !labels.includes('actions'), labels.join(', '));
    assert.match(item(statement.items, 'resources').documentation ?? '', /reference_policies_elements_resource\.html/);
    const condition = applySuggestion(statement.text, item(statement.items, 'condition'));
    assert.equal(hclHasErrors(condition), false, condition);

    const actions = await complete('data "aws_iam_policy_document" "p" {\n  statement {\n    actions = ["s3:GetOb|"]\n  }\n}\n');
    const get = item(actions.items, 's3:GetObject');
    assert.equal(get.insertText, '"s3:GetObject"');
    assert.deepEqual(get.replace, { offset: actions.text.indexOf('"s3:GetOb'), length: '"s3:GetOb"'.length });

    const resources = await complete(
      'data "aws_iam_policy_document" "p" {\n  statement {\n    actions = ["s3:GetObject"]\n    resources = ["|"]\n  }\n}\n',
    );
    assert.ok(resources.items.some((candidate) => candidate.label === 'arn:aws:s3:::${BucketName}/${ObjectName}'));

    const operator = await complete(
      'data "aws_iam_policy_document" "p" {\n  statement {\n    actions = ["s3:GetObject"]\n    condition {\n      test = "StringEq|"\n    }\n  }\n}\n',
    );
    assert.equal(item(operator.items, 'StringEquals').insertText, '"StringEquals"', 'a value, not a JSON key');

    const key = await complete(
      'data "aws_iam_policy_document" "p" {\n  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["*"]\n    condition {\n      test     = "StringEquals"\n      variable = "|"\n      values   = ["x"]\n    }\n  }\n}\n',
    );
    const prefix = item(key.items, 's3:ExistingObjectTag/<key>');
    assert.equal(prefix.insertText, '"s3:ExistingObjectTag/<key>"');
    assert.ok(key.items.some((candidate) => candidate.label === 'aws:SourceAccount'));

    const principal = await complete(
      'data "aws_iam_policy_document" "trust" {\n  statement {\n    actions = ["sts:AssumeRole"]\n    principals {\n      type        = "Service"\n      identifiers = ["ecs-|"]\n    }\n  }\n}\n',
    );
    assert.ok(principal.items.some((candidate) => candidate.insertText === '"ecs-tasks.amazonaws.com"'));
  });

  test('a jsonencode policy: actions in a half-typed string, condition operators as HCL keys', async () => {
    const actions = await complete(`resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = "s3:GetOb|
    }]
  })
}
`);
    const get = item(actions.items, 's3:GetObject');
    assert.equal(get.insertText, '"s3:GetObject"');
    const fixed = applySuggestion(actions.text, get);
    assert.match(fixed, /Action = "s3:GetObject"\n/);
    assert.equal(hclHasErrors(fixed), false, fixed);

    const operator = await complete(`resource "aws_iam_role" "r" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Condition = {
        |
      }
    }]
  })
}
`);
    const equals = item(operator.items, 'StringEquals');
    assert.equal(equals.insertText, 'StringEquals = {\n\t"$1" = "$2"\n}');
    const chosen = applySuggestion(operator.text, equals);
    assert.equal(hclHasErrors(chosen), false, chosen);
    assert.match(item(operator.items, 'ForAnyValue:StringEquals').insertText, /^"ForAnyValue:StringEquals" = \{/);
  });

  test('a condition key typed half-way in a jsonencode policy the parser lost: keys as HCL, `${TagKey}` as a tab stop, not an interpolation', async () => {
    const { text, items } = await complete(`resource "aws_iam_role" "r" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Condition = {
        StringEquals = {
          "aws:Sou|
        }
      }
    }]
  })
}
`);
    assert.equal(item(items, 'aws:SourceAccount').insertText, '"aws:SourceAccount" = "$1"');
    const tag = item(items, 'aws:PrincipalTag/${TagKey}');
    assert.equal(tag.insertText, '"aws:PrincipalTag/${1:TagKey}" = "$2"');
    const chosen = applySuggestion(text, tag);
    assert.match(chosen, /"aws:PrincipalTag\/TagKey" = ""\n/);
    assert.equal(hclHasErrors(chosen), false, chosen);
  });

  test('nothing in comments, heredocs, other resources, or after the block', async () => {
    for (const text of [
      TASK('  # exec|', '      name = "app"'),
      'resource "aws_ecs_task_definition" "t" {\n  container_definitions = <<EOF\n[{"na|": 1}]\nEOF\n}\n',
      'resource "aws_s3_bucket" "b" {\n  |\n}\n',
      'resource "aws_ecs_task_definition" "t" {\n  family = "t"\n}\n|\n',
    ]) {
      const { items } = await complete(text);
      assert.deepEqual(
        items.map((candidate) => candidate.label),
        [],
        text,
      );
    }
  });

  test('any cursor position, in whole and in cut-off files (as while typing), answers without throwing', async () => {
    for (const name of ['secrets.tf', 'service-connect.tf', 'fargate-mistakes.tf']) {
      const text = readFileSync(path.join(FIXTURES, 'terraform', name), 'utf8');
      const whole = parseDocument(text, { fileName: 'main.tf' });
      let answered = 0;
      for (let offset = 0; offset <= text.length; offset += 11) {
        const items = await completionsAt(whole, offset);
        for (const candidate of items) {
          assert.ok(
            candidate.replace.offset <= offset && offset <= candidate.replace.offset + candidate.replace.length,
            `${name}@${offset}`,
          );
        }
        if (items.length > 0) answered++;
      }
      assert.ok(answered > 20, `${name}: ${answered} positions with suggestions`);
      // The file cut at the cursor, and the same with a stray quote or brace: half-written HCL.
      for (let offset = 0; offset <= text.length; offset += 43) {
        for (const tail of ['', '"', '{', '= [', '\r\n  x']) {
          const cut = text.slice(0, offset) + tail;
          await completionsAt(parseDocument(cut, { fileName: 'main.tf' }), cut.length);
        }
      }
    }
  });
});
