// ECS services (issue 15): classification of create-service / update-service input and AWS::ECS::Service,
// the link to the task definition (Ref / Fn::GetAtt in a template, family across the workspace), the service
// rules, the Fargate inference for the task-definition rules, the ECS Exec task-role need and the KMS and
// partial-ARN execution-role findings. Table-driven through the real analysis core.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/analyzer';
import { classify } from '../../server/src/core/classify';
import { parseDocument } from '../../server/src/core/document';
import { completionsAt } from '../../server/src/features/completion';
import { hoverAt } from '../../server/src/features/hover';
import { taskRoleNeeds } from '../../server/src/roles/taskRoleNeeds';
import { WorkspaceIndex } from '../../server/src/workspace';
import { ConfigLoader } from '../../server/src/workspace/configLoader';
import { applyEdits, ruleTests } from '../helpers';

/** A CloudFormation template (JSON) of the given resources. */
const template = (resources: Record<string, unknown>) =>
  JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources }, null, 2);

const TASK = (properties: Record<string, unknown> = {}) => ({
  Type: 'AWS::ECS::TaskDefinition',
  Properties: {
    Family: 'web',
    RequiresCompatibilities: ['FARGATE'],
    NetworkMode: 'awsvpc',
    Cpu: '256',
    Memory: '512',
    ContainerDefinitions: [{ Name: 'web', Image: 'nginx:1.27', PortMappings: [{ ContainerPort: 80, Name: 'http' }] }],
    ...properties,
  },
});
const NETWORK = { AwsvpcConfiguration: { Subnets: ['subnet-0abc'], SecurityGroups: ['sg-0abc'] } };
const SERVICE = (properties: Record<string, unknown> = {}) => ({
  Type: 'AWS::ECS::Service',
  Properties: { LaunchType: 'FARGATE', TaskDefinition: { Ref: 'Task' }, DesiredCount: 1, NetworkConfiguration: NETWORK, ...properties },
});

describe('classification', () => {
  const cases: Array<{ name: string; json: unknown; kind: string }> = [
    { name: 'create-service input', json: { serviceName: 'web', taskDefinition: 'web:3', desiredCount: 2 }, kind: 'ecs-service' },
    { name: 'update-service input', json: { cluster: 'prod', service: 'web', taskDefinition: 'web' }, kind: 'ecs-service' },
    {
      name: 'run-task input is not a service',
      json: { cluster: 'prod', taskDefinition: 'web', count: 1, launchType: 'FARGATE' },
      kind: 'unrelated',
    },
    { name: 'a taskDefinition string alone is unrelated', json: { taskDefinition: 'web', name: 'x' }, kind: 'unrelated' },
    { name: 'a non-string taskDefinition is not a service', json: { taskDefinition: 3, serviceName: 'web' }, kind: 'unrelated' },
    { name: 'package.json stays unrelated', json: { name: 'x', version: '1.0.0', scripts: { service: 'node .' } }, kind: 'unrelated' },
  ];
  for (const { name, json, kind } of cases) {
    test(name, () => assert.equal(parseDocument(JSON.stringify(json)).kind, kind));
  }

  test('a template lists its AWS::ECS::Service resources, in YAML too', () => {
    const yaml =
      'Resources:\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Family: web\n  Svc:\n    Type: AWS::ECS::Service\n    Properties:\n      TaskDefinition: !Ref Task\n';
    const document = parseDocument(yaml, { fileName: 'stack.yaml' });
    assert.equal(document.kind, 'cloudformation-template');
    assert.deepEqual(
      document.services.map((service) => [service.resource, service.format]),
      [['Svc', 'cloudformation']],
    );
    assert.equal(classify(undefined).services.length, 0);
  });
});

