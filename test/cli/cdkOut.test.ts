// `ecs-iam-lint cdk.out`: a CDK cloud assembly is linted for its *.template.json files (nested stage
// assemblies too), not its manifests, construct tree, asset manifests or asset folders (Docker contexts and
// Lambda bundles, which here hold JSON that would give findings); CDK's asset hashes, generated logical ids,
// bootstrap parameter and metadata give none. The fixture (test/fixtures/cdk/cdk.out) has the layout
// `cdk synth` writes: WebStack with a Fargate task definition given `bridge` networking on purpose.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { FIXTURES, REPO_ROOT } from '../helpers';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const CDK = path.join(FIXTURES, 'cdk');

function run(args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: CDK, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonFinding {
  file: string;
  ruleId: string;
  message: string;
}

test('ecs-iam-lint cdk.out checks the stack templates only, and names the construct of each finding', () => {
  const { code, stdout, stderr } = run(['cdk.out', '--format', 'json']);
  assert.equal(code, 1, stderr);
  const findings = JSON.parse(stdout) as JsonFinding[];
  const files = [...new Set(findings.map((finding) => finding.file))].sort();
  assert.deepEqual(files, ['cdk.out/WebStack.template.json', 'cdk.out/assembly-Prod/ProdWebStack.template.json']);
  // The asset folders hold a task definition and a policy with findings of their own: none is reported.
  assert.ok(readdirSync(path.join(CDK, 'cdk.out')).some((name) => name.startsWith('asset.')));
  const network = findings.filter((finding) => finding.ruleId === 'ecs/fargate-network-mode');
  assert.equal(network.length, 1);
  assert.equal(network[0].file, 'cdk.out/WebStack.template.json');
  assert.match(network[0].message, /\(CDK construct `WebStack\/TaskDef\/Resource`\)$/);
  // Asset hashes, the bootstrap bucket and repository, generated ids and the bootstrap parameter's type cause nothing.
  for (const finding of findings) {
    assert.doesNotMatch(finding.message, /hnb659fds|9c1a6ac3|e5d4b3c2|<String>|TaskDef54694570|BootstrapVersion/, finding.message);
    assert.notEqual(finding.ruleId, 'placeholder', finding.message);
  }
  // Both stacks' task definitions are linked to their execution roles (ECR pulls from the asset repository, awslogs): no missing permission.
  assert.ok(!findings.some((finding) => finding.ruleId.endsWith('missing-permission')), JSON.stringify(findings));
  const text = run(['cdk.out']);
  assert.match(text.stdout, /in 2 files checked/);
});

test('in SARIF, a cdk.out finding carries its resource and construct path as a logical location', () => {
  const { stdout } = run(['cdk.out', '--format', 'sarif']);
  const results = JSON.parse(stdout).runs[0].results as Array<{ ruleId: string; locations: Array<{ logicalLocations?: unknown }> }>;
  const network = results.find((result) => result.ruleId === 'ecs/fargate-network-mode');
  assert.deepEqual(network?.locations[0].logicalLocations, [
    { name: 'TaskDef54694570', fullyQualifiedName: 'WebStack/TaskDef/Resource', kind: 'resource' },
  ]);
});

test('a file inside cdk.out named on the command line is still checked (only folder walks skip CDK files)', () => {
  const asset = readdirSync(path.join(CDK, 'cdk.out')).find((name) => name.startsWith('asset.9c1a'))!;
  const { stdout } = run([path.join('cdk.out', asset, 'task-definition.json'), '--format', 'json']);
  assert.ok((JSON.parse(stdout) as JsonFinding[]).some((finding) => finding.ruleId === 'placeholder'));
});
