// What each recognised error family means: who needed what, whether it is an IAM problem at all, the AWS
// page it rests on, and — when the workspace cannot settle it — where else to look, in order.
import type { ExecutionFeature } from '../ecs/executionRoleNeeds';
import type { ErrorFamily, RecognisedError } from './recognise';

const ECS_GUIDE = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide';

export interface FamilyInfo {
  /** One line, shown as the answer's heading. */
  title: string;
  /** False for networking, names that do not exist and bad options: no policy edit fixes them. */
  iam: boolean;
  /** Which role's permissions decide it. `caller`: whoever calls the ECS API (a user, a CI role). */
  role: 'execution' | 'task' | 'caller' | 'none';
  /** When it happens. */
  phase: 'register' | 'start';
  /** The task-definition features that cause it (to find them in the workspace). */
  features: readonly ExecutionFeature[];
  docsUrl: string;
  /** What to check or change, for the families no workspace policy can fix. */
  steps?: readonly string[];
}

const NETWORK_STEPS = [
  'This is a network failure, not a permission problem: the task could not reach the AWS endpoint at all. Do not change a policy for it.',
  'A task in a public subnet needs a public IP (`assignPublicIp: ENABLED`) and a route to an internet gateway.',
  'A task in a private subnet needs a route to a NAT gateway, or VPC endpoints for the services it uses at start: `ecr.api`, `ecr.dkr` and the S3 gateway endpoint (image layers), `logs`, `secretsmanager`, `ssm`, `kms` where secrets use a customer managed key.',
  "Check that the security group allows outbound HTTPS (443) to those endpoints, that the subnet's network ACL allows the return traffic, and that the VPC resolves DNS (enableDnsSupport, enableDnsHostnames; private DNS on interface endpoints).",
];

