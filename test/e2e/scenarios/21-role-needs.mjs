// Issue 21: the role needs are exactly what AWS requires. Fixtures in test/e2e/workspace/role-needs-21/
// (its .ecs-iam.json links the roles): an execution role with only AWS's AmazonEC2ContainerRegistryPullOnly
// and CloudWatchLogsFullAccess pulls a private ECR image and writes awslogs; a task role with only
// elasticfilesystem:ClientMount mounts an EFS volume whose only mount point is read-only.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  page,
  scenario,
  editor,
  openFile,
  filterProblems,
  problemRow,
  goToLine,
  placeCursor,
  hoverOver,
  T,
  MISSING_PERMISSION,
  workspace,
  dirtyTab,
} from '../harness.mjs';

const FOLDER = 'role-needs-21';
const TASK_ROLE_MISSING = 'ecs/task-role-missing-permission';

scenario(
  'R1. ECR pull-only: AmazonEC2ContainerRegistryPullOnly + a logs policy meet every need; no missing-permission squiggle',
  async () => {
    const file = `${FOLDER}/pull-only-task-definition.json`;
    await openFile(file);
    await goToLine(1);
    // The lens is computed from the workspace index with the .ecs-iam.json mapping: once it counts the
    // needs, the cross-file check has what it needs too.
    const lens = editor(file).locator('.codelens-decoration', { hasText: /execution role:/ });
    await lens.first().waitFor({ timeout: T.firstDiagnostic });
    await page.waitForFunction(
      (uri) =>
        [...document.querySelectorAll(`.monaco-editor[data-uri$="${uri}"] .codelens-decoration`)].some((node) =>
          /needs met/.test(node.textContent ?? ''),
        ),
      `/workspace/${file}`,
      { timeout: T.diagnostic },
    );
    const text = (await lens.first().innerText()).trim();
    assert.equal(text, 'execution role: AmazonEC2ContainerRegistryPullOnly + CloudWatchLogsFullAccess — 2 of 2 needs met');

    // The hover lists the needs with the AWS page each rests on, and no BatchCheckLayerAvailability.
    const hover = await hoverOver(file, '"executionRoleArn"', '2 of 2 needs met');
    const markdown = await hover.innerText();
    assert.match(markdown, /pull the private ECR image web/, markdown);
    assert.match(markdown, /ecr:BatchGetImage, ecr:GetDownloadUrlForLayer/, markdown);
    assert.doesNotMatch(markdown, /BatchCheckLayerAvailability/, markdown);
    // VS Code renders Markdown links with the target in data-href (and title).
    const ecrPage = 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/ECR_on_ECS.html';
    const links = await hover
      .locator('a')
      .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('data-href') ?? anchor.getAttribute('href') ?? ''));
    assert.ok(links.includes(ecrPage), `the hover links the ECR page that names the pull permissions: ${JSON.stringify(links)}`);
    await page.keyboard.press('Escape');

    await filterProblems(file);
    assert.equal(await problemRow(MISSING_PERMISSION).count(), 0, 'no missing-permission problem');
    assert.equal(await editor(file).locator('.squiggly-error, .squiggly-warning').count(), 0, 'no error or warning squiggle');
  },
);

scenario('R2. EFS read-only: ClientMount alone is enough; making the mount writable asks for ClientWrite, undo clears it', async (t) => {
  const file = `${FOLDER}/efs-reader-task-definition.json`;
  const lines = fs.readFileSync(path.join(workspace, file), 'utf8').split('\n');
  const lineIndex = lines.findIndex((line) => line.includes('"readOnly": true'));
  assert.ok(lineIndex > 0, 'the fixture mounts the volume read-only');
  await openFile(file);
  await goToLine(1);
  const lens = editor(file).locator('.codelens-decoration', { hasText: /task role:/ });
  await lens.first().waitFor({ timeout: T.firstDiagnostic });
  await page.waitForFunction(
    (uri) =>
      [...document.querySelectorAll(`.monaco-editor[data-uri$="${uri}"] .codelens-decoration`)].some((node) =>
        /1 of 1 needs met/.test(node.textContent ?? ''),
      ),
    `/workspace/${file}`,
    { timeout: T.diagnostic },
  );
  assert.match((await lens.first().innerText()).trim(), /^task role: (\S+\/)?efs-reader-task-role-policy\.json — 1 of 1 needs met$/);
  await filterProblems(file);
  assert.equal(await problemRow(TASK_ROLE_MISSING).count(), 0, 'no ClientWrite warning for a read-only mount');

  // Live control: type false over true. The mount becomes writable and the warning names ClientWrite.
  const column = lines[lineIndex].indexOf('true') + 1;
  await placeCursor(lineIndex + 1, column, lines[lineIndex]);
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.locator('[id="status.editor.selection"]', { hasText: '(4 selected)' }).waitFor();
  await page.keyboard.type('false', { delay: 40 });
  const typed = Date.now();
  const row = problemRow(TASK_ROLE_MISSING);
  await row.waitFor({ timeout: T.diagnostic });
  assert.match(await row.innerText(), /elasticfilesystem:ClientWrite/);
  assert.doesNotMatch(await row.innerText(), /ClientRootAccess/);
  await editor(file).locator('.squiggly-warning').first().waitFor({ timeout: T.diagnostic });
  t.diagnostic(`readOnly false -> ClientWrite warning: ${((Date.now() - typed) / 1000).toFixed(1)} s`);

  // Undo back to the saved text: the warning goes, the lens counts 1 of 1 again.
  const restored = editor(file).locator('.view-line', { hasText: '"readOnly": true' });
  for (let i = 0; i < 10 && !(await restored.count()); i++) {
    await page.keyboard.press('Control+Z');
    await restored.waitFor({ timeout: 2_000 }).catch(() => {});
  }
  await restored.waitFor();
  await dirtyTab(file).waitFor({ state: 'detached' });
  await problemRow(TASK_ROLE_MISSING).waitFor({ state: 'detached', timeout: T.diagnostic });
  await editor(file).locator('.squiggly-warning').first().waitFor({ state: 'detached', timeout: T.diagnostic });
});
