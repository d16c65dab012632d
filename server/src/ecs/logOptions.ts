// Options of the log drivers a task definition can name in `logConfiguration.logDriver`, for hover and
// completion: one table, each option listing the drivers that take it. Sources: the ECS Developer Guide
// (awslogs, FireLens), the ECS API reference of LogConfiguration (`mode` and `max-buffer-size` apply to every
// driver; `log-driver-buffer-limit` for awsfirelens; splunk needs a token and a URL) and Docker's logging
// driver pages (splunk, fluentd, gelf, json-file, syslog, journald). Values are always strings in a task
// definition. FireLens outputs take free-form options (those of the Fluent Bit or Fluentd output plugin), so
// only the fixed ones are listed for awsfirelens. Docker drivers gain options between versions: the table
// serves completion and hover only, never a finding. The options of the log router container itself
// (`firelensConfiguration.options`, from the ECS API reference of FirelensConfiguration) are a second,
// small table at the end.
export const AWSLOGS_URL = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html';
const LOG_CONFIGURATION_URL = 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LogConfiguration.html';
const DOCKER_DRIVERS_URL = 'https://docs.docker.com/engine/logging/drivers';

export type LogDriverName = 'awslogs' | 'awsfirelens' | 'splunk' | 'fluentd' | 'gelf' | 'json-file' | 'syslog' | 'journald';

/** Where each driver's options are documented. */
export const LOG_DRIVERS: Readonly<Record<LogDriverName, { title: string; url: string }>> = {
  awslogs: { title: 'Using the awslogs log driver', url: AWSLOGS_URL },
  awsfirelens: {
    title: 'Custom log routing with FireLens',
    url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_firelens.html',
  },
  splunk: { title: 'Splunk logging driver (Docker)', url: `${DOCKER_DRIVERS_URL}/splunk/` },
  fluentd: { title: 'Fluentd logging driver (Docker)', url: `${DOCKER_DRIVERS_URL}/fluentd/` },
  gelf: { title: 'GELF logging driver (Docker)', url: `${DOCKER_DRIVERS_URL}/gelf/` },
  'json-file': { title: 'JSON File logging driver (Docker)', url: `${DOCKER_DRIVERS_URL}/json-file/` },
  syslog: { title: 'Syslog logging driver (Docker)', url: `${DOCKER_DRIVERS_URL}/syslog/` },
  journald: { title: 'Journald logging driver (Docker)', url: `${DOCKER_DRIVERS_URL}/journald/` },
};

/** One documented key of an options map (string to string). */
export interface OptionDoc {
  name: string;
  /** Markdown, one or two sentences. */
  doc: string;
  required?: boolean;
  values?: string[];
  example?: string;
  /** A page about this option when it is not the driver's own page. */
  url?: string;
}

export interface LogOption extends OptionDoc {
  /** The drivers that take this option. */
  drivers: readonly LogDriverName[];
}

const ALL_DRIVERS: readonly LogDriverName[] = ['awslogs', 'awsfirelens', 'splunk', 'fluentd', 'gelf', 'json-file', 'syslog', 'journald'];
/** Docker drivers that take `tag`, `labels`, `env` and their regex forms (json-file takes all but `tag`). */
const TAGGING_DRIVERS: readonly LogDriverName[] = ['splunk', 'fluentd', 'gelf', 'syslog', 'journald'];
const ATTRIBUTE_DRIVERS: readonly LogDriverName[] = [...TAGGING_DRIVERS, 'json-file'];
const BOOLEAN = ['true', 'false'];

