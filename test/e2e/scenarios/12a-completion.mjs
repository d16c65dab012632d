// Issue 12 (completion, did-you-mean, hovers, quotas, skeletons, latency): what a user sees in the real
// editor. VS Code filters and ranks what the server sends, so these read the suggest widget's rows, the
// hover's text and the lightbulb's entries, never the server's answer.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  T,
  page,
  workspace,
  note,
  seconds,
  scenario,
  editor,
  openFile,
  placeCursor,
  goToLine,
  cursorAt,
  hoverOver,
  chooseQuickFix,
  filterProblems,
  problemRow,
  waitFor,
  parsedFile,
  runCommand,
} from '../harness.mjs';

/**
 * The suggest widget's rendered rows (the first dozen), top to bottom: each row's label. Waits until one
 * of them holds `expected` ("No suggestions." has no rows).
 */
async function suggestionsShowing(expected) {
  const widget = page.locator('.suggest-widget');
  await widget.locator('.monaco-list-row', { hasText: expected }).first().waitFor({ timeout: T.diagnostic });
  return widget.locator('.monaco-list-row').evaluateAll((rows) =>
    rows
      .map((row) => ({
        index: Number(row.getAttribute('data-index')),
        label: (row.querySelector('.label-name')?.textContent ?? row.innerText.split('\n')[0]).trim(),
      }))
      .sort((a, b) => a.index - b.index)
      .map((row) => row.label),
  );
}

async function closeSuggestions() {
  await page.keyboard.press('Escape');
  await page.locator('.suggest-widget.visible').waitFor({ state: 'hidden' });
}

/** Accepts the suggestion `label` with the keyboard (arrow down to it, Enter). */
async function acceptSuggestion(label) {
  const focused = page.locator('.suggest-widget .monaco-list-row.focused', { hasText: label });
  for (let i = 0; i < 30 && !(await focused.count()); i++) await page.keyboard.press('ArrowDown');
  await focused.waitFor();
  await page.keyboard.press('Enter');
}

/**
 * Hovers the token holding `part` (ARNs are coloured field by field, so one is several tokens) and returns
 * the hover once it shows `expected`; falls back to "Show or Focus Hover" at that place.
 */
async function hoverOnPart(file, part, expected) {
  const token = editor(file).locator('.view-line span span', { hasText: part }).first();
  const hover = page.locator('.monaco-hover-content', { hasText: expected });
  await token.waitFor();
  await page.mouse.move(5, 400);
  const box = await token.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
  try {
    await hover.waitFor({ timeout: T.diagnostic });
  } catch {
    note(`hover over ${part} did not show; retrying with "Show or Focus Hover"`);
    await page.mouse.move(5, 400);
    await page.keyboard.press('Escape');
    const lines = fixtureLines(file);
    const { line, text } = lineOf(lines, part);
    await placeCursor(line, text.indexOf(part) + 2, text);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    await hover.waitFor({ timeout: T.diagnostic });
  }
  return hover;
}

function fixtureLines(file) {
  return fs.readFileSync(path.join(workspace, file), 'utf8').split('\n');
}

/** 1-based line number and the line of the first line containing `text`. */
function lineOf(lines, text, from = 0) {
  const index = lines.findIndex((line, i) => i >= from && line.includes(text));
  assert.ok(index >= 0, `fixture has ${text}`);
  return { line: index + 1, text: lines[index], index };
}

