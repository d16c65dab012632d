// ecs-iam-lint on Terraform: `.tf`, `.tf.json` files and `.json.tpl` templates found by the folder walk, and a plan
// (`terraform show -json`) whose findings name the resource address (JSON `resource`, SARIF logicalLocations).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { FIXTURES, REPO_ROOT } from '../helpers';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const TERRAFORM = path.join(FIXTURES, 'terraform');

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonFinding {
  file: string;
  ruleId: string;
  severity: string;
  message: string;
  resource?: string;
  range: { start: { line: number; character: number } };
}

describe('ecs-iam-lint on Terraform', () => {
  test('a module of two files: the role in iam.tf is linked to the task definition in ecs.tf', () => {
    // secrets.tf split where its task definition ends: the execution role and its policy go to iam.tf.
    const text = readFileSync(path.join(TERRAFORM, 'secrets.tf'), 'utf8');
    const split = text.indexOf('data "aws_iam_policy_document" "assume"');
    const folder = mkdtempSync(path.join(tmpdir(), 'ecs-iam-terraform-module-'));
    writeFileSync(path.join(folder, 'ecs.tf'), text.slice(0, split));
    writeFileSync(path.join(folder, 'iam.tf'), text.slice(split));
    const result = run(['--format', 'json', '.'], folder);
    assert.equal(result.code, 1, result.stderr);
    const findings = JSON.parse(result.stdout) as JsonFinding[];
    const missing = findings.filter((finding) => finding.ruleId === 'ecs/execution-role-missing-permission');
    assert.equal(missing.length, 1, JSON.stringify(findings));
    assert.equal(missing[0].file, 'ecs.tf');
    assert.equal(missing[0].resource, 'aws_ecs_task_definition.web');
    assert.match(missing[0].message, /`web-execution` \(`aws_iam_role_policy\.execution`\) does not allow `secretsmanager:GetSecretValue`/);
  });

  test('the folder walk checks .tf files and .json.tpl templates; ${...} in a template is never a syntax error', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'ecs-iam-terraform-cli-'));
    mkdirSync(path.join(folder, 'modules'));
    for (const name of ['secrets.tf', 'templatefile.tf', 'containers.json.tpl']) {
      copyFileSync(path.join(TERRAFORM, name), path.join(folder, 'modules', name));
    }
    const result = run(['--format', 'json', '.'], folder);
    assert.equal(result.code, 1, result.stderr);
    const findings = JSON.parse(result.stdout) as JsonFinding[];
    const files = new Set(findings.map((finding) => finding.file));
    assert.ok(files.has('modules/secrets.tf'), JSON.stringify(findings));
    assert.ok(files.has('modules/containers.json.tpl'), JSON.stringify(findings));
    const missing = findings.find((finding) => finding.ruleId === 'ecs/execution-role-missing-permission');
    assert.ok(missing, JSON.stringify(findings));
    assert.equal(missing.file, 'modules/secrets.tf');
    assert.equal(missing.resource, 'aws_ecs_task_definition.web');
    // The template: no error at all (every ${...} is unknown), the templatefile resource: no error either.
    const errors = findings.filter((finding) => finding.severity === 'error' && finding.file !== 'modules/secrets.tf');
    assert.deepEqual(errors, []);
  });

  test('the folder walk reads a .tf.json file as Terraform (SARIF names the resource address) and other .json files as they are', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'ecs-iam-terraform-json-cli-'));
    mkdirSync(path.join(folder, 'infra'));
    copyFileSync(path.join(TERRAFORM, 'secrets.tf.json'), path.join(folder, 'infra', 'main.tf.json'));
    // The same text under a plain .json name is a JSON file of no known kind: silent.
    copyFileSync(path.join(TERRAFORM, 'secrets.tf.json'), path.join(folder, 'infra', 'main.json'));
    const result = run(['--format', 'json', '.'], folder);
    assert.equal(result.code, 1, result.stderr);
    const findings = JSON.parse(result.stdout) as JsonFinding[];
    assert.deepEqual([...new Set(findings.map((finding) => finding.file))], ['infra/main.tf.json']);
    const missing = findings.find((finding) => finding.ruleId === 'ecs/execution-role-missing-permission');
    assert.ok(missing, JSON.stringify(findings));
    assert.equal(missing.resource, 'aws_ecs_task_definition.web');
    const text = readFileSync(path.join(TERRAFORM, 'secrets.tf.json'), 'utf8');
    assert.equal(
      missing.range.start.line,
      text.split('\n').findIndex((line) => line.includes('"container_definitions"')),
    );
    assert.deepEqual(
      findings.filter((finding) => finding.severity === 'error' && finding !== missing),
      [],
    );

    const sarif = JSON.parse(run(['--format', 'sarif', 'infra'], folder).stdout) as {
      runs: Array<{
        results: Array<{
          ruleId: string;
          locations: Array<{
            physicalLocation: { artifactLocation: { uri: string } };
            logicalLocations?: Array<{ fullyQualifiedName: string; kind: string }>;
          }>;
        }>;
      }>;
    };
    const result0 = sarif.runs[0].results.find((entry) => entry.ruleId === 'ecs/execution-role-missing-permission')!;
    assert.match(result0.locations[0].physicalLocation.artifactLocation.uri, /main\.tf\.json$/);
    assert.deepEqual(result0.locations[0].logicalLocations, [
      { name: 'aws_ecs_task_definition.web', fullyQualifiedName: 'aws_ecs_task_definition.web', kind: 'resource' },
    ]);
  });

  test('a template with a real mistake next to ${...} values still reports the mistake', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'ecs-iam-terraform-tpl-'));
    const text = readFileSync(path.join(TERRAFORM, 'containers.json.tpl'), 'utf8').replace('"essential": true', '"essential": "yes"');
    const file = path.join(folder, 'containers.json.tpl');
    writeFileSync(file, text);
    const findings = JSON.parse(run(['--format', 'json', 'containers.json.tpl'], folder).stdout) as JsonFinding[];
    const invalid = findings.find((finding) => finding.ruleId === 'ecs/invalid-type');
    assert.ok(invalid, JSON.stringify(findings));
    assert.equal(
      invalid.range.start.line,
      text.split('\n').findIndex((line) => line.includes('"essential": "yes"')),
    );
    assert.ok(!findings.some((finding) => finding.ruleId === 'json/syntax'), JSON.stringify(findings));
  });

  test('a plan: every task definition and policy is checked, each finding names its resource address', () => {
    const result = run(['--format', 'json', 'plan.json'], TERRAFORM);
    assert.equal(result.code, 1, result.stderr);
    const findings = JSON.parse(result.stdout) as JsonFinding[];
    const byRule = (id: string) => findings.filter((finding) => finding.ruleId === id);
    assert.equal(byRule('iam/unknown-action')[0]?.resource, 'aws_iam_policy.app');
    assert.equal(byRule('ecs/host-port-mismatch')[0]?.resource, 'module.service.aws_ecs_task_definition.web');
    assert.match(byRule('ecs/host-port-mismatch')[0].message, /\(Terraform resource `module\.service\.aws_ecs_task_definition\.web`\)$/);
    assert.equal(byRule('iam/confused-deputy')[0]?.resource, 'aws_iam_role.execution');
    // execution_role_arn is known after apply: never "must be a string" nor "no execution role".
    assert.deepEqual(byRule('ecs/invalid-type'), []);
    assert.deepEqual(byRule('ecs/execution-role-required'), []);
    for (const finding of findings) assert.ok(finding.resource, `no resource address: ${JSON.stringify(finding)}`);

    const sarif = JSON.parse(run(['--format', 'sarif', 'plan.json'], TERRAFORM).stdout) as {
      runs: Array<{
        results: Array<{ ruleId: string; locations: Array<{ logicalLocations?: Array<{ fullyQualifiedName: string; kind: string }> }> }>;
      }>;
    };
    const result0 = sarif.runs[0].results.find((entry) => entry.ruleId === 'iam/unknown-action')!;
    assert.deepEqual(result0.locations[0].logicalLocations, [
      { name: 'aws_iam_policy.app', fullyQualifiedName: 'aws_iam_policy.app', kind: 'resource' },
    ]);
  });
});
