// What the task role will need where the task definition reveals it: FireLens output plugins
// (the log router sends with the task role's credentials), EFS volumes with IAM authorization, and an
// X-Ray daemon sidecar. The application's own calls are unknowable from the task definition.
import { needValue } from '../core/intrinsics';
import { arrayItems, property, type Node } from '../core/json';
import { executionRoleNeeds, taskDefinitionContext } from '../ecs/executionRoleNeeds';

export interface RoleNeed {
  feature: string;
  node: Node;
  containerName?: string;
  permissions: Array<{ actions: string[]; resource: string }>;
  summary: string;
}

const FIRELENS_URL = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/firelens-taskdef.html';
export const TASK_ROLE_NEEDS_URL = FIRELENS_URL;

/** `${VAR}` in FireLens options is expanded by Fluent Bit at run time: unknown here, so `*`. */
const known = (value: string | undefined): string | undefined => (value && !/\$\{/.test(value) ? value : undefined);

export function taskRoleNeeds(taskDefinition: Node): RoleNeed[] {
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
      const push = (summary: string, actions: string[], resource: string) =>
        needs.push({ feature: `firelens-${output}`, node, containerName, summary: `${summary}${inContainer}`, permissions: [{ actions, resource }] });
      switch (output) {
        case 'cloudwatch':
        case 'cloudwatch_logs': {
          const group = option('log_group_name') ?? '*';
          const actions = ['logs:CreateLogStream', 'logs:PutLogEvents'];
          if (needValue(property(options, 'auto_create_group')) === 'true') actions.unshift('logs:CreateLogGroup');
          // The older Go plugin (`cloudwatch`) also describes streams before writing.
          if (output === 'cloudwatch') actions.push('logs:DescribeLogStreams');
          push(`let FireLens send logs to the CloudWatch log group \`${group}\``, actions, `arn:${partition}:logs:${region}:${account}:log-group:${group}:*`);
          break;
        }
        case 'firehose':
        case 'kinesis_firehose': {
          const stream = option('delivery_stream') ?? '*';
          push(`let FireLens send logs to the Firehose delivery stream \`${stream}\``, ['firehose:PutRecordBatch'], `arn:${partition}:firehose:${region}:${account}:deliverystream/${stream}`);
          break;
        }
        case 'kinesis':
        case 'kinesis_streams': {
          const stream = option('stream') ?? '*';
          push(`let FireLens send logs to the Kinesis stream \`${stream}\``, ['kinesis:PutRecords'], `arn:${partition}:kinesis:${region}:${account}:stream/${stream}`);
          break;
        }
        case 's3': {
          const bucket = option('bucket') ?? '*';
          push(`let FireLens write logs to the S3 bucket \`${bucket}\``, ['s3:PutObject'], `arn:${partition}:s3:::${bucket}/*`);
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
      });
    }
  }
  for (const volume of arrayItems(property(taskDefinition, 'volumes'))) {
    const efs = property(volume, 'efsVolumeConfiguration');
    const iamNode = property(property(efs, 'authorizationConfig'), 'iam');
    if (iamNode && needValue(iamNode) === 'ENABLED') {
      const fileSystem = needValue(property(efs, 'fileSystemId')) ?? '*';
      needs.push({
        feature: 'efs-iam',
        node: iamNode,
        summary: `mount the EFS file system \`${fileSystem}\` of volume \`${needValue(property(volume, 'name')) ?? '?'}\` with IAM authorization`,
        permissions: [{ actions: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'], resource: `arn:${partition}:elasticfilesystem:${context.region ?? '*'}:${account}:file-system/${fileSystem}` }],
      });
    }
  }
  return needs;
}

/** The needs of the role a task-definition field names: the one place that picks execution or task needs. */
export function needsOfRole(taskDefinition: Node, field: 'executionRoleArn' | 'taskRoleArn'): RoleNeed[] {
  return field === 'executionRoleArn' ? executionRoleNeeds(taskDefinition) : taskRoleNeeds(taskDefinition);
}
