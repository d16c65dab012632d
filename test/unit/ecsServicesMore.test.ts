// Issue 15, the rest: the cluster's default capacity provider strategy decides Fargate for a template service
// that names neither launch type nor strategy; launchType and capacityProviderStrategy together are reported
// once (cfn/invalid-value in a template, ecs/service-launch-type-compatibility for create-service input);
// awslogs-stream-prefix on Fargate; the ECS API shape checks on AWS::ECS::Service where the API model says more
// than CloudFormation's schema, never twice with cfn/*. Table-driven through the real analysis core.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits, lint, ruleTests } from '../helpers';

const template = (resources: Record<string, unknown>) =>
  JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources }, null, 2);

/** A task definition that says nothing about Fargate (bridge network, no requiresCompatibilities). */
const PLAIN_TASK = (properties: Record<string, unknown> = {}) => ({
  Type: 'AWS::ECS::TaskDefinition',
  Properties: {
    Family: 'web',
    NetworkMode: 'awsvpc',
    Cpu: '256',
    Memory: '512',
    ContainerDefinitions: [{ Name: 'web', Image: 'nginx:1.27', PortMappings: [{ ContainerPort: 80 }] }],
    ...properties,
  },
});
const NETWORK = { AwsvpcConfiguration: { Subnets: ['subnet-0abc'], SecurityGroups: ['sg-0abc'] } };
const SERVICE = (properties: Record<string, unknown> = {}) => ({
  Type: 'AWS::ECS::Service',
  Properties: {
    Cluster: { Ref: 'Cluster' },
    TaskDefinition: { Ref: 'Task' },
    DesiredCount: 1,
    NetworkConfiguration: NETWORK,
    ...properties,
  },
});
const CLUSTER = (properties?: Record<string, unknown>) => ({
  Type: 'AWS::ECS::Cluster',
  ...(properties ? { Properties: properties } : {}),
});
const strategy = (...providers: string[]) => providers.map((name) => ({ CapacityProvider: name, Weight: 1 }));

