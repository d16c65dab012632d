import { ruleTests } from '../helpers';

const taskDefinition = (extra: string, container = '"name": "web", "image": "nginx:1.27", "memory": 256') =>
  `{"family": "web", ${extra ? `${extra}, ` : ''}"containerDefinitions": [{${container}}]}`;

ruleTests('ecs/unknown-field', {
  valid: [
    { name: 'known fields', code: taskDefinition('"networkMode": "bridge"') },
    { name: 'describe output fields are another rule', code: `{"taskDefinition": ${taskDefinition('"revision": 3, "status": "ACTIVE"')}}` },
    {
      name: 'describe wrapper keys are not checked',
      code: `{"taskDefinition": ${taskDefinition('')}, "tags": [], "ResponseMetadata": {}}`,
    },
    {
      name: 'map keys (log options, docker labels) are free',
      code: taskDefinition('', '"name": "a", "memory": 1, "dockerLabels": {"anything": "x"}'),
    },
  ],
  invalid: [
    {
      name: 'typo with did-you-mean and a rename fix',
      code: taskDefinition('', '"name": "web", "memoryReservaton": 128'),
      findings: [{ messageIncludes: 'Did you mean `memoryReservation`?', text: '"memoryReservaton"', severity: 'error' }],
      output: taskDefinition('', '"name": "web", "memoryReservation": 128'),
    },
    {
      name: 'a task-level field inside a container (pidMode)',
      code: taskDefinition('', '"name": "web", "memory": 1, "pidMode": "host"'),
      findings: [{ messageIncludes: '`pidMode` is a task-level field' }],
      output: taskDefinition('', '"name": "web", "memory": 1'),
    },
    {
      name: 'a container field at task level',
      code: taskDefinition('"essential": true'),
      findings: [{ messageIncludes: 'is a container field' }],
    },
    {
      name: 'CloudFormation casing suggests the API name',
      code: taskDefinition('"NetworkMode": "awsvpc"'),
      findings: [{ messageIncludes: 'Did you mean `networkMode`?' }],
    },
    {
      name: 'nested structure',
      code: taskDefinition('', '"name": "a", "memory": 1, "portMappings": [{"containerPort": 80, "hostport": 80}]'),
      findings: [{ messageIncludes: 'a port mapping' }],
    },
    {
      // The schema's member tables must not find Object.prototype's members (the rules used to fail on these).
      name: 'keys named like Object.prototype members',
      code: taskDefinition('"constructor": 1', '"name": "a", "memory": 1, "toString": 2, "__proto__": 3'),
      findings: [{ text: '"constructor"' }, { text: '"toString"' }, { text: '"__proto__"' }],
    },
  ],
});

ruleTests('ecs/invalid-type', {
  valid: [
    {
      name: 'task cpu/memory strings, container integers',
      code: taskDefinition('"cpu": "1 vCPU", "memory": "2 GB"', '"name": "a", "cpu": 256, "memory": 512, "essential": true'),
    },
  ],
  invalid: [
    {
      name: 'task-level cpu as a number',
      code: taskDefinition('"cpu": 256'),
      findings: [{ messageIncludes: 'must be a string', text: '256' }],
      output: taskDefinition('"cpu": "256"'),
    },
    {
      name: 'container cpu as a string',
      code: taskDefinition('', '"name": "a", "memory": 1, "cpu": "256"'),
      findings: [{ messageIncludes: 'must be an integer' }],
      output: taskDefinition('', '"name": "a", "memory": 1, "cpu": 256'),
    },
    {
      name: 'boolean log option',
      code: taskDefinition(
        '',
        '"name": "a", "memory": 1, "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-create-group": true}}',
      ),
      findings: [{ messageIncludes: 'options.awslogs-create-group` must be a string' }],
      output: taskDefinition(
        '',
        '"name": "a", "memory": 1, "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-create-group": "true"}}',
      ),
    },
    {
      name: '"true" as a string for a boolean',
      code: taskDefinition('', '"name": "a", "memory": 1, "essential": "true"'),
      findings: [{ messageIncludes: 'must be a boolean' }],
      output: taskDefinition('', '"name": "a", "memory": 1, "essential": true'),
    },
    {
      name: 'an object where an array is expected',
      code: taskDefinition('', '"name": "a", "memory": 1, "portMappings": {"containerPort": 80}'),
      findings: [{ messageIncludes: 'array of PortMapping objects' }],
      output: taskDefinition('', '"name": "a", "memory": 1, "portMappings": [{"containerPort": 80}]'),
    },
    {
      name: 'null',
      code: taskDefinition('', '"name": "a", "memory": 1, "ulimits": null'),
      findings: [{ messageIncludes: 'is null' }],
      output: taskDefinition('', '"name": "a", "memory": 1'),
    },
  ],
});

ruleTests('ecs/invalid-enum-value', {
  valid: [{ name: 'valid values', code: taskDefinition('"networkMode": "awsvpc", "requiresCompatibilities": ["EC2"]') }],
  invalid: [
    {
      name: 'wrong case',
      code: taskDefinition('"networkMode": "AWSVPC"'),
      findings: [{ messageIncludes: 'Did you mean "awsvpc"?', text: 'AWSVPC' }],
      output: taskDefinition('"networkMode": "awsvpc"'),
    },
    {
      name: 'item of an enum array',
      code: taskDefinition('"requiresCompatibilities": ["fargate"]'),
      findings: [{ messageIncludes: 'Valid values (case-sensitive): EC2, EXTERNAL, FARGATE, MANAGED_INSTANCES' }],
      output: taskDefinition('"requiresCompatibilities": ["FARGATE"]'),
    },
    {
      name: 'unknown log driver',
      code: taskDefinition('', '"name": "a", "memory": 1, "logConfiguration": {"logDriver": "cloudwatch"}'),
      findings: [{ messageIncludes: 'awslogs' }],
    },
  ],
});

ruleTests('ecs/missing-required-field', {
  valid: [{ name: 'family and containers', code: taskDefinition('') }],
  invalid: [
    {
      name: 'no family',
      code: '{"networkMode": "awsvpc", "containerDefinitions": [{"name": "a", "image": "nginx:1.27"}]}',
      findings: [{ messageIncludes: 'has no `family`' }],
    },
    {
      name: 'secret without valueFrom',
      code: taskDefinition('', '"name": "a", "image": "i", "memory": 1, "secrets": [{"name": "X"}]'),
      findings: [{ messageIncludes: 'no `valueFrom`', text: '{' }],
    },
    {
      name: 'environment file type: the only value is added',
      code: taskDefinition('', '"name": "a", "image": "i", "memory": 1, "environmentFiles": [{"value": "arn:aws:s3:::b/k.env"}]'),
      findings: [{ messageIncludes: 'no `type`' }],
      output: taskDefinition(
        '',
        '"name": "a", "image": "i", "memory": 1, "environmentFiles": [{"value": "arn:aws:s3:::b/k.env", "type": "s3"}]',
      ),
    },
  ],
});

ruleTests('ecs/read-only-field', {
  valid: [{ name: 'register input', code: taskDefinition('') }],
  invalid: [
    {
      name: 'two read-only fields: one fix removes both',
      code: `{"taskDefinition": {"taskDefinitionArn": "arn:aws:ecs:us-east-1:210987654321:task-definition/web:3", "family": "web", "revision": 3, "containerDefinitions": []}}`,
      findings: [{ severity: 'info', text: '"taskDefinitionArn"' }, { text: '"revision"' }],
      output: `{"taskDefinition": {"family": "web", "containerDefinitions": []}}`,
    },
  ],
});