export const FAMILIES: Record<ErrorFamily, FamilyInfo> = {
  'secrets-manager-access-denied': {
    title: 'The execution role may not read a Secrets Manager secret the task injects',
    iam: true,
    role: 'execution',
    phase: 'start',
    features: ['secrets-manager-secret', 'repository-credentials'],
    docsUrl: `${ECS_GUIDE}/secrets-envvar-secrets-manager.html`,
  },
  'ssm-access-denied': {
    title: 'The execution role may not read an SSM parameter the task injects',
    iam: true,
    role: 'execution',
    phase: 'start',
    features: ['ssm-parameter'],
    docsUrl: `${ECS_GUIDE}/secrets-envvar-ssm-paramstore.html`,
  },
  'kms-access-denied': {
    title: 'The secret or parameter is encrypted with a KMS key the execution role may not use',
    iam: true,
    role: 'execution',
    phase: 'start',
    features: ['secrets-manager-secret', 'ssm-parameter', 'repository-credentials', 'secret-kms-key'],
    docsUrl: `${ECS_GUIDE}/task_execution_IAM_role.html#task-execution-secrets`,
  },
  'secret-not-found': {
    title: 'The secret the task injects does not exist (or has no current value) in that account and region',
    iam: false,
    role: 'none',
    phase: 'start',
    features: ['secrets-manager-secret', 'repository-credentials'],
    docsUrl: `${ECS_GUIDE}/secrets-envvar-secrets-manager.html`,
    steps: [
      'Not a permission problem: Secrets Manager answered that the secret (or the version or JSON key the reference asks for) does not exist.',
      "Compare the `valueFrom` ARN with the secret's ARN in the console, including the region, the account and the 6-character suffix; check that the secret has a value under the AWSCURRENT label.",
    ],
  },
  'ssm-parameter-not-found': {
    title: 'The SSM parameter the task injects does not exist in that account and region',
    iam: false,
    role: 'none',
    phase: 'start',
    features: ['ssm-parameter'],
    docsUrl: `${ECS_GUIDE}/secrets-envvar-ssm-paramstore.html`,
    steps: [
      "Not a permission problem: SSM reported the parameter as invalid, which means it does not exist under that name in the task's region.",
      'Check the name (a full ARN if the parameter is in another region), and that it was created before the task started.',
    ],
  },
  'ecr-auth-access-denied': {
    title: 'The execution role may not get an ECR authorization token',
    iam: true,
    role: 'execution',
    phase: 'start',
    features: ['private-ecr-image'],
    docsUrl: `${ECS_GUIDE}/task_execution_IAM_role.html`,
  },
  'ecr-pull-access-denied': {
    title: 'The execution role may not pull the image from ECR',
    iam: true,
    role: 'execution',
    phase: 'start',
    features: ['private-ecr-image'],
    docsUrl: `${ECS_GUIDE}/task_cannot_pull_image.html`,
  },
  'ecr-repository-not-found': {
    title: 'The ECR repository in the image name does not exist in that account and region',
    iam: false,
    role: 'none',
    phase: 'start',
    features: ['private-ecr-image'],
    docsUrl: `${ECS_GUIDE}/task_cannot_pull_image.html`,
    steps: [
      'Usually not a permission problem: the repository name, account or region in `image` does not match a repository.',
      'ECR also answers "repository does not exist or may require docker login" when the pull is denied; if the repository exists, the permission checks below apply.',
    ],
  },
  'ecr-image-not-found': {
    title: 'The image tag or digest does not exist in the repository',
    iam: false,
    role: 'none',
    phase: 'start',
    features: ['private-ecr-image'],
    docsUrl: `${ECS_GUIDE}/task_cannot_pull_image.html`,
    steps: [
      'Not a permission problem: the repository exists but holds no image with that tag or digest.',
      'Push the image, or correct the tag in `image`; a lifecycle policy may have expired an old tag.',
    ],
  },
  'awslogs-access-denied': {
    title: 'The execution role may not write to the awslogs log group',
    iam: true,
    role: 'execution',
    phase: 'start',
    features: ['awslogs'],
    docsUrl: `${ECS_GUIDE}/using_awslogs.html`,
  },
  'awslogs-create-group-denied': {
    title: 'awslogs-create-group is set, but the execution role may not create the log group',
    iam: true,
    role: 'execution',
    phase: 'start',
    features: ['awslogs'],
    docsUrl: `${ECS_GUIDE}/using_awslogs.html`,
  },
  'awslogs-group-missing': {
    title: 'The awslogs log group does not exist (or CloudWatch Logs could not be reached)',
    iam: false,
    role: 'none',
    phase: 'start',
    features: ['awslogs'],
    docsUrl: `${ECS_GUIDE}/using_awslogs.html`,
    steps: [
      'Create the log group named in `awslogs-group` in the `awslogs-region`, or set `awslogs-create-group` to "true" and allow `logs:CreateLogGroup` to the execution role (the managed policy AmazonECSTaskExecutionRolePolicy does not).',
      'ECS words this error the same way when the task cannot reach CloudWatch Logs: if the group exists, check the route to the `logs` endpoint (public IP, NAT gateway or a `logs` VPC endpoint).',
    ],
  },
  'awslogs-options': {
    title: 'The awslogs options are incomplete',
    iam: false,
    role: 'none',
    phase: 'start',
    features: ['awslogs'],
    docsUrl: `${ECS_GUIDE}/using_awslogs.html`,
    steps: [
      'Not a permission problem: set `awslogs-group`, `awslogs-region` (and on Fargate `awslogs-stream-prefix`) in `logConfiguration.options`.',
    ],
  },
  'environment-file-access-denied': {
    title: 'The execution role may not read an environment file from S3',
    iam: true,
    role: 'execution',
    phase: 'start',
    features: ['environment-file'],
    docsUrl: `${ECS_GUIDE}/use-environment-file.html`,
  },
  'environment-file-not-found': {
    title: 'The environment file does not exist in S3',
    iam: false,
    role: 'none',
    phase: 'start',
    features: ['environment-file'],
    docsUrl: `${ECS_GUIDE}/use-environment-file.html`,
    steps: [
      'The object named in `environmentFiles[].value` is missing: upload it or correct the ARN (`arn:aws:s3:::BUCKET/KEY`, with the `.env` extension).',
      'S3 answers 403 instead of 404 for a missing key when the caller may not list the bucket, so a 403 can still be a missing file.',
    ],
  },
  'private-registry-credentials': {
    title: 'The execution role may not read the private registry credentials secret',
    iam: true,
    role: 'execution',
    phase: 'start',
    features: ['repository-credentials'],
    docsUrl: `${ECS_GUIDE}/private-auth.html`,
  },
  'private-registry-login': {
    title: 'The registry rejected the credentials (or the image needs them)',
    iam: false,
    role: 'none',
    phase: 'start',
    features: ['repository-credentials'],
    docsUrl: `${ECS_GUIDE}/private-auth.html`,
    steps: [
      'Not an IAM problem: the registry itself refused the login. Check the `username` and `password` keys of the secret in `repositoryCredentials.credentialsParameter`, and that the token may pull this image.',
      'An image from a private registry without `repositoryCredentials` is pulled anonymously and fails the same way.',
    ],
  },
  'firelens-config': {
    title: 'The FireLens configuration file could not be read from S3',
    iam: true,
    role: 'execution',
    phase: 'start',
    features: ['firelens-s3-config'],
    docsUrl: `${ECS_GUIDE}/firelens-taskdef.html`,
  },
  'assume-role': {
    title: 'ECS could not assume the role the task definition names',
    iam: true,
    role: 'execution',
    phase: 'start',
    features: [],
    docsUrl: `${ECS_GUIDE}/task_execution_IAM_role.html`,
  },
  'pass-role': {
    title: 'The caller may not pass the role to ECS (iam:PassRole)',
    iam: true,
    role: 'caller',
    phase: 'register',
    features: [],
    docsUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
  },
  'register-execution-role-required': {
    title: 'The task definition needs an execution role and names none',
    iam: true,
    role: 'execution',
    phase: 'register',
    features: [],
    docsUrl: `${ECS_GUIDE}/task_execution_IAM_role.html`,
  },
  network: {
    title: 'Network failure, not an IAM problem: the task could not reach an AWS endpoint',
    iam: false,
    role: 'none',
    phase: 'start',
    features: [],
    docsUrl: `${ECS_GUIDE}/resource-initialization-error.html`,
    steps: NETWORK_STEPS,
  },
  unknown: {
    title: 'Not a recognised ECS start or registration error',
    iam: false,
    role: 'none',
    phase: 'start',
    features: [],
    docsUrl: `${ECS_GUIDE}/stopped-task-error-codes.html`,
    steps: [
      'Paste the whole stopped reason (`aws ecs describe-tasks --query "tasks[].stoppedReason"`) or the service event; the part after the first colon names the step that failed.',
    ],
  },
};

