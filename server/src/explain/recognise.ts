// Recognises the documented families of ECS task start and registration errors in a pasted text (a
// stopped reason, a service event, a CLI error) and reads out what they name: the role (from the
// assumed-role ARN), the action, the resource, the secret, image or log group. Pure functions over text.
//
// The patterns follow the ECS Developer Guide's troubleshooting pages ("Amazon ECS stopped tasks errors",
// "CannotPullContainer task errors", "ResourceInitializationError", "Troubleshooting secrets") and the
// messages of the services involved (IAM's "is not authorized to perform", KMS, Secrets Manager, SSM).

export type ErrorFamily =
  | 'secrets-manager-access-denied'
  | 'ssm-access-denied'
  | 'kms-access-denied'
  | 'secret-not-found'
  | 'ssm-parameter-not-found'
  | 'ecr-auth-access-denied'
  | 'ecr-pull-access-denied'
  | 'ecr-repository-not-found'
  | 'ecr-image-not-found'
  | 'awslogs-access-denied'
  | 'awslogs-create-group-denied'
  | 'awslogs-group-missing'
  | 'awslogs-options'
  | 'environment-file-access-denied'
  | 'environment-file-not-found'
  | 'private-registry-credentials'
  | 'private-registry-login'
  | 'firelens-config'
  | 'assume-role'
  | 'pass-role'
  | 'register-execution-role-required'
  | 'network'
  | 'unknown';

/** What ECS was doing when the error happened: it decides which role needs what. */
export type ErrorStage =
  'secrets' | 'registry-auth' | 'image-pull' | 'awslogs' | 'environment-files' | 'firelens-config' | 'assume-role' | 'register' | 'unknown';

/** Where IAM said the denial came from ("because no identity-based policy allows ...", "... in a service control policy"). */
export type DenialSource = 'no-identity-policy' | 'identity-deny' | 'scp' | 'rcp' | 'boundary' | 'session-policy' | 'resource-policy';

export interface RecognisedError {
  family: ErrorFamily;
  stage: ErrorStage;
  /** The error code the text starts with (ResourceInitializationError, CannotPullContainerError, ClientException). */
  code?: string;
  /** The principal IAM named: an assumed-role session or a user. */
  principalArn?: string;
  /** The role name from `assumed-role/NAME/session` (or `role/NAME` in "unable to assume the role"). */
  roleName?: string;
  account?: string;
  action?: string;
  resource?: string;
  denial?: DenialSource;
  /** A Secrets Manager secret ARN or SSM parameter named by the text. */
  secret?: string;
  parameter?: string;
  /** An image reference (registry/repository[:tag]). */
  image?: string;
  logGroup?: string;
  /** An S3 object (ARN or bucket/key) named by the text. */
  s3Object?: string;
  /** For network failures: the host the task could not reach, when the text names it. */
  endpoint?: string;
  /** For `register-execution-role-required`: what needs the role (secrets, ECR images, log driver awslogs). */
  requiredFor?: string;
  /** The text, trimmed and with its line breaks joined (pasted errors are often wrapped). */
  text: string;
}

