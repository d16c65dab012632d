// Options of the awslogs log driver (ECS Developer Guide, "Using the awslogs log driver"), for hover
// and completion. Values are always strings in a task definition.
export const AWSLOGS_URL = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html';

export interface LogOption {
  name: string;
  doc: string;
  values?: string[];
  example?: string;
}

export const AWSLOGS_OPTIONS: readonly LogOption[] = [
  { name: 'awslogs-group', doc: 'The CloudWatch Logs log group the container writes to. Required.', example: '/ecs/my-service' },
  { name: 'awslogs-region', doc: 'The region of the log group. Required; usually the region the task runs in.', example: 'us-east-1' },
  {
    name: 'awslogs-stream-prefix',
    doc: 'Prefix of the log stream names, which become `prefix/container-name/task-id`. Required on Fargate; recommended everywhere, since without it streams are named after the Docker container id.',
    example: 'ecs',
  },
  {
    name: 'awslogs-create-group',
    doc: 'When `"true"`, the log group is created if it does not exist. The execution role (or instance role) then also needs `logs:CreateLogGroup`, which the managed policy `AmazonECSTaskExecutionRolePolicy` does not grant.',
    values: ['true', 'false'],
  },
  { name: 'awslogs-datetime-format', doc: 'A strftime pattern that marks the start of a multi-line log event (for example `%Y-%m-%d %H:%M:%S`). Lines not starting with it join the previous event.', example: '%Y-%m-%dT%H:%M:%S' },
  { name: 'awslogs-multiline-pattern', doc: 'A regular expression that marks the start of a multi-line log event. Ignored when `awslogs-datetime-format` is set.', example: '^\\\\[' },
  {
    name: 'mode',
    doc: 'What happens when logs cannot be delivered fast enough: `blocking` (the application\'s writes to stdout/stderr wait) or `non-blocking` (lines are buffered in `max-buffer-size` and dropped when it is full). Without this option the account setting `defaultLogDriverMode` decides.',
    values: ['non-blocking', 'blocking'],
  },
  { name: 'max-buffer-size', doc: 'Buffer size in `non-blocking` mode, such as `25m` (the default is 1m).', example: '25m' },
  { name: 'awslogs-endpoint', doc: 'Overrides the CloudWatch Logs endpoint (for example a VPC endpoint URL). Rarely needed.', example: 'https://logs.us-east-1.amazonaws.com' },
];

export function awslogsOption(name: string): LogOption | undefined {
  return AWSLOGS_OPTIONS.find((option) => option.name === name);
}
