// The role needs are exactly what AWS requires (issue 21). For every use case, the minimal policy the AWS
// page documents passes with no finding, removing any one required action gives exactly one finding that
// names it, AWS's own managed policies for the use case pass, and the generated least-privilege policy
// passes the same table. Runs the real rules over an in-memory workspace (WorkspaceView).
import { roleStatus } from '../../server/src/workspace/roleActions';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { analyzeDocument } from '../../server/src/analyzer';
import { parseDocument } from '../../server/src/core/document';
import { prepareDocument } from '../../server/src/core/prepare';
import type { Finding } from '../../server/src/core/types';
import { executionRoleNeeds } from '../../server/src/ecs/executionRoleNeeds';
import { hoverAt } from '../../server/src/features/hover';
import { roleLenses } from '../../server/src/features/roleLens';
import { generatePolicy } from '../../server/src/roles/generate';
import {
  hasManagedPolicyDocument,
  isManagedPolicyName,
  knownManagedPolicyNames,
  managedPolicyArn,
} from '../../server/src/roles/managedPolicies';
import { taskRoleNeeds } from '../../server/src/roles/taskRoleNeeds';
import type { ConfiguredFile, IndexedFile, ResolvedRoleMapping, WorkspaceView } from '../../server/src/core/workspace';
import { applyEdits, REPO_ROOT } from '../helpers';

const ROOT = '/workspace';
const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const MISSING_RULES = ['ecs/execution-role-missing-permission', 'ecs/task-role-missing-permission'];

/** A WorkspaceView over in-memory files, with `.ecs-iam.json` role mappings given directly. */
class MemoryWorkspace implements WorkspaceView {
  readonly generation = 1;
  private readonly map = new Map<string, IndexedFile>();
  constructor(
    files: Record<string, unknown>,
    private readonly mappings: Record<string, { policies?: string[]; managedPolicies?: string[] }> = {},
  ) {
    for (const [name, content] of Object.entries(files)) {
      const file = path.posix.join(ROOT, name);
      this.map.set(file, { path: file, document: parseDocument(typeof content === 'string' ? content : JSON.stringify(content, null, 2)) });
    }
  }
  files(): Iterable<IndexedFile> {
    return this.map.values();
  }
  get(file: string): IndexedFile | undefined {
    return this.map.get(file);
  }
  byBaseName(name: string): readonly IndexedFile[] {
    return [...this.map.values()].filter((file) => path.posix.basename(file.path).toLowerCase() === name);
  }
  roleMappingsFor(): Record<string, ResolvedRoleMapping> {
    return Object.fromEntries(
      Object.entries(this.mappings).map(([role, mapping]) => [
        role,
        {
          policies: mapping.policies ?? [],
          managedPolicies: mapping.managedPolicies ?? [],
          configFile: path.posix.join(ROOT, '.ecs-iam.json'),
        },
      ]),
    );
  }
  configuredFile(configFile: string, relativePath: string): ConfiguredFile {
    const file = this.map.get(path.posix.join(path.posix.dirname(configFile), relativePath));
    return file ? { status: 'indexed', file } : { status: 'missing' };
  }
  label(file: string): string {
    return path.posix.relative(ROOT, file);
  }
}

type Role = 'execution' | 'task';
interface UseCase {
  name: string;
  role: Role;
  /** Container definition fields (merged into one container) and task-definition fields. */
  container?: Record<string, unknown>;
  task?: Record<string, unknown>;
  /** The minimal policy the AWS page documents for the use case. */
  statements: Array<{ Action: string[]; Resource: string | string[] }>;
  /** The actions that policy must keep: each one removed gives exactly one finding. */
  required: string[];
  /** AWS managed policies for the use case: each alone must pass. */
  managed: string[];
}