export const LOG_OPTIONS: readonly LogOption[] = [
  // awslogs (ECS Developer Guide)
  {
    name: 'awslogs-group',
    drivers: ['awslogs'],
    required: true,
    doc: 'The CloudWatch Logs log group the container writes to. Required.',
    example: '/ecs/my-service',
  },
  {
    name: 'awslogs-region',
    drivers: ['awslogs'],
    required: true,
    doc: 'The region of the log group. Required; usually the region the task runs in.',
    example: 'us-east-1',
  },
  {
    name: 'awslogs-stream-prefix',
    drivers: ['awslogs'],
    doc: 'Prefix of the log stream names, which become `prefix/container-name/task-id`. Required on Fargate; recommended everywhere, since without it streams are named after the Docker container id.',
    example: 'ecs',
  },
  {
    name: 'awslogs-create-group',
    drivers: ['awslogs'],
    doc: 'When `"true"`, the log group is created if it does not exist. The execution role (or instance role) then also needs `logs:CreateLogGroup`, which the managed policy `AmazonECSTaskExecutionRolePolicy` does not grant.',
    values: BOOLEAN,
  },
  {
    name: 'awslogs-datetime-format',
    drivers: ['awslogs'],
    doc: 'A strftime pattern that marks the start of a multi-line log event (for example `%Y-%m-%d %H:%M:%S`). Lines not starting with it join the previous event.',
    example: '%Y-%m-%dT%H:%M:%S',
  },
  {
    name: 'awslogs-multiline-pattern',
    drivers: ['awslogs'],
    doc: 'A regular expression that marks the start of a multi-line log event. Ignored when `awslogs-datetime-format` is set.',
    example: '^\\\\[',
  },
  {
    name: 'awslogs-endpoint',
    drivers: ['awslogs'],
    doc: 'Overrides the CloudWatch Logs endpoint (for example a VPC endpoint URL). Rarely needed.',
    example: 'https://logs.us-east-1.amazonaws.com',
  },

  // awsfirelens (ECS Developer Guide): the rest depends on the output plugin.
  {
    name: 'Name',
    drivers: ['awsfirelens'],
    doc: "The Fluent Bit (or Fluentd) output plugin that receives this container's logs, such as `cloudwatch_logs`, `kinesis_firehose`, `kinesis_streams` or `s3`. The other options of this object are that plugin's settings and are passed to it as they are.",
    example: 'cloudwatch_logs',
  },
  {
    name: 'log-driver-buffer-limit',
    drivers: ['awsfirelens'],
    doc: 'How many log lines Docker keeps in memory before handing them to the log router container (default 1048576, below 536870912). Raise it when a high log volume loses lines; each buffered line costs memory the task must have.',
    example: '1048576',
    url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/firelens-docker-buffer-limit.html',
  },

  // splunk (Docker; ECS requires the token and the URL)
  {
    name: 'splunk-url',
    drivers: ['splunk'],
    required: true,
    doc: 'URL of the Splunk HTTP Event Collector, with scheme and port (for example `https://splunk.example.com:8088`). Required.',
    example: 'https://splunk.example.com:8088',
  },
  {
    name: 'splunk-token',
    drivers: ['splunk'],
    required: true,
    doc: 'The HTTP Event Collector token. Required. Put it in `secretOptions` (from Secrets Manager or SSM) rather than in `options`, where it is stored in plain text in the task definition.',
    example: '',
  },
  { name: 'splunk-source', drivers: ['splunk'], doc: 'The `source` field of the events.', example: '' },
  { name: 'splunk-sourcetype', drivers: ['splunk'], doc: 'The `sourcetype` field of the events.', example: '' },
  { name: 'splunk-index', drivers: ['splunk'], doc: 'The Splunk index the events go to.', example: '' },
  {
    name: 'splunk-capath',
    drivers: ['splunk'],
    doc: "Path of the root certificate used to verify the collector's certificate.",
    example: '',
  },
  {
    name: 'splunk-caname',
    drivers: ['splunk'],
    doc: "Name checked against the collector's certificate; by default the host name of `splunk-url`.",
    example: '',
  },
  {
    name: 'splunk-insecureskipverify',
    drivers: ['splunk'],
    doc: 'When `"true"`, the collector\'s certificate is not verified.',
    values: BOOLEAN,
  },
  {
    name: 'splunk-format',
    drivers: ['splunk'],
    doc: 'How each line is sent: `inline` (a string, the default), `json` (parsed as JSON when it is JSON) or `raw` (prefixed with the tag and attributes).',
    values: ['inline', 'json', 'raw'],
  },
  {
    name: 'splunk-verify-connection',
    drivers: ['splunk'],
    doc: 'Whether Docker checks at start that it can reach the collector (default `"true"`).',
    values: BOOLEAN,
  },
  { name: 'splunk-gzip', drivers: ['splunk'], doc: 'When `"true"`, events are sent gzip-compressed (default `"false"`).', values: BOOLEAN },
  {
    name: 'splunk-gzip-level',
    drivers: ['splunk'],
    doc: 'The gzip level when `splunk-gzip` is on: `-1` (default), `0` (none), `1` (fastest) to `9` (smallest).',
    example: '-1',
  },

  // fluentd (Docker)
  {
    name: 'fluentd-address',
    drivers: ['fluentd'],
    doc: 'Where the Fluentd daemon listens: `host:port`, `tcp://host:port` or `unix:///path/to/socket` (default `localhost:24224`).',
    example: 'localhost:24224',
  },
  {
    name: 'fluentd-async',
    drivers: ['fluentd'],
    doc: 'When `"true"`, Docker connects in the background and buffers messages meanwhile; otherwise the container stops at once if Fluentd cannot be reached.',
    values: BOOLEAN,
  },
  {
    name: 'fluentd-async-reconnect-interval',
    drivers: ['fluentd'],
    doc: 'With `fluentd-async`, how often (in milliseconds) the connection is re-established, for addresses that resolve to changing IPs.',
    example: '1000',
  },
  {
    name: 'fluentd-buffer-limit',
    drivers: ['fluentd'],
    doc: 'How many events are buffered in memory; when the buffer is full, logging calls fail (default 1048576).',
    example: '1048576',
  },
  { name: 'fluentd-retry-wait', drivers: ['fluentd'], doc: 'How long to wait between retries (default 1 second).', example: '1s' },
  { name: 'fluentd-max-retries', drivers: ['fluentd'], doc: 'The maximum number of retries (default 4294967295).', example: '10' },
  {
    name: 'fluentd-sub-second-precision',
    drivers: ['fluentd'],
    doc: 'When `"true"`, event timestamps have nanosecond resolution.',
    values: BOOLEAN,
  },
  {
    name: 'fluentd-write-timeout',
    drivers: ['fluentd'],
    doc: 'Timeout of each write to the Fluentd daemon; by default writes may block indefinitely.',
    example: '5s',
  },

  // gelf (Docker)
  {
    name: 'gelf-address',
    drivers: ['gelf'],
    required: true,
    doc: 'The GELF server, as `udp://host:port` or `tcp://host:port` (the port is required). Required.',
    example: 'udp://graylog.example.com:12201',
  },
  {
    name: 'gelf-compression-type',
    drivers: ['gelf'],
    doc: 'UDP only: how each message is compressed, `gzip` (the default), `zlib` or `none`.',
    values: ['gzip', 'zlib', 'none'],
  },
  {
    name: 'gelf-compression-level',
    drivers: ['gelf'],
    doc: 'UDP only: compression level from `-1` to `9` (default 1); `-1` or `0` turns compression off.',
    example: '1',
  },
  {
    name: 'gelf-tcp-max-reconnect',
    drivers: ['gelf'],
    doc: 'TCP only: how many times to reconnect after the connection drops (default 3).',
    example: '3',
  },
  {
    name: 'gelf-tcp-reconnect-delay',
    drivers: ['gelf'],
    doc: 'TCP only: seconds to wait between reconnection attempts (default 1).',
    example: '1',
  },

  // json-file (Docker)
  {
    name: 'max-size',
    drivers: ['json-file'],
    doc: "Size at which the log file is rotated, such as `10m` (`k`, `m` or `g`); unlimited by default, which can fill the instance's disk.",
    example: '10m',
  },
  {
    name: 'max-file',
    drivers: ['json-file'],
    doc: 'How many log files to keep when rotating (default 1); only used together with `max-size`.',
    example: '3',
  },
  { name: 'compress', drivers: ['json-file'], doc: 'When `"true"`, rotated log files are compressed.', values: BOOLEAN },

  // syslog (Docker)
  {
    name: 'syslog-address',
    drivers: ['syslog'],
    doc: "The syslog server: `udp://`, `tcp://` or `tcp+tls://host:port` (port 514 by default), `unix://path` or `unixgram://path`. Without it, the instance's local syslog is used.",
    example: 'udp://syslog.example.com:514',
  },
  {
    name: 'syslog-facility',
    drivers: ['syslog'],
    doc: 'The syslog facility, by name or number (for example `daemon` or `local0`).',
    example: 'daemon',
  },
  {
    name: 'syslog-format',
    drivers: ['syslog'],
    doc: 'Message format: `rfc3164`, `rfc5424` or `rfc5424micro` (microsecond timestamps); by default the local Unix syslog format.',
    values: ['rfc3164', 'rfc5424', 'rfc5424micro'],
  },
  { name: 'syslog-tls-ca-cert', drivers: ['syslog'], doc: 'With `tcp+tls`: absolute path of the CA certificates to trust.', example: '' },
  { name: 'syslog-tls-cert', drivers: ['syslog'], doc: 'With `tcp+tls`: absolute path of the client certificate.', example: '' },
  { name: 'syslog-tls-key', drivers: ['syslog'], doc: 'With `tcp+tls`: absolute path of the client key.', example: '' },
  {
    name: 'syslog-tls-skip-verify',
    drivers: ['syslog'],
    doc: 'With `tcp+tls`: when `"true"`, the server\'s certificate is not verified.',
    values: BOOLEAN,
  },

  // Shared by Docker drivers
  {
    name: 'tag',
    drivers: TAGGING_DRIVERS,
    doc: 'The tag of each message, a Go template such as `{{.Name}}/{{.ID}}`; by default the first 12 characters of the container id.',
    example: '{{.Name}}',
  },
  {
    name: 'labels',
    drivers: ATTRIBUTE_DRIVERS,
    doc: "Comma-separated Docker label keys whose values are added to each message (from the container's `dockerLabels`).",
    example: '',
  },
  {
    name: 'labels-regex',
    drivers: ATTRIBUTE_DRIVERS,
    doc: 'Like `labels`, with a regular expression matching the label keys.',
    example: '',
  },
  {
    name: 'env',
    drivers: ATTRIBUTE_DRIVERS,
    doc: "Comma-separated environment variable names whose values are added to each message (from the container's `environment`); they win over `labels` of the same name.",
    example: '',
  },
  { name: 'env-regex', drivers: ATTRIBUTE_DRIVERS, doc: 'Like `env`, with a regular expression matching the variable names.', example: '' },

  // Every driver (ECS API reference, LogConfiguration)
  {
    name: 'mode',
    drivers: ALL_DRIVERS,
    doc: "What happens when logs cannot be delivered fast enough: `blocking` (the application's writes to stdout/stderr wait) or `non-blocking` (lines are buffered in `max-buffer-size` and dropped when it is full). Without this option the account setting `defaultLogDriverMode` decides, and ECS defaults to `non-blocking`.",
    values: ['non-blocking', 'blocking'],
    url: LOG_CONFIGURATION_URL,
  },
  {
    name: 'max-buffer-size',
    drivers: ALL_DRIVERS,
    doc: 'Buffer size in `non-blocking` mode, such as `25m` (ECS documents a default of `10m`); lines that do not fit are lost.',
    example: '25m',
    url: LOG_CONFIGURATION_URL,
  },
];

