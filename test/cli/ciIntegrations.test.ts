// CI integrations besides the GitHub Action (test/cli/action.test.ts): the pre-commit hook definition and the
// GitLab code quality report of `ecs-iam-lint --format gitlab`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { isAnalysedFileName } from '../../server/src/core/document';
import { REPO_ROOT } from '../helpers';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const run = (args: string[], cwd: string) =>
  spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

const SAME_ROLE = `{
  "family": "web",
  "taskRoleArn": "arn:aws:iam::123456789012:role/web",
  "executionRoleArn": "arn:aws:iam::123456789012:role/web",
  "containerDefinitions": [{ "name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "essential": true, "memory": 512 }]
}
`;
const TWO_BAD_EFFECTS = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Permit", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*" },
    { "Effect": "Permit", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*" }
  ]
}
`;

describe('pre-commit hook (.pre-commit-hooks.yaml)', () => {
  const hooks = parse(readFileSync(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;
  const hook = hooks.find((entry) => entry.id === 'ecs-iam-lint')!;

  test('runs a bin of this package with node, given all the files at once', () => {
    assert.ok(hook);
    const bins = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin;
    assert.equal(hook.language, 'node');
    assert.ok(Object.keys(bins).includes(String(hook.entry)), `${String(hook.entry)} is not one of ${Object.keys(bins).join(', ')}`);
    assert.equal(hook.require_serial, true, 'one run over every staged file, so task definitions link to the policies among them');
  });

  test('its files pattern takes exactly the files the CLI reads from a folder', () => {
    // pre-commit matches with Python's re; `(?i)` at the start is its case-insensitive flag.
    const source = String(hook.files);
    const pattern = source.startsWith('(?i)') ? new RegExp(source.slice(4), 'i') : new RegExp(source);
    const names = [
      'task-definition.json',
      'infra/stack.yaml',
      'infra/stack.yml',
      'cfn/app.template',
      'POLICY.JSON',
      'Stack.YAML',
      'main.tf',
      'variables.tf.json',
      'modules/ecs/CONTAINERS.json.tpl',
      'app.tftpl',
      'other.tpl',
      'README.md',
      'package.jsonc',
      'notes.json.bak',
      'schema.json5',
      'Dockerfile',
    ];
    for (const name of names) {
      assert.equal(pattern.test(name), isAnalysedFileName(path.basename(name)), `${name}: the hook and the CLI disagree`);
    }
  });

  test('what pre-commit runs (entry + staged file names) fails the commit on an error', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'ecs-iam-precommit-'));
    try {
      writeFileSync(path.join(folder, 'task-definition.json'), SAME_ROLE);
      writeFileSync(path.join(folder, 'policy.json'), TWO_BAD_EFFECTS);
      assert.equal(run(['task-definition.json'], folder).status, 0, 'a warning alone does not block the commit');
      const blocked = run(['task-definition.json', 'policy.json'], folder);
      assert.equal(blocked.status, 1);
      assert.match(blocked.stdout, /policy\.json/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('ecs-iam-lint --format gitlab (GitLab code quality)', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'ecs-iam-gitlab-'));
    writeFileSync(path.join(folder, 'task-definition.json'), SAME_ROLE);
    writeFileSync(path.join(folder, 'policy.json'), TWO_BAD_EFFECTS);
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  interface Issue {
    description: string;
    check_name: string;
    fingerprint: string;
    severity: string;
    location: { path: string; lines: { begin: number; end: number } };
  }
  const report = (): Issue[] => {
    const result = run(['--format', 'gitlab', '.'], folder);
    assert.equal(result.status, 1, result.stderr);
    return JSON.parse(result.stdout) as Issue[];
  };

  test('each finding is an issue with the fields GitLab reads', () => {
    const issues = report();
    const json = JSON.parse(run(['--format', 'json', '.'], folder).stdout) as Array<{ ruleId: string; file: string }>;
    assert.equal(issues.length, json.length);
    for (const issue of issues) {
      assert.deepEqual(Object.keys(issue).sort(), ['check_name', 'description', 'fingerprint', 'location', 'severity']);
      assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(issue.severity));
      assert.match(issue.fingerprint, /^[0-9a-f]{32}$/);
      assert.ok(issue.location.lines.begin >= 1);
    }
    const sameRole = issues.find((issue) => issue.check_name === 'ecs/same-task-and-execution-role');
    assert.equal(sameRole?.severity, 'minor');
    assert.equal(sameRole?.location.path, 'task-definition.json');
    const effects = issues.filter((issue) => issue.check_name === 'iam/effect');
    assert.deepEqual(
      effects.map((issue) => [issue.severity, issue.location.path, issue.location.lines.begin]),
      [
        ['major', 'policy.json', 4],
        ['major', 'policy.json', 5],
      ],
    );
  });

  test('fingerprints are unique, and survive lines added above the finding', () => {
    const before = report();
    assert.equal(new Set(before.map((issue) => issue.fingerprint)).size, before.length);
    writeFileSync(path.join(folder, 'policy.json'), TWO_BAD_EFFECTS.replace('{\n', '{\n  "Id": "reports",\n'));
    const after = report().filter((issue) => issue.check_name === 'iam/effect');
    assert.deepEqual(
      after.map((issue) => issue.location.lines.begin),
      [5, 6],
    );
    assert.deepEqual(
      after.map((issue) => issue.fingerprint),
      before.filter((issue) => issue.check_name === 'iam/effect').map((issue) => issue.fingerprint),
    );
  });
});