const ecrImage = (repository: string, account = ACCOUNT) => `${account}.dkr.ecr.${REGION}.amazonaws.com/${repository}:1.0`;
const secretArn = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:db-password-AbCdEf`;

const USE_CASES: UseCase[] = [
  {
    name: 'private ECR pull',
    role: 'execution',
    container: { image: ecrImage('web') },
    // https://docs.aws.amazon.com/AmazonECR/latest/userguide/ECR_on_ECS.html
    statements: [{ Action: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: '*' }],
    required: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
    managed: ['AmazonEC2ContainerRegistryPullOnly', 'AmazonECSTaskExecutionRolePolicy', 'AmazonEC2ContainerRegistryReadOnly'],
  },
  {
    name: 'ECR pull through cache',
    role: 'execution',
    container: { image: ecrImage('docker-hub/library/nginx') },
    // https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache-iam.html
    statements: [
      {
        Action: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchImportUpstreamImage'],
        Resource: '*',
      },
    ],
    required: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchImportUpstreamImage'],
    managed: ['AmazonEC2ContainerRegistryPullOnly'],
  },
  {
    name: 'awslogs',
    role: 'execution',
    container: {
      image: 'nginx:1.27',
      logConfiguration: {
        logDriver: 'awslogs',
        options: { 'awslogs-group': '/ecs/web', 'awslogs-region': REGION, 'awslogs-stream-prefix': 'web' },
      },
    },
    // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html
    statements: [
      { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/web:*` },
    ],
    required: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    managed: ['AmazonECSTaskExecutionRolePolicy', 'CloudWatchLogsFullAccess'],
  },
  {
    name: 'awslogs with awslogs-create-group',
    role: 'execution',
    container: {
      image: 'nginx:1.27',
      logConfiguration: {
        logDriver: 'awslogs',
        options: { 'awslogs-group': '/ecs/web', 'awslogs-region': REGION, 'awslogs-stream-prefix': 'web', 'awslogs-create-group': 'true' },
      },
    },
    statements: [
      {
        Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/web:*`,
      },
    ],
    required: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
    managed: ['CloudWatchLogsFullAccess'],
  },
  {
    name: 'Secrets Manager secret',
    role: 'execution',
    container: { image: 'nginx:1.27', secrets: [{ name: 'DB_PASSWORD', valueFrom: secretArn }] },
    // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html#task-execution-secrets
    statements: [{ Action: ['secretsmanager:GetSecretValue'], Resource: secretArn }],
    required: ['secretsmanager:GetSecretValue'],
    managed: ['SecretsManagerReadWrite'],
  },
  {
    name: 'SSM parameter',
    role: 'execution',
    container: { image: 'nginx:1.27', secrets: [{ name: 'API_URL', valueFrom: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/web/api-url` }] },
    statements: [{ Action: ['ssm:GetParameters'], Resource: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/web/api-url` }],
    required: ['ssm:GetParameters'],
    managed: ['AmazonSSMReadOnlyAccess'],
  },
  {
    name: 'private registry credentials',
    role: 'execution',
    container: { image: 'registry.example.com/team/web:1.0', repositoryCredentials: { credentialsParameter: secretArn } },
    // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html#task-execution-private-auth
    statements: [{ Action: ['secretsmanager:GetSecretValue'], Resource: secretArn }],
    required: ['secretsmanager:GetSecretValue'],
    managed: ['SecretsManagerReadWrite'],
  },
  {
    name: 'environment file from S3',
    role: 'execution',
    container: { image: 'nginx:1.27', environmentFiles: [{ type: 's3', value: 'arn:aws:s3:::config-bucket/web/app.env' }] },
    // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/taskdef-envfiles.html#taskdef-envfiles-iam
    statements: [
      { Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::config-bucket/web/app.env' },
      { Action: ['s3:GetBucketLocation'], Resource: 'arn:aws:s3:::config-bucket' },
    ],
    required: ['s3:GetObject', 's3:GetBucketLocation'],
    managed: ['AmazonS3ReadOnlyAccess'],
  },
  {
    name: 'FireLens configuration file from S3',
    role: 'execution',
    container: {
      image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:stable',
      firelensConfiguration: {
        type: 'fluentbit',
        options: { 'config-file-type': 's3', 'config-file-value': 'arn:aws:s3:::config-bucket/fluent-bit.conf' },
      },
    },
    statements: [
      { Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::config-bucket/fluent-bit.conf' },
      { Action: ['s3:GetBucketLocation'], Resource: 'arn:aws:s3:::config-bucket' },
    ],
    required: ['s3:GetObject', 's3:GetBucketLocation'],
    managed: ['AmazonS3ReadOnlyAccess'],
  },
  {
    name: 'EFS volume mounted read-only',
    role: 'task',
    container: { image: 'nginx:1.27', mountPoints: [{ sourceVolume: 'shared', containerPath: '/data', readOnly: true }] },
    task: {
      volumes: [
        {
          name: 'shared',
          efsVolumeConfiguration: {
            fileSystemId: 'fs-0123456789abcdef0',
            transitEncryption: 'ENABLED',
            authorizationConfig: { iam: 'ENABLED' },
          },
        },
      ],
    },
    // https://docs.aws.amazon.com/efs/latest/ug/iam-access-control-nfs-efs.html: ClientMount is read-only access.
    statements: [
      {
        Action: ['elasticfilesystem:ClientMount'],
        Resource: `arn:aws:elasticfilesystem:${REGION}:${ACCOUNT}:file-system/fs-0123456789abcdef0`,
      },
    ],
    required: ['elasticfilesystem:ClientMount'],
    managed: ['AmazonElasticFileSystemClientReadOnlyAccess', 'AmazonElasticFileSystemClientReadWriteAccess'],
  },
  {
    name: 'EFS volume mounted read-write',
    role: 'task',
    container: { image: 'nginx:1.27', mountPoints: [{ sourceVolume: 'shared', containerPath: '/data' }] },
    task: {
      volumes: [
        {
          name: 'shared',
          efsVolumeConfiguration: {
            fileSystemId: 'fs-0123456789abcdef0',
            transitEncryption: 'ENABLED',
            authorizationConfig: { iam: 'ENABLED' },
          },
        },
      ],
    },
    statements: [
      {
        Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
        Resource: `arn:aws:elasticfilesystem:${REGION}:${ACCOUNT}:file-system/fs-0123456789abcdef0`,
      },
    ],
    required: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
    managed: ['AmazonElasticFileSystemClientReadWriteAccess'],
  },
  {
    name: 'X-Ray daemon',
    role: 'task',
    container: { image: 'public.ecr.aws/xray/aws-xray-daemon:3.x' },
    // https://docs.aws.amazon.com/xray/latest/devguide/xray-daemon-ecs.html
    statements: [{ Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' }],
    required: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
    managed: ['AWSXRayDaemonWriteAccess'],
  },
  {
    name: 'FireLens output to CloudWatch Logs',
    role: 'task',
    container: {
      image: 'nginx:1.27',
      logConfiguration: {
        logDriver: 'awsfirelens',
        options: { Name: 'cloudwatch_logs', region: REGION, log_group_name: '/ecs/app', log_stream_prefix: 'app-' },
      },
    },
    statements: [
      { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/app:*` },
    ],
    required: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    managed: ['CloudWatchLogsFullAccess'],
  },
  {
    name: 'FireLens output to Firehose',
    role: 'task',
    container: {
      image: 'nginx:1.27',
      logConfiguration: { logDriver: 'awsfirelens', options: { Name: 'kinesis_firehose', region: REGION, delivery_stream: 'app-logs' } },
    },
    statements: [{ Action: ['firehose:PutRecordBatch'], Resource: `arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/app-logs` }],
    required: ['firehose:PutRecordBatch'],
    managed: ['AmazonKinesisFirehoseFullAccess'],
  },
];