ruleTests('ecs/service-launch-type-compatibility', {
  valid: [
    { name: 'FARGATE in requiresCompatibilities', code: template({ Task: TASK(), Service: SERVICE() }) },
    { name: 'an EC2 service runs a Fargate task definition', code: template({ Task: TASK(), Service: SERVICE({ LaunchType: 'EC2' }) }) },
    {
      name: 'a capacity provider that is not Fargate decides nothing',
      code: template({
        Task: TASK({ RequiresCompatibilities: ['EC2'] }),
        Service: SERVICE({ LaunchType: undefined, CapacityProviderStrategy: [{ CapacityProvider: 'asg-provider', Weight: 1 }] }),
      }),
    },
    { name: 'a task definition from elsewhere (no workspace)', code: template({ Service: SERVICE({ TaskDefinition: 'imported:3' }) }) },
  ],
  invalid: [
    {
      name: 'no requiresCompatibilities: the fix adds FARGATE',
      code: template({ Task: TASK({ RequiresCompatibilities: undefined }), Service: SERVICE() }),
      findings: [{ messageIncludes: 'Task definition does not support launch_type FARGATE.', text: '"FARGATE"', severity: 'error' }],
    },
    {
      name: 'EC2 only, through the FARGATE_SPOT capacity provider and Fn::GetAtt',
      code: template({
        Task: TASK({ RequiresCompatibilities: ['EC2'] }),
        Service: SERVICE({
          LaunchType: undefined,
          TaskDefinition: { 'Fn::GetAtt': ['Task', 'TaskDefinitionArn'] },
          CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }],
        }),
      }),
      findings: [{ messageIncludes: 'capacity provider FARGATE_SPOT' }],
    },
  ],
});

test('service-launch-type-compatibility: the fix appends FARGATE to the task definition', async () => {
  const code = template({ Task: TASK({ RequiresCompatibilities: ['EC2'] }), Service: SERVICE() });
  const finding = (await analyze(code)).findings.find((candidate) => candidate.ruleId === 'ecs/service-launch-type-compatibility')!;
  const fixed = applyEdits(code, finding.fixes[0].edits);
  assert.deepEqual(JSON.parse(fixed).Resources.Task.Properties.RequiresCompatibilities, ['EC2', 'FARGATE']);
  assert.equal(
    (await analyze(fixed)).findings.filter((candidate) => candidate.ruleId === 'ecs/service-launch-type-compatibility').length,
    0,
  );
});

ruleTests('ecs/service-network-configuration', {
  valid: [
    { name: 'awsvpc with networkConfiguration', code: template({ Task: TASK(), Service: SERVICE() }) },
    {
      name: 'bridge on EC2 needs none',
      code: template({
        Task: TASK({ NetworkMode: 'bridge', RequiresCompatibilities: ['EC2'] }),
        Service: SERVICE({ LaunchType: 'EC2', NetworkConfiguration: undefined }),
      }),
    },
    {
      name: "update-service input keeps the service's own",
      code: JSON.stringify({ service: 'web', taskDefinition: 'web', launchType: 'FARGATE' }),
    },
  ],
  invalid: [
    {
      name: 'awsvpc task definition on EC2',
      code: template({
        Task: TASK({ RequiresCompatibilities: ['EC2'] }),
        Service: SERVICE({ LaunchType: 'EC2', NetworkConfiguration: undefined }),
      }),
      findings: [{ messageIncludes: "Network Configuration must be provided when networkMode 'awsvpc' is specified.", text: '"EC2"' }],
    },
    {
      name: 'Fargate service JSON',
      code: JSON.stringify({ serviceName: 'web', taskDefinition: 'web:1', launchType: 'FARGATE', desiredCount: 1 }),
      findings: [{ messageIncludes: 'runs on Fargate', text: '"FARGATE"' }],
    },
  ],
});

