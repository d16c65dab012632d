// Issue 15: ECS services linked to their task definitions. Fixture in test/e2e/workspace/ecs-service-24/: a
// template whose Fargate service puts a load balancer in front of a container name the task definition does
// not have (`wbe` for `web`), which CreateService would reject.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  chooseQuickFix,
  editor,
  filterProblems,
  hoverOver,
  openFile,
  page,
  parsedFile,
  placeCursor,
  problemRow,
  scenario,
  T,
  waitFor,
  workspace,
} from '../harness.mjs';

const FILE = 'ecs-service-24/web-service-stack.json';
const RULE = 'ecs/service-container-reference';

scenario(
  'V1. a service load balancer names a container its task definition lacks: the Problems row, the hover, the quick fix, saved',
  async () => {
    const lines = fs.readFileSync(path.join(workspace, FILE), 'utf8').split('\n');
    const lineIndex = lines.findIndex((line) => line.includes('"ContainerName": "wbe"'));
    assert.ok(lineIndex > 0, 'the fixture misspells the container name');

    await openFile(FILE);
    await filterProblems(FILE);
    const row = problemRow(RULE);
    await row.waitFor({ timeout: T.firstDiagnostic });
    const text = await row.innerText();
    assert.match(text, /names the container .?wbe.?, which is not in its task definition .?WebTask.?/, text);
    assert.match(text, /Did you mean .?web.?\?/, text);

    // Scrolled into view: the squiggle is under the name.
    await placeCursor(lineIndex + 1, lines[lineIndex].indexOf('wbe') + 2, lines[lineIndex]);
    await editor(FILE).locator('.squiggly-error').first().waitFor({ timeout: T.diagnostic });
    // The hover on the load balancer's key documents it from the ECS API model, in CloudFormation's spelling.
    const hover = await hoverOver(FILE, '"ContainerName"', 'as it appears in a container definition');
    const markdown = await hover.innerText();
    assert.match(markdown, /AWS::ECS::Service \(CloudFormation reference\)/, markdown);
    assert.match(markdown, /in LoadBalancer/, markdown);
    await page.keyboard.press('Escape');
    // The quick fix from the lightbulb menu, with the cursor in the misspelt name.
    await placeCursor(lineIndex + 1, lines[lineIndex].indexOf('wbe') + 2, lines[lineIndex]);
    await chooseQuickFix(/Change containerName to .?web/);
    await editor(FILE).locator('.view-line', { hasText: '"ContainerName": "web"' }).waitFor();
    await problemRow(RULE).waitFor({ state: 'detached', timeout: T.diagnostic });
    await editor(FILE).locator('.squiggly-error').first().waitFor({ state: 'detached', timeout: T.diagnostic });
    await page.keyboard.press('Control+S');
    const saved = await waitFor(
      () => parsedFile(FILE, (json) => json.Resources.WebService.Properties.LoadBalancers[0].ContainerName === 'web'),
      T.ui,
      `${FILE} on disk to name the container web`,
    );
    assert.equal(saved.Resources.WebService.Properties.LoadBalancers[0].ContainerPort, 80);
  },
);
