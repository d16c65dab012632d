// What the task role will need where the task definition reveals it: FireLens output plugins
// (the log router sends with the task role's credentials), EFS volumes with IAM authorization, and an
// X-Ray daemon sidecar, and ECS Exec when a service that runs the task definition turns it on (its Session
// Manager channels, and the KMS key, log group and bucket of the cluster's exec configuration). The
// application's own calls are unknowable from the task definition.
import { needValue } from '../core/intrinsics';
import { arrayItems, property, type Node } from '../core/json';
import { executionRoleNeeds, taskDefinitionContext, type NeedPermission } from '../ecs/executionRoleNeeds';
import { templateClusterOf, templateServicesOf, type ServiceReference } from '../ecs/services';

export interface RoleNeed {
  feature: string;
  node: Node;
  containerName?: string;
  permissions: NeedPermission[];
  summary: string;
  /** The AWS documentation page that requires these permissions. */
  docsUrl: string;
  /** What else the need depends on, outside the role's own policies (a hover line). */
  note?: string;
}

const ECS_GUIDE = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide';
const FIRELENS_URL = `${ECS_GUIDE}/firelens-taskdef.html`;
export const TASK_ROLE_NEEDS_URL = FIRELENS_URL;

/** The AWS pages each task-role need rests on. */
export const TASK_NEED_DOCS = {
  // The FireLens page: the task role needs what the output plugin calls.
  firelens: FIRELENS_URL,
  cloudwatchPlugin: 'https://github.com/aws/amazon-cloudwatch-logs-for-fluent-bit#permissions',
  firehosePlugin: 'https://github.com/aws/amazon-kinesis-firehose-for-fluent-bit#permissions',
  kinesisPlugin: 'https://github.com/aws/amazon-kinesis-streams-for-fluent-bit#permissions',
  s3Plugin: 'https://docs.fluentbit.io/manual/pipeline/outputs/s3',
  // xray:PutTraceSegments and xray:PutTelemetryRecords (AWSXRayDaemonWriteAccess).
  xray: 'https://docs.aws.amazon.com/xray/latest/devguide/xray-daemon-ecs.html',
  // ClientMount gives read-only access, ClientWrite write access, ClientRootAccess root access.
  efsActions: 'https://docs.aws.amazon.com/efs/latest/ug/iam-access-control-nfs-efs.html',
  efsVolumes: `${ECS_GUIDE}/efs-volumes.html`,
  // The task role needs the four ssmmessages channel actions; kms:Decrypt, CloudWatch Logs and S3 when the
  // cluster's executeCommandConfiguration names a key, a log group or a bucket.
  ecsExec: `${ECS_GUIDE}/ecs-exec.html`,
} as const;