/** The task-definition features an error points at; register errors name theirs in words. */
export function featuresOf(error: RecognisedError): readonly ExecutionFeature[] {
  if (error.family === 'register-execution-role-required') {
    const what = (error.requiredFor ?? '').toLowerCase();
    if (what.includes('secret')) return ['secrets-manager-secret', 'ssm-parameter'];
    if (what.includes('ecr')) return ['private-ecr-image'];
    if (what.includes('awslogs')) return ['awslogs'];
    return ['private-ecr-image', 'awslogs', 'secrets-manager-secret', 'ssm-parameter', 'repository-credentials', 'environment-file'];
  }
  if (error.family === 'network') {
    switch (error.stage) {
      case 'secrets':
        return /ssm/i.test(error.text) ? ['ssm-parameter'] : ['secrets-manager-secret', 'repository-credentials'];
      case 'registry-auth':
      case 'image-pull':
        return ['private-ecr-image'];
      case 'awslogs':
        return ['awslogs'];
      case 'environment-files':
        return ['environment-file'];
      case 'firelens-config':
        return ['firelens-s3-config'];
      default:
        return [];
    }
  }
  if (error.family === 'kms-access-denied') {
    return /ssm/i.test(error.text) && !error.secret ? ['ssm-parameter'] : FAMILIES[error.family].features;
  }
  return FAMILIES[error.family].features;
}

/**
 * Where else a denial can come from when the workspace's policies allow it (or cannot tell), in the order
 * worth checking. IAM's own message, when it names the source, goes first.
 */
export function remainingSuspects(error: RecognisedError, kms: boolean): string[] {
  const suspects: Array<[string, string]> = [];
  if (kms || error.family === 'kms-access-denied') {
    suspects.push([
      'kms',
      'the KMS key policy of the key that encrypts the secret or parameter: it must let the execution role call `kms:Decrypt` (directly, or by allowing IAM policies of the account), and the role needs `kms:Decrypt` on the key too',
    ]);
  }
  suspects.push(['scp', 'a service control policy (AWS Organizations) on the account that denies the action']);
  suspects.push(['boundary', 'a permissions boundary on the role that does not include the action']);
  suspects.push([
    'resource-policy',
    `a resource policy on the ${resourceKind(error)} that denies the role (or, across accounts, does not allow it)`,
  ]);
  suspects.push([
    'not-deployed',
    'the deployed role is not what the workspace says: a policy not attached, an older version, or another role name in the running task definition revision',
  ]);
  const first: Record<string, string> = { scp: 'scp', rcp: 'scp', boundary: 'boundary', 'resource-policy': 'resource-policy' };
  const named = error.denial ? first[error.denial] : undefined;
  if (named) suspects.sort((a, b) => Number(b[0] === named) - Number(a[0] === named));
  return suspects.map(([, text]) => text);
}

function resourceKind(error: RecognisedError): string {
  const service = (error.action ?? '').split(':')[0];
  switch (service) {
    case 'secretsmanager':
      return 'secret';
    case 'ecr':
      return 'ECR repository';
    case 's3':
      return 'S3 bucket';
    case 'logs':
      return 'log group';
    case 'kms':
      return 'KMS key';
    default:
      return 'resource';
  }
}