scenario(
  'C1. IAM completion shows our items in the suggest widget: action after a prefix (with and without the closing quote), a prefix, empty Action and Resource, a new Condition key',
  async (t) => {
    const file = 'c12/queue-policy.json';
    const lines = fixtureLines(file);
    await openFile(file);
    // The policy is analysed (the example-free fixture gets the info that "kms" is no action) before asking.
    await editor(file).locator('.squiggly-error, .squiggly-warning').first().waitFor({ timeout: T.firstDiagnostic });
    const seen = {};

    // "Action": ["sqs:|"]
    const sqs = lineOf(lines, '"Action": ["sqs:"]');
    await placeCursor(sqs.line, sqs.text.indexOf('sqs:') + 5, sqs.text);
    await page.keyboard.press('Control+Space');
    seen.action = await suggestionsShowing('sqs:');
    assert.equal(seen.action[0], 'sqs:AddPermission', `first rows: ${seen.action.slice(0, 5)}`);
    assert.ok(
      seen.action.every((label) => label.startsWith('sqs:')),
      `only sqs actions: ${seen.action}`,
    );
    await closeSuggestions();

    // The same without the closing quote: ["sqs:|],
    await page.keyboard.press('Delete');
    await editor(file)
      .locator('.view-line', { hasText: /"Action":\s\["sqs:\],/ })
      .waitFor();
    await page.keyboard.press('Control+Space');
    seen.unterminated = await suggestionsShowing('sqs:');
    assert.equal(seen.unterminated[0], 'sqs:AddPermission', `first rows: ${seen.unterminated.slice(0, 5)}`);
    await page.keyboard.type('SendM');
    await page.locator('.suggest-widget .monaco-list-row.focused', { hasText: 'sqs:SendMessage' }).waitFor();
    await page.keyboard.press('Enter');
    await editor(file)
      .locator('.view-line', { hasText: /"Action":\s\["sqs:SendMessage"\],/ })
      .waitFor();

    // A service prefix: "kms|" -> kms:, and accepting it opens the kms actions.
    const kms = lineOf(lines, '"Action": "kms"');
    await placeCursor(kms.line, kms.text.indexOf('kms') + 4, kms.text);
    await page.keyboard.press('Control+Space');
    seen.prefix = await suggestionsShowing('kms:');
    assert.equal(seen.prefix[0], 'kms:', `first rows: ${seen.prefix.slice(0, 5)}`);
    await page.keyboard.press('Enter');
    await editor(file)
      .locator('.view-line', { hasText: /"Action":\s"kms:",/ })
      .waitFor();
    seen.afterPrefix = await suggestionsShowing(/kms:[A-Z]/);
    assert.ok(
      seen.afterPrefix.length > 5 && seen.afterPrefix.every((label) => /^kms:[A-Z]/.test(label)),
      `the kms actions follow: ${seen.afterPrefix.slice(0, 5)}`,
    );
    await closeSuggestions();

    // An empty string in Action: the service prefixes.
    const emptyAction = lineOf(lines, '"Action": [""]');
    await placeCursor(emptyAction.line, emptyAction.text.indexOf('[""]') + 3, emptyAction.text);
    await page.keyboard.press('Control+Space');
    seen.emptyAction = await suggestionsShowing(/:/);
    // VS Code's own JSON support adds the values it saw elsewhere in the file ("sqs:SendMessage"), quoted.
    const prefixes = seen.emptyAction.filter((label) => !label.startsWith('"'));
    assert.ok(
      prefixes.length > 5 && prefixes.every((label) => /^[a-z0-9-]+:$/.test(label)),
      `service prefixes: ${seen.emptyAction.slice(0, 6)}`,
    );
    await closeSuggestions();

    // An empty string in Resource: the ARN templates of the statement's action, then *.
    const emptyResource = lineOf(lines, '"Resource": ""');
    await placeCursor(emptyResource.line, emptyResource.text.indexOf('""') + 2, emptyResource.text);
    await page.keyboard.press('Control+Space');
    seen.emptyResource = await suggestionsShowing('arn:aws:s3:::');
    // VS Code's JSON support lists the file's other values first ("*", the ARNs), quoted; ours follow.
    const templates = seen.emptyResource.filter((label) => !label.startsWith('"'));
    assert.ok(templates[0].startsWith('arn:aws:s3:'), `an ARN template of s3:GetObject first: ${templates}`);
    assert.ok(templates.includes('arn:aws:s3:::${BucketName}/${ObjectName}'), `the object ARN template: ${templates}`);
    assert.equal(templates[templates.length - 1], '*', `and * last: ${templates}`);
    await closeSuggestions();

    // A new key inside "Condition": {  -> the operators, then (after choosing one) the keys.
    const condition = lineOf(lines, '"Condition": {');
    await placeCursor(condition.line, condition.text.length + 1, condition.text);
    await page.keyboard.press('Enter');
    // Two quotes and back between them: the same text whether or not the editor auto-closed the first.
    await page.keyboard.type('""');
    await editor(file)
      .locator('.view-line', { hasText: /^\s*""\s*$/ })
      .waitFor();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Control+Space');
    seen.operator = await suggestionsShowing('StringEquals');
    assert.equal(seen.operator[0], 'StringEquals', `first rows: ${seen.operator.slice(0, 5)}`);
    await page.keyboard.press('Enter');
    await editor(file)
      .locator('.view-line', { hasText: /"StringEquals":\s\{/ })
      .waitFor();
    seen.conditionKey = await suggestionsShowing(/:/);
    assert.ok(
      seen.conditionKey.some((label) => label.startsWith('s3:') || label.startsWith('aws:')),
      `condition keys follow: ${seen.conditionKey.slice(0, 5)}`,
    );
    await closeSuggestions();
    for (const [position, labels] of Object.entries(seen)) note(`C1 ${position}: ${JSON.stringify(labels.slice(0, 4))}`);
    t.diagnostic('IAM completion shown at every position');
  },
);

scenario('C2. a misspelt condition key: the lightbulb offers aws:SourceVpc (not aws:SourceIp) and applies it', async () => {
  const file = 'c12/vpc-condition-policy.json';
  const lines = fixtureLines(file);
  await openFile(file);
  await filterProblems(file);
  const row = problemRow('aws:SourceVcp');
  await row.waitFor({ timeout: T.firstDiagnostic });
  assert.match(await row.innerText(), /Did you mean `?aws:SourceVpc`?\?/);
  const key = lineOf(lines, '"aws:SourceVcp"');
  await placeCursor(key.line, key.text.indexOf('aws:SourceVcp') + 3, key.text);
  let entries = [];
  await chooseQuickFix('Change to "aws:SourceVpc"', async () => {
    entries = await page.locator('.action-widget .monaco-list-row').allInnerTexts();
  });
  note(`C2 lightbulb: ${JSON.stringify(entries)}`);
  assert.ok(!entries.some((entry) => entry.includes('aws:SourceIp')), `no aws:SourceIp in the lightbulb: ${entries}`);
  await editor(file)
    .locator('.view-line', { hasText: /"aws:SourceVpc":\s"vpc-1a2b3c4d"/ })
    .waitFor();
  await problemRow('aws:SourceVcp').waitFor({ state: 'detached', timeout: T.diagnostic });
});

scenario('C3. hovers on ARNs: the object ARN lists only s3:object; a DynamoDB ARN without table/ says what is expected', async () => {
  const file = 'c12/vpc-condition-policy.json';
  await openFile(file);
  const objects = await hoverOnPart(file, 'acme-reports', 'Matches the resource type');
  const objectText = await objects.innerText();
  note(
    `C3 object ARN hover: ${objectText
      .split('\n')
      .filter((line) => line.includes('Matches'))
      .join(' ')}`,
  );
  assert.match(objectText, /Matches the resource type s3:object \(arn:aws:s3:::<BucketName>\/<ObjectName>\)\./, objectText);
  assert.doesNotMatch(objectText, /ssm:bucket|\$\{Partition\}/, objectText);
  await page.mouse.move(5, 400);
  await page.keyboard.press('Escape');
  const table = await hoverOnPart(file, 'Orders', 'Matches no dynamodb resource type');
  const tableText = await table.innerText();
  assert.match(tableText, /arn:aws:dynamodb:eu-west-1:210987654321:table\/Orders names a table/, tableText);
  assert.doesNotMatch(tableText, /\$\{/, tableText);
  await page.mouse.move(5, 400);
  await page.keyboard.press('Escape');
});

scenario('C6. eleven container definitions: an error squiggle on containerDefinitions and the quota in the Problems panel', async () => {
  const file = 'c12/fan-out-task-definition.json';
  await openFile(file);
  await editor(file).locator('.squiggly-error').first().waitFor({ timeout: T.firstDiagnostic });
  await filterProblems(file);
  const row = problemRow('ecs/task-definition-quota');
  await row.waitFor({ timeout: T.diagnostic });
  const text = await row.innerText();
  assert.match(text, /11 container definitions; ECS allows at most 10/, text);
  // The squiggle is under the key: the error decoration overlaps the "containerDefinitions" token.
  const squiggle = await editor(file).locator('.squiggly-error').first().boundingBox();
  const key = await editor(file)
    .locator('.view-line span span', { hasText: /^"containerDefinitions"$/ })
    .first()
    .boundingBox();
  assert.ok(
    squiggle && key && Math.abs(squiggle.y - key.y) < key.height && squiggle.x < key.x + key.width && squiggle.x + squiggle.width > key.x,
    `squiggle ${JSON.stringify(squiggle)} under the key ${JSON.stringify(key)}`,
  );
});

scenario('C15. a 1 MB task definition generated at test time: completion and hover latency (notes, not asserts)', async (t) => {
  const file = 'c12-large-task-definition.json';
  const containers = [];
  for (let i = 0, size = 0; size < 1024 * 1024; i++) {
    const container = {
      name: `worker-${i}`,
      image: `210987654321.dkr.ecr.eu-west-1.amazonaws.com/worker-${i % 17}:1.${i}.0`,
      essential: i === 0,
      memoryReservation: 128,
      portMappings: [{ containerPort: 8000 + (i % 1000), protocol: 'tcp' }],
      environment: Array.from({ length: 8 }, (_, j) => ({ name: `SETTING_${j}`, value: `value-${i}-${j}` })),
      logConfiguration: {
        logDriver: 'awslogs',
        options: { 'awslogs-group': `/ecs/worker-${i}`, 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'w' },
      },
    };
    containers.push(container);
    size += JSON.stringify(container, null, 2).length;
  }
  const text = JSON.stringify(
    { family: 'large', executionRoleArn: 'arn:aws:iam::210987654321:role/ecsTaskExecutionRole', containerDefinitions: containers },
    null,
    2,
  );
  fs.writeFileSync(path.join(workspace, file), `${text}\n`);
  const lines = text.split('\n');
  const opened = await openFile(file);
  // Analysed: the quota error (more than 10 containers) is squiggled.
  await editor(file).locator('.squiggly-error').first().waitFor({ timeout: T.firstDiagnostic });
  note(
    `C15: ${(text.length / 1024).toFixed(0)} KiB, ${containers.length} containers: open -> first squiggle ${seconds(Date.now() - opened)}`,
  );

  // Completion of the last container's protocol value.
  const protocol = lines.findLastIndex((line) => line.includes('"protocol": "tcp"'));
  await placeCursor(protocol + 1, lines[protocol].indexOf('"tcp"') + 2, lines[protocol]);
  const times = { completion: [], hover: [] };
  for (let i = 0; i < 3; i++) {
    const asked = Date.now();
    await page.keyboard.press('Control+Space');
    await page.locator('.suggest-widget .monaco-list-row', { hasText: 'udp' }).first().waitFor({ timeout: T.diagnostic });
    times.completion.push(Date.now() - asked);
    await closeSuggestions();
  }
  // Hover on a key on screen (the cursor's line is in view).
  const key = editor(file)
    .locator('.view-line span span', { hasText: /^"containerPort"$/ })
    .first();
  await key.waitFor();
  for (let i = 0; i < 3; i++) {
    await page.mouse.move(5, 400);
    await page
      .locator('.monaco-hover-content')
      .first()
      .waitFor({ state: 'hidden' })
      .catch(() => {});
    const box = await key.boundingBox();
    const asked = Date.now();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.locator('.monaco-hover-content', { hasText: 'containerPort' }).first().waitFor({ timeout: T.diagnostic });
    // The editor waits editor.hover.delay (300 ms here) before it asks: that is not the server's time.
    times.hover.push(Date.now() - asked);
  }
  await page.mouse.move(5, 400);
  note(`C15 completion in the 1 MB file (Ctrl+Space -> rows shown): ${times.completion.map((ms) => `${ms} ms`).join(', ')}`);
  note(
    `C15 hover in the 1 MB file (mouse over -> hover shown, includes the 300 ms hover delay): ${times.hover.map((ms) => `${ms} ms`).join(', ')}`,
  );
  t.diagnostic(`completion ${times.completion.join('/')} ms, hover ${times.hover.join('/')} ms`);
  // The 1 MB document leaves the workspace, so the scenarios after this one do not share the server with it.
  // Its editor is the active one and unchanged; closing only it asks nothing (other editors may have unsaved
  // changes, and "Close All" would stop at the save prompt).
  await editor(file).click({ position: { x: 5, y: 5 } });
  await runCommand('View: Close Editor');
  await editor(file).waitFor({ state: 'detached', timeout: T.ui });
  fs.rmSync(path.join(workspace, file));
  await explorerRowGone(file);
});

async function explorerRowGone(file) {
  await page
    .locator(`.explorer-folders-view .monaco-list-row[aria-label="${path.basename(file)}"]`)
    .waitFor({ state: 'detached', timeout: T.ui });
}

scenario("C5. completing executionRoleArn offers the workspace's roles with their account, and no example account", async () => {
  const file = 'c12/new-service-task-definition.json';
  const lines = fixtureLines(file);
  await openFile(file);
  // Analysed: the empty execution role is an error (awslogs on Fargate needs one).
  await editor(file).locator('.squiggly-error').first().waitFor({ timeout: T.firstDiagnostic });
  const role = lineOf(lines, '"executionRoleArn": ""');
  await placeCursor(role.line, role.text.indexOf('""') + 2, role.text);
  await page.keyboard.press('Control+Space');
  const rows = await suggestionsShowing(/role\//);
  note(`C5 rows: ${JSON.stringify(rows.slice(0, 6))}`);
  const ours = rows.filter((label) => !label.startsWith('"'));
  assert.match(ours[0], /^arn:aws:iam::210987654321:role\/\S+$/, `a workspace role with its account first: ${ours}`);
  assert.ok(
    ours.some((label) => label.endsWith(':role/ecsTaskExecutionRole')),
    `the usual execution role is offered: ${ours}`,
  );
  assert.ok(!rows.some((label) => label.includes('123456789012')), `no example account: ${rows}`);
  await acceptSuggestion(ours[0]);
  await editor(file)
    .locator('.view-line', { hasText: new RegExp(`"executionRoleArn":\\s"${ours[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`) })
    .waitFor();
  await page.keyboard.press('Control+S');
  await waitFor(() => parsedFile(file, (json) => json.executionRoleArn === ours[0]), T.ui, 'the chosen role saved');
});

scenario('C7. an empty taskdef.json: Ctrl+Space offers the skeletons, Fargate first; the chosen one is a task definition', async () => {
  const file = 'c12/taskdef.json';
  await openFile(file);
  await editor(file).locator('.view-lines').click();
  await cursorAt(1, 1);
  await page.keyboard.press('Control+Space');
  const rows = await suggestionsShowing('Fargate task definition');
  note(`C7 rows: ${JSON.stringify(rows)}`);
  assert.equal(rows[0], 'Fargate task definition', `${rows}`);
  assert.ok(
    ['EC2 task definition', 'IAM policy', 'Trust policy for ECS tasks'].every((label) => rows.includes(label)),
    `${rows}`,
  );
  await page.keyboard.press('Enter');
  await editor(file)
    .locator('.view-line', { hasText: /"awslogs-group":\s"\/ecs\/app"/ })
    .waitFor();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+S');
  const saved = await waitFor(() => parsedFile(file, (json) => json.family === 'app'), T.ui, 'the skeleton saved');
  assert.equal(saved.requiresCompatibilities[0], 'FARGATE');
  assert.equal(saved.containerDefinitions[0].logConfiguration.options['awslogs-group'], '/ecs/app');
});
