// Issue 17: a Terraform module of two files (test/e2e/workspace/terraform-27/module-34/). ecs.tf holds a task
// definition that reads a Secrets Manager secret; its execution role, the role's aws_iam_policy_document (no
// secretsmanager:GetSecretValue) and the aws_iam_role_policy that attaches it are in iam.tf. The finding is
// on the secret in ecs.tf, the lens names the role and its file, and the quick fix edits iam.tf.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  assertStatementBlockAdded,
  chooseQuickFix,
  editor,
  filterProblems,
  MISSING_PERMISSION,
  openFile,
  page,
  placeCursor,
  problemRow,
  runCommand,
  savedText,
  scenario,
  T,
  workspace,
} from '../harness.mjs';

const FOLDER = 'terraform-27/module-34';
const TASK_FILE = `${FOLDER}/ecs.tf`;
const ROLE_FILE = `${FOLDER}/iam.tf`;
const SECRET = 'arn:aws:secretsmanager:eu-west-1:210987654321:secret:orders/db-password-Xy12Ab';

scenario(
  'M1. a role in iam.tf of the same Terraform module: the finding in ecs.tf, the lens, the quick fix that edits iam.tf',
  async () => {
    const task = fs.readFileSync(path.join(workspace, TASK_FILE), 'utf8');
    const role = fs.readFileSync(path.join(workspace, ROLE_FILE), 'utf8');
    const lines = task.split('\n');
    const secretLine = lines.findIndex((line) => line.includes(SECRET));
    assert.ok(secretLine > 0, 'the fixture has the secret');

    await openFile(TASK_FILE);
    await filterProblems(TASK_FILE);
    const row = problemRow(MISSING_PERMISSION);
    await row.waitFor({ timeout: T.firstDiagnostic });
    const text = await row.innerText();
    assert.match(text, /execution role .?orders-execution.? \(.?aws_iam_role_policy\.orders_execution.?\)/, text);
    assert.match(text, /does not allow .?secretsmanager:GetSecretValue.?/, text);

    // The lens above execution_role_arn names the role, the file it is written in, and what it meets.
    const lens = editor(TASK_FILE).locator('.codelens-decoration', { hasText: 'execution role:' }).first();
    await lens.waitFor({ timeout: T.diagnostic });
    assert.equal((await lens.innerText()).trim(), 'execution role: aws_iam_role.orders_execution in iam.tf — 1 of 2 needs met');
    // Clicking it opens iam.tf at the role.
    await lens.locator('a').first().click();
    await page.locator('.tabs-container .tab.active[data-resource-name="iam.tf"]').waitFor({ timeout: T.ui });
    await editor(ROLE_FILE).locator('.view-line', { hasText: 'resource "aws_iam_role" "orders_execution"' }).waitFor({ timeout: T.ui });

    // Back in ecs.tf: the quick fix on the secret adds the statement to the policy document in iam.tf.
    await openFile(TASK_FILE);
    const column = lines[secretLine].indexOf('"arn:') + 3;
    await placeCursor(secretLine + 1, column, lines[secretLine]);
    await chooseQuickFix(/Allow secretsmanager:GetSecretValue in aws_iam_role_policy\.orders_execution/);
    await page.locator('.tabs-container .tab.dirty[data-resource-name="iam.tf"]').waitFor({ timeout: T.ui });
    await problemRow(MISSING_PERMISSION).waitFor({ state: 'detached', timeout: T.diagnostic });
    await editor(TASK_FILE)
      .locator('.codelens-decoration', { hasText: 'execution role: aws_iam_role.orders_execution in iam.tf — 2 of 2 needs met' })
      .waitFor({ timeout: T.diagnostic });

    await runCommand('File: Save All Files');
    const saved = await savedText(ROLE_FILE, '["secretsmanager:GetSecretValue"]');
    // A statement block inside data "aws_iam_policy_document" "orders_execution", after its Logs statement; nothing else changed.
    assertStatementBlockAdded(saved, role, 'orders_execution', 'secretsmanager:GetSecretValue', SECRET);
    assert.equal(fs.readFileSync(path.join(workspace, TASK_FILE), 'utf8'), task, 'ecs.tf is unchanged');
  },
);
