// Roles benchmark: index a workspace of 2,000 JSON files made from the corpora, and re-check the
// task definitions linked to a policy after one edit to that policy. Prints a summary line that
// bench/run.mjs reads. Run after `npm run build`.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { median, require, ROOT } from './lib.mjs';

const out = (...parts) => require(path.join(ROOT, 'out', 'server', 'src', ...parts));
const { WorkspaceIndex } = out('workspace', 'index.js');
const { ConfigLoader } = out('workspace', 'configLoader.js');
const { analyzeDocument } = out('analyzer.js');
const { prepareDocument } = out('core', 'prepare.js');
const { roleUsesOfPolicyFile } = out('roles', 'linking.js');

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 7;
const workspace = mkdtempSync(path.join(tmpdir(), 'ecs-iam-roles-bench-'));
// 2,000 files: copies of the AWS corpus (task definitions, policies, templates) in numbered folders,
// plus 40 services that each have a task definition and an execution role policy linked by file name.
let files = 0;
for (let copy = 0; files < 1960; copy++) {
  const target = path.join(workspace, `copy-${copy}`);
  cpSync(path.join(ROOT, 'test', 'corpus'), target, {
    recursive: true,
    filter: (source) => !source.endsWith('.txt') && !source.endsWith('.md') && !/LICENSE|NOTICE/.test(source),
  });
  files += 155;
}
const fixture = path.join(ROOT, 'test', 'fixtures', 'roles', 'convention');
for (let i = 0; i < 40; i++) {
  const folder = path.join(workspace, 'services', `service-${i}`);
  mkdirSync(folder, { recursive: true });
  const task = JSON.parse(readFileSync(path.join(fixture, 'task-definition.json'), 'utf8'));
  task.family = `service-${i}`;
  task.executionRoleArn = `arn:aws:iam::210987654321:role/exec-${i % 4}`;
  writeFileSync(path.join(folder, 'task-definition.json'), JSON.stringify(task, null, 2));
  if (i < 4)
    writeFileSync(path.join(workspace, 'services', `exec-${i}.json`), readFileSync(path.join(fixture, 'ecsTaskExecutionRole.json')));
  files += i < 4 ? 2 : 1;
}

const indexTimes = [];
let index;
for (let run = 0; run < runs; run++) {
  const configs = new ConfigLoader(undefined, () => [workspace]);
  index = new WorkspaceIndex({ roots: [workspace], configs, maxFileSize: 5 * 1024 * 1024 });
  const start = process.hrtime.bigint();
  const read = await index.build();
  indexTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
  if (run === 0) console.log(`workspace: ${read} JSON files, ${index.size} indexed (task definitions, policies, templates)`);
}

// One edit to exec-0.json (linked to 10 task definitions): update the index, then re-check every linked task definition.
const policyFile = path.join(workspace, 'services', 'exec-0.json');
const original = readFileSync(policyFile, 'utf8');
const recheckTimes = [];
let linked = 0;
for (let run = 0; run < runs * 3; run++) {
  const edited = original.replace('"Sid": "WriteLogs"', `"Sid": "WriteLogs${run}"`);
  const start = process.hrtime.bigint();
  index.update(policyFile, edited);
  const uses = roleUsesOfPolicyFile(index, policyFile);
  const taskFiles = [...new Set(uses.map((use) => use.file))];
  for (const file of taskFiles) {
    const document = index.get(file).document;
    await prepareDocument(document);
    analyzeDocument(document, {}, { filePath: file, workspace: index });
  }
  recheckTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
  linked = taskFiles.length;
}
rmSync(workspace, { recursive: true, force: true });
const indexMs = median(indexTimes);
const recheckMs = median(recheckTimes);
console.log(`index ${files} files: median ${indexMs.toFixed(0)} ms over ${runs} runs (target < 2000 ms)`);
console.log(`re-check after one policy edit (${linked} linked task definitions): median ${recheckMs.toFixed(1)} ms (target < 50 ms)`);
console.log(`roles summary: index ${indexMs.toFixed(1)} ms, recheck ${recheckMs.toFixed(2)} ms, ${files} files, ${linked} linked`);