function taskDefinitionOf(useCase: UseCase, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    family: 'web',
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/execRole`,
    taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/appRole`,
    containerDefinitions: [{ name: 'web', essential: true, ...useCase.container }],
    ...useCase.task,
    ...overrides,
  };
}

const roleNameOf = (role: Role) => (role === 'execution' ? 'execRole' : 'appRole');

async function missingFindings(workspace: WorkspaceView, file = 'task-definition.json'): Promise<Finding[]> {
  const indexed = workspace.get(path.posix.join(ROOT, file))!;
  await prepareDocument(indexed.document);
  return analyzeDocument(indexed.document, {}, { filePath: indexed.path, workspace }).filter((finding) =>
    MISSING_RULES.includes(finding.ruleId),
  );
}

function lensTitle(workspace: WorkspaceView, role: Role): string {
  const file = path.posix.join(ROOT, 'task-definition.json');
  const lenses = roleLenses(workspace.get(file)!.document, workspace, file);
  const lens = lenses.find((candidate) => candidate.title.startsWith(role === 'execution' ? 'execution role' : 'task role'));
  assert.ok(lens, JSON.stringify(lenses.map((candidate) => candidate.title)));
  return lens.title;
}

/** A policy with the statements, without `action` (a statement left with no action is dropped). */
function policyWithout(
  statements: ReadonlyArray<{ Action: string | string[]; Resource: unknown }>,
  action?: string,
): Record<string, unknown> {
  const Statement = statements
    .map((statement) => ({
      Effect: 'Allow',
      ...statement,
      Action: ([] as string[]).concat(statement.Action).filter((candidate) => candidate !== action),
    }))
    .filter((statement) => statement.Action.length > 0);
  return { Version: '2012-10-17', Statement };
}

