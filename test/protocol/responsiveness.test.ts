// While a large document's rules run, the server still answers requests on other documents, and an edit
// abandons the analysis of the old version at its next turn. Proven by the order of events and the
// server's test counters (ECS_IAM_TEST_HOOKS=1, request ecsIam/internal/stats), never by timing; how long
// the hover waits is measured by the benchmark (node bench/run.mjs --only hover).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol/node';
import { enableTestHooks, serverStats, useServerSession } from '../hardening/serverHelpers';
import type { LspTestClient } from './lspClient';

const SMALL = `{
  "family": "web",
  "taskRoleArn": "arn:aws:iam::210987654321:role/app",
  "executionRoleArn": "arn:aws:iam::210987654321:role/ecsTaskExecutionRole",
  "containerDefinitions": [
    { "name": "web", "image": "210987654321.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2", "essential": true, "memory": 512 }
  ]
}`;
const ON_EXECUTION_ROLE = { line: 3, character: 6 };

/** A task definition of a few MB (the shape of the benchmark's): its rules take many turns of the event loop. */
function largeTaskDefinition(family: string): string {
  const containers = Array.from({ length: 2500 }, (_, i) => ({
    name: `worker-${i}`,
    image: `210987654321.dkr.ecr.eu-west-1.amazonaws.com/worker-${i % 17}:1.${i}.0`,
    essential: i === 0,
    memoryReservation: 128,
    portMappings: [{ containerPort: 8000 + (i % 1000), protocol: 'tcp' }],
    environment: Array.from({ length: 8 }, (_, j) => ({ name: `SETTING_${j}`, value: `value-${i}-${j}` })),
    secrets: [{ name: 'DB_PASSWORD', valueFrom: `arn:aws:secretsmanager:eu-west-1:210987654321:secret:worker-${i}-AbCdEf` }],
    logConfiguration: {
      logDriver: 'awslogs',
      options: { 'awslogs-group': `/ecs/worker-${i}`, 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'w' },
    },
  }));
  return JSON.stringify(
    {
      family,
      taskRoleArn: 'arn:aws:iam::210987654321:role/app',
      executionRoleArn: 'arn:aws:iam::210987654321:role/ecsTaskExecutionRole',
      containerDefinitions: containers,
    },
    null,
    2,
  );
}

const LARGE_TIMEOUT_MS = 120_000;

enableTestHooks();
let client: LspTestClient;

useServerSession((started) => (client = started));

function assertExecutionRoleHover(hover: Hover | null): void {
  const text = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
  assert.match(text, /Task execution role/);
  assert.match(text, /ecr:GetAuthorizationToken/);
}

/**
 * Resolves once the server answers while `uri`'s analysis is between two of its rules (a stats request
 * answered then lists it). Fails if the diagnostics of that version arrive first: then the rules ran
 * without ever letting a request in.
 */
async function untilBetweenRules(uri: string, published: () => boolean): Promise<void> {
  for (;;) {
    const stats = await serverStats(client);
    if (stats.inRules.includes(uri)) return;
    if (published()) assert.fail(`the rules of ${uri} ran to the end without the server answering a request in between`);
  }
}

test('a hover on a small document is answered while a large document is between its rules', async () => {
  const small = 'file:///responsiveness/small.json';
  const large = 'file:///responsiveness/large.json';
  await client.open(small, SMALL);
  await client.diagnosticsForVersion(small, 1);
  assertExecutionRoleHover(await client.hover(small, ON_EXECUTION_ROLE)); // loads what the hover needs

  const events: string[] = [];
  const largeDiagnostics = client
    .diagnosticsFor(large, (params) => params.version === 1, LARGE_TIMEOUT_MS)
    .then((diagnostics) => {
      events.push('large diagnostics');
      return diagnostics;
    });
  await client.open(large, largeTaskDefinition('large'));
  await untilBetweenRules(large, () => events.includes('large diagnostics'));
  const hover = await client.hover(small, ON_EXECUTION_ROLE);
  events.push('hover');
  assertExecutionRoleHover(hover);

  const diagnostics = await largeDiagnostics;
  assert.deepEqual(events, ['hover', 'large diagnostics']);
  assert.ok(diagnostics.length > 0, 'the large document was analysed to the end');
});

test('an edit while a large document is between its rules abandons that analysis; only the new version publishes', async () => {
  const uri = 'file:///responsiveness/edited.json';
  const before = await serverStats(client);
  const versions: Array<number | undefined> = [];
  let edited: number | undefined;
  const lastPublished = client.diagnosticsFor(
    uri,
    (params) => (versions.push(params.version), params.version === edited),
    LARGE_TIMEOUT_MS,
  );
  const text = largeTaskDefinition('edited');
  await client.open(uri, text);
  await untilBetweenRules(uri, () => versions.length > 0);
  // A small ranged edit, as typing sends: the whole text again would take the server many turns to read.
  const family = text.indexOf('"edited"') + 1;
  assert.equal(text.lastIndexOf('\n', family), 1);
  const at = { line: 1, character: family - 2 };
  edited = await client.change(uri, 'edited-2', { start: at, end: { line: 1, character: at.character + 'edited'.length } });
  await lastPublished;

  assert.deepEqual(versions, [edited], 'version 1 must never publish');
  const afterEdit = await serverStats(client);
  assert.ok(
    afterEdit.abandonedInRules - before.abandonedInRules >= 1,
    `abandoned between rules: ${afterEdit.abandonedInRules - before.abandonedInRules}`,
  );
  assert.deepEqual(afterEdit.inRules, [], 'no analysis is left running');
});