ruleTests('ecs/service-scheduling-strategy', {
  valid: [
    { name: 'REPLICA on Fargate', code: template({ Task: TASK(), Service: SERVICE({ SchedulingStrategy: 'REPLICA' }) }) },
    {
      name: 'DAEMON on EC2',
      code: JSON.stringify({ serviceName: 'agent', taskDefinition: 'agent', launchType: 'EC2', schedulingStrategy: 'DAEMON' }),
    },
  ],
  invalid: [
    {
      name: 'DAEMON on Fargate, fixed to REPLICA',
      code: '{"serviceName": "web", "taskDefinition": "web", "launchType": "FARGATE", "schedulingStrategy": "DAEMON", "networkConfiguration": {}}',
      findings: [{ text: '"DAEMON"', severity: 'error' }],
      output:
        '{"serviceName": "web", "taskDefinition": "web", "launchType": "FARGATE", "schedulingStrategy": "REPLICA", "networkConfiguration": {}}',
    },
    {
      name: 'DAEMON with the CODE_DEPLOY controller',
      code: JSON.stringify({
        serviceName: 'web',
        taskDefinition: 'web',
        schedulingStrategy: 'DAEMON',
        deploymentController: { type: 'CODE_DEPLOY' },
      }),
      findings: [{ messageIncludes: 'CODE_DEPLOY deployment controller' }],
    },
  ],
});

const LB = (containerName: string, containerPort: number | string) => ({
  LoadBalancers: [{ ContainerName: containerName, ContainerPort: containerPort, TargetGroupArn: { Ref: 'TargetGroup' } }],
});

ruleTests('ecs/service-container-reference', {
  valid: [
    { name: 'container and port exist', code: template({ Task: TASK(), Service: SERVICE(LB('web', 80)) }) },
    { name: 'the port as a string (CloudFormation)', code: template({ Task: TASK(), Service: SERVICE(LB('web', '80')) }) },
    {
      name: 'a container name from a parameter may be it',
      code: template({
        Task: TASK({ ContainerDefinitions: [{ Name: { Ref: 'Name' }, Image: 'nginx' }] }),
        Service: SERVICE(LB('web', 80)),
      }),
    },
  ],
  invalid: [
    {
      name: 'unknown container, fixed to the closest name',
      code: template({ Task: TASK(), Service: SERVICE(LB('wbe', 80)) }),
      findings: [{ messageIncludes: 'Did you mean `web`?', text: '"wbe"' }],
    },
    {
      name: 'unknown port: the API error is quoted',
      code: template({ Task: TASK(), Service: SERVICE(LB('web', 8080)) }),
      findings: [{ messageIncludes: '"The container web did not have a container port 8080 defined."', text: '8080' }],
    },
    {
      name: 'a service registry naming a missing container',
      code: template({
        Task: TASK(),
        Service: SERVICE({ ServiceRegistries: [{ RegistryArn: 'arn:aws:servicediscovery:x', ContainerName: 'api', ContainerPort: 80 }] }),
      }),
      findings: [{ text: '"api"' }],
    },
  ],
});

test('service-container-reference: the port fix picks the container port', async () => {
  const code = template({ Task: TASK(), Service: SERVICE(LB('web', 8080)) });
  const finding = (await analyze(code)).findings.find((candidate) => candidate.ruleId === 'ecs/service-container-reference')!;
  assert.equal(JSON.parse(applyEdits(code, finding.fixes[0].edits)).Resources.Service.Properties.LoadBalancers[0].ContainerPort, 80);
});

const EC2_TASK = (hostPort?: number) =>
  TASK({
    RequiresCompatibilities: ['EC2'],
    NetworkMode: 'bridge',
    ContainerDefinitions: [
      {
        Name: 'web',
        Image: 'nginx',
        Memory: 256,
        PortMappings: [hostPort === undefined ? { ContainerPort: 80 } : { ContainerPort: 80, HostPort: hostPort }],
      },
    ],
  });
