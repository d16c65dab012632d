// Issue 17: Terraform. Fixture in test/e2e/workspace/terraform-27/: a .tf file whose Fargate task definition
// (container_definitions in jsonencode) reads a Secrets Manager secret, with an execution role whose policy is
// an aws_iam_policy_document that does not allow secretsmanager:GetSecretValue. No Terraform extension is
// installed: the file opens as plain text and the extension takes it by its name (`**/*.tf`).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  assertStatementBlockAdded,
  chooseQuickFix,
  editor,
  filterProblems,
  goToLine,
  MISSING_PERMISSION,
  openFile,
  page,
  placeCursor,
  problemRow,
  savedText,
  scenario,
  T,
  workspace,
} from '../harness.mjs';

const FILE = 'terraform-27/main.tf';
const SECRET = 'arn:aws:secretsmanager:eu-west-1:210987654321:secret:orders/db-password-Xy12Ab';

/** The hover at the cursor, asked for with the keyboard (a plain-text editor has no token to point the mouse at). */
async function hoverAtCursor(expected) {
  const hover = page.locator('.monaco-hover-content', { hasText: expected }).last();
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  await hover.waitFor({ timeout: T.diagnostic });
  return hover;
}

scenario(
  'T1. a .tf task definition reads a secret its execution role may not: the Problems row, the hover, the HCL quick fix, saved',
  async () => {
    const original = fs.readFileSync(path.join(workspace, FILE), 'utf8');
    const lines = original.split('\n');
    const secretLine = lines.findIndex((line) => line.includes(SECRET));
    assert.ok(secretLine > 0, 'the fixture has the secret');

    await openFile(FILE);
    await filterProblems(FILE);
    const row = problemRow(MISSING_PERMISSION);
    await row.waitFor({ timeout: T.firstDiagnostic });
    const text = await row.innerText();
    assert.match(text, /execution role .?orders-execution.?/, text);
    assert.match(text, /does not allow .?secretsmanager:GetSecretValue.?/, text);
    assert.match(text, /DB_PASSWORD/, text);

    // The squiggle is under the secret's ARN; the hover there says what the execution role needs.
    const column = lines[secretLine].indexOf('"arn:') + 3;
    await placeCursor(secretLine + 1, column, lines[secretLine]);
    await editor(FILE).locator('.squiggly-error').first().waitFor({ timeout: T.diagnostic });
    const hover = await hoverAtCursor('secretsmanager:GetSecretValue');
    const markdown = await hover.innerText();
    assert.match(markdown, /execution role/i, markdown);
    assert.match(markdown, /orders-execution/, markdown);
    await page.keyboard.press('Escape');

    // The quick fix adds a statement block to the role's aws_iam_policy_document, written in HCL.
    await placeCursor(secretLine + 1, column, lines[secretLine]);
    await chooseQuickFix(/Allow secretsmanager:GetSecretValue in aws_iam_role_policy\.orders_execution/);
    await problemRow(MISSING_PERMISSION).waitFor({ state: 'detached', timeout: T.diagnostic });
    // The statement lands after the policy document's Logs statement, further down: scroll there to see it.
    const documentEnd = lines.findIndex(
      (line, index) => line === '}' && index > lines.findIndex((l) => l.startsWith('data "aws_iam_policy_document" "orders_execution"')),
    );
    await goToLine(documentEnd + 4);
    await editor(FILE).locator('.view-line', { hasText: 'actions   = ["secretsmanager:GetSecretValue"]' }).waitFor({ timeout: T.ui });
    await page.keyboard.press('Control+S');
    const saved = await savedText(FILE, '["secretsmanager:GetSecretValue"]');
    // Inside data "aws_iam_policy_document" "orders_execution", after its Logs statement, on the secret; nothing else changed.
    assertStatementBlockAdded(saved, original, 'orders_execution', 'secretsmanager:GetSecretValue', SECRET);
  },
);

const SERVICE_FILE = 'terraform-27/service.tf';

scenario(
  'T2. an aws_ecs_service load_balancer names a container its task definition lacks: the Problems row, the fix in place, saved',
  async () => {
    const original = fs.readFileSync(path.join(workspace, SERVICE_FILE), 'utf8');
    const lines = original.split('\n');
    const nameLine = lines.findIndex((line) => line.includes('container_name   = "apl"'));
    assert.ok(nameLine > 0, 'the fixture misspells the container name');

    await openFile(SERVICE_FILE);
    await filterProblems(SERVICE_FILE);
    const row = problemRow('ecs/service-container-reference');
    await row.waitFor({ timeout: T.firstDiagnostic });
    const text = await row.innerText();
    assert.match(text, /names the container .?apl.?, which is not in its task definition .?api.?/, text);
    assert.match(text, /Did you mean .?api.?\?/, text);
    // The Fargate launch type and a task definition without requires_compatibilities: the other service finding.
    await problemRow('ecs/service-launch-type-compatibility').waitFor({ timeout: T.diagnostic });

    await placeCursor(nameLine + 1, lines[nameLine].indexOf('apl') + 2, lines[nameLine]);
    await chooseQuickFix(/Change container_name to .?api/);
    await editor(SERVICE_FILE).locator('.view-line', { hasText: 'container_name   = "api"' }).waitFor({ timeout: T.ui });
    await problemRow('ecs/service-container-reference').waitFor({ state: 'detached', timeout: T.diagnostic });
    await page.keyboard.press('Control+S');
    const saved = await savedText(SERVICE_FILE, 'container_name   = "api"');
    assert.equal(saved, original.replace('container_name   = "apl"', 'container_name   = "api"'));
  },
);
