// CLI tests: the bundled ecs-iam-lint, run as a user would, checked on exit codes and output formats.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { FIXTURES, REPO_ROOT } from '../helpers';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const SAME_ROLE = JSON.stringify(
  {
    family: 'web',
    taskRoleArn: 'web',
    executionRoleArn: 'arn:aws:iam::210987654321:role/web',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    containerDefinitions: [{ name: 'web', image: 'nginx:1.27', essential: true, readonlyRootFilesystem: true }],
  },
  null,
  2,
);

interface JsonFinding {
  file: string;
  ruleId: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

describe('ecs-iam-lint', () => {
  let workspace: string;
  before(() => {
    workspace = mkdtempSync(path.join(tmpdir(), 'ecs-iam-cli-'));
    mkdirSync(path.join(workspace, 'iam'));
    mkdirSync(path.join(workspace, 'node_modules', 'dep'), { recursive: true });
    copyFileSync(path.join(FIXTURES, 'article', 'task-role-policy.json'), path.join(workspace, 'iam', 'task-role-policy.json'));
    writeFileSync(path.join(workspace, 'task-definition.json'), SAME_ROLE);
    writeFileSync(path.join(workspace, 'package.json'), readFileSync(path.join(REPO_ROOT, 'package.json')));
    writeFileSync(path.join(workspace, 'node_modules', 'dep', 'policy.json'), '{"Version": "2012-10-17", "Statement": [,]}');
  });

  test('the article policy: json/syntax at each trailing comma, exit 1', () => {
    const { code, stdout } = run(['--format', 'json', 'iam/task-role-policy.json'], workspace);
    assert.equal(code, 1);
    const findings = JSON.parse(stdout) as JsonFinding[];
    const syntax = findings.filter((f) => f.ruleId === 'json/syntax');
    assert.deepEqual(
      syntax.map((f) => f.range),
      [
        { start: { line: 11, character: 25 }, end: { line: 11, character: 26 } },
        { start: { line: 19, character: 26 }, end: { line: 19, character: 27 } },
      ],
    );
    assert.ok(syntax.every((f) => f.file === 'iam/task-role-policy.json' && f.severity === 'error'));
    assert.ok(findings.some((f) => f.ruleId === 'placeholder' && f.severity === 'info'));
  });

  test('a task definition with one role in both fields: the warning; --fail-on decides the exit code', () => {
    const failOnError = run(['--format', 'json', 'task-definition.json'], workspace);
    assert.equal(failOnError.code, 0, 'a warning does not fail the default --fail-on error');
    const findings = JSON.parse(failOnError.stdout) as JsonFinding[];
    assert.deepEqual(
      findings.map((f) => f.ruleId),
      ['ecs/same-task-and-execution-role'],
    );
    assert.equal(findings[0].severity, 'warning');
    assert.equal(run(['--fail-on', 'warning', 'task-definition.json'], workspace).code, 1);
  });

  test('package.json: nothing, exit 0', () => {
    const { code, stdout } = run(['package.json'], workspace);
    assert.equal(code, 0);
    assert.match(stdout, /No problems found \(1 file checked\)/);
  });

  test('a folder means every *.json below it, without node_modules', () => {
    const { stdout } = run(['--format', 'json', '.'], workspace);
    const files = new Set((JSON.parse(stdout) as JsonFinding[]).map((f) => f.file));
    assert.deepEqual([...files].sort(), ['iam/task-role-policy.json', 'task-definition.json']);
  });

  test('globs are expanded', () => {
    const { stdout } = run(['--format', 'json', 'iam/*.json'], workspace);
    assert.ok((JSON.parse(stdout) as JsonFinding[]).every((f) => f.file === 'iam/task-role-policy.json'));
  });

  test('text output names file, 1-based position, severity, message and rule', () => {
    const { stdout } = run(['iam/task-role-policy.json'], workspace);
    assert.match(stdout, /^iam\/task-role-policy\.json$/m);
    assert.match(stdout, /^ {2}12:26 +error +Trailing comma: IAM rejects it.*json\/syntax \(register\)$/m);
    assert.match(stdout, /problems \(2 errors, 0 warnings, 1 info, 0 hints\)/);
  });

  test('SARIF 2.1.0 with rules, help and 1-based regions', () => {
    const { code, stdout } = run(['--format', 'sarif', 'iam/task-role-policy.json'], workspace);
    assert.equal(code, 1);
    const sarif = JSON.parse(stdout);
    assert.equal(sarif.version, '2.1.0');
    const run0 = sarif.runs[0];
    assert.equal(run0.tool.driver.name, 'ecs-iam-lint');
    const rules = run0.tool.driver.rules as Array<{
      id: string;
      help: { text: string };
      helpUri?: string;
      shortDescription: { text: string };
    }>;
    const syntaxRule = rules.find((rule) => rule.id === 'json/syntax');
    assert.ok(syntaxRule?.help.text && syntaxRule.shortDescription.text && syntaxRule.helpUri);
    const result = run0.results.find((r: { ruleId: string }) => r.ruleId === 'json/syntax');
    assert.equal(result.level, 'error');
    assert.equal(rules[result.ruleIndex].id, 'json/syntax');
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 12, startColumn: 26, endLine: 12, endColumn: 27 });
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'iam/task-role-policy.json');
    assert.ok(run0.results.some((r: { level: string }) => r.level === 'note'));
  });

  test('SARIF: a placeholder repeated in a file is one result, its other places as relatedLocations', () => {
    const account = '123456789012';
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::reports-${account}/*` },
        { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: `arn:aws:sqs:us-east-1:${account}:jobs` },
        { Effect: 'Allow', Action: 'sns:Publish', Resource: `arn:aws:sns:us-east-1:${account}:alerts` },
      ],
    };
    writeFileSync(path.join(workspace, 'repeated-placeholder.json'), JSON.stringify(policy, null, 2));
    const { stdout } = run(['--format', 'sarif', 'repeated-placeholder.json'], workspace);
    const results = JSON.parse(stdout).runs[0].results as Array<{
      ruleId: string;
      relatedLocations?: Array<{ id: number; message: { text: string }; physicalLocation: { region: { startLine: number } } }>;
    }>;
    const placeholders = results.filter((result) => result.ruleId === 'placeholder');
    assert.equal(placeholders.length, 1, JSON.stringify(placeholders));
    const related = placeholders[0].relatedLocations ?? [];
    assert.equal(related.length, 2, JSON.stringify(related));
    assert.deepEqual(
      related.map((location) => location.id),
      [0, 1],
    );
    assert.ok(related.every((location) => location.message.text.length > 0 && location.physicalLocation.region.startLine > 1));
  });

  test('--output writes the report to a file', () => {
    const { code, stdout } = run(['--format', 'sarif', '--output', 'report.sarif', 'iam'], workspace);
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.equal(JSON.parse(readFileSync(path.join(workspace, 'report.sarif'), 'utf8')).version, '2.1.0');
  });

  test('usage and I/O errors exit 2 with a clear message', () => {
    const unknown = run(['--format', 'xml', '.'], workspace);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown format "xml"/);
    const missing = run(['no-such-file.json'], workspace);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file or folder: no-such-file\.json/);
    assert.equal(run(['--bogus'], workspace).code, 2);
    assert.equal(run(['--help'], workspace).code, 0);
  });

  test('.ecs-iam.json turns rules off and ignores files', () => {
    const configured = mkdtempSync(path.join(tmpdir(), 'ecs-iam-cli-config-'));
    mkdirSync(path.join(configured, 'legacy'));
    writeFileSync(path.join(configured, 'task-definition.json'), SAME_ROLE);
    writeFileSync(path.join(configured, 'legacy', 'policy.json'), readFileSync(path.join(FIXTURES, 'article', 'task-role-policy.json')));
    writeFileSync(
      path.join(configured, '.ecs-iam.json'),
      JSON.stringify({ rules: { 'ecs/same-task-and-execution-role': 'error' }, ignore: ['legacy/**'] }),
    );
    const { code, stdout } = run(['--format', 'json', '.'], configured);
    assert.equal(code, 1);
    const findings = JSON.parse(stdout) as JsonFinding[];
    assert.deepEqual(
      findings.map((f) => `${f.file} ${f.ruleId} ${f.severity}`),
      ['task-definition.json ecs/same-task-and-execution-role error'],
    );
  });
});