/** The workspace of a use case: the task definition, and the role's policy linked by file name. */
function workspaceWith(useCase: UseCase, policy: Record<string, unknown>): MemoryWorkspace {
  return new MemoryWorkspace({ 'task-definition.json': taskDefinitionOf(useCase), [`${roleNameOf(useCase.role)}.json`]: policy });
}

function generatedStatements(useCase: UseCase): Array<{ Action: string | string[]; Resource: unknown }> {
  const document = parseDocument(JSON.stringify(taskDefinitionOf(useCase)));
  const generated = JSON.parse(generatePolicy(document.taskDefinitions[0].node, useCase.role).content) as {
    Statement: Array<{ Action: string | string[]; Resource: unknown }>;
  };
  return generated.Statement.map(({ Action, Resource }) => ({ Action, Resource }));
}

describe('role needs: the minimal policy AWS documents for each use case', () => {
  for (const useCase of USE_CASES) {
    test(`${useCase.name}: the minimal policy passes, and the CodeLens counts every need met`, async () => {
      const workspace = workspaceWith(useCase, policyWithout(useCase.statements));
      assert.deepEqual(
        (await missingFindings(workspace)).map((finding) => finding.message),
        [],
      );
      const needs =
        useCase.role === 'execution'
          ? executionRoleNeeds(parseDocument(JSON.stringify(taskDefinitionOf(useCase))).taskDefinitions[0].node)
          : taskRoleNeeds(parseDocument(JSON.stringify(taskDefinitionOf(useCase))).taskDefinitions[0].node);
      assert.ok(needs.length > 0);
      assert.match(lensTitle(workspace, useCase.role), new RegExp(`— ${needs.length} of ${needs.length} needs met$`));
    });
    for (const action of useCase.required) {
      test(`${useCase.name}: without ${action}, exactly one finding, naming it`, async () => {
        const findings = await missingFindings(workspaceWith(useCase, policyWithout(useCase.statements, action)));
        assert.equal(findings.length, 1, JSON.stringify(findings.map((finding) => finding.message)));
        assert.deepEqual(findings[0].data?.missingActions, [action]);
        assert.ok(findings[0].message.includes(`\`${action}\``), findings[0].message);
        assert.equal(
          findings[0].ruleId,
          useCase.role === 'execution' ? 'ecs/execution-role-missing-permission' : 'ecs/task-role-missing-permission',
        );
      });
    }
    for (const managed of useCase.managed) {
      test(`${useCase.name}: AWS's ${managed} alone passes`, async () => {
        const workspace = new MemoryWorkspace(
          { 'task-definition.json': taskDefinitionOf(useCase) },
          { [roleNameOf(useCase.role)]: { managedPolicies: [managed] } },
        );
        assert.deepEqual(
          (await missingFindings(workspace)).map((finding) => finding.message),
          [],
        );
        assert.match(lensTitle(workspace, useCase.role), /— (\d+) of \1 needs met$/);
      });
    }
  }
});

