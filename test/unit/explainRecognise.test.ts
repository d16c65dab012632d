// The error table: real ECS start and registration error texts -> the family, the role, the action and the
// resource the recogniser reads out. Each row names where the text comes from: the ECS Developer Guide's
// troubleshooting pages (account 111122223333 and the names as the guide writes them), or public reports
// (GitHub issues, READMEs and articles quoting a stopped reason; account numbers and names there replaced by
// documentation values where they identified someone).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FAMILIES } from '../../server/src/explain/families';
import { recogniseError, type ErrorFamily } from '../../server/src/explain/recognise';
import { explainError } from '../../server/src/explain/explain';
import { renderExplanationMarkdown } from '../../server/src/explain/render';
import { startErrorFor } from '../../server/src/ecs/startErrors';

const GUIDE = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide';

interface Row {
  source: string;
  text: string;
  family: ErrorFamily;
  roleName?: string;
  action?: string;
  resource?: string;
  endpoint?: string;
  /** Other facts the text names. */
  also?: Partial<Record<'secret' | 'parameter' | 'image' | 'logGroup' | 's3Object' | 'denial' | 'requiredFor' | 'stage', string>>;
}

const EXEC = 'arn:aws:sts::111122223333:assumed-role/ecsTaskExecutionRole/8f1c2b3a4d5e6f708192a3b4c5d6e7f8';

