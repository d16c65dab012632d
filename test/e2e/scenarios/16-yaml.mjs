// Scenarios of issue 16: a CloudFormation template written in YAML, in the real editor.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import {
  MISSING_PERMISSION,
  T,
  chooseQuickFix,
  dirtyTab,
  editor,
  filterProblems,
  goToLine,
  hoverOver,
  openFile,
  page,
  placeCursor,
  problemRow,
  scenario,
  waitFor,
  workspace,
} from '../harness.mjs';

const FILE = 'yaml-stack/template.yaml';
const WORKFLOW = 'yaml-stack/ci-workflow.yml';

/** The template on disk, parsed with the CloudFormation tags, when it is valid YAML and `accept` holds. */
function savedTemplate(accept) {
  const tags = ['Ref', 'Sub', 'GetAtt', 'If', 'Equals'].map((name) => ({
    tag: `!${name}`,
    resolve: (value) => ({ [name === 'Ref' ? 'Ref' : `Fn::${name}`]: value }),
  }));
  const seqTags = ['If', 'Equals'].map((name) => ({
    tag: `!${name}`,
    collection: 'seq',
    resolve: (value) => ({ [`Fn::${name}`]: value.toJSON() }),
  }));
  const document = parseDocument(fs.readFileSync(path.join(workspace, FILE), 'utf8'), { customTags: [...tags, ...seqTags] });
  if (document.errors.length > 0) return undefined;
  const json = document.toJS();
  return accept(json) ? json : undefined;
}

scenario(
  'Y1. YAML template: the missing secret permission, hover on ExecutionRoleArn, and a quick fix that writes YAML into the execution role',
  async () => {
    const lines = fs.readFileSync(path.join(workspace, FILE), 'utf8').split('\n');
    const secretLine = lines.findIndex((line) => line.includes('ValueFrom: !Ref DbPassword'));
    assert.ok(secretLine >= 0, 'the fixture injects the secret');

    // An unrelated YAML file first: it must get nothing, and the template's finding below shows the server has caught up.
    await openFile(WORKFLOW);
    await openFile(FILE);
    // The finding is far below the first screen: the Problems panel shows it.
    await filterProblems(FILE);
    const row = problemRow(MISSING_PERMISSION);
    await row.waitFor({ timeout: T.firstDiagnostic });
    const text = await row.innerText();
    assert.match(text, /secretsmanager:GetSecretValue/, text);
    assert.match(text, /ExecutionRole/, text);
    await filterProblems(WORKFLOW);
    assert.equal(await page.locator('.markers-panel .monaco-list-row').count(), 0, 'the workflow has no problems');
    await filterProblems(FILE);

    // The key is below the first screen: bring its line into view, then point at it.
    await goToLine(lines.findIndex((text) => text.includes('ExecutionRoleArn:')) + 1);
    const hover = await hoverOver(FILE, 'ExecutionRoleArn', /Defined in this template/);
    assert.match(await hover.innerText(), /ExecutionRole/);
    await page.mouse.move(5, 400);
    await page.keyboard.press('Escape');

    const line = lines[secretLine];
    await placeCursor(secretLine + 1, line.indexOf('DbPassword') + 3, line);
    await chooseQuickFix('Allow secretsmanager:GetSecretValue in ExecutionRole inline policy ReadSecrets');
    // The statement goes into the execution role's policy (above, out of view), and the finding goes.
    await dirtyTab(FILE).waitFor({ timeout: T.diagnostic });
    await problemRow(MISSING_PERMISSION).waitFor({ state: 'detached', timeout: T.diagnostic });

    await page.keyboard.press('Control+S');
    const saved = await waitFor(
      () =>
        savedTemplate((json) => JSON.stringify(json.Resources.ExecutionRole.Properties.Policies).includes('secretsmanager:GetSecretValue')),
      T.ui,
      `${FILE} on disk to be valid YAML allowing the secret`,
    );
    const statements = saved.Resources.ExecutionRole.Properties.Policies[0].PolicyDocument.Statement;
    assert.equal(statements[0].Sid, 'CreateLogGroup', 'the existing statement is kept');
    assert.deepEqual(statements.at(-1).Resource, { Ref: 'DbPassword' });
    assert.equal(statements.at(-1).Action, 'secretsmanager:GetSecretValue');
    // Written in YAML style: a `- Sid:` item at the statements' indentation, the resource as a short-form tag.
    const written = fs.readFileSync(path.join(workspace, FILE), 'utf8');
    assert.match(
      written,
      /\n {14}- Sid: \w+\n {16}Effect: Allow\n {16}Action: secretsmanager:GetSecretValue\n {16}Resource: !Ref DbPassword\n/,
    );
    await dirtyTab(FILE).waitFor({ state: 'detached', timeout: T.diagnostic });
  },
);