/** What each task-role feature needs, for docs/rules.md. */
export const TASK_NEED_CATALOGUE: ReadonlyArray<{ feature: string; when: string; actions: string; docsUrl: string; managed: string }> = [
  {
    feature: 'firelens-cloudwatch',
    when: 'FireLens output `cloudwatch_logs` / `cloudwatch`',
    actions:
      '`logs:CreateLogStream`, `logs:PutLogEvents`; `logs:CreateLogGroup` with `auto_create_group`; `logs:DescribeLogStreams` for the older `cloudwatch` plugin',
    docsUrl: TASK_NEED_DOCS.cloudwatchPlugin,
    managed: 'CloudWatchLogsFullAccess',
  },
  {
    feature: 'firelens-firehose',
    when: 'FireLens output `kinesis_firehose` / `firehose`',
    actions: '`firehose:PutRecordBatch`',
    docsUrl: TASK_NEED_DOCS.firehosePlugin,
    managed: 'AmazonKinesisFirehoseFullAccess',
  },
  {
    feature: 'firelens-kinesis',
    when: 'FireLens output `kinesis_streams` / `kinesis`',
    actions: '`kinesis:PutRecords`',
    docsUrl: TASK_NEED_DOCS.kinesisPlugin,
    managed: 'AmazonKinesisFullAccess',
  },
  {
    feature: 'firelens-s3',
    when: 'FireLens output `s3`',
    actions: '`s3:PutObject`',
    docsUrl: TASK_NEED_DOCS.s3Plugin,
    managed: 'AmazonS3FullAccess',
  },
  {
    feature: 'xray-daemon',
    when: 'an X-Ray daemon container',
    actions: '`xray:PutTraceSegments`, `xray:PutTelemetryRecords`',
    docsUrl: TASK_NEED_DOCS.xray,
    managed: 'AWSXRayDaemonWriteAccess',
  },
  {
    feature: 'ecs-exec',
    when: 'a service that runs the task definition sets `enableExecuteCommand: true`',
    actions:
      '`ssmmessages:CreateControlChannel`, `ssmmessages:CreateDataChannel`, `ssmmessages:OpenControlChannel`, `ssmmessages:OpenDataChannel`',
    docsUrl: TASK_NEED_DOCS.ecsExec,
    managed: '—',
  },
  {
    feature: 'ecs-exec-kms',
    when: "ECS Exec, and the service's cluster (in the template) names a `KmsKeyId` in its exec configuration",
    actions: '`kms:Decrypt` on that key',
    docsUrl: TASK_NEED_DOCS.ecsExec,
    managed: '—',
  },
  {
    feature: 'ecs-exec-logs',
    when: "ECS Exec with `Logging: OVERRIDE` and a `CloudWatchLogGroupName` in the cluster's exec configuration",
    actions: '`logs:DescribeLogGroups` (on `*`), `logs:CreateLogStream`, `logs:DescribeLogStreams`, `logs:PutLogEvents` on the log group',
    docsUrl: TASK_NEED_DOCS.ecsExec,
    managed: '—',
  },
  {
    feature: 'ecs-exec-s3',
    when: "ECS Exec with `Logging: OVERRIDE` and an `S3BucketName` in the cluster's exec configuration",
    actions: '`s3:GetBucketLocation` (on `*`), `s3:GetEncryptionConfiguration` on the bucket, `s3:PutObject` on its objects',
    docsUrl: TASK_NEED_DOCS.ecsExec,
    managed: '—',
  },
  {
    feature: 'efs-iam',
    when: 'an EFS volume with IAM authorization',
    actions:
      '`elasticfilesystem:ClientMount`; `elasticfilesystem:ClientWrite` only where a container mounts it writable; `elasticfilesystem:ClientRootAccess` only where a container must act as root on it (not checked)',
    docsUrl: TASK_NEED_DOCS.efsActions,
    managed: 'AmazonElasticFileSystemClientReadOnlyAccess (read-only), AmazonElasticFileSystemClientReadWriteAccess',
  },
];