describe('role needs: the generated least-privilege policies pass the same table', () => {
  for (const useCase of USE_CASES) {
    test(`${useCase.name}: the generated ${useCase.role} policy passes; without any required action, exactly one finding naming it`, async () => {
      const statements = generatedStatements(useCase);
      assert.deepEqual(
        (await missingFindings(workspaceWith(useCase, policyWithout(statements)))).map((finding) => finding.message),
        [],
      );
      for (const action of useCase.required) {
        const findings = await missingFindings(workspaceWith(useCase, policyWithout(statements, action)));
        assert.equal(findings.length, 1, `${action}: ${JSON.stringify(findings.map((finding) => finding.message))}`);
        assert.deepEqual(findings[0].data?.missingActions, [action]);
      }
    });
  }

  test('the generated execution policy grants no ecr:BatchCheckLayerAvailability (a push-side check no pull needs)', () => {
    const actions = generatedStatements(USE_CASES[0]).flatMap((statement) => ([] as string[]).concat(statement.Action));
    assert.deepEqual(actions.filter((action) => action.startsWith('ecr:')).sort(), [
      'ecr:BatchGetImage',
      'ecr:GetAuthorizationToken',
      'ecr:GetDownloadUrlForLayer',
    ]);
  });

  test('the generated pull through cache policy includes ecr:CreateRepository for the first pull, scoped to the repository', () => {
    const statements = generatedStatements(USE_CASES[1]);
    const withCreate = statements.find((statement) => ([] as string[]).concat(statement.Action).includes('ecr:CreateRepository'));
    assert.deepEqual(withCreate?.Resource, `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/docker-hub/library/nginx`);
  });

  test('the generated EFS policy grants no ClientRootAccess, and ClientWrite only for a writable mount', () => {
    const actions = (name: string) =>
      generatedStatements(USE_CASES.find((candidate) => candidate.name === name)!)
        .flatMap((statement) => ([] as string[]).concat(statement.Action))
        .sort();
    assert.deepEqual(actions('EFS volume mounted read-only'), ['elasticfilesystem:ClientMount']);
    assert.deepEqual(actions('EFS volume mounted read-write'), ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite']);
  });
});

describe('issue 21: the two false alarms', () => {
  test('AmazonEC2ContainerRegistryPullOnly + CloudWatchLogsFullAccess: an ECR image with awslogs has every need met', async () => {
    const useCase: UseCase = {
      ...USE_CASES[0],
      container: { image: ecrImage('web'), logConfiguration: USE_CASES[2].container!.logConfiguration },
    };
    const workspace = new MemoryWorkspace(
      { 'task-definition.json': taskDefinitionOf(useCase) },
      { execRole: { managedPolicies: ['AmazonEC2ContainerRegistryPullOnly', 'CloudWatchLogsFullAccess'] } },
    );
    assert.deepEqual(
      (await missingFindings(workspace)).map((finding) => finding.message),
      [],
    );
    assert.match(lensTitle(workspace, 'execution'), /AmazonEC2ContainerRegistryPullOnly \+ CloudWatchLogsFullAccess — 2 of 2 needs met$/);
  });

  test('a role lacking only ecr:BatchCheckLayerAvailability: no finding at all', async () => {
    const workspace = workspaceWith(
      USE_CASES[0],
      policyWithout([{ Action: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: '*' }]),
    );
    const document = workspace.get(path.posix.join(ROOT, 'task-definition.json'))!.document;
    const all = analyzeDocument(document, {}, { filePath: path.posix.join(ROOT, 'task-definition.json'), workspace });
    assert.deepEqual(
      all.filter((finding) => finding.ruleId.includes('role')).map((finding) => finding.message),
      [],
    );
  });

  test('an EFS volume whose only mount point is readOnly: ClientMount alone, no ClientWrite warning', async () => {
    const useCase = USE_CASES.find((candidate) => candidate.name === 'EFS volume mounted read-only')!;
    const findings = await missingFindings(
      workspaceWith(useCase, policyWithout([{ Action: ['elasticfilesystem:ClientMount'], Resource: '*' }])),
    );
    assert.deepEqual(
      findings.map((finding) => finding.message),
      [],
    );
  });

  test('EFS: one writable mount point among read-only ones needs ClientWrite; ClientRootAccess is only shown, never required', async () => {
    const useCase = USE_CASES.find((candidate) => candidate.name === 'EFS volume mounted read-only')!;
    const writable: UseCase = {
      ...useCase,
      container: undefined,
      task: {
        ...useCase.task,
        containerDefinitions: [
          {
            name: 'reader',
            image: 'nginx:1.27',
            essential: true,
            mountPoints: [{ sourceVolume: 'shared', containerPath: '/data', readOnly: true }],
          },
          {
            name: 'writer',
            image: 'busybox:1.36',
            essential: false,
            mountPoints: [{ sourceVolume: 'shared', containerPath: '/data', readOnly: false }],
          },
        ],
      },
    };
    const findings = await missingFindings(
      workspaceWith(writable, policyWithout([{ Action: ['elasticfilesystem:ClientMount'], Resource: '*' }])),
    );
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0].data?.missingActions, ['elasticfilesystem:ClientWrite']);
    const document = parseDocument(JSON.stringify(taskDefinitionOf(writable), null, 2));
    const hover = await hoverAt(document, document.text.indexOf('"taskRoleArn"') + 3, {});
    assert.match(hover?.markdown ?? '', /only if a container must act as root on the file system.*`elasticfilesystem:ClientRootAccess`/);
  });
});

