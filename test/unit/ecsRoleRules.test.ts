import { ruleTests } from '../helpers';

const td = (extra: string, container = '"name": "app", "image": "nginx:1.27", "memory": 256') =>
  `{"family": "w", ${extra ? `${extra}, ` : ''}"containerDefinitions": [{${container}}]}`;
const AWSLOGS = '"logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/app", "awslogs-region": "eu-west-1"}}';

ruleTests('ecs/execution-role-required', {
  valid: [
    { name: 'public image, no logs', code: td('') },
    {
      name: 'role present',
      code: td('"executionRoleArn": "arn:aws:iam::210987654321:role/ecsTaskExecutionRole"', `"name": "app", "memory": 1, ${AWSLOGS}`),
    },
  ],
  invalid: [
    {
      name: 'secrets on EC2: error, account from the secret ARN',
      code: td(
        '',
        '"name": "app", "memory": 1, "secrets": [{"name": "P", "valueFrom": "arn:aws:secretsmanager:eu-west-1:210987654321:secret:db-AbCdEf"}]',
      ),
      findings: [{ severity: 'error', messageIncludes: 'secrets from Secrets Manager' }],
      output: td(
        '"executionRoleArn": "arn:aws:iam::210987654321:role/ecsTaskExecutionRole"',
        '"name": "app", "memory": 1, "secrets": [{"name": "P", "valueFrom": "arn:aws:secretsmanager:eu-west-1:210987654321:secret:db-AbCdEf"}]',
      ).replace(
        '{"family": "w", "executionRoleArn": "arn:aws:iam::210987654321:role/ecsTaskExecutionRole", ',
        '{"family": "w", "executionRoleArn": "arn:aws:iam::210987654321:role/ecsTaskExecutionRole", ',
      ),
    },
    {
      name: 'awslogs on EC2: warning',
      code: td('', `"name": "app", "memory": 1, ${AWSLOGS}`),
      findings: [{ severity: 'warning', messageIncludes: 'container instance role may cover' }],
    },
    {
      // No account known: the role's name, which RegisterTaskDefinition takes, rather than an `<account-id>` placeholder.
      name: 'awslogs on Fargate: error, the fix sets the role by name',
      code: td('"requiresCompatibilities": ["FARGATE"]', `"name": "app", ${AWSLOGS}`),
      findings: [{ severity: 'error', messageIncludes: 'is not set. On FARGATE the task fails to start' }],
      output: td('"executionRoleArn": "ecsTaskExecutionRole", "requiresCompatibilities": ["FARGATE"]', `"name": "app", ${AWSLOGS}`),
    },
    {
      name: 'an empty executionRoleArn is said to be empty',
      code: td('"executionRoleArn": "", "requiresCompatibilities": ["FARGATE"]', `"name": "app", ${AWSLOGS}`),
      findings: [{ severity: 'error', messageIncludes: '`executionRoleArn` is empty.' }],
      output: td('"executionRoleArn": "ecsTaskExecutionRole", "requiresCompatibilities": ["FARGATE"]', `"name": "app", ${AWSLOGS}`),
    },
    {
      name: 'private ECR image on EXTERNAL',
      code: td(
        '"requiresCompatibilities": ["EXTERNAL"]',
        '"name": "a", "memory": 1, "image": "210987654321.dkr.ecr.eu-west-1.amazonaws.com/app:1"',
      ),
      findings: [{ severity: 'error', messageIncludes: 'private ECR image' }],
    },
  ],
});

