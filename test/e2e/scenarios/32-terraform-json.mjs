// Issue 17: Terraform's JSON syntax. Fixture in test/e2e/workspace/terraform-27/json-32/: a `main.tf.json` whose Fargate
// task definition (container_definitions, a JSON string) reads a Secrets Manager secret, with an execution role whose
// policy is an aws_iam_policy_document (a `statement` list) that does not allow secretsmanager:GetSecretValue. VS Code
// opens the file as JSON; the extension reads it as Terraform by its name.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  chooseQuickFix,
  editor,
  filterProblems,
  MISSING_PERMISSION,
  openFile,
  page,
  placeCursor,
  problemRow,
  scenario,
  savedText,
  T,
  workspace,
} from '../harness.mjs';

const FILE = 'terraform-27/json-32/main.tf.json';
const SECRET = 'arn:aws:secretsmanager:eu-west-1:210987654321:secret:invoices/stripe-key-Qw34Er';

scenario(
  'J1. a .tf.json task definition reads a secret its execution role may not: the Problems row, the quick fix in Terraform JSON, saved',
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
    assert.match(text, /execution role .?invoices-execution.?/, text);
    assert.match(text, /does not allow .?secretsmanager:GetSecretValue.?/, text);
    assert.match(text, /STRIPE_KEY/, text);

    // The squiggle is under the secret's ARN, inside the container_definitions string.
    const column = lines[secretLine].indexOf('\\"arn:') + 4;
    await placeCursor(secretLine + 1, column, lines[secretLine]);
    await editor(FILE).locator('.squiggly-error').first().waitFor({ timeout: T.diagnostic });

    // The quick fix appends a Terraform statement block (JSON) to the policy document's `statement` list.
    await chooseQuickFix(/Allow secretsmanager:GetSecretValue in aws_iam_role_policy\.invoices_execution/);
    await problemRow(MISSING_PERMISSION).waitFor({ state: 'detached', timeout: T.diagnostic });
    await page.keyboard.press('Control+S');
    const saved = await savedText(FILE, '"secretsmanager:GetSecretValue"');
    const module = JSON.parse(saved);
    const statements = module.data.aws_iam_policy_document.invoices_execution.statement;
    assert.equal(statements.length, 2, saved);
    assert.equal(statements[0].sid, 'Logs');
    assert.match(statements[1].sid, /^\w+$/);
    assert.deepEqual(
      { ...statements[1], sid: undefined },
      { sid: undefined, effect: 'Allow', actions: ['secretsmanager:GetSecretValue'], resources: [SECRET] },
    );
    // Nothing else changed.
    const before = JSON.parse(original);
    before.data.aws_iam_policy_document.invoices_execution.statement.push(statements[1]);
    assert.deepEqual(module, before);
    // The error's squiggle is gone from the editor too.
    await editor(FILE).locator('.squiggly-error').first().waitFor({ state: 'detached', timeout: T.diagnostic });
  },
);
