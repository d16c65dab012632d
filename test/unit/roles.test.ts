// Task role vs execution role: pattern matching, policy evaluation, linking and the cross-file rules,
// through a real WorkspaceIndex over the fixture workspaces in test/fixtures/roles.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { analyzeDocument } from '../../server/src/analyzer';
import { parseDocument } from '../../server/src/core/document';
import { prepareDocument } from '../../server/src/core/prepare';
import type { Finding } from '../../server/src/core/types';
import { appendStatementsEdit } from '../../server/src/roles/check';
import { evaluate, statementsFromValue, type PolicySource } from '../../server/src/roles/evaluate';
import { linkRole } from '../../server/src/roles/linking';
import { patternsIntersect } from '../../server/src/roles/patterns';
import { WorkspaceIndex } from '../../server/src/workspace';
import { ConfigLoader } from '../../server/src/workspace/configLoader';
import { executionRoleNeeds } from '../../server/src/ecs/executionRoleNeeds';
import { hoverAt } from '../../server/src/features/hover';
import { roleLenses } from '../../server/src/features/roleLens';
import { checkNeeds } from '../../server/src/roles/check';
import { withRoleMapping } from '../../server/src/roles/configEdit';
import { generatePolicy } from '../../server/src/roles/generate';
import { taskRoleNeeds } from '../../server/src/roles/taskRoleNeeds';
import { applyEdits, CORPUS, FIXTURES, isStrictJson, jsonFilesBelow, lint, REPO_ROOT } from '../helpers';

describe('patternsIntersect', () => {
  const cases: Array<[string, string, boolean]> = [
    ['*', 'arn:aws:s3:::bucket/key', true],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/key', true],
    ['arn:aws:s3:::bucket', 'arn:aws:s3:::bucket/key', false],
    [
      'arn:aws:logs:eu-west-1:210987654321:log-group:/ecs/web:*',
      'arn:aws:logs:eu-west-1:210987654321:log-group:/ecs/web:log-stream:*',
      true,
    ],
    [
      'arn:aws:logs:eu-west-1:210987654321:log-group:/ecs/web',
      'arn:aws:logs:eu-west-1:210987654321:log-group:/ecs/web:log-stream:*',
      false,
    ],
    ['arn:aws:logs:*:*:log-group:/ecs/*', 'arn:aws:logs:eu-west-1:*:log-group:/ecs/web:log-stream:*', true],
    ['arn:aws:secretsmanager:*:*:secret:db-??????', 'arn:aws:secretsmanager:eu-west-1:1:secret:db-AbCdEf', true],
    ['arn:aws:secretsmanager:*:*:secret:db-??????', 'arn:aws:secretsmanager:eu-west-1:1:secret:db-AbC', false],
    ['a*b*c', 'a?x*', true],
    ['abc', 'abd', false],
  ];
  for (const [a, b, expected] of cases) {
    test(`${a} ∩ ${b} = ${expected}`, () => {
      assert.equal(patternsIntersect(a, b), expected);
      assert.equal(patternsIntersect(b, a), expected, 'symmetric');
    });
  }
});

