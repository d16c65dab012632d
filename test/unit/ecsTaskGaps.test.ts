// Task-definition gaps found by comparing with cfn-lint, checkov and KICS: awslogs options, EFS transit
// encryption, containers without name or image, an empty container list, health checks behind a load balancer.
import { ruleTests } from '../helpers';

const task = (containers: string, extra = '') => `{"family": "f", ${extra ? `${extra}, ` : ''}"containerDefinitions": [${containers}]}`;
const container = (extra: string) => `{"name": "app", "image": "nginx:1.27", "memory": 512${extra ? `, ${extra}` : ''}}`;
const awslogs = (options?: string) =>
  container(`"logConfiguration": {"logDriver": "awslogs"${options === undefined ? '' : `, "options": ${options}`}}`);

ruleTests('ecs/awslogs-options', {
  valid: [
    {
      name: 'group and region',
      code: task(awslogs('{"awslogs-group": "/ecs/app", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "app"}')),
    },
    { name: 'another driver', code: task(container('"logConfiguration": {"logDriver": "json-file"}')) },
  ],
  invalid: [
    {
      name: 'no options',
      code: task(awslogs()),
      findings: [{ messageIncludes: 'has no `options`', severity: 'error', text: '"logDriver"' }],
      output: task(awslogs('{ "awslogs-group": "<log-group>", "awslogs-region": "<region>" }')),
    },
    {
      name: 'no group, no region',
      code: task(awslogs('{"awslogs-stream-prefix": "app"}')),
      findings: [
        { messageIncludes: 'no `awslogs-group`', severity: 'error' },
        { messageIncludes: 'no `awslogs-region`', severity: 'warning' },
      ],
    },
    {
      name: 'CloudFormation',
      code: '{"Resources": {"T": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": [{"Name": "a", "Image": "i", "LogConfiguration": {"LogDriver": "awslogs", "Options": {"awslogs-group": {"Ref": "Logs"}}}}]}}}}',
      findings: [{ messageIncludes: 'no `awslogs-region`', severity: 'warning' }],
    },
  ],
});

const efs = (configuration: string) =>
  task(
    container(''),
    `"volumes": [{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-1"${configuration ? `, ${configuration}` : ''}}}]`,
  );

ruleTests('ecs/efs-transit-encryption', {
  valid: [
    { name: 'enabled', code: efs('"transitEncryption": "ENABLED", "authorizationConfig": {"iam": "ENABLED"}') },
    {
      name: 'an intrinsic',
      code: '{"Resources": {"T": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"Volumes": [{"Name": "d", "EFSVolumeConfiguration": {"FilesystemId": "fs-1", "TransitEncryption": {"Ref": "Tls"}}}], "ContainerDefinitions": [{"Name": "a", "Image": "i"}]}}}}',
    },
  ],
  invalid: [
    {
      name: 'IAM authorization without TLS: the API rejects it',
      code: efs('"transitEncryption": "DISABLED", "authorizationConfig": {"iam": "ENABLED"}'),
      findings: [{ severity: 'error', messageIncludes: 'uses IAM authorization', text: '"transitEncryption"' }],
      output: efs('"transitEncryption": "ENABLED", "authorizationConfig": {"iam": "ENABLED"}'),
    },
    {
      name: 'an access point without TLS',
      code: efs('"authorizationConfig": {"accessPointId": "fsap-1"}'),
      findings: [{ severity: 'error', messageIncludes: 'an access point' }],
    },
    { name: 'not set', code: efs(''), findings: [{ severity: 'warning', messageIncludes: 'not set, so DISABLED' }] },
  ],
});

ruleTests('ecs/missing-required-field', {
  valid: [{ name: 'name and image', code: task(container('')) }],
  invalid: [
    {
      name: 'an empty container list',
      code: task(''),
      findings: [{ messageIncludes: 'Container list cannot be empty', text: '"containerDefinitions"' }],
    },
    {
      name: 'a container without image',
      code: task('{"name": "app", "memory": 512}'),
      findings: [{ messageIncludes: 'Container `app` has no `image`' }],
    },
    {
      name: 'CloudFormation: a container without Name',
      code: '{"Resources": {"T": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": [{"Image": "i"}]}}}}',
      findings: [{ messageIncludes: 'Container 1 has no `Name`' }],
    },
  ],
});

const service = (loadBalancers: string) =>
  `{"Resources": {"T": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": [{"Name": "web", "Image": "nginx:1.27"}, {"Name": "sidecar", "Image": "envoy:1", "Essential": false}]}}, "S": {"Type": "AWS::ECS::Service", "Properties": {"TaskDefinition": {"Ref": "T"}, "LoadBalancers": ${loadBalancers}}}}}`;

ruleTests('ecs/container-health-check', {
  valid: [
    { name: 'no load balancer', code: service('[]') },
    { name: 'a non-essential container', code: service('[{"ContainerName": "sidecar", "ContainerPort": 80, "TargetGroupArn": "arn"}]') },
  ],
  invalid: [
    {
      name: 'the essential container behind the load balancer',
      code: service('[{"ContainerName": "web", "ContainerPort": 80, "TargetGroupArn": "arn"}]'),
      findings: [{ severity: 'hint', text: '"web"' }],
    },
  ],
});
