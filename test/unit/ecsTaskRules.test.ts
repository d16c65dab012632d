import { ruleTests } from '../helpers';

const fargate = (extra: string, container = '"name": "web", "image": "nginx:1.27"') =>
  `{"family": "web", "requiresCompatibilities": ["FARGATE"], ${extra}, "containerDefinitions": [{${container}}]}`;
const ec2 = (extra: string, containers: string) => `{"family": "w", ${extra ? `${extra}, ` : ''}"containerDefinitions": [${containers}]}`;
const FARGATE_OK = '"networkMode": "awsvpc", "cpu": "256", "memory": "512"';

ruleTests('ecs/fargate-network-mode', {
  valid: [
    { name: 'awsvpc', code: fargate(FARGATE_OK) },
    { name: 'EC2 bridge', code: ec2('"networkMode": "bridge"', '{"name": "a", "memory": 1}') },
  ],
  invalid: [
    {
      name: 'bridge on Fargate',
      code: fargate('"networkMode": "bridge", "cpu": "256", "memory": "512"'),
      findings: [{ text: '"bridge"' }],
      output: fargate(FARGATE_OK),
    },
    {
      name: 'missing: the default bridge applies',
      code: fargate('"cpu": "256", "memory": "512"'),
      findings: [{ messageIncludes: 'sets no `networkMode`', text: '"requiresCompatibilities"' }],
      output:
        '{"family": "web", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512", "containerDefinitions": [{"name": "web", "image": "nginx:1.27"}]}',
    },
  ],
});

ruleTests('ecs/fargate-task-size', {
  valid: [
    { name: 'numbers as strings', code: fargate(FARGATE_OK) },
    { name: '"1 vCPU" and "2 GB"', code: fargate('"networkMode": "awsvpc", "cpu": "1 vCPU", "memory": "2 GB"') },
    {
      name: '"1 vcpu" and "2 gb" (lower case, as in AWS samples)',
      code: fargate('"networkMode": "awsvpc", "cpu": "1 vcpu", "memory": "2 gb"'),
    },
    { name: '16 vCPU with 120 GB', code: fargate('"networkMode": "awsvpc", "cpu": "16384", "memory": "122880"') },
    { name: 'EC2 sizes are free', code: ec2('"cpu": "300", "memory": "700"', '{"name": "a"}') },
  ],
  invalid: [
    {
      name: 'memory outside the range for the cpu, fixed to the nearest',
      code: fargate('"networkMode": "awsvpc", "cpu": "256", "memory": "4096"'),
      findings: [{ messageIncludes: 'allows 512, 1024 or 2048 MiB', text: '"4096"' }],
      output: fargate('"networkMode": "awsvpc", "cpu": "256", "memory": "2048"'),
    },
    {
      name: 'no such cpu',
      code: fargate('"networkMode": "awsvpc", "cpu": "768", "memory": "2048"'),
      findings: [{ messageIncludes: 'no task size with 768' }],
    },
    {
      name: 'both missing: the smallest size is added',
      code: fargate('"networkMode": "awsvpc"'),
      findings: [{ messageIncludes: 'requires task-level `cpu` and `memory`' }],
      output: fargate('"networkMode": "awsvpc", "cpu": "256", "memory": "512"'),
    },
    {
      name: 'memory missing: the smallest memory for the cpu is added',
      code: fargate('"networkMode": "awsvpc", "cpu": "1024"'),
      findings: [{ messageIncludes: '`memory`' }],
      output: fargate('"networkMode": "awsvpc", "cpu": "1024", "memory": "2048"'),
    },
    {
      name: '8 vCPU needs 4 GB steps',
      code: fargate('"networkMode": "awsvpc", "cpu": "8192", "memory": "17408"'),
      findings: [{ messageIncludes: 'steps of 4096' }],
    },
  ],
});