describe('evaluate', () => {
  const source = (statements: unknown[]): PolicySource => ({
    label: 'p',
    kind: 'inline',
    statements: statementsFromValue({ Statement: statements }),
  });
  test('an explicit Deny wins over an Allow', () => {
    const policy = source([
      { Effect: 'Allow', Action: 's3:*', Resource: '*' },
      { Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::secret/*' },
    ]);
    assert.equal(evaluate([policy], 's3:GetObject', 'arn:aws:s3:::secret/a').decision, 'denied');
    assert.equal(evaluate([policy], 's3:GetObject', 'arn:aws:s3:::public/a').decision, 'allowed');
  });
  test('actions match case-insensitively with wildcards; NotAction and NotResource', () => {
    const policy = source([{ Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:aws:s3:::private/*' }]);
    assert.equal(evaluate([policy], 'S3:getobject', 'arn:aws:s3:::public/a').decision, 'allowed');
    assert.equal(evaluate([policy], 'iam:PassRole', '*').decision, 'not-allowed');
    assert.equal(evaluate([policy], 's3:GetObject', 'arn:aws:s3:::private/a').decision, 'not-allowed');
  });
  test('a Condition makes the answer conditional, not a guess', () => {
    const policy = source([
      {
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } },
      },
    ]);
    const result = evaluate([policy], 'kms:Decrypt', 'arn:aws:kms:eu-west-1:1:key/k');
    assert.equal(result.decision, 'conditional');
    assert.match(result.conditions[0], /StringEquals kms:ViaService/);
  });
  test('an action that takes no resource needs Resource "*"', () => {
    const scoped = source([{ Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: 'arn:aws:ecr:eu-west-1:1:repository/web' }]);
    assert.equal(evaluate([scoped], 'ecr:GetAuthorizationToken', '*').decision, 'not-allowed');
    assert.equal(
      evaluate([source([{ Effect: 'Allow', Action: 'ecr:*', Resource: '*' }])], 'ecr:GetAuthorizationToken', '*').decision,
      'allowed',
    );
  });
});

describe('appendStatementsEdit', () => {
  const statement = { Sid: 'New', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' };
  for (const [name, text] of [
    [
      'non-empty array',
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow", "Action": "a:b", "Resource": "*"}\n  ]\n}',
    ],
    ['empty array', '{\n  "Version": "2012-10-17",\n  "Statement": []\n}'],
    ['single statement object', '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "a:b", "Resource": "*"}}'],
    ['no Statement', '{\r\n  "Version": "2012-10-17"\r\n}'],
  ]) {
    test(name, () => {
      const document = parseDocument(text);
      const edited = applyEdits(text, [appendStatementsEdit(document, document.root!, [statement])]);
      assert.ok(isStrictJson(edited), edited);
      const statements = ([] as unknown[]).concat(JSON.parse(edited).Statement);
      assert.deepEqual(statements[statements.length - 1], statement);
    });
  }
});

async function indexOf(folder: string): Promise<WorkspaceIndex> {
  const configs = new ConfigLoader(undefined, () => [folder]);
  const index = new WorkspaceIndex({ roots: [folder], configs, maxFileSize: 5 * 1024 * 1024 });
  await index.build();
  return index;
}

async function findingsIn(index: WorkspaceIndex, file: string): Promise<Finding[]> {
  const document = index.get(file)?.document ?? parseDocument(readFileSync(file, 'utf8'));
  await prepareDocument(document);
  return analyzeDocument(document, {}, { filePath: file, workspace: index });
}

const ROLE_RULES = [
  'ecs/execution-role-missing-permission',
  'ecs/task-role-missing-permission',
  'iam/application-permission-on-execution-role',
  'iam/unneeded-execution-role-permission',
  'iam/execution-permission-on-task-role',
  'iam/trust-policy-not-ecs',
];
const roleFindings = (findings: Finding[]) => findings.filter((finding) => ROLE_RULES.includes(finding.ruleId));

describe('roles linked by file names (test/fixtures/roles/convention)', () => {
  const folder = path.join(FIXTURES, 'roles', 'convention');

  test('the execution role is linked to <role>.json and <role>-trust-policy.json', async () => {
    const index = await indexOf(folder);
    const link = linkRole(index, 'ecsTaskExecutionRole', path.join(folder, 'task-definition.json'));
    assert.equal(link?.how, 'file names');
    assert.deepEqual(
      link?.sources.map((source) => source.label),
      ['ecsTaskExecutionRole.json'],
    );
    assert.deepEqual(
      link?.trustPolicies.map((file) => path.basename(file.path)),
      ['ecsTaskExecutionRole-trust-policy.json'],
    );
  });

  test('the task definition: the secret and log-group creation are missing, at the nodes that need them', async () => {
    const index = await indexOf(folder);
    const file = path.join(folder, 'task-definition.json');
    const text = readFileSync(file, 'utf8');
    const findings = roleFindings(await findingsIn(index, file));
    assert.deepEqual(
      findings.map((finding) => [
        finding.ruleId,
        finding.severity,
        text.slice(finding.span.offset, finding.span.offset + finding.span.length),
      ]),
      [
        [
          'ecs/execution-role-missing-permission',
          'error',
          '"arn:aws:secretsmanager:eu-west-1:210987654321:secret:orders/db-password-AbCdEf"',
        ],
        ['ecs/execution-role-missing-permission', 'error', '"awslogs"'],
      ],
    );
    assert.match(
      findings[0].message,
      /execution role `ecsTaskExecutionRole` \(`ecsTaskExecutionRole\.json`\) does not allow `secretsmanager:GetSecretValue`/,
    );
    assert.match(findings[1].message, /`logs:CreateLogGroup`/);
  });

  test('the fix adds a scoped statement to the policy file, and the finding goes away', async () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'ecs-iam-roles-'));
    cpSync(folder, copy, { recursive: true });
    const index = await indexOf(copy);
    const taskFile = path.join(copy, 'task-definition.json');
    const [secretFinding] = roleFindings(await findingsIn(index, taskFile));
    const fix = secretFinding.fixes[0];
    assert.ok(fix?.otherFiles?.length === 1, 'the fix edits the linked policy file');
    const policyFile = fix.otherFiles[0].path;
    assert.equal(path.basename(policyFile), 'ecsTaskExecutionRole.json');
    const policyDocument = index.get(policyFile)!.document;
    const edited = applyEdits(
      policyDocument.text,
      fix.otherFiles[0].edits.map((edit) => ({
        offset: policyDocument.lines.offsetAt(edit.range.start),
        length: policyDocument.lines.offsetAt(edit.range.end) - policyDocument.lines.offsetAt(edit.range.start),
        newText: edit.newText,
      })),
    );
    assert.ok(isStrictJson(edited), edited);
    assert.match(edited, /"Resource": "arn:aws:secretsmanager:eu-west-1:210987654321:secret:orders\/db-password-AbCdEf"/);
    index.update(policyFile, edited);
    const after = roleFindings(await findingsIn(index, taskFile));
    assert.equal(after.filter((finding) => finding.message.includes('secretsmanager:GetSecretValue')).length, 0);
    assert.equal(after.length, 1, 'only the log-group finding is left');
  });

  test('the execution role policy: an application permission and an unneeded statement', async () => {
    const index = await indexOf(folder);
    const findings = roleFindings(await findingsIn(index, path.join(folder, 'ecsTaskExecutionRole.json')));
    assert.deepEqual(
      findings.map((finding) => finding.ruleId),
      ['iam/application-permission-on-execution-role', 'iam/unneeded-execution-role-permission'],
    );
    assert.match(findings[0].message, /`dynamodb:PutItem` looks like an application permission/);
  });

  test('the task role policy: the injected secret and an image pull belong on the execution role', async () => {
    const index = await indexOf(folder);
    const findings = roleFindings(await findingsIn(index, path.join(folder, 'orders-api-task.json')));
    assert.deepEqual(
      findings.map((finding) => finding.ruleId),
      ['iam/execution-permission-on-task-role', 'iam/execution-permission-on-task-role'],
    );
    assert.match(findings[0].message, /secret `DB_PASSWORD`/);
    assert.match(findings[1].message, /`ecr:BatchGetImage` is an image-pull permission/);
  });

  test('the trust policy does not trust ecs-tasks.amazonaws.com; its fix makes it do so', async () => {
    const index = await indexOf(folder);
    const file = path.join(folder, 'ecsTaskExecutionRole-trust-policy.json');
    const [finding] = roleFindings(await findingsIn(index, file));
    assert.equal(finding?.ruleId, 'iam/trust-policy-not-ecs');
    const fixed = applyEdits(readFileSync(file, 'utf8'), finding.fixes[0].edits);
    index.update(file, fixed);
    assert.deepEqual(roleFindings(await findingsIn(index, file)), []);
  });
});

describe('roles linked by .ecs-iam.json (test/fixtures/roles/configured)', () => {
  const folder = path.join(FIXTURES, 'roles', 'configured');
  test('policy files and AWS managed policies from the mapping; only the SSM parameter is missing', async () => {
    const index = await indexOf(folder);
    const file = path.join(folder, 'task-definition.json');
    const link = linkRole(index, 'exec', file);
    assert.equal(link?.how, 'configuration');
    assert.deepEqual(
      link?.sources.map((source) => source.label),
      ['iam/exec-extra.json', 'AmazonECSTaskExecutionRolePolicy'],
    );
    const findings = roleFindings(await findingsIn(index, file));
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /`ssm:GetParameters` on `arn:aws:ssm:us-east-1:210987654321:parameter\/billing\/stripe-key`/);
    assert.deepEqual(roleFindings(await findingsIn(index, path.join(folder, 'iam', 'exec-trust.json'))), []);
  });
});

describe('generated policies', () => {
  const taskDefinitions = [
    path.join(FIXTURES, 'roles', 'convention', 'task-definition.json'),
    path.join(FIXTURES, 'roles', 'configured', 'task-definition.json'),
    ...jsonFilesBelow(path.join(CORPUS, 'firelens-examples')).filter((file) => /task.?def/i.test(path.basename(file))),
  ];
  for (const file of taskDefinitions) {
    test(`${path.relative(REPO_ROOT, file)}: execution, task and trust policies lint clean and meet every need`, async () => {
      const document = parseDocument(readFileSync(file, 'utf8'));
      const view = document.taskDefinitions[0];
      if (!view) return; // the one corpus file that is not valid JSON as published still parses; others all do
      for (const kind of ['execution', 'task', 'trust'] as const) {
        const generated = generatePolicy(view.node, kind);
        assert.ok(isStrictJson(generated.content), generated.content);
        if (generated.statementCount === 0) continue; // nothing to grant: no document is offered
        const { findings } = await lint(generated.content, { fileName: generated.fileName });
        const serious = findings.filter((finding) => finding.severity === 'error' || finding.severity === 'warning');
        assert.deepEqual(
          serious.map((finding) => `${finding.ruleId}: ${finding.message}`),
          [],
          `${kind} policy:\n${generated.content}`,
        );
        if (kind === 'trust') continue;
        const needs = kind === 'execution' ? executionRoleNeeds(view.node) : taskRoleNeeds(view.node);
        const source: PolicySource = { label: 'generated', kind: 'inline', statements: statementsFromValue(JSON.parse(generated.content)) };
        // Template text left in the task definition (`${Region}`) reads as a policy variable: conditional at best.
        const gaps = checkNeeds(needs, [source]).filter(
          (check) => check.evaluation.decision !== 'allowed' && !check.resource.includes('${'),
        );
        assert.deepEqual(
          gaps.map((gap) => `${gap.action} on ${gap.resource}`),
          [],
        );
      }
    });
  }
});

describe('.ecs-iam.json role mapping edits', () => {
  test('creates the file content, adds to an existing role, keeps comments', () => {
    const created = withRoleMapping(undefined, 'exec', 'iam/exec.json', 'policies');
    assert.deepEqual(JSON.parse(created), { roles: { exec: { policies: ['iam/exec.json'] } } });
    const existing = '{\n  // our roles\n  "rules": { "placeholder": "off" },\n  "roles": { "exec": { "policies": ["a.json"] } }\n}\n';
    const added = withRoleMapping(existing, 'exec', 'b.json', 'policies');
    assert.match(added, /\/\/ our roles/);
    assert.match(added, /"policies": \[\s*"a\.json",\s*"b\.json"\s*\]/);
    const trust = withRoleMapping(added, 'exec', 'trust.json', 'trustPolicy');
    assert.match(trust, /"trustPolicy": "trust\.json"/);
    assert.equal(withRoleMapping(added, 'exec', 'b.json', 'policies'), added, 'adding twice changes nothing');
  });
});

describe('hover and CodeLens show what is linked', () => {
  test('execution role: linked files, needs met, what is missing', async () => {
    const folder = path.join(FIXTURES, 'roles', 'convention');
    const index = await indexOf(folder);
    const file = path.join(folder, 'task-definition.json');
    const document = index.get(file)!.document;
    const lenses = roleLenses(document, index, file);
    assert.deepEqual(
      lenses.map((lens) => lens.title),
      ['execution role: ecsTaskExecutionRole.json — 1 of 3 needs met', 'task role: orders-api-task.json'],
    );
    const offset = document.text.indexOf('"executionRoleArn"') + 3;
    const hover = await hoverAt(document, offset, { workspace: index, filePath: file });
    assert.match(
      hover!.markdown,
      /\*\*Linked policies\*\* \(found by file name\): `ecsTaskExecutionRole\.json`; trust policy `ecsTaskExecutionRole-trust-policy\.json` — \*\*1 of 3 needs met\*\*/,
    );
    assert.match(
      hover!.markdown,
      /- missing: `secretsmanager:GetSecretValue` on `arn:aws:secretsmanager:eu-west-1:210987654321:secret:orders\/db-password-AbCdEf`/,
    );
  });
  test('a role with no policy: the lens offers to link one', async () => {
    const folder = path.join(FIXTURES, 'roles', 'configured');
    const index = await indexOf(folder);
    const document = parseDocument('{"family": "x", "executionRoleArn": "nobody", "containerDefinitions": []}');
    const [lens] = roleLenses(document, index, path.join(folder, 'other.json'));
    assert.equal(lens.title, 'execution role nobody: no policy linked — link a policy file…');
    assert.equal(lens.command?.id, 'ecsIam.linkPolicyFile');
  });
});

describe('CodeLens in CloudFormation templates', () => {
  const template = (name: string) => readFileSync(path.join(FIXTURES, 'cloudformation', name), 'utf8');
  const covered = (text: string, span: { offset: number; length: number } | undefined) =>
    span ? text.slice(span.offset, span.offset + span.length) : undefined;

  test('a role defined in the template: its logical id, the needs its policies meet, and where it is', () => {
    const text = template('ecs-service.json');
    // No workspace: the template alone says everything.
    const lenses = roleLenses(parseDocument(text), undefined, '/ws/stack.json');
    assert.deepEqual(
      lenses.map((lens) => [lens.title, text.slice(lens.span.offset).split(':')[0]]),
      [
        ['execution role: ExecutionRole in this template — 3 of 3 needs met', '"ExecutionRoleArn"'],
        ['task role: TaskRole in this template — 1 of 1 needs met', '"TaskRoleArn"'],
      ],
    );
    // Clicking reveals the logical id of the role resource, not a reference to it.
    assert.deepEqual(
      lenses.map((lens) => lens.reveal?.offset),
      [text.indexOf('"ExecutionRole": {') + 1, text.indexOf('"TaskRole": {') + 1],
    );
    assert.deepEqual(
      lenses.map((lens) => covered(text, lens.reveal)),
      ['ExecutionRole', 'TaskRole'],
    );
    assert.equal(lenses[0].command, undefined);
  });

  test('a missing permission: the lens counts what the rule reports', async () => {
    const text = template('missing-secret-permission.json');
    const { document, findings } = await lint(text, { filePath: '/ws/stack.json' });
    const [execution] = roleLenses(document, undefined, '/ws/stack.json');
    assert.equal(execution.title, 'execution role: ExecutionRole in this template — 2 of 3 needs met');
    assert.equal(findings.filter((finding) => finding.ruleId === 'ecs/execution-role-missing-permission').length, 1);
  });

  test('a role with no policies at all; one whose only managed policy is unknown offline', () => {
    const source = JSON.parse(template('ecs-service.json'));
    const role = source.Resources.ExecutionRole.Properties;
    delete role.Policies;
    delete role.ManagedPolicyArns;
    const bare = JSON.stringify(source, null, 2);
    assert.equal(
      roleLenses(parseDocument(bare), undefined, undefined)[0].title,
      'execution role: ExecutionRole in this template, without policies — 0 of 3 needs met',
    );
    role.ManagedPolicyArns = [{ 'Fn::ImportValue': 'shared-execution-policy-arn' }];
    const imported = JSON.stringify(source, null, 2);
    const [lens] = roleLenses(parseDocument(imported), undefined, undefined);
    assert.equal(lens.title, 'execution role: ExecutionRole in this template — managed policies unknown offline, needs not checked');
    assert.equal(covered(imported, lens.reveal), 'ExecutionRole');
  });

  test('a role outside the template: a literal ARN is linked through the workspace; an import or a parameter gets no lens', async () => {
    const folder = path.join(FIXTURES, 'roles', 'convention');
    const index = await indexOf(folder);
    const file = path.join(folder, 'stack.json');
    const source = JSON.parse(template('ecs-service.json'));
    const taskDefinition = source.Resources.TaskDefinition.Properties;
    taskDefinition.ExecutionRoleArn = 'arn:aws:iam::210987654321:role/ecsTaskExecutionRole';
    taskDefinition.TaskRoleArn = { 'Fn::ImportValue': 'orders-task-role-arn' };
    const lenses = roleLenses(parseDocument(JSON.stringify(source, null, 2)), index, file);
    assert.deepEqual(
      lenses.map((lens) => lens.title),
      ['execution role: ecsTaskExecutionRole.json — 1 of 3 needs met'],
    );
    assert.equal(lenses[0].reveal, undefined);
    // The same role named with pseudo parameters: the account is unknown, the name is not.
    taskDefinition.ExecutionRoleArn = { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/ecsTaskExecutionRole' };
    const substituted = JSON.stringify(source, null, 2);
    assert.deepEqual(
      roleLenses(parseDocument(substituted), index, file).map((lens) => lens.title),
      ['execution role: ecsTaskExecutionRole.json — 1 of 3 needs met'],
    );
    const { findings } = await lint(substituted, { filePath: file, workspace: index });
    assert.equal(
      findings.filter((finding) => finding.ruleId === 'ecs/execution-role-missing-permission').length,
      2,
      'the rules link it too: the two needs the lens counts as unmet',
    );
    // A name that is itself a substitution names no particular role.
    taskDefinition.ExecutionRoleArn = { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${AWS::StackName}-execution' };
    assert.deepEqual(
      roleLenses(parseDocument(JSON.stringify(source, null, 2)), index, file).map((lens) => lens.title),
      [],
    );
    source.Parameters.ExecutionRoleArn = { Type: 'String' };
    taskDefinition.ExecutionRoleArn = { Ref: 'ExecutionRoleArn' };
    taskDefinition.TaskRoleArn = 'orders-unknown-role';
    assert.deepEqual(
      roleLenses(parseDocument(JSON.stringify(source, null, 2)), index, file).map((lens) => lens.title),
      ['task role orders-unknown-role: no policy linked — link a policy file…'],
    );
  });
});

describe('privilege escalation across the policies .ecs-iam.json maps to one role (test/fixtures/roles/escalation)', () => {
  const folder = path.join(FIXTURES, 'roles', 'escalation');
  const escalations = async (index: WorkspaceIndex | undefined, name: string) => {
    const file = path.join(folder, name);
    const document = index?.get(file)?.document ?? parseDocument(readFileSync(file, 'utf8'));
    await prepareDocument(document);
    return analyzeDocument(document, {}, { filePath: file, workspace: index }).filter(
      (finding) => finding.ruleId === 'iam/privilege-escalation',
    );
  };

  const CASES: Array<{ file: string; roles: string[]; mentions?: RegExp[] }> = [
    // iam:PassRole on * (pass-role.json) and ec2:RunInstances on * (compute.json), mapped to `deployer`.
    { file: 'compute.json', roles: ['deployer'], mentions: [/pass-role\.json/, /CreateEC2WithExistingIP/, /iam:PassRole/] },
    // pass-role.json is part of `deployer` and, with PowerUserAccess's compute actions, of `power`.
    { file: 'pass-role.json', roles: ['deployer', 'power'], mentions: [/PowerUserAccess/] },
    // compute.json + read.json (`reader`) complete nothing; pass-one-role.json passes one role only (`scoped`).
    { file: 'read.json', roles: [] },
    { file: 'pass-one-role.json', roles: [] },
  ];

  for (const { file, roles, mentions } of CASES) {
    test(`${file}: ${roles.length > 0 ? roles.join(', ') : 'no finding'}`, async () => {
      const index = await indexOf(folder);
      const findings = await escalations(index, file);
      assert.deepEqual(
        findings.map((finding) => /maps to role `([^`]+)`/.exec(finding.message)?.[1]).sort(),
        roles,
        JSON.stringify(findings.map((f) => f.message)),
      );
      for (const pattern of mentions ?? []) {
        assert.ok(
          findings.some((finding) => pattern.test(finding.message)),
          String(pattern),
        );
      }
      // The finding points at this file's part of the method.
      const text = readFileSync(path.join(folder, file), 'utf8');
      for (const finding of findings) {
        assert.match(text.slice(finding.span.offset, finding.span.offset + finding.span.length), /iam:PassRole|ec2:RunInstances/);
      }
    });
  }

  test('each file alone, without the workspace, completes no method', async () => {
    for (const { file } of CASES) assert.deepEqual(await escalations(undefined, file), [], file);
  });
});
