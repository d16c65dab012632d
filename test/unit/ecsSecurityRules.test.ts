import { ruleTests } from '../helpers';

const ec2 = (extra: string, container: string) =>
  `{"family": "w", ${extra ? `${extra}, ` : ''}"containerDefinitions": [{"name": "app", "memory": 256, ${container}}]}`;

ruleTests('ecs/plaintext-secret', {
  valid: [
    {
      name: 'pointers to secrets are fine',
      code: ec2(
        '',
        '"environment": [{"name": "DB_PASSWORD_ARN", "value": "arn:aws:secretsmanager:us-east-1:210987654321:secret:db"}, {"name": "API_KEY_NAME", "value": "prod/api"}, {"name": "TOKEN_ID", "value": "abc123"}]',
      ),
    },
    {
      name: 'ordinary variables',
      code: ec2('', '"environment": [{"name": "LOG_LEVEL", "value": "debug"}, {"name": "PASSWORD_MIN_LENGTH", "value": "12"}]'),
    },
    {
      name: 'empty or placeholder values',
      code: ec2('', '"environment": [{"name": "DB_PASSWORD", "value": ""}, {"name": "API_TOKEN", "value": "${API_TOKEN}"}]'),
    },
  ],
  invalid: [
    {
      name: 'by name: moved to a new secrets list',
      code: ec2(
        '"executionRoleArn": "arn:aws:iam::210987654321:role/ecsTaskExecutionRole"',
        '"environment": [{"name": "DB_PASSWORD", "value": "hunter2hunter2"}]',
      ),
      findings: [{ severity: 'warning', messageIncludes: 'its name `DB_PASSWORD`', text: '"hunter2hunter2"' }],
      output: ec2(
        '"executionRoleArn": "arn:aws:iam::210987654321:role/ecsTaskExecutionRole"',
        '"environment": [], "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:<region>:210987654321:secret:<secret-name>"}]',
      ),
    },
    {
      name: 'by value: an access key, appended to existing secrets',
      code: ec2(
        '',
        '"environment": [{"name": "K", "value": "AKIAIOSFODNN7EXAMPLE"}, {"name": "LOG", "value": "1"}], "secrets": [{"name": "A", "valueFrom": "/a"}]',
      ),
      findings: [{ messageIncludes: 'AWS access key ID' }],
      output: ec2(
        '',
        '"environment": [{"name": "LOG", "value": "1"}], "secrets": [{"name": "A", "valueFrom": "/a"}, {"name": "K", "valueFrom": "arn:aws:secretsmanager:<region>:<account-id>:secret:<secret-name>"}]',
      ),
    },
    {
      name: 'URL with a password',
      code: ec2('', '"environment": [{"name": "DATABASE_URL", "value": "postgres://app:s3cret@db:5432/app"}]'),
      findings: [{ messageIncludes: 'URL with a password' }],
    },
  ],
});

ruleTests('ecs/privileged-container', {
  valid: [{ name: 'not privileged', code: ec2('', '"privileged": false') }],
  invalid: [
    {
      name: 'privileged on EC2',
      code: ec2('', '"privileged": true'),
      findings: [{ severity: 'warning' }],
      output: ec2('', '"image": "x"').replace(', "image": "x"', ''),
    },
  ],
});

ruleTests('ecs/host-namespace', {
  valid: [{ name: 'task namespace', code: ec2('"pidMode": "task", "ipcMode": "none"', '"image": "a:1"') }],
  invalid: [
    {
      name: 'pidMode host',
      code: ec2('"pidMode": "host"', '"image": "a:1"'),
      findings: [{ messageIncludes: 'process namespace' }],
      output: ec2('', '"image": "a:1"'),
    },
    { name: 'ipcMode host', code: ec2('"ipcMode": "host"', '"image": "a:1"'), findings: [{ messageIncludes: 'IPC namespace' }] },
  ],
});

ruleTests('ecs/readonly-root-filesystem', {
  valid: [{ name: 'read-only', code: ec2('', '"readonlyRootFilesystem": true') }],
  invalid: [
    {
      name: 'absent',
      code: ec2('', '"image": "a:1"'),
      findings: [{ severity: 'hint', text: '"app"' }],
      output: ec2('', '"image": "a:1", "readonlyRootFilesystem": true'),
    },
    {
      name: 'false',
      code: ec2('', '"readonlyRootFilesystem": false'),
      findings: [{ text: 'false' }],
      output: ec2('', '"readonlyRootFilesystem": true'),
    },
  ],
});

ruleTests('ecs/root-user-host-network', {
  valid: [
    { name: 'non-root user', code: ec2('"networkMode": "host"', '"user": "1000"') },
    { name: 'bridge', code: ec2('"networkMode": "bridge"', '"user": "root"') },
  ],
  invalid: [
    { name: 'explicit root', code: ec2('"networkMode": "host"', '"user": "0:0"'), findings: [{ messageIncludes: 'runs as root' }] },
    { name: 'no user', code: ec2('"networkMode": "host"', '"image": "a:1"'), findings: [{ messageIncludes: 'sets no `user`' }] },
  ],
});

ruleTests('ecs/image-tag', {
  valid: [
    { name: 'tag', code: ec2('', '"image": "nginx:1.27"') },
    { name: 'digest', code: ec2('', '"image": "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"') },
    { name: 'registry with port and tag', code: ec2('', '"image": "registry.local:5000/team/app:2.1"') },
    { name: 'template', code: ec2('', '"image": "${IMAGE}"') },
  ],
  invalid: [
    {
      name: 'no tag',
      code: ec2('', '"image": "registry.local:5000/team/app"'),
      findings: [{ severity: 'hint', messageIncludes: 'has no tag' }],
    },
    { name: 'latest', code: ec2('', '"image": "nginx:latest"'), findings: [{ messageIncludes: '`:latest`', text: 'nginx:latest' }] },
  ],
});