const TARGET_GROUP = (healthCheckPort?: string) => ({
  Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
  Properties: { Port: 80, Protocol: 'HTTP', ...(healthCheckPort ? { HealthCheckPort: healthCheckPort } : {}) },
});
const EC2_SERVICE = { ...SERVICE({ LaunchType: 'EC2', NetworkConfiguration: undefined, ...LB('web', 80) }) };

ruleTests('ecs/service-health-check-port', {
  valid: [
    { name: 'traffic-port', code: template({ Task: EC2_TASK(), TargetGroup: TARGET_GROUP('traffic-port'), Service: EC2_SERVICE }) },
    {
      name: 'no HealthCheckPort (default traffic-port)',
      code: template({ Task: EC2_TASK(), TargetGroup: TARGET_GROUP(), Service: EC2_SERVICE }),
    },
    { name: 'a static host port', code: template({ Task: EC2_TASK(80), TargetGroup: TARGET_GROUP('80'), Service: EC2_SERVICE }) },
  ],
  invalid: [
    {
      name: 'dynamic port (no hostPort), fixed health check port',
      code: template({ Task: EC2_TASK(), TargetGroup: TARGET_GROUP('80'), Service: EC2_SERVICE }),
      findings: [{ messageIncludes: 'dynamic host port', text: '"80"', severity: 'warning' }],
      output: template({ Task: EC2_TASK(), TargetGroup: TARGET_GROUP('traffic-port'), Service: EC2_SERVICE }),
    },
    {
      name: 'hostPort 0',
      code: template({ Task: EC2_TASK(0), TargetGroup: TARGET_GROUP('8080'), Service: EC2_SERVICE }),
      findings: [{ messageIncludes: '`hostPort` 0' }],
    },
  ],
});

ruleTests('ecs/service-connect-port-name', {
  valid: [
    {
      name: 'a named port mapping',
      code: template({
        Task: TASK(),
        Service: SERVICE({ ServiceConnectConfiguration: { Enabled: true, Services: [{ PortName: 'http' }] } }),
      }),
    },
  ],
  invalid: [
    {
      name: 'misspelt port name',
      code: template({
        Task: TASK(),
        Service: SERVICE({ ServiceConnectConfiguration: { Enabled: true, Services: [{ PortName: 'htp' }] } }),
      }),
      findings: [{ messageIncludes: 'Did you mean `http`?', text: '"htp"' }],
      output: template({
        Task: TASK(),
        Service: SERVICE({ ServiceConnectConfiguration: { Enabled: true, Services: [{ PortName: 'http' }] } }),
      }),
    },
    {
      name: 'no named port mapping at all',
      code: template({
        Task: TASK({ ContainerDefinitions: [{ Name: 'web', Image: 'nginx', PortMappings: [{ ContainerPort: 80 }] }] }),
        Service: SERVICE({ ServiceConnectConfiguration: { Enabled: true, Services: [{ PortName: 'http' }] } }),
      }),
      findings: [{ messageIncludes: 'no port mapping of its task definition `Task` has a `name`' }],
    },
  ],
});

describe('Fargate inference: a Fargate service makes its task definition a Fargate one', () => {
  const silent = TASK({ RequiresCompatibilities: undefined, NetworkMode: undefined, Cpu: undefined, Memory: undefined });
  const cases: Array<{ rule: string; task: unknown; includes: string }> = [
    { rule: 'ecs/fargate-network-mode', task: silent, includes: 'is run by the Fargate service `Service` (launch type FARGATE)' },
    { rule: 'ecs/fargate-task-size', task: silent, includes: 'is run by the Fargate service `Service`' },
    {
      rule: 'ecs/fargate-unsupported-parameter',
      task: TASK({
        RequiresCompatibilities: undefined,
        ContainerDefinitions: [{ Name: 'web', Image: 'nginx', LogConfiguration: { LogDriver: 'syslog' } }],
      }),
      includes: 'not `syslog`',
    },
  ];
  for (const { rule, task, includes } of cases) {
    test(rule, async () => {
      const withService = (await analyze(template({ Task: task, Service: SERVICE() }))).findings.filter((f) => f.ruleId === rule);
      assert.equal(withService.length, 1, JSON.stringify(withService.map((f) => f.message)));
      assert.ok(withService[0].message.includes(includes), withService[0].message);
      const ec2Service = (await analyze(template({ Task: task, Service: SERVICE({ LaunchType: 'EC2' }) }))).findings.filter(
        (f) => f.ruleId === rule,
      );
      assert.equal(ec2Service.length, 0, 'an EC2 service adds no Fargate rule');
    });
  }
});