describe('needs name the AWS page that requires them', () => {
  test('every need of every use case has a docs URL on an AWS or AWS-owned page, shown in the hover', async () => {
    for (const useCase of USE_CASES) {
      const document = parseDocument(JSON.stringify(taskDefinitionOf(useCase), null, 2));
      const node = document.taskDefinitions[0].node;
      const needs = useCase.role === 'execution' ? executionRoleNeeds(node) : taskRoleNeeds(node);
      const hover =
        (await hoverAt(document, document.text.indexOf(useCase.role === 'execution' ? '"executionRoleArn"' : '"taskRoleArn"') + 3, {}))
          ?.markdown ?? '';
      for (const need of needs) {
        assert.match(
          need.docsUrl,
          /^https:\/\/(docs\.aws\.amazon\.com\/|github\.com\/aws\/|docs\.fluentbit\.io\/)/,
          `${useCase.name}: ${need.feature}`,
        );
        assert.ok(hover.includes(`([AWS](${need.docsUrl}))`), `${useCase.name}: the hover should link ${need.docsUrl}\n${hover}`);
      }
    }
  });

  test('docs/rules.md lists each need with its page', () => {
    const rulesDoc = readFileSync(path.join(REPO_ROOT, 'docs', 'rules.md'), 'utf8');
    for (const url of [
      'https://docs.aws.amazon.com/AmazonECR/latest/userguide/ECR_on_ECS.html',
      'https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache-iam.html',
      'https://docs.aws.amazon.com/efs/latest/ug/iam-access-control-nfs-efs.html',
      'https://docs.aws.amazon.com/xray/latest/devguide/xray-daemon-ecs.html',
    ]) {
      assert.ok(rulesDoc.includes(url), url);
    }
  });
});