ruleTests('ecs/fargate-unsupported-parameter', {
  valid: [
    {
      name: 'plain Fargate task',
      code: fargate(
        FARGATE_OK,
        '"name": "a", "image": "nginx:1.27", "logConfiguration": {"logDriver": "awslogs"}, "linuxParameters": {"capabilities": {"add": ["SYS_PTRACE"]}}',
      ),
    },
  ],
  invalid: [
    {
      name: 'privileged',
      code: fargate(FARGATE_OK, '"name": "a", "privileged": true'),
      findings: [{ messageIncludes: 'privileged containers' }],
      output: fargate(FARGATE_OK, '"name": "a"'),
    },
    { name: 'links', code: fargate(FARGATE_OK, '"name": "a", "links": ["b"]'), findings: [{ messageIncludes: '`links`' }] },
    {
      name: 'devices',
      code: fargate(FARGATE_OK, '"name": "a", "linuxParameters": {"devices": [{"hostPath": "/dev/fuse"}]}'),
      findings: [{ messageIncludes: 'linuxParameters.devices' }],
    },
    {
      name: 'log driver',
      code: fargate(FARGATE_OK, '"name": "a", "logConfiguration": {"logDriver": "json-file"}'),
      findings: [{ messageIncludes: 'not `json-file`' }],
    },
    {
      name: 'docker volume',
      code: `{"family": "w", "requiresCompatibilities": ["FARGATE"], ${FARGATE_OK}, "volumes": [{"name": "v", "dockerVolumeConfiguration": {"scope": "task"}}], "containerDefinitions": []}`,
      findings: [{ messageIncludes: 'Docker volumes' }],
    },
    {
      name: 'capability other than SYS_PTRACE',
      code: fargate(FARGATE_OK, '"name": "a", "linuxParameters": {"capabilities": {"add": ["NET_ADMIN"]}}'),
      findings: [{ text: '"NET_ADMIN"' }],
    },
  ],
});

ruleTests('ecs/host-port-mismatch', {
  valid: [
    { name: 'equal', code: fargate(FARGATE_OK, '"name": "a", "portMappings": [{"containerPort": 80, "hostPort": 80}]') },
    { name: 'absent', code: fargate(FARGATE_OK, '"name": "a", "portMappings": [{"containerPort": 80}]') },
    {
      name: 'bridge may map',
      code: ec2('"networkMode": "bridge"', '{"name": "a", "memory": 1, "portMappings": [{"containerPort": 80, "hostPort": 8080}]}'),
    },
  ],
  invalid: [
    {
      name: 'awsvpc with another port',
      code: fargate(FARGATE_OK, '"name": "a", "portMappings": [{"containerPort": 8080, "hostPort": 80}]'),
      findings: [{ messageIncludes: 'must equal `containerPort` (8080)', text: '80' }],
      output: fargate(FARGATE_OK, '"name": "a", "portMappings": [{"containerPort": 8080, "hostPort": 8080}]'),
    },
    {
      name: 'host mode with dynamic port 0',
      code: ec2('"networkMode": "host"', '{"name": "a", "memory": 1, "portMappings": [{"containerPort": 80, "hostPort": 0}]}'),
      findings: [{ messageIncludes: '`host` network mode' }],
    },
  ],
});

ruleTests('ecs/no-essential-container', {
  valid: [{ name: 'essential by default', code: ec2('', '{"name": "a", "memory": 1}, {"name": "b", "memory": 1, "essential": false}') }],
  invalid: [
    {
      name: 'all non-essential',
      code: ec2('', '{"name": "a", "memory": 1, "essential": false}'),
      findings: [{ text: '"containerDefinitions"' }],
      output: ec2('', '{"name": "a", "memory": 1, "essential": true}'),
    },
  ],
});

ruleTests('ecs/duplicate-container-name', {
  valid: [{ name: 'unique', code: ec2('', '{"name": "a", "memory": 1}, {"name": "b", "memory": 1}') }],
  invalid: [
    {
      name: 'twice',
      code: ec2('', '{"name": "a", "memory": 1}, {"name": "a", "memory": 1}'),
      findings: [{ messageIncludes: 'already used by container 1', text: '"a"' }],
    },
  ],
});

