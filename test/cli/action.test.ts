// The GitHub Action (action.yml), run the way the runner runs a composite action: each step's `run` script in
// bash, its `env` with the `${{ ... }}` expressions replaced by the inputs (defaults from action.yml, overridden
// per case), GITHUB_OUTPUT carried from step to step. Checks the SARIF report, the annotations, the exit.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { REPO_ROOT } from '../helpers';

interface Step {
  id: string;
  shell: string;
  env: Record<string, string>;
  run: string;
}
interface Action {
  inputs: Record<string, { default: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as Action;

/** Runs the action's steps in order, as the runner does; stops at the first failing step. */
function runAction(workspace: string, inputs: Record<string, string>) {
  const values = Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, inputs[name] ?? input.default]));
  const outputs: Record<string, Record<string, string>> = {};
  let log = '';
  for (const step of action.runs.steps) {
    assert.equal(step.shell, 'bash');
    const outputFile = path.join(workspace, `.output-${step.id}`);
    writeFileSync(outputFile, '');
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(step.env ?? {})) {
      env[name] = String(value).replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
        const input = /^inputs\.([\w-]+)$/.exec(expression);
        if (input) return values[input[1]] ?? '';
        if (expression === 'github.action_path') return REPO_ROOT;
        const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
        if (output) return outputs[output[1]]?.[output[2]] ?? '';
        throw new Error(`the test does not know the expression ${expression}`);
      });
    }
    const result = spawnSync('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', step.run], {
      cwd: workspace,
      encoding: 'utf8',
      env: {
        ...process.env,
        ...env,
        NO_COLOR: '1',
        GITHUB_ACTIONS: 'true',
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: path.join(workspace, '.summary'),
      },
    });
    log += result.stdout + result.stderr;
    outputs[step.id] = Object.fromEntries(
      readFileSync(outputFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    if (result.status !== 0) return { code: result.status, failedStep: step.id, log, outputs };
  }
  return { code: 0, failedStep: undefined, log, outputs };
}

interface SarifResult {
  ruleId: string;
  level: string;
  properties: { phase: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
}
const sarifResults = (file: string) =>
  (JSON.parse(readFileSync(file, 'utf8')) as { runs: Array<{ results: SarifResult[] }> }).runs[0].results;

const SAME_ROLE = `{
  "family": "web",
  "taskRoleArn": "arn:aws:iam::123456789012:role/web",
  "executionRoleArn": "arn:aws:iam::123456789012:role/web",
  "containerDefinitions": [{ "name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "essential": true, "memory": 512 }]
}
`;
/** `Effect` must be Allow or Deny: IAM rejects the policy (an error of the register phase). */
const BAD_EFFECT = `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Permit", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*" }]
}
`;

describe('action.yml', () => {
  let workspace: string;
  before(() => {
    workspace = mkdtempSync(path.join(tmpdir(), 'ecs-iam-action-'));
    mkdirSync(path.join(workspace, 'ecs'));
    mkdirSync(path.join(workspace, 'policies'));
    writeFileSync(path.join(workspace, 'ecs', 'task-definition.json'), SAME_ROLE);
    writeFileSync(path.join(workspace, 'policies', 'reports.json'), BAD_EFFECT);
  });
  after(() => rmSync(workspace, { recursive: true, force: true }));

  test('is a composite action whose steps only read inputs through env (no expression inside a script)', () => {
    assert.equal(action.runs.using, 'composite');
    for (const step of action.runs.steps) assert.doesNotMatch(step.run, /\$\{\{/, `step ${step.id}`);
  });

  test('defaults: SARIF of the warning, annotated, and the step passes (fail-on error)', () => {
    const run = runAction(workspace, { paths: 'ecs' });
    assert.equal(run.code, 0, run.log);
    const results = sarifResults(path.join(workspace, 'ecs-iam.sarif'));
    const sameRole = results.find((result) => result.ruleId === 'ecs/same-task-and-execution-role');
    assert.ok(sameRole, JSON.stringify(results));
    assert.equal(sameRole.level, 'warning');
    assert.equal(sameRole.properties.phase, 'advice');
    assert.equal(sameRole.locations[0].physicalLocation.artifactLocation.uri, 'ecs/task-definition.json');
    assert.match(
      run.log,
      /^::warning file=ecs\/task-definition\.json,line=\d+,col=\d+,endLine=\d+,title=ecs\/same-task-and-execution-role \(advice\)::/m,
    );
    assert.equal(run.outputs.lint['sarif-file'], 'ecs-iam.sarif');
    assert.equal(run.outputs.gate.findings, String(results.length));
    assert.equal(run.outputs.gate.failing, '0');
  });

  test('fail-on warning fails the step, after the report is written', () => {
    const run = runAction(workspace, { paths: 'ecs', 'fail-on': 'warning', 'sarif-file': 'warning.sarif' });
    assert.equal(run.code, 1, run.log);
    assert.equal(run.failedStep, 'gate');
    assert.ok(sarifResults(path.join(workspace, 'warning.sarif')).length > 0);
  });

  test('fail-on-phase: an advice warning does not fail a register gate, an IAM-rejected policy does', () => {
    const advice = runAction(workspace, { paths: 'ecs', 'fail-on': 'warning', 'fail-on-phase': 'register,start' });
    assert.equal(advice.code, 0, advice.log);
    const rejected = runAction(workspace, { paths: 'ecs\npolicies/*.json', 'fail-on': 'warning', 'fail-on-phase': 'register,start' });
    assert.equal(rejected.code, 1, rejected.log);
    const results = sarifResults(path.join(workspace, 'ecs-iam.sarif'));
    const effect = results.find((result) => result.locations[0].physicalLocation.artifactLocation.uri === 'policies/reports.json');
    assert.ok(effect, JSON.stringify(results.map((result) => result.ruleId)));
    assert.equal(effect.level, 'error');
    assert.equal(effect.properties.phase, 'register');
    assert.match(rejected.log, /^::error file=policies\/reports\.json,/m);
  });

  test('phase: the report holds only the phases asked for; fail-on never reports without failing', () => {
    const run = runAction(workspace, { paths: 'ecs policies', phase: 'register', 'sarif-file': 'register.sarif', 'fail-on': 'never' });
    assert.equal(run.code, 0, run.log);
    const results = sarifResults(path.join(workspace, 'register.sarif'));
    assert.ok(results.length > 0);
    assert.deepEqual([...new Set(results.map((result) => result.properties.phase))], ['register']);
    assert.equal(run.outputs.gate.failing, '0');
    assert.match(run.log, /^::error file=policies\/reports\.json,/m);
  });

  test('a path that does not exist fails the lint step with the CLI message', () => {
    const run = runAction(workspace, { paths: 'no-such-folder' });
    assert.equal(run.code, 2, run.log);
    assert.equal(run.failedStep, 'lint');
    assert.match(run.log, /no such file or folder: no-such-folder/);
  });
});