ruleTests('ecs/service-launch-type-compatibility', {
  valid: [
    {
      name: 'a cluster without a default strategy: nothing is inferred (the API documents no fallback)',
      code: template({ Cluster: CLUSTER(), Task: PLAIN_TASK(), Service: SERVICE() }),
      fileName: 'stack.json',
    },
    {
      name: 'a default strategy with an Auto Scaling group provider: not Fargate',
      code: template({
        Cluster: CLUSTER({ CapacityProviders: ['FARGATE', 'Asg'], DefaultCapacityProviderStrategy: strategy('FARGATE', 'Asg') }),
        Task: PLAIN_TASK(),
        Service: SERVICE(),
      }),
      fileName: 'stack.json',
    },
    {
      name: 'the service names EC2: the cluster default does not apply',
      code: template({
        Cluster: CLUSTER({ DefaultCapacityProviderStrategy: strategy('FARGATE') }),
        Task: PLAIN_TASK(),
        Service: SERVICE({ LaunchType: 'EC2' }),
      }),
      fileName: 'stack.json',
    },
    {
      name: 'launchType EC2 with a Fargate strategy in a template: only cfn/invalid-value speaks (no launch inferred)',
      code: template({
        Cluster: CLUSTER(),
        Task: PLAIN_TASK(),
        Service: SERVICE({ LaunchType: 'EC2', CapacityProviderStrategy: strategy('FARGATE') }),
      }),
      fileName: 'stack.json',
    },
    {
      name: 'create-service input with an empty strategy next to launchType',
      code: JSON.stringify({ serviceName: 'web', taskDefinition: 'web', launchType: 'EC2', capacityProviderStrategy: [] }),
    },
  ],
  invalid: [
    {
      name: "the cluster's default strategy is FARGATE_SPOT: the service runs on Fargate",
      code: template({
        Cluster: CLUSTER({ CapacityProviders: ['FARGATE_SPOT'], DefaultCapacityProviderStrategy: strategy('FARGATE_SPOT') }),
        Task: PLAIN_TASK(),
        Service: SERVICE(),
      }),
      fileName: 'stack.json',
      findings: [{ messageIncludes: 'the default capacity provider strategy of cluster `Cluster`: FARGATE_SPOT', text: '"Cluster"' }],
    },
    {
      name: 'the default strategy of a ClusterCapacityProviderAssociations resource counts, by Ref or by cluster name',
      code: template({
        Cluster: CLUSTER({ ClusterName: 'prod' }),
        Providers: {
          Type: 'AWS::ECS::ClusterCapacityProviderAssociations',
          Properties: { Cluster: 'prod', CapacityProviders: ['FARGATE'], DefaultCapacityProviderStrategy: strategy('FARGATE') },
        },
        Task: PLAIN_TASK(),
        Service: SERVICE({ Cluster: { 'Fn::GetAtt': ['Cluster', 'Arn'] } }),
      }),
      fileName: 'stack.json',
      findings: [{ messageIncludes: 'the default capacity provider strategy of `Providers`: FARGATE' }],
    },
    {
      name: 'create-service input naming both launchType and capacityProviderStrategy',
      code: JSON.stringify(
        { serviceName: 'web', taskDefinition: 'web', launchType: 'EC2', capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT' }] },
        null,
        2,
      ),
      findings: [
        {
          messageIncludes: 'names both `launchType` and `capacityProviderStrategy`',
          severity: 'error',
          text: '"capacityProviderStrategy"',
        },
      ],
    },
  ],
});

test('launchType with CapacityProviderStrategy in a template is reported once, by cfn/invalid-value', async () => {
  const code = template({
    Cluster: CLUSTER(),
    Task: PLAIN_TASK({ RequiresCompatibilities: ['FARGATE'] }),
    Service: SERVICE({ LaunchType: 'FARGATE', CapacityProviderStrategy: strategy('FARGATE_SPOT') }),
  });
  const { findings } = await lint(code, { fileName: 'stack.json' });
  const about = findings.filter((finding) => /CapacityProviderStrategy|capacityProviderStrategy/.test(finding.message));
  assert.deepEqual(
    about.map((finding) => finding.ruleId),
    ['cfn/invalid-value'],
  );
});

test('a Fargate cluster default makes the Fargate rules apply to the task definition the service runs', async () => {
  const code = template({
    Cluster: CLUSTER({ DefaultCapacityProviderStrategy: strategy('FARGATE') }),
    Task: PLAIN_TASK({ RequiresCompatibilities: ['FARGATE'], NetworkMode: 'bridge' }),
    Service: SERVICE(),
  });
  const { findings } = await lint(code, { fileName: 'stack.json' });
  assert.ok(findings.some((finding) => finding.ruleId === 'ecs/fargate-network-mode'));
  const plain = template({
    Cluster: CLUSTER({ DefaultCapacityProviderStrategy: strategy('FARGATE') }),
    Task: PLAIN_TASK({ ContainerDefinitions: [{ Name: 'web', Image: 'nginx:1.27', Privileged: true }] }),
    Service: SERVICE(),
  });
  const privileged = (await lint(plain, { fileName: 'stack.json' })).findings.find(
    (finding) => finding.ruleId === 'ecs/fargate-unsupported-parameter',
  );
  assert.ok(privileged, 'privileged on a Fargate-default cluster');
  assert.match(
    privileged.message,
    /run by the Fargate service `Service` \(the default capacity provider strategy of cluster `Cluster`: FARGATE\)/,
  );
});

const awslogs = (options: Record<string, unknown>) => ({ LogDriver: 'awslogs', Options: options });
const GROUP = { 'awslogs-group': '/ecs/web', 'awslogs-region': 'us-east-1' };
const taskWithLogs = (options: Record<string, unknown>, properties: Record<string, unknown> = {}) =>
  PLAIN_TASK({
    ExecutionRoleArn: 'arn:aws:iam::123456789012:role/exec',
    ContainerDefinitions: [{ Name: 'web', Image: 'nginx:1.27', LogConfiguration: awslogs(options) }],
    ...properties,
  });

ruleTests('ecs/awslogs-options', {
  valid: [
    {
      name: 'Fargate with a stream prefix',
      code: template({ Task: taskWithLogs({ ...GROUP, 'awslogs-stream-prefix': 'web' }, { RequiresCompatibilities: ['FARGATE'] }) }),
      fileName: 'stack.json',
    },
    {
      name: 'EC2 without a stream prefix',
      code: template({ Task: taskWithLogs(GROUP, { RequiresCompatibilities: ['EC2'] }) }),
      fileName: 'stack.json',
    },
  ],
  invalid: [
    {
      name: 'Fargate without a stream prefix: registration fails',
      code: template({ Task: taskWithLogs(GROUP, { RequiresCompatibilities: ['FARGATE'] }) }),
      fileName: 'stack.json',
      findings: [
        {
          messageIncludes:
            'no `awslogs-stream-prefix`, which Fargate requires; this task definition requires FARGATE compatibility, so registering it fails',
          severity: 'error',
          text: '"Options"',
        },
      ],
    },
    {
      name: 'Fargate known from the service that runs it',
      code: template({ Cluster: CLUSTER(), Task: taskWithLogs(GROUP), Service: SERVICE({ LaunchType: 'FARGATE' }) }),
      fileName: 'stack.json',
      findings: [
        {
          messageIncludes: 'is run by the Fargate service `Service` (launch type FARGATE), and once it requires FARGATE',
          severity: 'error',
        },
      ],
    },
    {
      name: 'register-task-definition input',
      code: JSON.stringify(
        {
          family: 'web',
          requiresCompatibilities: ['FARGATE'],
          networkMode: 'awsvpc',
          cpu: '256',
          memory: '512',
          executionRoleArn: 'arn:aws:iam::123456789012:role/exec',
          containerDefinitions: [
            {
              name: 'web',
              image: 'nginx:1.27',
              logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': 'g', 'awslogs-region': 'us-east-1' } },
            },
          ],
        },
        null,
        2,
      ),
      findings: [{ messageIncludes: 'awslogs-stream-prefix', text: '"options"' }],
    },
  ],
});

test('ecs/awslogs-options: the stream-prefix fix adds the option, phase register', async () => {
  const code = template({ Task: taskWithLogs(GROUP, { RequiresCompatibilities: ['FARGATE'] }) });
  const { findings } = await lint(code, { fileName: 'stack.json' });
  const finding = findings.find((candidate) => candidate.ruleId === 'ecs/awslogs-options')!;
  assert.equal(finding.phase, 'register');
  const fixed = applyEdits(code, finding.fixes[0].edits);
  assert.equal(
    JSON.parse(fixed).Resources.Task.Properties.ContainerDefinitions[0].LogConfiguration.Options['awslogs-stream-prefix'],
    'ecs',
  );
  assert.ok(!(await lint(fixed, { fileName: 'stack.json' })).findings.some((candidate) => candidate.ruleId === 'ecs/awslogs-options'));
});

// The ECS API shape on AWS::ECS::Service: what the model adds to CloudFormation's schema, once.
const shapeCases: Array<{ name: string; service: Record<string, unknown>; expect: Array<[string, RegExp]> }> = [
  {
    name: 'AwsvpcConfiguration without Subnets (the schema leaves it optional, CreateService requires it)',
    service: { LaunchType: 'FARGATE', NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: 'DISABLED' } } },
    expect: [['ecs/missing-required-field', /`NetworkConfiguration\.AwsvpcConfiguration` \(aws vpc configuration\) has no `Subnets`/]],
  },
  {
    name: 'DeploymentController without Type',
    service: { LaunchType: 'FARGATE', DeploymentController: {} },
    expect: [['ecs/missing-required-field', /`DeploymentController` \(deployment controller\) has no `Type`/]],
  },
  {
    name: 'a strategy item without CapacityProvider',
    service: { CapacityProviderStrategy: [{ Weight: 1 }] },
    expect: [
      ['ecs/missing-required-field', /`CapacityProviderStrategy\[0\]` \(capacity provider strategy item\) has no `CapacityProvider`/],
    ],
  },
  {
    name: 'a Service Connect log driver outside the API enumeration (a plain string in the schema)',
    service: { LaunchType: 'FARGATE', ServiceConnectConfiguration: { Enabled: true, LogConfiguration: { LogDriver: 'awslog' } } },
    expect: [
      [
        'ecs/invalid-enum-value',
        /"awslog" is not a valid `ServiceConnectConfiguration\.LogConfiguration\.LogDriver` value\. Did you mean "awslogs"\?/,
      ],
    ],
  },
  {
    name: 'a wrong LaunchType: the schema enumerates it, so cfn/invalid-value alone',
    service: { LaunchType: 'fargate' },
    expect: [['cfn/invalid-value', /`fargate` is not an allowed value of `LaunchType`/]],
  },
  {
    name: 'an unknown property and a wrong type: cfn/* alone',
    service: { LaunchType: 'FARGATE', ClientToken: 'x', DesiredCount: 'two' },
    expect: [
      ['cfn/unknown-property', /ClientToken/],
      ['cfn/invalid-value', /DesiredCount/],
    ],
  },
  {
    name: 'DeploymentCircuitBreaker without Enable and Rollback: the schema requires them, cfn/missing-property alone',
    service: { LaunchType: 'FARGATE', DeploymentConfiguration: { DeploymentCircuitBreaker: {} } },
    expect: [
      ['cfn/missing-property', /Enable/],
      ['cfn/missing-property', /Rollback/],
    ],
  },
];

for (const { name, service, expect } of shapeCases) {
  test(`AWS::ECS::Service shape: ${name}`, async () => {
    const code = template({
      Task: PLAIN_TASK({ RequiresCompatibilities: ['FARGATE'] }),
      Service: { Type: 'AWS::ECS::Service', Properties: { TaskDefinition: { Ref: 'Task' }, NetworkConfiguration: NETWORK, ...service } },
    });
    const { findings } = await lint(code, { fileName: 'stack.json' });
    const shape = findings.filter((finding) =>
      /^(cfn\/|ecs\/(missing-required-field|invalid-enum-value|invalid-type|unknown-field))/.test(finding.ruleId),
    );
    assert.equal(shape.length, expect.length, JSON.stringify(shape.map((finding) => [finding.ruleId, finding.message])));
    expect.forEach(([ruleId, message], index) => {
      assert.equal(shape[index].ruleId, ruleId);
      assert.match(shape[index].message, message);
    });
  });
}