ruleTests('ecs/unknown-container-reference', {
  valid: [
    {
      name: 'existing names, link alias',
      code: ec2(
        '',
        '{"name": "app", "memory": 1, "links": ["db:database"], "dependsOn": [{"containerName": "db", "condition": "HEALTHY"}], "volumesFrom": [{"sourceContainer": "db"}]}, {"name": "db", "memory": 1}',
      ),
    },
  ],
  invalid: [
    {
      name: 'dependsOn typo',
      code: ec2(
        '',
        '{"name": "app", "memory": 1, "dependsOn": [{"containerName": "sidecr", "condition": "START"}]}, {"name": "sidecar", "memory": 1}',
      ),
      findings: [{ messageIncludes: 'Did you mean `sidecar`?', text: 'sidecr' }],
      output: ec2(
        '',
        '{"name": "app", "memory": 1, "dependsOn": [{"containerName": "sidecar", "condition": "START"}]}, {"name": "sidecar", "memory": 1}',
      ),
    },
    {
      name: 'link with alias keeps the alias',
      code: ec2('', '{"name": "app", "memory": 1, "links": ["dbb:database"]}, {"name": "db", "memory": 1}'),
      findings: [{ messageIncludes: 'Did you mean `db`?' }],
      output: ec2('', '{"name": "app", "memory": 1, "links": ["db:database"]}, {"name": "db", "memory": 1}'),
    },
    {
      name: 'depends on itself',
      code: ec2('', '{"name": "app", "memory": 1, "dependsOn": [{"containerName": "app", "condition": "START"}]}'),
      findings: [{ messageIncludes: 'depends on itself' }],
    },
  ],
});

ruleTests('ecs/memory-below-reservation', {
  valid: [{ name: 'hard above soft', code: ec2('', '{"name": "a", "memory": 512, "memoryReservation": 256}') }],
  invalid: [
    {
      name: 'hard below soft',
      code: ec2('', '{"name": "a", "memory": 128, "memoryReservation": 256}'),
      findings: [{ messageIncludes: 'below the soft limit', text: '128' }],
    },
  ],
});

ruleTests('ecs/container-memory-required', {
  valid: [
    { name: 'task memory', code: ec2('"memory": "512"', '{"name": "a"}') },
    { name: 'reservation only', code: ec2('', '{"name": "a", "memoryReservation": 128}') },
    { name: 'Fargate is another rule', code: fargate('"networkMode": "awsvpc"') },
  ],
  invalid: [
    {
      name: 'neither',
      code: ec2('', '{"name": "a"}'),
      findings: [{ messageIncludes: 'neither `memory` nor `memoryReservation`', text: '"a"' }],
    },
  ],
});

// Issue 12: 311 containers got 935 findings but not the one that makes the API reject the document.
const quotaTask = (containers: number, extra = '') =>
  JSON.stringify({
    family: 'many',
    containerDefinitions: Array.from({ length: containers }, (_, i) => ({
      name: `c${i}`,
      image: 'public.ecr.aws/nginx/nginx:1.27',
      memory: 128,
      essential: i === 0,
    })),
  }).replace(/^\{/, `{${extra}`);

ruleTests('ecs/task-definition-quota', {
  valid: [
    { name: 'ten containers', code: quotaTask(10) },
    {
      name: 'fifty tags',
      code: quotaTask(1, `"tags": ${JSON.stringify(Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: 'v' })))},`),
    },
    // Indentation does not count: the compact form is what is sent.
    {
      name: '60 KiB of compact JSON, indented to more than 64 KiB',
      code: JSON.stringify(
        {
          family: 'big',
          containerDefinitions: [
            {
              name: 'a',
              image: 'nginx:1.27',
              memory: 128,
              environment: Array.from({ length: 600 }, (_, i) => ({
                name: `VARIABLE_${String(i).padStart(4, '0')}`,
                value: 'x'.repeat(70),
              })),
            },
          ],
        },
        null,
        8,
      ),
    },
  ],
  invalid: [
    {
      name: 'eleven containers',
      code: quotaTask(11),
      findings: [{ severity: 'error', text: '"containerDefinitions"', messageIncludes: '11 container definitions; ECS allows at most 10' }],
    },
    {
      name: 'fifty-one tags',
      code: quotaTask(1, `"tags": ${JSON.stringify(Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' })))},`),
      findings: [{ text: '"tags"', messageIncludes: '51 tags' }],
    },
    {
      name: 'more than 64 KiB',
      code: JSON.stringify({
        family: 'big',
        containerDefinitions: [
          {
            name: 'a',
            image: 'nginx:1.27',
            memory: 128,
            environment: Array.from({ length: 700 }, (_, i) => ({ name: `VARIABLE_${String(i).padStart(4, '0')}`, value: 'x'.repeat(80) })),
          },
        ],
      }),
      findings: [{ messageIncludes: 'KiB as compact JSON; ECS allows at most 64 KiB' }],
    },
    {
      name: 'describe output: the wrapper key, and only registered fields count',
      code: `{"taskDefinition": ${quotaTask(12)}}`,
      findings: [{ text: '"containerDefinitions"' }],
    },
  ],
});
