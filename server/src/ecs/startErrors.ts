// The error a task stops with when its execution role lacks a permission, per task-definition feature:
// the text a user would search for. One place, read by the missing-permission diagnostic, the role
// hover and the explain feature's tests (which check that each text is recognised as its family).
// Wording from the ECS Developer Guide's troubleshooting pages ("Amazon ECS stopped tasks errors",
// "ResourceInitializationError", "CannotPullContainer task errors").
import type { ExecutionFeature } from './executionRoleNeeds';

const SECRETS_PREFIX = 'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed:';

/** The start error, shortened with "…" where the real one names the account, the session and the request. */
export function startErrorFor(feature: ExecutionFeature | string, action: string): string | undefined {
  const denied = `AccessDeniedException: … is not authorized to perform: ${action}`;
  switch (feature) {
    case 'secrets-manager-secret':
    case 'repository-credentials':
      return action.startsWith('kms:')
        ? `${SECRETS_PREFIX} unable to retrieve secret from asm: … AccessDeniedException: Access to KMS is not allowed`
        : `${SECRETS_PREFIX} unable to retrieve secret from asm: … ${denied}`;
    case 'secret-kms-key':
      return `${SECRETS_PREFIX} unable to retrieve secret from asm: … AccessDeniedException: Access to KMS is not allowed`;
    case 'ssm-parameter':
      return `${SECRETS_PREFIX} unable to retrieve secrets from ssm: … ${denied}`;
    case 'private-ecr-image':
      return action === 'ecr:GetAuthorizationToken'
        ? `${SECRETS_PREFIX} unable to retrieve ecr registry auth: … ${denied}`
        : `CannotPullContainerError: … ${denied}`;
    case 'awslogs':
      return action === 'logs:CreateLogGroup'
        ? `ResourceInitializationError: failed to validate logger args: create log group … ${denied}`
        : `ResourceInitializationError: failed to validate logger args: create stream … ${denied}`;
    case 'environment-file':
      return `ResourceInitializationError: failed to download env files: … AccessDenied: … is not authorized to perform: ${action}`;
    case 'firelens-s3-config':
      return `ResourceInitializationError: Unable to download firelens s3 config file: … AccessDenied: … is not authorized to perform: ${action}`;
    default:
      return undefined;
  }
}

/** What ECS reports when the role's trust policy does not let `ecs-tasks.amazonaws.com` assume it. */
export function assumeRoleErrorFor(roleName: string): string {
  return `ECS was unable to assume the role 'arn:aws:iam::…:role/${roleName}' that was provided for this task`;
}

/** What the application (or the log router) gets at run time when the task role lacks an action. */
export function runtimeDeniedErrorFor(roleName: string, action: string): string {
  return `AccessDeniedException: User: arn:aws:sts::…:assumed-role/${roleName}/… is not authorized to perform: ${action}`;
}