describe('across the workspace: a service file names its task definition by family', () => {
  const folder = '/ws';
  const make = (files: Record<string, string>) => {
    const index = new WorkspaceIndex({
      roots: [folder],
      configs: new ConfigLoader(undefined, () => [folder]),
      maxFileSize: 5 * 1024 * 1024,
    });
    for (const [name, text] of Object.entries(files)) index.update(path.join(folder, name), text);
    return index;
  };
  const taskDefinition = JSON.stringify({
    family: 'web-app',
    containerDefinitions: [{ name: 'web', image: 'nginx:1.27', memoryReservation: 256, portMappings: [{ containerPort: 80 }] }],
  });
  const service = JSON.stringify({
    serviceName: 'web',
    taskDefinition: 'arn:aws:ecs:us-east-1:111122223333:task-definition/web-app:7',
    launchType: 'FARGATE',
    networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } },
    loadBalancers: [
      { targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/1', containerName: 'app', containerPort: 80 },
    ],
  });
  const workspace = make({ 'taskdef.json': taskDefinition, 'service.json': service });

  test('the service rules read the task definition of the family (ARN with revision)', async () => {
    const findings = (await analyze(service, { workspace, filePath: path.join(folder, 'service.json') })).findings;
    assert.deepEqual(findings.map((f) => f.ruleId).sort(), ['ecs/service-container-reference', 'ecs/service-launch-type-compatibility']);
    assert.ok(
      findings.find((f) => f.ruleId === 'ecs/service-container-reference')!.message.includes('task definition `web-app` in taskdef.json'),
    );
  });

  test('the task definition gets the Fargate rules from the service file', async () => {
    const findings = (await analyze(taskDefinition, { workspace, filePath: path.join(folder, 'taskdef.json') })).findings;
    const networkMode = findings.find((f) => f.ruleId === 'ecs/fargate-network-mode');
    assert.ok(networkMode?.message.includes('service `web` in service.json'), JSON.stringify(findings.map((f) => f.message)));
    assert.equal(findings.filter((f) => f.ruleId === 'ecs/container-memory-required').length, 0);
  });

  test('without the service file, nothing changes', async () => {
    const alone = make({ 'taskdef.json': taskDefinition });
    const findings = (await analyze(taskDefinition, { workspace: alone, filePath: path.join(folder, 'taskdef.json') })).findings;
    assert.equal(findings.filter((f) => f.ruleId.startsWith('ecs/fargate')).length, 0);
  });
});

