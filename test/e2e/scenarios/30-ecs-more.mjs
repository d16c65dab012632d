// Issue 15, the rest (policies written as JSON strings in a Fn::Sub, with CloudFormation variables): what a user
// sees in the real editor. Fixture: test/e2e/workspace/ecs-more-30/reports-stack.yaml, a task role whose inline
// policy is a `!Sub |` block holding JSON, with `${ReportsBucket}` variables and an unknown action.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import {
  chooseQuickFix,
  editor,
  filterProblems,
  openFile,
  page,
  placeCursor,
  problemRow,
  scenario,
  T,
  waitFor,
  workspace,
} from '../harness.mjs';

const FILE = 'ecs-more-30/reports-stack.yaml';

/** The policy text of the saved template, when the file parses and its PolicyDocument is still a Fn::Sub string holding `wanted`. */
function savedPolicy(wanted) {
  const customTags = [
    { tag: '!Sub', resolve: (value) => ({ 'Fn::Sub': value }) },
    { tag: '!Ref', resolve: (value) => ({ Ref: value }) },
  ];
  const document = parseDocument(fs.readFileSync(path.join(workspace, FILE), 'utf8'), { customTags });
  if (document.errors.length > 0) return undefined;
  const text = document.toJS().Resources.ReportsTaskRole.Properties.Policies[0].PolicyDocument['Fn::Sub'];
  return typeof text === 'string' && text.includes(wanted) ? text : undefined;
}

scenario(
  'W1. A Fn::Sub policy with ${...} variables: the unknown action inside it in Problems, the action hover, the fix saved',
  async () => {
    await openFile(FILE);
    await filterProblems(FILE);

    // The IAM finding inside the JSON text of the !Sub block (below the first screen when the panel is open, so
    // read from the Problems panel); the values built from ${ReportsBucket} are not judged.
    const unknown = problemRow('s3:GetObjekt');
    await unknown.waitFor({ timeout: T.firstDiagnostic });
    // An unknown action is a warning: IAM accepts it, and the bundled data may be older than the action.
    assert.equal(await unknown.locator('.codicon-warning').count(), 1, await unknown.innerHTML());
    assert.match(await unknown.innerText(), /Did you mean `?s3:GetObject`?\?/);
    assert.equal(await problemRow('ReportsBucket').count(), 0, 'no finding on a value built from a variable');

    // Hover on an action inside the string: the IAM catalogue's entry.
    const lines = fs.readFileSync(path.join(workspace, FILE), 'utf8').split('\n');
    const actionLine = lines.findIndex((line) => line.includes('"s3:ListBucket"'));
    await placeCursor(actionLine + 1, lines[actionLine].indexOf('s3:ListBucket') + 4, lines[actionLine]);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover-content', { hasText: 's3:ListBucket' }).last();
    await hover.waitFor({ timeout: T.diagnostic });
    const markdown = await hover.innerText();
    assert.match(markdown, /Amazon S3/, markdown);
    assert.match(markdown, /Access level: List/, markdown);
    await page.keyboard.press('Escape');

    // The quick fix renames the action inside the block; the template stays a Fn::Sub with its variables.
    await placeCursor(actionLine + 1, lines[actionLine].indexOf('s3:GetObjekt') + 4, lines[actionLine]);
    await chooseQuickFix(/s3:GetObject\b/);
    await editor(FILE).locator('.view-line', { hasText: '"s3:GetObject"]' }).waitFor();
    await problemRow('s3:GetObjekt').waitFor({ state: 'detached', timeout: T.diagnostic });
    await page.keyboard.press('Control+S');
    const saved = await waitFor(() => savedPolicy('"s3:GetObject"'), T.ui, `${FILE} on disk to name s3:GetObject`);
    assert.match(saved, /arn:\$\{AWS::Partition\}:s3:::\$\{ReportsBucket\}\/\*/);
    assert.deepEqual(JSON.parse(saved.replace(/\$\{[^}]+\}/g, 'x')).Statement[0].Action, ['s3:ListBucket', 's3:GetObject']);
  },
);