function isLogDriver(name: string | undefined): name is LogDriverName {
  return name !== undefined && Object.prototype.hasOwnProperty.call(LOG_DRIVERS, name);
}

/** The options of a driver, driver-specific ones first; none for a driver we do not know. */
export function logOptionsFor(driver: string | undefined): LogOption[] {
  return isLogDriver(driver) ? LOG_OPTIONS.filter((option) => option.drivers.includes(driver)) : [];
}

export function logOption(driver: string | undefined, name: string): LogOption | undefined {
  return isLogDriver(driver) ? LOG_OPTIONS.find((option) => option.name === name && option.drivers.includes(driver)) : undefined;
}

export function logDriverDocs(driver: string | undefined): { title: string; url: string } | undefined {
  return isLogDriver(driver) ? LOG_DRIVERS[driver] : undefined;
}

// firelensConfiguration.options: settings of the log router container (Fluent Bit or Fluentd), not of a log
// driver. The ECS API documents exactly these three keys (FirelensConfiguration, `options`).
export const FIRELENS_CONFIGURATION_DOCS = {
  title: 'FirelensConfiguration (ECS API reference)',
  url: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_FirelensConfiguration.html',
};
const FIRELENS_CUSTOM_CONFIG_URL =
  'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_firelens.html#firelens-taskdef-customconfig';

