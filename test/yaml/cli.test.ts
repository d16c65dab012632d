// The CLI on YAML: a folder walk picks up .yaml, .yml and .template files; templates and task definitions
// in YAML are checked, other YAML (a workflow, a Kubernetes manifest, a Compose file) gets nothing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../helpers';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

const FILES: Record<string, string> = {
  'stack.yaml': [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Resources:',
    '  Task:',
    '    Type: AWS::ECS::TaskDefinition',
    '    Properties:',
    '      RequiresCompatibilities: [FARGATE]',
    '      NetworkMode: bridge',
    '      Cpu: "256"',
    '      Memory: "512"',
    '      ContainerDefinitions:',
    '        - Name: web',
    '          Image: nginx:1.27',
    '',
  ].join('\n'),
  'legacy.template':
    'Resources:\n  Policy:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Action: s3:GetObjekt\n            Resource: "*"\n',
  'taskdef.yml':
    'family: web\nrequiresCompatibilities: [FARGATE]\nnetworkMode: awsvpc\ncpu: "256"\nmemory: "1000"\ncontainerDefinitions:\n  - name: web\n    image: nginx:1.27\n    essential: true\n',
  '.github/workflows/ci.yml':
    'name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo <PLACEHOLDER>\n',
  'k8s/deployment.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers: [{name: web, image: "nginx"}]\n---\nkind: Service\n',
  'docker-compose.yml': 'services:\n  web:\n    image: nginx:latest\n    environment: [PASSWORD=hunter2]\n',
};

test('ecs-iam-lint on a folder: YAML templates, .template files and YAML task definitions are checked; other YAML is not', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ecs-iam-yaml-'));
  for (const [name, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  const result = spawnSync(process.execPath, [CLI, '--format', 'json', '.'], { cwd: dir, encoding: 'utf8' });
  assert.equal(result.status, 1, result.stderr);
  const findings = JSON.parse(result.stdout) as Array<{ file: string; ruleId: string; range: { start: { line: number } } }>;
  const files = new Set(findings.map((finding) => path.basename(finding.file)));
  assert.deepEqual([...files].sort(), ['legacy.template', 'stack.yaml', 'taskdef.yml']);
  const rules = (file: string) =>
    findings
      .filter((finding) => path.basename(finding.file) === file)
      .map((finding) => `${finding.ruleId}@${finding.range.start.line + 1}`);
  assert.ok(rules('stack.yaml').includes('ecs/fargate-network-mode@7'), JSON.stringify(rules('stack.yaml')));
  assert.ok(rules('legacy.template').includes('iam/unknown-action@9'), JSON.stringify(rules('legacy.template')));
  assert.ok(rules('taskdef.yml').includes('ecs/fargate-task-size@5'), JSON.stringify(rules('taskdef.yml')));
});