ruleTests('ecs/role-arn-format', {
  valid: [
    { name: 'role ARN with a path', code: td('"taskRoleArn": "arn:aws:iam::210987654321:role/service/app"') },
    { name: 'China partition', code: td('"taskRoleArn": "arn:aws-cn:iam::210987654321:role/app"') },
    { name: 'task role name', code: td('"taskRoleArn": "app-role"') },
    {
      name: "placeholder accounts are the placeholder rule's",
      code: td(
        '"taskRoleArn": "arn:aws:iam::XXXXXXXXXXXX:role/app", "executionRoleArn": "arn:aws:iam::<account-id>:role/ecsTaskExecutionRole"',
      ),
    },
    { name: 'template variables', code: td('"executionRoleArn": "arn:${Partition}:iam::${AccountId}:role/exec"') },
    { name: 'an account word', code: td('"executionRoleArn": "arn:aws:iam::aws_account_id:role/ecsTaskExecutionRole"') },
  ],
  invalid: [
    {
      name: '11-digit account',
      code: td('"taskRoleArn": "arn:aws:iam::11111111111:role/app"'),
      findings: [{ messageIncludes: 'has 11 digits instead of 12' }],
    },
    {
      name: 'region in an IAM ARN, bad partition',
      code: td('"taskRoleArn": "arn:amazon:iam:us-east-1:210987654321:role/app"'),
      findings: [{ messageIncludes: 'partition `amazon`' }],
    },
    {
      name: 'instance profile',
      code: td('"taskRoleArn": "arn:aws:iam::210987654321:instance-profile/app"'),
      findings: [{ messageIncludes: 'instance profile' }],
    },
    {
      name: 'execution role as a name: warning, expanded with the known account',
      code: td(
        '"executionRoleArn": "ecsTaskExecutionRole"',
        '"name": "a", "memory": 1, "image": "210987654321.dkr.ecr.eu-west-1.amazonaws.com/app:1"',
      ),
      findings: [{ severity: 'warning', messageIncludes: 'role name' }],
      output: td(
        '"executionRoleArn": "arn:aws:iam::210987654321:role/ecsTaskExecutionRole"',
        '"name": "a", "memory": 1, "image": "210987654321.dkr.ecr.eu-west-1.amazonaws.com/app:1"',
      ),
    },
    { name: 'not a name either', code: td('"taskRoleArn": "my role"'), findings: [{ messageIncludes: 'neither a role ARN' }] },
  ],
});

const withSecret = (valueFrom: string) =>
  td(
    '"executionRoleArn": "arn:aws:iam::210987654321:role/e"',
    `"name": "a", "memory": 1, "secrets": [{"name": "S", "valueFrom": ${JSON.stringify(valueFrom)}}]`,
  );

ruleTests('ecs/secret-reference-format', {
  valid: [
    { name: 'Secrets Manager ARN', code: withSecret('arn:aws:secretsmanager:us-east-1:210987654321:secret:db-AbCdEf') },
    {
      name: 'with json key and empty stage/id',
      code: withSecret('arn:aws:secretsmanager:us-east-1:210987654321:secret:db-AbCdEf:password::'),
    },
    { name: 'SSM parameter ARN', code: withSecret('arn:aws:ssm:us-east-1:210987654321:parameter/prod/db/password') },
    { name: 'SSM parameter name', code: withSecret('/prod/db/password') },
    { name: 'placeholders', code: withSecret('arn:aws:secretsmanager:region:aws_account_id:secret:secret_name-AbCdEf') },
    { name: 'templates', code: withSecret('arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${SecretId}') },
  ],
  invalid: [
    { name: 'S3 ARN', code: withSecret('arn:aws:s3:::bucket/key'), findings: [{ messageIncludes: 'only from Secrets Manager' }] },
    {
      name: 'json key without stage and id',
      code: withSecret('arn:aws:secretsmanager:us-east-1:210987654321:secret:db-AbCdEf:password'),
      findings: [{ messageIncludes: 'all three of' }],
    },
    {
      name: 'bad region',
      code: withSecret('arn:aws:ssm:useast1:210987654321:parameter/x'),
      findings: [{ messageIncludes: 'not a region' }],
    },
    {
      name: 'registry credentials must be Secrets Manager',
      code: td(
        '"executionRoleArn": "arn:aws:iam::210987654321:role/e"',
        '"name": "a", "memory": 1, "repositoryCredentials": {"credentialsParameter": "arn:aws:ssm:us-east-1:210987654321:parameter/x"}',
      ),
      findings: [{ messageIncludes: 'must be a Secrets Manager secret' }],
    },
  ],
});