describe('cross-account ECR images', () => {
  const otherAccount = '444455556666';
  const useCase: UseCase = { ...USE_CASES[0], container: { image: ecrImage('shared/web', otherAccount) } };
  const repositoryTemplate = (principal: unknown) => ({
    AWSTemplateFormatVersion: '2010-09-09',
    Resources: {
      SharedRepository: {
        Type: 'AWS::ECR::Repository',
        Properties: {
          RepositoryName: 'shared/web',
          RepositoryPolicyText: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'AllowPull',
                Effect: 'Allow',
                Principal: { AWS: principal },
                Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
              },
            ],
          },
        },
      },
    },
  });
  const rolePolicy = policyWithout([
    { Action: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: '*' },
  ]);

  test("the hover says the other account's repository policy must allow the role", async () => {
    const document = parseDocument(JSON.stringify(taskDefinitionOf(useCase), null, 2));
    const hover = (await hoverAt(document, document.text.indexOf('"executionRoleArn"') + 3, {}))?.markdown ?? '';
    assert.match(hover, /The repository is in account `444455556666`.*its repository policy must allow this role/);
  });

  test('no repository policy in the workspace: nothing is claimed', async () => {
    const workspace = workspaceWith(useCase, rolePolicy);
    assert.deepEqual(
      (await missingFindings(workspace)).map((finding) => finding.message),
      [],
    );
    assert.match(lensTitle(workspace, 'execution'), /— 1 of 1 needs met$/);
  });

  test("a repository policy that allows the role's account: met, and counted in the CodeLens", async () => {
    const workspace = new MemoryWorkspace({
      'task-definition.json': taskDefinitionOf(useCase),
      'execRole.json': rolePolicy,
      'registry.json': repositoryTemplate(`arn:aws:iam::${ACCOUNT}:root`),
    });
    assert.deepEqual(
      (await missingFindings(workspace)).map((finding) => finding.message),
      [],
    );
    assert.match(lensTitle(workspace, 'execution'), /— 2 of 2 needs met$/);
  });

  test('a repository policy that allows another account only: one error naming the policy, with a fix that adds the role', async () => {
    const workspace = new MemoryWorkspace({
      'task-definition.json': taskDefinitionOf(useCase),
      'execRole.json': rolePolicy,
      'registry.json': repositoryTemplate('arn:aws:iam::777788889999:root'),
    });
    const findings = await missingFindings(workspace);
    assert.equal(findings.length, 1, JSON.stringify(findings.map((finding) => finding.message)));
    assert.equal(findings[0].severity, 'error');
    assert.match(
      findings[0].message,
      /repository policy of `shared\/web` in account `444455556666` \(registry\.json \(SharedRepository\)\) does not allow the execution role/,
    );
    assert.match(lensTitle(workspace, 'execution'), /— 1 of 2 needs met$/);
    // Clicking the lens counts the same way, and names what is missing: the repository policy.
    const file = path.posix.join(ROOT, 'task-definition.json');
    const status = roleStatus(workspace.get(file)!.document, findings, workspace, file, 0, 'executionRoleArn');
    assert.match(
      status?.message ?? '',
      /meets 1 of 2 needs of this task definition\. Missing: the repository policy registry\.json \(SharedRepository\) allowing/,
    );
    const edit = findings[0].fixes[0].otherFiles![0];
    assert.equal(edit.path, path.posix.join(ROOT, 'registry.json'));
    const registry = workspace.get(edit.path)!.document;
    const fixed = applyEdits(
      registry.text,
      edit.edits.map((change) => ({
        offset: registry.lines.offsetAt(change.range.start),
        length: registry.lines.offsetAt(change.range.end) - registry.lines.offsetAt(change.range.start),
        newText: change.newText,
      })),
    );
    const after = new MemoryWorkspace({
      'task-definition.json': taskDefinitionOf(useCase),
      'execRole.json': rolePolicy,
      'registry.json': fixed,
    });
    assert.deepEqual(
      (await missingFindings(after)).map((finding) => finding.message),
      [],
    );
  });
});

