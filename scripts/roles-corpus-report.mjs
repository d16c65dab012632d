// Report for the roles feature over the FireLens corpus: for every example, what the engine derives
// for the execution role and the task role, and whether the example's permissions.json (its task
// role policy) allows what the engine says the task role needs. Run after `npm run build`.
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const out = (...parts) => require(path.join(root, 'out', 'server', 'src', ...parts));
const { parseDocument } = out('core', 'document.js');
const { executionRoleNeeds } = out('ecs', 'executionRoleNeeds.js');
const { taskRoleNeeds } = out('roles', 'taskRoleNeeds.js');
const { checkNeeds } = out('roles', 'check.js');
const { statementsFromValue } = out('roles', 'evaluate.js');

const examples = path.join(root, 'test', 'corpus', 'firelens-examples', 'examples');
const folders = [];
(function walk(dir) {
  const names = readdirSync(dir);
  if (names.some((name) => name.endsWith('.json'))) folders.push(dir);
  for (const name of names) if (statSync(path.join(dir, name)).isDirectory()) walk(path.join(dir, name));
})(examples);

const short = (needs) => [...new Set(needs.map((need) => need.feature))].join(', ') || '—';
let matching = 0;
let withPermissions = 0;
console.log('| example | task definition | execution role needs | task role needs | permissions.json allows the task role needs? |');
console.log('|---|---|---|---|---|');
for (const folder of folders.sort()) {
  const permissionsFile = path.join(folder, 'permissions.json');
  const permissions = existsSync(permissionsFile) ? JSON.parse(readFileSync(permissionsFile, 'utf8')) : undefined;
  for (const name of readdirSync(folder)
    .filter((n) => n.endsWith('.json') && n !== 'permissions.json')
    .sort()) {
    const document = parseDocument(readFileSync(path.join(folder, name), 'utf8'));
    const view = document.taskDefinitions[0];
    if (!view) continue;
    const execution = executionRoleNeeds(view.node);
    const task = taskRoleNeeds(view.node);
    let verdict = 'no permissions.json';
    if (permissions) {
      const source = { label: 'permissions.json', kind: 'inline', statements: statementsFromValue(permissions) };
      const gaps = checkNeeds(task, [source]).filter((check) => check.evaluation.decision !== 'allowed');
      if (task.length === 0) verdict = 'nothing derived (output not visible in the task definition)';
      else {
        withPermissions++;
        if (gaps.length === 0) {
          matching++;
          verdict = 'yes';
        } else verdict = `no: ${gaps.map((gap) => gap.action).join(', ')}`;
      }
    }
    console.log(
      `| ${path.relative(examples, folder)} | ${name} | ${short(execution)} | ${task.map((need) => need.permissions.map((p) => p.actions.join('+')).join(' ')).join('; ') || '—'} | ${verdict} |`,
    );
  }
}
console.log(
  `\n${matching} of ${withPermissions} task definitions with derived task-role needs and a permissions.json are fully covered by it.`,
);
