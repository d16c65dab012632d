// taskRoleArn / executionRoleArn accept a role name or a role ARN (the API documentation of
// RegisterTaskDefinition). These helpers read either form so two spellings of one role compare equal.

export interface RoleReference {
  /** The role name, the last segment of the ARN's `role/path/name` resource. */
  name: string;
  /** Present when the value is an ARN. */
  arn?: { partition: string; account: string; path: string };
}

const ROLE_ARN = /^arn:([^:]+):iam::([^:]*):role\/(.+)$/;

export function parseRoleReference(value: string): RoleReference | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  const match = ROLE_ARN.exec(trimmed);
  if (match) {
    const resource = match[3];
    const slash = resource.lastIndexOf('/');
    return {
      name: resource.slice(slash + 1),
      arn: { partition: match[1], account: match[2], path: slash >= 0 ? `/${resource.slice(0, slash + 1)}` : '/' },
    };
  }
  if (trimmed.startsWith('arn:')) return undefined;
  return { name: trimmed };
}

/**
 * Whether two references name the same role. IAM role names are unique per account regardless of
 * case, so names compare case-insensitively; two ARNs must also agree on partition and account.
 */
export function isSameRole(first: RoleReference, second: RoleReference): boolean {
  if (first.name.toLowerCase() !== second.name.toLowerCase()) return false;
  if (first.arn && second.arn) {
    return first.arn.partition === second.arn.partition && first.arn.account === second.arn.account;
  }
  return true;
}