describe('ECS Exec: the task role needs the Session Manager channels', () => {
  const role = (actions: string[]) => ({
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      Policies: [
        { PolicyName: 'app', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] } },
      ],
    },
  });
  const CHANNELS = [
    'ssmmessages:CreateControlChannel',
    'ssmmessages:CreateDataChannel',
    'ssmmessages:OpenControlChannel',
    'ssmmessages:OpenDataChannel',
  ];
  const stack = (actions: string[], service: Record<string, unknown>, cluster?: Record<string, unknown>) =>
    template({
      TaskRole: role(actions),
      Task: TASK({ TaskRoleArn: { 'Fn::GetAtt': ['TaskRole', 'Arn'] } }),
      Service: SERVICE(service),
      ...(cluster ? { Cluster: { Type: 'AWS::ECS::Cluster', Properties: cluster } } : {}),
    });
  const missing = async (code: string) =>
    (await analyze(code)).findings.filter((finding) => finding.ruleId === 'ecs/task-role-missing-permission');

  test('enableExecuteCommand without the channels: one warning on the flag, with a fix that satisfies it', async () => {
    const code = stack(['s3:GetObject'], { EnableExecuteCommand: true });
    const findings = await missing(code);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].severity, 'warning');
    for (const action of CHANNELS) assert.ok(findings[0].message.includes(action));
    assert.equal(code.slice(findings[0].span.offset, findings[0].span.offset + findings[0].span.length), 'true');
    const fixed = applyEdits(code, findings[0].fixes[0].edits);
    assert.equal((await missing(fixed)).length, 0);
  });

  test('the channels granted, or exec off: no finding', async () => {
    assert.equal((await missing(stack(CHANNELS, { EnableExecuteCommand: true }))).length, 0);
    assert.equal((await missing(stack(['s3:GetObject'], { EnableExecuteCommand: false }))).length, 0);
    assert.equal((await missing(stack(['s3:GetObject'], {}))).length, 0);
  });

  test("the cluster's exec configuration adds KMS, CloudWatch Logs and S3", async () => {
    const cluster = {
      Configuration: {
        ExecuteCommandConfiguration: {
          KmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
          Logging: 'OVERRIDE',
          LogConfiguration: { CloudWatchLogGroupName: 'exec-logs', S3BucketName: 'exec-bucket' },
        },
      },
    };
    const findings = await missing(stack(CHANNELS, { EnableExecuteCommand: true, Cluster: { Ref: 'Cluster' } }, cluster));
    const text = findings.map((finding) => finding.message).join('\n');
    assert.equal(findings.length, 3, text);
    for (const expected of [
      'kms:Decrypt',
      'logs:DescribeLogGroups',
      'logs:PutLogEvents',
      's3:PutObject',
      's3:GetEncryptionConfiguration',
    ]) {
      assert.ok(text.includes(expected), expected);
    }
  });

  test('the need comes from the template alone (hover, CodeLens, generated policies read it too)', () => {
    const document = parseDocument(stack([], { EnableExecuteCommand: 'true' }));
    const needs = taskRoleNeeds(document.taskDefinitions[0].node);
    assert.deepEqual(
      needs.map((need) => need.feature),
      ['ecs-exec'],
    );
  });
});

