// Format checks for the ARNs and names a task definition refers to: IAM roles, Secrets Manager
// secrets and SSM parameters. Placeholders (XXXXXXXXXXXX, <account-id>, ${Region}) are reported by the
// `placeholder` rule; here they count as valid so one mistake is reported once.
import { findPlaceholders } from '../core/placeholders';

export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'];
const PLACEHOLDER = '\u0000';
const REGION = /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const SSM_PARAMETER_NAME = /^[a-zA-Z0-9_.\-/]{1,2048}$/;
const SECRET_NAME = /^[a-zA-Z0-9/_+=.@-]{1,512}$/;

/** The value with every placeholder replaced by one marker character, so checks can skip those parts. */
function maskPlaceholders(value: string): string {
  const matches = findPlaceholders(value, false);
  let masked = value;
  for (const match of [...matches].sort((a, b) => b.offset - a.offset)) {
    masked = masked.slice(0, match.offset) + PLACEHOLDER + masked.slice(match.offset + match.length);
  }
  return masked;
}

const hasPlaceholder = (field: string) => field.includes(PLACEHOLDER);

function checkPartition(partition: string): string | undefined {
  if (hasPlaceholder(partition) || PARTITIONS.includes(partition)) return undefined;
  return `the partition \`${partition}\` is not one of ${PARTITIONS.slice(0, 3).join(', ')}`;
}

function checkAccount(account: string): string | undefined {
  if (hasPlaceholder(account) || /^\d{12}$/.test(account)) return undefined;
  if (/^\d+$/.test(account)) return `the account ID \`${account}\` has ${account.length} digits instead of 12`;
  return account === '' ? 'the account ID is missing' : `\`${account}\` is not a 12-digit account ID`;
}

function checkRegion(region: string): string | undefined {
  if (hasPlaceholder(region) || REGION.test(region)) return undefined;
  return region === '' ? 'the region is missing' : `\`${region}\` is not a region such as us-east-1`;
}

export interface RoleFormatProblem {
  problem: string;
  /** The value is a plain role name (valid as such). */
  isName?: boolean;
}

/** Why a taskRoleArn/executionRoleArn value is neither a role name nor a role ARN; `isName` for a valid name. */
/** The common well-formed cases, accepted without the slower placeholder analysis. */
const PLAIN_ROLE_ARN = /^arn:aws(?:-cn|-us-gov)?:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
const PLAIN_SECRET_ARN =
  /^arn:aws(?:-cn|-us-gov)?:secretsmanager:[a-z]{2}(?:-gov)?-[a-z]+-\d:\d{12}:secret:[\w/+=.@-]+(?::[^:]*:[^:]*:[^:]*)?$/;
const PLAIN_PARAMETER_ARN = /^arn:aws(?:-cn|-us-gov)?:ssm:[a-z]{2}(?:-gov)?-[a-z]+-\d:\d{12}:parameter\/[\w.\-/]+$/;

export function roleFormatProblem(value: string): RoleFormatProblem | undefined {
  if (PLAIN_ROLE_ARN.test(value)) return undefined;
  const masked = maskPlaceholders(value.trim());
  if (!masked.startsWith('arn:')) {
    if (hasPlaceholder(masked)) return undefined;
    if (ROLE_NAME.test(masked)) return { problem: '', isName: true };
    return {
      problem: `\`${value}\` is neither a role ARN (arn:aws:iam::123456789012:role/NAME) nor a role name (up to 64 letters, digits and +=,.@_-)`,
    };
  }
  const fields = masked.split(':');
  if (fields.length !== 6) return { problem: 'a role ARN has six colon-separated fields: arn:PARTITION:iam::ACCOUNT:role/NAME' };
  const [, partition, service, region, account, resource] = fields;
  const problems = [
    checkPartition(partition),
    service === 'iam' || hasPlaceholder(service) ? undefined : `the service is \`${service}\`, not \`iam\``,
    region === '' || hasPlaceholder(region) ? undefined : `IAM ARNs have no region, but this one has \`${region}\``,
    checkAccount(account),
    hasPlaceholder(resource) || /^role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/.test(resource)
      ? undefined
      : resource.startsWith('role/')
        ? `\`${resource.slice(5)}\` is not a valid role name or path`
        : `the resource is \`${resource}\`, not \`role/NAME\`${resource.startsWith('instance-profile/') ? ' (this is an instance profile, not a role)' : ''}`,
  ].filter((problem): problem is string => problem !== undefined);
  return problems.length > 0 ? { problem: problems.join('; ') } : undefined;
}

/** Why a secrets[].valueFrom value is neither a Secrets Manager ARN nor an SSM parameter ARN or name. */
export function secretReferenceProblem(value: string, allowParameter = true): string | undefined {
  if (PLAIN_SECRET_ARN.test(value) || (allowParameter && PLAIN_PARAMETER_ARN.test(value))) return undefined;
  const masked = maskPlaceholders(value.trim());
  if (masked === '') return 'the reference is empty';
  if (!masked.startsWith('arn:')) {
    if (hasPlaceholder(masked)) return undefined;
    if (allowParameter ? SSM_PARAMETER_NAME.test(masked) : SECRET_NAME.test(masked)) return undefined;
    return allowParameter
      ? `\`${value}\` is not a Secrets Manager or SSM parameter ARN, and not a valid parameter name (letters, digits, . _ - /)`
      : `\`${value}\` is neither a Secrets Manager secret ARN nor a secret name`;
  }
  const fields = masked.split(':');
  if (fields.length < 6) return 'an ARN has at least six colon-separated fields';
  const [, partition, service, region, account] = fields;
  const common = [checkPartition(partition), checkRegion(region), checkAccount(account)];
  if (service === 'secretsmanager' || (hasPlaceholder(service) && fields[5] === 'secret')) {
    const shape =
      fields[5] !== 'secret'
        ? `a Secrets Manager ARN continues with \`secret:NAME\`, not \`${fields[5]}\``
        : fields.length !== 7 && fields.length !== 10
          ? 'a Secrets Manager reference is arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME, optionally followed by all three of :json-key:version-stage:version-id (each may be empty)'
          : fields[6] === ''
            ? 'the secret name is missing'
            : undefined;
    const problems = [...common, shape].filter(Boolean);
    return problems.length > 0 ? problems.join('; ') : undefined;
  }
  if (service === 'ssm' && allowParameter) {
    const resource = fields.slice(5).join(':');
    const shape =
      /^parameter\/./.test(resource) || hasPlaceholder(resource)
        ? undefined
        : `an SSM parameter ARN ends in \`parameter/NAME\`, not \`${resource}\``;
    const problems = [...common, shape].filter(Boolean);
    return problems.length > 0 ? problems.join('; ') : undefined;
  }
  if (hasPlaceholder(service)) return undefined;
  return allowParameter
    ? `this is an ARN of \`${service}\`; ECS reads secrets only from Secrets Manager (\`secretsmanager\`) and SSM Parameter Store (\`ssm\`)`
    : `this is an ARN of \`${service}\`; private registry credentials must be a Secrets Manager secret`;
}