/** `${VAR}` in FireLens options is expanded by Fluent Bit at run time: unknown here, so `*`. */
const known = (value: string | undefined): string | undefined => (value && !/\$\{/.test(value) ? value : undefined);

/**
 * What the task role needs. `services` are the services that run the task definition (for ECS Exec); by
 * default those of its own template, which is all a task-definition node can tell (rules pass the workspace's too).
 */
export function taskRoleNeeds(
  taskDefinition: Node,
  services: readonly ServiceReference[] = templateServicesOf(taskDefinition),
): RoleNeed[] {
  const needs: RoleNeed[] = [];
  const context = taskDefinitionContext(taskDefinition);
  const account = context.account ?? '*';
  const partition = context.partition;
  for (const container of arrayItems(property(taskDefinition, 'containerDefinitions'))) {
    const containerName = needValue(property(container, 'name'));
    const inContainer = containerName ? ` (container \`${containerName}\`)` : '';
    const logConfiguration = property(container, 'logConfiguration');
    const driverNode = property(logConfiguration, 'logDriver');
    if (driverNode && needValue(driverNode) === 'awsfirelens') {
      const options = property(logConfiguration, 'options');
      const option = (name: string) => known(needValue(property(options, name)));
      const output = (needValue(property(options, 'Name')) ?? '').toLowerCase();
      const region = option('region') ?? context.region ?? '*';
      const node = property(options, 'Name') ?? driverNode;
      const push = (summary: string, actions: string[], resource: string, docsUrl: string) =>
        needs.push({
          feature: `firelens-${output}`,
          node,
          containerName,
          summary: `${summary}${inContainer}`,
          permissions: [{ actions, resource }],
          docsUrl,
        });
      switch (output) {
        case 'cloudwatch':
        case 'cloudwatch_logs': {
          const group = option('log_group_name') ?? '*';
          const actions = ['logs:CreateLogStream', 'logs:PutLogEvents'];
          if (needValue(property(options, 'auto_create_group')) === 'true') actions.unshift('logs:CreateLogGroup');
          // The older Go plugin (`cloudwatch`) also describes streams before writing.
          if (output === 'cloudwatch') actions.push('logs:DescribeLogStreams');
          push(
            `let FireLens send logs to the CloudWatch log group \`${group}\``,
            actions,
            `arn:${partition}:logs:${region}:${account}:log-group:${group}:*`,
            TASK_NEED_DOCS.cloudwatchPlugin,
          );
          break;
        }
        case 'firehose':
        case 'kinesis_firehose': {
          const stream = option('delivery_stream') ?? '*';
          push(
            `let FireLens send logs to the Firehose delivery stream \`${stream}\``,
            ['firehose:PutRecordBatch'],
            `arn:${partition}:firehose:${region}:${account}:deliverystream/${stream}`,
            TASK_NEED_DOCS.firehosePlugin,
          );
          break;
        }
        case 'kinesis':
        case 'kinesis_streams': {
          const stream = option('stream') ?? '*';
          push(
            `let FireLens send logs to the Kinesis stream \`${stream}\``,
            ['kinesis:PutRecords'],
            `arn:${partition}:kinesis:${region}:${account}:stream/${stream}`,
            TASK_NEED_DOCS.kinesisPlugin,
          );
          break;
        }
        case 's3': {
          const bucket = option('bucket') ?? '*';
          push(
            `let FireLens write logs to the S3 bucket \`${bucket}\``,
            ['s3:PutObject'],
            `arn:${partition}:s3:::${bucket}/*`,
            TASK_NEED_DOCS.s3Plugin,
          );
          break;
        }
        default:
          break;
      }
    }
    const image = needValue(property(container, 'image')) ?? '';
    const imageNode = property(container, 'image');
    if (imageNode && /(^|\/)(aws-)?xray-daemon(:|@|$)|amazon\/aws-xray-daemon/i.test(image)) {
      needs.push({
        feature: 'xray-daemon',
        node: imageNode,
        containerName,
        summary: `let the X-Ray daemon send traces${inContainer}`,
        permissions: [{ actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resource: '*' }],
        docsUrl: TASK_NEED_DOCS.xray,
      });
    }
  }
  for (const volume of arrayItems(property(taskDefinition, 'volumes'))) {
    const efs = property(volume, 'efsVolumeConfiguration');
    const iamNode = property(property(efs, 'authorizationConfig'), 'iam');
    if (iamNode && needValue(iamNode) === 'ENABLED') {
      const fileSystem = needValue(property(efs, 'fileSystemId')) ?? '*';
      const volumeName = needValue(property(volume, 'name'));
      const resource = `arn:${partition}:elasticfilesystem:${context.region ?? '*'}:${account}:file-system/${fileSystem}`;
      // ClientMount alone gives read-only access; write access only where some container mounts the volume writable.
      const writable = volumeName !== undefined && mountedWritable(taskDefinition, volumeName);
      needs.push({
        feature: 'efs-iam',
        node: iamNode,
        summary: `mount the EFS file system \`${fileSystem}\` of volume \`${volumeName ?? '?'}\` with IAM authorization${writable ? '' : ', read-only'}`,
        permissions: [
          {
            actions: writable ? ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'] : ['elasticfilesystem:ClientMount'],
            resource,
          },
          {
            actions: ['elasticfilesystem:ClientRootAccess'],
            resource,
            onlyIf:
              'a container must act as root on the file system (without it, and without an access point user, root is treated as an anonymous user)',
          },
        ],
        docsUrl: TASK_NEED_DOCS.efsActions,
      });
    }
  }
  needs.push(...ecsExecNeeds(taskDefinition, services, context.partition, context.region ?? '*', account));
  return needs;
}

/** True for `true` and, in a template, `"true"`. */
function isTrue(node: Node | undefined): boolean {
  return node?.type === 'boolean' ? node.value === true : needValue(node)?.toLowerCase() === 'true';
}

/** ECS Exec: the SSM agent in each container opens its Session Manager channels with the task role. */
function ecsExecNeeds(
  taskDefinition: Node,
  services: readonly ServiceReference[],
  partition: string,
  region: string,
  account: string,
): RoleNeed[] {
  const needs: RoleNeed[] = [];
  const seen = new Set<string>();
  for (const service of services) {
    const enable = property(service.node, 'enableExecuteCommand');
    if (!isTrue(enable)) continue;
    // A finding goes in the task definition's document: on the service's flag when it is there, else on taskRoleArn.
    const node = service.inDocument ? enable! : (property(taskDefinition, 'taskRoleArn') ?? taskDefinition);
    const push = (feature: string, summary: string, permissions: NeedPermission[]) => {
      const key = `${feature} ${JSON.stringify(permissions)}`;
      if (seen.has(key)) return;
      seen.add(key);
      needs.push({
        feature,
        node,
        summary: `${summary} (${service.label} sets enableExecuteCommand)`,
        permissions,
        docsUrl: TASK_NEED_DOCS.ecsExec,
      });
    };
    push('ecs-exec', 'let ECS Exec open its Session Manager channels', [
      {
        actions: [
          'ssmmessages:CreateControlChannel',
          'ssmmessages:CreateDataChannel',
          'ssmmessages:OpenControlChannel',
          'ssmmessages:OpenDataChannel',
        ],
        resource: '*',
      },
    ]);
    const cluster = service.inDocument ? templateClusterOf(service.node) : undefined;
    const exec = property(property(cluster, 'Configuration'), 'ExecuteCommandConfiguration');
    if (!exec) continue;
    const key = needValue(property(exec, 'KmsKeyId'));
    if (key) {
      const keyArn = key.startsWith('arn:') || key === '*' ? key : `arn:${partition}:kms:${region}:${account}:key/${key}`;
      push('ecs-exec-kms', "let ECS Exec decrypt its session data with the cluster's KMS key", [
        { actions: ['kms:Decrypt'], resource: keyArn },
      ]);
    }
    if (needValue(property(exec, 'Logging')) !== 'OVERRIDE') continue;
    const logConfiguration = property(exec, 'LogConfiguration');
    const group = needValue(property(logConfiguration, 'CloudWatchLogGroupName'));
    if (group) {
      push('ecs-exec-logs', `let ECS Exec write session logs to the log group \`${group}\``, [
        { actions: ['logs:DescribeLogGroups'], resource: '*' },
        {
          actions: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
          resource: `arn:${partition}:logs:${region}:${account}:log-group:${group}:*`,
        },
      ]);
    }
    const bucket = needValue(property(logConfiguration, 'S3BucketName'));
    if (bucket) {
      push('ecs-exec-s3', `let ECS Exec upload session logs to the S3 bucket \`${bucket}\``, [
        { actions: ['s3:GetBucketLocation'], resource: '*' },
        { actions: ['s3:GetEncryptionConfiguration'], resource: `arn:${partition}:s3:::${bucket}` },
        { actions: ['s3:PutObject'], resource: `arn:${partition}:s3:::${bucket}/*` },
      ]);
    }
  }
  return needs;
}

/** Whether some container mounts the volume without `readOnly: true` (the default is read-write). */
function mountedWritable(taskDefinition: Node, volumeName: string): boolean {
  return arrayItems(property(taskDefinition, 'containerDefinitions')).some((container) =>
    arrayItems(property(container, 'mountPoints')).some((mountPoint) => {
      if (needValue(property(mountPoint, 'sourceVolume')) !== volumeName) return false;
      const readOnly = property(mountPoint, 'readOnly');
      // A value the linter cannot read (an intrinsic) may be false: assume writable.
      return !(readOnly?.type === 'boolean' && readOnly.value === true);
    }),
  );
}

/** The needs of the role a task-definition field names: the one place that picks execution or task needs. */
export function needsOfRole(taskDefinition: Node, field: 'executionRoleArn' | 'taskRoleArn'): RoleNeed[] {
  return field === 'executionRoleArn' ? executionRoleNeeds(taskDefinition) : taskRoleNeeds(taskDefinition);
}