const ASSUMED_ROLE = /arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([\w+=,.@-]+)\/([\w+=,.@/-]*)/;
const IAM_ROLE = /arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)/;
const IAM_USER = /arn:(aws[a-z-]*):iam::(\d{12}):user\/[\w+=,.@/-]+/;
const NOT_AUTHORIZED = /is not authorized to perform:?\s*([a-z0-9-]+:[A-Za-z0-9*]+)(?:\s+on resource:?\s*"?([^\s"',]+))?/i;
const SECRET_ARN = /arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@-]+/;
const PARAMETER_ARN = /arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:parameter\/?[\w/.-]+/;
const ECR_IMAGE = /\b(\d{12}\.dkr\.ecr(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\/[\w./-]+(?::[\w.-]+|@sha256:[0-9a-f]{64})?)/;
const ECR_REPOSITORY_ARN = /arn:aws[a-z-]*:ecr:[a-z0-9-]+:\d{12}:repository\/[\w./-]+/;
const LOG_GROUP_ARN = /arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:([^:\s]+)/;
const S3_ARN = /arn:aws[a-z-]*:s3:::[\w.-]+\/[^\s"',]+/;

/** A network failure: the task could not reach the service endpoint at all (no route, no NAT, no VPC endpoint, DNS). */
const NETWORK = [
  /i\/o timeout/i,
  /context deadline exceeded/i,
  /request canceled while waiting for connection/i,
  /RequestCanceled/,
  /context canceled/i,
  /dial tcp[^:]*: lookup [^ ]+ (?:on [^ ]+ )?no such host/i,
  /no such host/i,
  /connection (?:refused|reset|timed out)/i,
  /send request failed/i,
  /TLS handshake timeout/i,
  /network is unreachable/i,
  /There is a connection issue between the task and Amazon CloudWatch/i,
  /pull command failed: : signal: killed/i,
  // Image layers come from S3: without a route or an S3 gateway endpoint (or with an endpoint policy that
  // blocks the ECR layer bucket) the layer download fails this way.
  /httpReaderSeeker: failed open/i,
];

const DENIAL_SOURCES: Array<[RegExp, DenialSource]> = [
  [/no identity-based policy allows/i, 'no-identity-policy'],
  [/explicit deny in an identity-based policy/i, 'identity-deny'],
  [/service control polic/i, 'scp'],
  [/resource control polic/i, 'rcp'],
  [/permissions boundary/i, 'boundary'],
  [/session polic/i, 'session-policy'],
  [/resource-based policy/i, 'resource-policy'],
];

function stageOf(text: string, action: string | undefined): ErrorStage {
  const service = action?.split(':')[0].toLowerCase();
  if (
    /RegisterTaskDefinition|must also specify a value for 'executionRoleArn'|requires task definition to have execution role/i.test(text)
  ) {
    return 'register';
  }
  if (/unable to assume the role|iam:PassRole/i.test(text)) return 'assume-role';
  if (/firelens/i.test(text)) return 'firelens-config';
  if (/env(?:ironment)? files?/i.test(text)) return 'environment-files';
  if (/logger args|awslogs|log stream|log group|Cloudwatch log/i.test(text) || service === 'logs') return 'awslogs';
  if (/ecr registry auth|GetAuthorizationToken/i.test(text)) return 'registry-auth';
  if (
    /secret from asm|secrets manager|secrets from ssm|\bssm\b|asm fetching|GetSecretValue|GetParameters|Access to KMS/i.test(text) ||
    service === 'secretsmanager' ||
    service === 'ssm' ||
    service === 'kms'
  ) {
    return 'secrets';
  }
  if (
    /CannotPullContainer|pull image|pull access denied|manifest|ecr:BatchGetImage|ecr:GetDownloadUrlForLayer|ecr:BatchCheckLayerAvailability/i.test(
      text,
    )
  ) {
    return 'image-pull';
  }
  return 'unknown';
}

/** Recognises one pasted error text. Never throws; an unknown text gives `family: 'unknown'` with what could still be read. */
export function recogniseError(input: string): RecognisedError {
  // Pasted errors are often wrapped or quoted; one line with single spaces is easier to match.
  const text = input
    .replace(/\r\n?|\n/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim()
    .slice(0, 20_000);
  const code =
    /\b(ResourceInitializationError|CannotPullContainerError|CannotStartContainerError|ClientException|AccessDeniedException|InvalidParameterException)\b/.exec(
      text,
    )?.[1];
  const result: RecognisedError = { family: 'unknown', stage: 'unknown', text, code };

  const denied = NOT_AUTHORIZED.exec(text);
  if (denied) {
    result.action = denied[1];
    if (denied[2]) result.resource = denied[2].replace(/[.;)]+$/, '');
  }
  const assumed = ASSUMED_ROLE.exec(text);
  if (assumed) {
    result.principalArn = assumed[0];
    result.account = assumed[2];
    result.roleName = assumed[3];
  } else {
    const user = IAM_USER.exec(text);
    if (user) {
      result.principalArn = user[0];
      result.account = user[2];
    }
  }
  result.denial = DENIAL_SOURCES.find(([pattern]) => pattern.test(text))?.[1];
  result.secret = SECRET_ARN.exec(text)?.[0];
  result.parameter = PARAMETER_ARN.exec(text)?.[0] ?? /invalid ssm parameters?:?\s*([\w/.-]+)/i.exec(text)?.[1];
  result.image = ECR_IMAGE.exec(text)?.[1] ?? ECR_REPOSITORY_ARN.exec(text)?.[0];
  result.logGroup = LOG_GROUP_ARN.exec(text)?.[1];
  // "unable to download s3 config KEY from bucket BUCKET" (FireLens) names the object without an ARN.
  const bucketAndKey = /config (\S+) from bucket ([\w.-]+)/i.exec(text);
  result.s3Object = S3_ARN.exec(text)?.[0] ?? (bucketAndKey ? `arn:aws:s3:::${bucketAndKey[2]}/${bucketAndKey[1]}` : undefined);
  result.stage = stageOf(text, result.action);
  result.family = familyOf(text, result);
  if (result.family === 'assume-role' && !result.roleName) {
    const role = IAM_ROLE.exec(text);
    if (role) {
      result.roleName = role[3];
      result.account ??= role[2];
      result.resource ??= role[0];
    }
  }
  if (result.family === 'pass-role') {
    const role = result.resource ? IAM_ROLE.exec(result.resource) : undefined;
    if (role) result.roleName = role[3];
  }
  if (result.family === 'network') {
    result.endpoint = /(?:https?:\/\/|dial tcp:? (?:lookup )?)([a-z0-9.-]+\.amazonaws\.com(?:\.cn)?)/i.exec(text)?.[1];
  }
  if (result.family === 'register-execution-role-required') {
    result.requiredFor = /must also specify a value for 'executionRoleArn'/i.test(text)
      ? 'container secrets'
      : /to support ([^.]+)/i.exec(text)?.[1]?.trim();
  }
  return result;
}

function familyOf(text: string, error: RecognisedError): ErrorFamily {
  const { stage, action } = error;
  const service = action?.split(':')[0].toLowerCase();
  const accessDenied =
    Boolean(action) || /AccessDenied|Access Denied|not authorized|403 Forbidden|Forbidden|status code: 403|StatusCode: 403/i.test(text);

  // Registration errors come from the API, before any task runs.
  if (/must also specify a value for 'executionRoleArn'|requires task definition to have execution role/i.test(text)) {
    return 'register-execution-role-required';
  }
  if (service === 'iam' && /passrole/i.test(action ?? '')) return 'pass-role';
  if (/unable to assume the role/i.test(text)) return 'assume-role';

  // KMS before Secrets Manager and SSM: the same prefix, a different policy (and often the key policy).
  if (
    /Access to KMS is not allowed|ciphertext refers to a customer master key|KMS(?:\.|\s)?AccessDeniedException|kms:Decrypt|KMSAccessDenied|key policy/i.test(
      text,
    ) ||
    service === 'kms'
  ) {
    return 'kms-access-denied';
  }

  if (accessDenied) {
    if (stage === 'register') return 'register-execution-role-required';
    if (stage === 'firelens-config') return 'firelens-config';
    if (stage === 'environment-files') return 'environment-file-access-denied';
    if (stage === 'awslogs') {
      return /logs:CreateLogGroup|create (?:log )?group/i.test(text) && !/logs:CreateLogStream/i.test(text)
        ? 'awslogs-create-group-denied'
        : 'awslogs-access-denied';
    }
    if (stage === 'registry-auth') return 'ecr-auth-access-denied';
    if (service === 'ssm' || /secrets from ssm/i.test(text)) return 'ssm-access-denied';
    if (service === 'secretsmanager' || stage === 'secrets') {
      return /private registry|repositoryCredentials|registry credentials/i.test(text)
        ? 'private-registry-credentials'
        : 'secrets-manager-access-denied';
    }
    if (service === 'ecr' || stage === 'image-pull') return 'ecr-pull-access-denied';
  }

  // Not-found families: a name is wrong, nothing to grant.
  if (/ResourceNotFoundException: Secrets Manager can.t find|can't find the specified secret|Secrets Manager can.t find/i.test(text)) {
    return 'secret-not-found';
  }
  if (/invalid ssm parameters?|ParameterNotFound|InvalidParameters/i.test(text)) return 'ssm-parameter-not-found';
  if (stage === 'awslogs' && /log group does not exist|ResourceNotFoundException/i.test(text)) return 'awslogs-group-missing';
  if (
    stage === 'awslogs' &&
    /awslogs-[a-z-]+ is required|unable to get awslogs driver arguments|must specify|awslogs-group|awslogs-region/i.test(text) &&
    !NETWORK.some((pattern) => pattern.test(text))
  ) {
    return 'awslogs-options';
  }
  if (stage === 'environment-files' && /NoSuchKey|does not exist|not found|NoSuchBucket/i.test(text)) return 'environment-file-not-found';
  if (stage === 'firelens-config') return NETWORK.some((pattern) => pattern.test(text)) ? 'network' : 'firelens-config';
  if (/repository [^ ]+ not found|repository does not exist|RepositoryNotFoundException|name unknown/i.test(text)) {
    return 'ecr-repository-not-found';
  }
  if (
    /: not found|manifest unknown|ImageNotFoundException|manifest for [^ ]+ not found|failed to resolve ref[^:]*:[^ ]* not found/i.test(
      text,
    )
  ) {
    return 'ecr-image-not-found';
  }
  // The ambiguous awslogs message names both causes; the network half is the usual one when the group exists.
  if (stage === 'awslogs' && /cannot find the Amazon CloudWatch log group/i.test(text)) return 'awslogs-group-missing';
  if (NETWORK.some((pattern) => pattern.test(text))) return 'network';
  if (/unauthorized|incorrect username or password|authentication required|no basic auth credentials/i.test(text)) {
    return error.image || /ecr/i.test(text) ? 'ecr-pull-access-denied' : 'private-registry-login';
  }
  return 'unknown';
}