describe('EC2 launch type without an execution role', () => {
  const ec2 = (fields: Record<string, unknown>) =>
    JSON.stringify(
      {
        family: 'web',
        requiresCompatibilities: ['EC2'],
        containerDefinitions: [{ name: 'web', image: ecrImage('web'), memory: 256, essential: true, ...fields }],
      },
      null,
      2,
    );

  test('an ECR image with awslogs: an info that the container instance role is used, not a missing permission', async () => {
    const text = ec2({ logConfiguration: USE_CASES[2].container!.logConfiguration });
    const document = parseDocument(text);
    await prepareDocument(document);
    const findings = analyzeDocument(document, {}, {}).filter((finding) => finding.ruleId === 'ecs/execution-role-required');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].severity, 'info');
    assert.match(
      findings[0].message,
      /runs only on EC2 and sets no `executionRoleArn`, so the container agent uses the container instance role/,
    );
    const hover = await hoverAt(document, text.indexOf('"family"') + 3, {});
    assert.ok(hover === undefined || !/missing/.test(hover.markdown));
  });

  test('a secret on EC2 still needs an execution role: error', async () => {
    const document = parseDocument(ec2({ secrets: [{ name: 'DB_PASSWORD', valueFrom: secretArn }] }));
    await prepareDocument(document);
    const findings = analyzeDocument(document, {}, {}).filter((finding) => finding.ruleId === 'ecs/execution-role-required');
    assert.equal(findings[0]?.severity, 'error');
  });
});

describe('managed policies', () => {
  test('all 1,594 names are known; documents ship for the ECS use cases', () => {
    const names = knownManagedPolicyNames();
    assert.ok(names.length >= 1500, `${names.length}`);
    assert.equal(new Set(names).size, names.length);
    for (const name of [
      'AmazonEC2ContainerRegistryPullOnly',
      'AmazonECSTaskExecutionRolePolicy',
      'AWSXRayDaemonWriteAccess',
      'AmazonSSMReadOnlyAccess',
      'AmazonElasticFileSystemClientReadOnlyAccess',
    ]) {
      assert.ok(hasManagedPolicyDocument(name), name);
    }
    assert.ok(isManagedPolicyName('AmazonRDSFullAccess') && !hasManagedPolicyDocument('AmazonRDSFullAccess'));
    assert.ok(!isManagedPolicyName('AmazonECSTaskExecutionRolePolicyy'));
    assert.equal(
      managedPolicyArn('AmazonECSTaskExecutionRolePolicy'),
      'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
    );
  });

  test('a linked managed policy whose document is not bundled: no missing-permission claim, and the CodeLens says why', async () => {
    const workspace = new MemoryWorkspace(
      {
        'task-definition.json': taskDefinitionOf(USE_CASES[4]),
        'extra.json': policyWithout([{ Action: ['s3:GetObject'], Resource: '*' }]),
      },
      { execRole: { policies: ['extra.json'], managedPolicies: ['AmazonRDSFullAccess'] } },
    );
    assert.deepEqual(
      (await missingFindings(workspace)).map((finding) => finding.message),
      [],
    );
    assert.match(lensTitle(workspace, 'execution'), /AmazonRDSFullAccess unknown offline, needs not checked$/);
  });

  test('managedPolicies.generated.json is up to date (run node scripts/generate-managed-policies.mjs)', async () => {
    const generator = await import(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'generate-managed-policies.mjs')).toString());
    assert.equal(readFileSync(generator.OUTPUT, 'utf8'), generator.generate());
  });
});