describe('execution role: customer managed KMS keys and partial secret ARNs', () => {
  const execRole = {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      Policies: [
        {
          PolicyName: 'secrets',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: { Ref: 'DbSecret' } }],
          },
        },
      ],
    },
  };
  const stack = (secret: Record<string, unknown>, valueFrom: unknown) =>
    template({
      Key: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: {} } },
      DbSecret: { Type: 'AWS::SecretsManager::Secret', Properties: secret },
      ExecRole: execRole,
      Task: TASK({
        ExecutionRoleArn: { 'Fn::GetAtt': ['ExecRole', 'Arn'] },
        ContainerDefinitions: [{ Name: 'web', Image: 'nginx:1.27', Secrets: [{ Name: 'DB_PASSWORD', ValueFrom: valueFrom }] }],
      }),
    });

  test('a secret with KmsKeyId: kms:Decrypt is missing, an error quoting the start error', async () => {
    const findings = (await analyze(stack({ Name: 'db', KmsKeyId: { Ref: 'Key' } }, { Ref: 'DbSecret' }))).findings.filter(
      (finding) => finding.ruleId === 'ecs/execution-role-missing-permission',
    );
    assert.equal(findings.length, 1, JSON.stringify(findings.map((f) => f.message)));
    assert.equal(findings[0].severity, 'error');
    assert.ok(findings[0].message.includes('`kms:Decrypt`'));
    assert.ok(findings[0].message.includes('Access to KMS is not allowed'));
    assert.ok(findings[0].fixes.length > 0);
  });

  test('the default (AWS managed) key needs nothing more', async () => {
    const findings = (await analyze(stack({ Name: 'db' }, { Ref: 'DbSecret' }))).findings;
    assert.equal(findings.filter((finding) => finding.ruleId === 'ecs/execution-role-missing-permission').length, 0);
  });

  ruleTests('ecs/secret-partial-arn', {
    valid: [
      { name: 'a complete ARN', code: stack({ Name: 'db' }, 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbC123') },
      { name: 'a Ref of the secret', code: stack({ Name: 'db' }, { Ref: 'DbSecret' }) },
      { name: 'an SSM parameter', code: stack({ Name: 'db' }, 'arn:aws:ssm:us-east-1:111122223333:parameter/db') },
    ],
    invalid: [
      {
        name: 'a partial ARN (info)',
        code: stack({ Name: 'db' }, 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db:password::'),
        findings: [{ messageIncludes: 'must match `db-??????`', severity: 'info' }],
      },
      {
        name: 'a name ending in a hyphen and six characters (warning)',
        code: stack({ Name: 'db-pass-abc123' }, 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db-pass-abc123'),
        findings: [{ messageIncludes: 'looks for a secret named `db-pass`', severity: 'warning' }],
      },
    ],
  });
});

describe('service JSON: schema, hover and completion from the ECS API model', () => {
  const service =
    '{\n  "serviceName": "web",\n  "taskDefinition": "web:1",\n  "launchType": "FARGATE",\n  "desiredCount": "2",\n  "deploymentConfiguration": { "minimumHealthyPrecent": 100 },\n  "propagateTags": "NONE"\n}';

  test('unknown fields, wrong types and enum values are the shape rules of the task definition', async () => {
    const findings = (await analyze(service)).findings.filter((finding) =>
      ['ecs/unknown-field', 'ecs/invalid-type', 'ecs/invalid-enum-value'].includes(finding.ruleId),
    );
    assert.deepEqual(
      findings.map((finding) => [finding.ruleId, service.slice(finding.span.offset, finding.span.offset + finding.span.length)]),
      [
        ['ecs/invalid-type', '"2"'],
        ['ecs/unknown-field', '"minimumHealthyPrecent"'],
      ],
    );
    assert.ok(findings[1].message.includes('Did you mean `minimumHealthyPercent`?'));
    assert.ok(findings[1].docsUrl.endsWith('API_DeploymentConfiguration.html'));
  });

  test('update-service input: `service` is required, `serviceName` unknown', async () => {
    const findings = (await analyze('{"service": "web", "serviceName": "web", "taskDefinition": "web"}')).findings;
    assert.ok(findings.some((finding) => finding.ruleId === 'ecs/unknown-field' && finding.message.includes('update-service')));
  });

  test('hover on a service field shows the CreateService documentation', async () => {
    const document = parseDocument(service);
    const hover = await hoverAt(document, service.indexOf('"launchType"') + 2);
    assert.ok(hover?.markdown.startsWith('**launchType** · `LaunchType`'), hover?.markdown);
    assert.ok(hover?.markdown.includes('API_CreateService.html'));
    assert.ok(hover?.markdown.includes('`FARGATE`'));
  });

  test('completion offers service keys and enum values', async () => {
    const keyText = '{"serviceName": "web", "taskDefinition": "web", "enableE"}';
    const keys = await completionsAt(parseDocument(keyText), keyText.indexOf('enableE') + 7);
    assert.ok(
      keys.some((item) => item.label === 'enableExecuteCommand'),
      keys.map((item) => item.label).join(','),
    );
    const valueText = '{"serviceName": "web", "taskDefinition": "web", "schedulingStrategy": ""}';
    const values = await completionsAt(parseDocument(valueText), valueText.lastIndexOf('""') + 1);
    assert.deepEqual(values.map((item) => item.label).sort(), ['DAEMON', 'REPLICA']);
  });
});