export const FIRELENS_OPTIONS: readonly OptionDoc[] = [
  {
    name: 'enable-ecs-log-metadata',
    doc: 'Whether the log router adds the task\'s ECS metadata (cluster, task ARN, task definition, container name and id) to every log record. `"true"` by default; `"false"` passes records on as the application wrote them.',
    values: BOOLEAN,
  },
  {
    name: 'config-file-type',
    doc: "Where the custom configuration file named by `config-file-value` comes from: `s3`, an object ECS downloads when the task starts (the task **execution role**, not the task role, then needs `s3:GetObject` on that object and `s3:GetBucketLocation` on its bucket), or `file`, a path inside the log router's image. Tasks on Fargate only support `file`.",
    values: ['s3', 'file'],
    url: FIRELENS_CUSTOM_CONFIG_URL,
  },
  {
    name: 'config-file-value',
    doc: "The custom Fluent Bit or Fluentd configuration file, included in the one ECS generates: the S3 object ARN (`arn:aws:s3:::bucket/fluent.conf`) when `config-file-type` is `s3`, an absolute path in the log router's image when it is `file`. Set both keys or neither.",
    example: '/fluent-bit/etc/extra.conf',
    url: FIRELENS_CUSTOM_CONFIG_URL,
  },
];

export function firelensOption(name: string): OptionDoc | undefined {
  return FIRELENS_OPTIONS.find((option) => option.name === name);
}