const TABLE: Row[] = [
  // --- Secrets Manager and SSM ---
  {
    source: `issue 18 (the stopped reason users report); wording of ${GUIDE}/resource-initialization-error.html`,
    text: `ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-password-AbCdEf from secrets manager: AccessDeniedException: User: ${EXEC} is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-password-AbCdEf because no identity-based policy allows the secretsmanager:GetSecretValue action status code: 400, request id: 0c1d2e3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f`,
    family: 'secrets-manager-access-denied',
    roleName: 'ecsTaskExecutionRole',
    action: 'secretsmanager:GetSecretValue',
    resource: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-password-AbCdEf',
    also: { denial: 'no-identity-policy', stage: 'secrets' },
  },
  {
    source: "public report: a project's ECS diagnostic notes on GitHub (stopped reason of a Fargate service; role and parameter renamed)",
    text: `ResourceInitializationError: unable to pull secrets or registry auth:
execution resource retrieval failed: unable to retrieve secrets from ssm:
service call has been retried 1 time(s): operation error SSM: GetParameters,
https response error StatusCode: 400, RequestID: 1a2b3c4d, api error AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/shop-ecs-execution-role/5e6f7a8b
is not authorized to perform: ssm:GetParameters on resource:
arn:aws:ssm:eu-west-1:111122223333:parameter/shop/production/DATABASE_URL
because no identity-based policy allows the ssm:GetParameters action`,
    family: 'ssm-access-denied',
    roleName: 'shop-ecs-execution-role',
    action: 'ssm:GetParameters',
    resource: 'arn:aws:ssm:eu-west-1:111122223333:parameter/shop/production/DATABASE_URL',
  },
  {
    source: `secret with a customer managed key: ${GUIDE}/secrets-envvar-secrets-manager.html (kms:Decrypt) and Secrets Manager's "Access to KMS is not allowed" as quoted in public reports`,
    text: 'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/api-key-Gh1jK2 from secrets manager: AccessDeniedException: Access to KMS is not allowed status code: 400, request id: 9a8b7c6d',
    family: 'kms-access-denied',
    also: { secret: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/api-key-Gh1jK2' },
  },
  {
    source: `SSM SecureString with a customer managed key: ${GUIDE}/secrets-envvar-ssm-paramstore.html; KMS's ciphertext message as quoted in public reports`,
    text: 'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 1 time(s): AccessDeniedException: The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access. (Service: AWSKMS; Status Code: 400; Error Code: AccessDeniedException)',
    family: 'kms-access-denied',
    also: { stage: 'secrets' },
  },
  {
    source: 'public report: a deployment write-up on GitHub (Terraform created the secret without a value); account replaced',
    text: "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:ap-southeast-2:111122223333:secret:app-secrets-i464n3 from secrets manager: operation error Secrets Manager: GetSecretValue, https response error StatusCode: 400, RequestID: 047440d4, ResourceNotFoundException: Secrets Manager can't find the specified secret value for staging label: AWSCURRENT",
    family: 'secret-not-found',
    also: { secret: 'arn:aws:secretsmanager:ap-southeast-2:111122223333:secret:app-secrets-i464n3' },
  },
  {
    source: 'ECS agent wording for parameters SSM reports as invalid (amazon-ecs-agent ssmsecret), as quoted in public issues',
    text: 'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 1 time(s): invalid ssm parameters: /app/db-password',
    family: 'ssm-parameter-not-found',
    also: { parameter: '/app/db-password' },
  },
  {
    source: 'IAM\'s explicit-deny wording (IAM User Guide, "Troubleshoot access denied error messages") on the secrets stopped reason',
    text: `ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf from secrets manager: AccessDeniedException: User: ${EXEC} is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf with an explicit deny in a service control policy`,
    family: 'secrets-manager-access-denied',
    roleName: 'ecsTaskExecutionRole',
    action: 'secretsmanager:GetSecretValue',
    resource: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf',
    also: { denial: 'scp' },
  },
  // --- ECR ---
  {
    source: `${GUIDE}/task_execution_IAM_role.html (ECR pull permissions); IAM's "is not authorized to perform" wording`,
    text: `ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 3 time(s): AccessDeniedException: User: ${EXEC} is not authorized to perform: ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action`,
    family: 'ecr-auth-access-denied',
    roleName: 'ecsTaskExecutionRole',
    action: 'ecr:GetAuthorizationToken',
    resource: '*',
  },
  {
    source: 'issue 18 ("CannotPullContainerError: ... not authorized to perform: ecr:BatchGetImage"); Docker\'s pull-denied wording',
    text: `CannotPullContainerError: Error response from daemon: pull access denied for 111122223333.dkr.ecr.us-east-1.amazonaws.com/web, repository does not exist or may require 'docker login': denied: User: ${EXEC} is not authorized to perform: ecr:BatchGetImage on resource: arn:aws:ecr:us-east-1:111122223333:repository/web because no identity-based policy allows the ecr:BatchGetImage action`,
    family: 'ecr-pull-access-denied',
    roleName: 'ecsTaskExecutionRole',
    action: 'ecr:BatchGetImage',
    resource: 'arn:aws:ecr:us-east-1:111122223333:repository/web',
    also: { image: '111122223333.dkr.ecr.us-east-1.amazonaws.com/web' },
  },
  {
    source: 'containerd pull on Fargate platform 1.4 (403 from the registry), as quoted in public reports',
    text: 'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref 111122223333.dkr.ecr.eu-west-1.amazonaws.com/orders-api:2.3.1: pulling from host 111122223333.dkr.ecr.eu-west-1.amazonaws.com failed with status code [manifests 2.3.1]: 403 Forbidden',
    family: 'ecr-pull-access-denied',
    also: { image: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/orders-api:2.3.1', stage: 'image-pull' },
  },
  {
    source: `${GUIDE}/task_cannot_pull_image.html ("Image not found")`,
    text: 'CannotPullContainerError: API error (404): repository 111122223333.dkr.ecr.us-east-1.amazonaws.com/<repo>/<image> not found',
    family: 'ecr-repository-not-found',
  },
  {
    source:
      'containerd "not found" for a missing tag, as quoted in public reports (e.g. a lab guide: "CannotPullContainerError: manifest not found")',
    text: 'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref 111122223333.dkr.ecr.us-east-1.amazonaws.com/web:v2.0.1: 111122223333.dkr.ecr.us-east-1.amazonaws.com/web:v2.0.1: not found',
    family: 'ecr-image-not-found',
    also: { image: '111122223333.dkr.ecr.us-east-1.amazonaws.com/web:v2.0.1' },
  },
  // --- network: the same prefixes, no IAM problem ---
  {
    source: `${GUIDE}/task_cannot_pull_image.html ("Connection timed out")`,
    text: 'CannotPullContainerError: API error (500): Get https://111122223333.dkr.ecr.us-east-1.amazonaws.com/v2/: net/http: request canceled while waiting for connection"',
    family: 'network',
    endpoint: '111122223333.dkr.ecr.us-east-1.amazonaws.com',
  },
  {
    source: `${GUIDE}/resource-initialization-error.html (ECR auth over a path without a route)`,
    text: 'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 3 time(s): RequestError: send request failed caused by: Post "https://api.ecr.us-east-1.amazonaws.com/": dial tcp 52.46.134.4:443: i/o timeout',
    family: 'network',
    endpoint: 'api.ecr.us-east-1.amazonaws.com',
    also: { stage: 'registry-auth' },
  },
  {
    source: 'public report: a troubleshooting note (errornotes.dev, "unable to retrieve ecr registry auth")',
    text: 'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 3 time(s): RequestError: send request failed',
    family: 'network',
  },
  {
    source: `${GUIDE}/resource-initialization-error.html (Secrets Manager not reachable)`,
    text: 'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 5 time(s): failed to fetch secret arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf from secrets manager: RequestCanceled: request context canceled caused by: context deadline exceeded',
    family: 'network',
    also: { secret: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf', stage: 'secrets' },
  },
  {
    source: 'SSM not reachable: the same agent wording for ssm, as quoted in public reports',
    text: 'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 5 time(s): RequestCanceled: request context canceled caused by: context deadline exceeded',
    family: 'network',
    also: { stage: 'secrets' },
  },
  {
    source: `${GUIDE}/resource-initialization-error.html ("pull command failed")`,
    text: 'ResourceInitializationError: unable to pull secrets or registry auth: pull command failed: : signal: killed',
    family: 'network',
  },
  {
    source: `${GUIDE}/task_cannot_pull_image.html ("Fail to copy image": the layers come from S3)`,
    text: 'CannotPullContainerError: ref pull has been retried 1 time(s): failed to copy: httpReaderSeeker: failed open: unexpected status code',
    family: 'network',
  },
  {
    source: 'public report: a README on GitHub ("failed to download env files ... context deadline exceeded")',
    text: 'ResourceInitializationError: failed to download env files: file download command: non empty error stream: service call has been retried 5 time(s): RequestCanceled: request context canceled caused by: context deadline exceeded',
    family: 'network',
    also: { stage: 'environment-files' },
  },
  {
    source: 'awslogs over a path without a route to CloudWatch Logs, as quoted in public reports',
    text: 'ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: RequestError: send request failed caused by: Post "https://logs.eu-west-1.amazonaws.com/": dial tcp 10.0.1.5:443: i/o timeout',
    family: 'network',
    endpoint: 'logs.eu-west-1.amazonaws.com',
    also: { stage: 'awslogs' },
  },
  // --- awslogs ---
  {
    source: `issue 18 ("failed to validate logger args: ... AccessDeniedException"); ${GUIDE}/using_awslogs.html`,
    text: `ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: AccessDeniedException: User: ${EXEC} is not authorized to perform: logs:CreateLogStream on resource: arn:aws:logs:us-east-1:111122223333:log-group:/ecs/web:log-stream:ecs/web/0123456789abcdef because no identity-based policy allows the logs:CreateLogStream action`,
    family: 'awslogs-access-denied',
    roleName: 'ecsTaskExecutionRole',
    action: 'logs:CreateLogStream',
    resource: 'arn:aws:logs:us-east-1:111122223333:log-group:/ecs/web:log-stream:ecs/web/0123456789abcdef',
    also: { logGroup: '/ecs/web' },
  },
  {
    source: "public report: a project's troubleshooting page on GitHub (awslogs-create-group without logs:CreateLogGroup)",
    text: `ResourceInitializationError: failed to validate logger args: create log group has been retried 1 times: failed to create Cloudwatch log group: AccessDeniedException: User: ${EXEC} is not authorized to perform: logs:CreateLogGroup on resource: arn:aws:logs:us-east-1:111122223333:log-group:/ecs/ecs-advanced-task:log-stream: because no identity-based policy allows the logs:CreateLogGroup action`,
    family: 'awslogs-create-group-denied',
    roleName: 'ecsTaskExecutionRole',
    action: 'logs:CreateLogGroup',
    resource: 'arn:aws:logs:us-east-1:111122223333:log-group:/ecs/ecs-advanced-task:log-stream:',
    also: { logGroup: '/ecs/ecs-advanced-task' },
  },
  {
    source: 'public report: a deployment note on GitHub (the log group was never created)',
    text: 'ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit status 1',
    family: 'awslogs-group-missing',
  },
  {
    source: `${GUIDE}/resource-initialization-error.html and public reports (the message names both causes)`,
    text: 'ResourceInitializationError: failed to validate logger args: The task cannot find the Amazon CloudWatch log group defined in the task definition. There is a connection issue between the task and Amazon CloudWatch. Check your network configuration. : signal: killed',
    family: 'awslogs-group-missing',
  },
  {
    source: "public report: a setup script's troubleshooting section on GitHub (AWS_REGION not exported before envsubst)",
    text: 'ResourceInitializationError: failed to validate logger args: unable to get awslogs driver arguments: awslogs-region is required',
    family: 'awslogs-options',
  },
  // --- environment files, private registry, FireLens ---
  {
    source: 'public report: an issue write-up on GitHub (environment files missing from the bucket)',
    text: 'ResourceInitializationError: failed to download env files: service call has been retried 1 time(s): operation error S3: HeadObject, https response error StatusCode: 403, api error Forbidden: Forbidden.',
    family: 'environment-file-access-denied',
    also: { stage: 'environment-files' },
  },
  {
    source: `issue 18 ("failed to download env files: ... AccessDenied"); ${GUIDE}/use-environment-file.html`,
    text: `ResourceInitializationError: failed to download env files: file download command: non empty error stream: AccessDenied: User: ${EXEC} is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::acme-config/web/app.env" because no identity-based policy allows the s3:GetObject action`,
    family: 'environment-file-access-denied',
    roleName: 'ecsTaskExecutionRole',
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::acme-config/web/app.env',
  },
  {
    source: 'public report: an article on Fargate and GHCR ("401 Unauthorized" without working repositoryCredentials)',
    text: 'CannotPullContainerError: inspect image has been retried 1 time(s): failed to resolve ref ghcr.io/acme/api:1.4: failed to authorize: failed to fetch anonymous token: unexpected status: 401 Unauthorized',
    family: 'private-registry-login',
  },
  {
    source:
      'ECS agent wording for the FireLens S3 configuration ("Unable to download firelens s3 config file"), as reproduced by public ECS emulators',
    text: 'ResourceInitializationError: Unable to download firelens s3 config file: unable to download s3 config extra.conf from bucket firelens-configs: AccessDenied: Access Denied status code: 403',
    family: 'firelens-config',
    also: { s3Object: 'arn:aws:s3:::firelens-configs/extra.conf' },
  },
  // --- roles and registration ---
  {
    source: 'public report: a bootcamp journal on GitHub (service event)',
    text: "service backend-flask failed to launch a task with (error ECS was unable to assume the role 'arn:aws:iam::111122223333:role/CruddurTaskRole' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.)",
    family: 'assume-role',
    roleName: 'CruddurTaskRole',
    resource: 'arn:aws:iam::111122223333:role/CruddurTaskRole',
  },
  {
    source:
      'IAM User Guide, "Grant a user permissions to pass a role to an AWS service" (the denied RegisterTaskDefinition call of a CI role)',
    text: 'An error occurred (AccessDeniedException) when calling the RegisterTaskDefinition operation: User: arn:aws:sts::111122223333:assumed-role/github-deploy/GitHubActions is not authorized to perform: iam:PassRole on resource: arn:aws:iam::111122223333:role/ecsTaskExecutionRole because no identity-based policy allows the iam:PassRole action',
    family: 'pass-role',
    roleName: 'ecsTaskExecutionRole',
    action: 'iam:PassRole',
    resource: 'arn:aws:iam::111122223333:role/ecsTaskExecutionRole',
  },
  {
    source: 'public reports (Terraform and CLI users): RegisterTaskDefinition on Fargate with an ECR image and no execution role',
    text: 'An error occurred (ClientException) when calling the RegisterTaskDefinition operation: Fargate requires task definition to have execution role ARN to support ECR images.',
    family: 'register-execution-role-required',
    also: { requiredFor: 'ECR images', stage: 'register' },
  },
  {
    source: 'public reports: RegisterTaskDefinition on Fargate with awslogs and no execution role',
    text: 'ClientException: Fargate requires task definition to have execution role ARN to support log driver awslogs.',
    family: 'register-execution-role-required',
    also: { requiredFor: 'log driver awslogs' },
  },
  {
    source: 'RegisterTaskDefinition with container secrets and no execution role (ECS API; quoted in public reports)',
    text: "An error occurred (ClientException) when calling the RegisterTaskDefinition operation: When you are specifying container secrets, you must also specify a value for 'executionRoleArn'.",
    family: 'register-execution-role-required',
    also: { requiredFor: 'container secrets' },
  },
  // --- not ECS start errors at all ---
  {
    source: `${GUIDE}/cannot-start-container.html (a container error, not a role or network one)`,
    text: 'CannotStartContainerError: failed to get container status: OOMKilled',
    family: 'unknown',
  },
  { source: 'a task that started and exited (stopped reason)', text: 'Essential container in task exited', family: 'unknown' },
];

describe('recognising ECS start and registration errors', () => {
  test(`the table has at least 25 real error texts, network ones among them (${TABLE.length})`, () => {
    assert.ok(TABLE.length >= 25);
    assert.ok(TABLE.filter((row) => row.family === 'network').length >= 5);
    assert.ok(TABLE.every((row) => row.source.length > 0));
  });

  for (const row of TABLE) {
    test(`${row.family}: ${row.text.slice(0, 90)}…`, () => {
      const recognised = recogniseError(row.text);
      assert.equal(recognised.family, row.family);
      assert.equal(recognised.roleName, row.roleName);
      assert.equal(recognised.action, row.action);
      assert.equal(recognised.resource, row.resource);
      if (row.endpoint) assert.equal(recognised.endpoint, row.endpoint);
      for (const [key, value] of Object.entries(row.also ?? {})) assert.equal(recognised[key as keyof typeof recognised], value, key);
    });
  }

  test('each IAM family names the role that needed it; the execution role for every start-time permission', () => {
    for (const row of TABLE) {
      const info = FAMILIES[row.family];
      if (!info.iam) continue;
      assert.equal(info.role, row.family === 'pass-role' ? 'caller' : 'execution', row.family);
    }
  });

  test('network failures say plainly that they are not IAM problems, and name no policy to edit', () => {
    for (const row of TABLE.filter((candidate) => candidate.family === 'network')) {
      const explanation = explainError(row.text);
      assert.equal(explanation.iam, false);
      const markdown = renderExplanationMarkdown(explanation);
      assert.match(markdown, /Not an IAM problem/);
      assert.match(markdown, /Do not change a policy/);
      assert.match(markdown, /NAT gateway/);
      assert.doesNotMatch(markdown, /Fix:/);
    }
  });

  test("the suspects follow IAM's own words: a service control policy first when the message names one", () => {
    const scp = TABLE.find((row) => row.also?.denial === 'scp')!;
    const explanation = explainError(scp.text);
    assert.match(explanation.suspects[0], /service control policy/);
    const kms = explainError(TABLE.find((row) => row.family === 'kms-access-denied')!.text);
    assert.match(kms.suspects[0], /KMS key policy/);
    assert.deepEqual(
      kms.suspects.map((suspect) => suspect.split(' ').slice(0, 3).join(' ')),
      ['the KMS key', 'a service control', 'a permissions boundary', 'a resource policy', 'the deployed role'],
    );
  });

  test('bad input never throws: empty, huge, binary, deep', () => {
    for (const text of [
      '',
      ' ',
      '\u0000\u0001',
      'x'.repeat(1_000_000),
      'is not authorized to perform: '.repeat(10_000),
      '{'.repeat(100_000),
    ]) {
      const recognised = recogniseError(text);
      assert.equal(typeof recognised.family, 'string');
    }
  });
});

describe('the start errors the diagnostics and the hover quote', () => {
  const FEATURE_FAMILIES: Array<[string, string, ErrorFamily]> = [
    ['secrets-manager-secret', 'secretsmanager:GetSecretValue', 'secrets-manager-access-denied'],
    ['secrets-manager-secret', 'kms:Decrypt', 'kms-access-denied'],
    ['repository-credentials', 'secretsmanager:GetSecretValue', 'secrets-manager-access-denied'],
    ['ssm-parameter', 'ssm:GetParameters', 'ssm-access-denied'],
    ['private-ecr-image', 'ecr:GetAuthorizationToken', 'ecr-auth-access-denied'],
    ['private-ecr-image', 'ecr:BatchGetImage', 'ecr-pull-access-denied'],
    ['awslogs', 'logs:CreateLogStream', 'awslogs-access-denied'],
    ['awslogs', 'logs:CreateLogGroup', 'awslogs-create-group-denied'],
    ['environment-file', 's3:GetObject', 'environment-file-access-denied'],
    ['firelens-s3-config', 's3:GetObject', 'firelens-config'],
  ];
  for (const [feature, action, family] of FEATURE_FAMILIES) {
    test(`${feature} without ${action}: the quoted error is recognised as ${family}`, () => {
      const quoted = startErrorFor(feature, action);
      assert.ok(quoted);
      assert.equal(recogniseError(quoted).family, family);
    });
  }
  test('task role needs have no start error (the application is denied at run time)', () => {
    assert.equal(startErrorFor('firelens-cloudwatch', 'logs:PutLogEvents'), undefined);
  });
});
