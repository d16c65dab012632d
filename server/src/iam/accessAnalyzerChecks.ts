// Every check of the public "IAM policy validation check reference" of IAM Access Analyzer, mapped to the rule
// of ours that reports the same problem, or to why it does not apply (issue 14 item 2). docs/rules.md renders
// this table (`npm run generate`); a test checks that every rule id named here exists.

export type AccessAnalyzerFindingType = 'Error' | 'General warning' | 'Security warning' | 'Suggestion';

export interface AccessAnalyzerCheck {
  type: AccessAnalyzerFindingType;
  /** The check's name as the reference titles it. */
  name: string;
  /** Our rules that report it. */
  rules?: string[];
  /** How our rule differs, or why no rule applies, or what is not done yet. */
  note?: string;
  /** Not reported yet: the honest state, with the reason. */
  pending?: boolean;
}

export const ACCESS_ANALYZER_REFERENCE_URL =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html';

const RISK = 'issue 14 item 3 (in progress)';
const NO_REGION_TABLE = 'the IAM data has no per-service Region list; Region codes are checked for their format only';

export const ACCESS_ANALYZER_CHECKS: readonly AccessAnalyzerCheck[] = [
  // Errors
  { type: 'Error', name: 'ARN account not allowed', rules: ['iam/arn-syntax'] },
  { type: 'Error', name: 'ARN Region not allowed', rules: ['iam/arn-syntax'] },
  { type: 'Error', name: 'Data type mismatch', rules: ['iam/value-type', 'iam/condition-value'] },
  { type: 'Error', name: 'Duplicate keys with different case', rules: ['iam/condition-block'] },
  {
    type: 'Error',
    name: 'Invalid action',
    rules: ['iam/unknown-action'],
    note: 'a warning: IAM accepts the policy and the action may be newer than the bundled IAM data (AWS managed policies grant a few); an action without a `service:` prefix, which IAM rejects, is an error',
  },
  { type: 'Error', name: 'Invalid ARN account', rules: ['iam/arn-syntax'] },
  { type: 'Error', name: 'Invalid ARN prefix', rules: ['iam/arn-syntax'] },
  { type: 'Error', name: 'Invalid ARN Region', rules: ['iam/arn-syntax'], note: NO_REGION_TABLE },
  { type: 'Error', name: 'Invalid ARN resource', rules: ['iam/arn-syntax'] },
  {
    type: 'Error',
    name: 'Invalid ARN service case',
    rules: ['iam/arn-syntax'],
    note: 'reported as an ARN that fits no resource type (warning)',
  },
  { type: 'Error', name: 'Invalid condition data type', rules: ['iam/condition-value'] },
  { type: 'Error', name: 'Invalid condition key format', rules: ['iam/condition-block'] },
  { type: 'Error', name: 'Invalid condition multiple Boolean', rules: ['iam/condition-block'] },
  { type: 'Error', name: 'Invalid condition operator', rules: ['iam/condition-operator'] },
  { type: 'Error', name: 'Invalid effect', rules: ['iam/effect'] },
  { type: 'Error', name: 'Invalid global condition key', rules: ['iam/condition-key'] },
  { type: 'Error', name: 'Invalid partition', rules: ['iam/arn-syntax'] },
  { type: 'Error', name: 'Invalid policy element', rules: ['iam/unknown-key'] },
  { type: 'Error', name: 'Invalid principal format', rules: ['iam/principal-element'] },
  { type: 'Error', name: 'Invalid principal key', rules: ['iam/principal-element'] },
  { type: 'Error', name: 'Invalid Region', rules: ['iam/arn-syntax'], note: NO_REGION_TABLE },
  {
    type: 'Error',
    name: 'Invalid service',
    rules: ['iam/unknown-service'],
    note: 'a warning: a service newer than the bundled IAM data is not a mistake',
  },
  { type: 'Error', name: 'Invalid service condition key', rules: ['iam/condition-key'] },
  { type: 'Error', name: 'Invalid service in action', rules: ['iam/unknown-service'] },
  { type: 'Error', name: 'Invalid service principal format', rules: ['iam/principal-element'] },
  { type: 'Error', name: 'Invalid variable for operator', rules: ['iam/policy-variable'] },
  { type: 'Error', name: 'Invalid version', rules: ['iam/version'] },
  { type: 'Error', name: 'Json syntax error', rules: ['json/syntax', 'yaml/syntax'] },
  { type: 'Error', name: 'Missing action', rules: ['iam/action-element'] },
  { type: 'Error', name: 'Missing ARN field', rules: ['iam/arn-syntax'] },
  { type: 'Error', name: 'Missing ARN Region', rules: ['iam/arn-syntax'] },
  { type: 'Error', name: 'Missing effect', rules: ['iam/effect'] },
  { type: 'Error', name: 'Missing principal', rules: ['iam/principal-element'] },
  { type: 'Error', name: 'Missing qualifier', rules: ['iam/set-operator'] },
  { type: 'Error', name: 'Missing resource', rules: ['iam/resource-element'] },
  {
    type: 'Error',
    name: 'Missing statement',
    rules: ['iam/statement'],
    note: 'a `{"Version": ...}` file without `Statement` is recognised as a policy',
  },
  {
    type: 'Error',
    name: 'Missing tag key in condition',
    rules: ['iam/condition-key'],
    note: 'a warning: `aws:RequestTag/` is no known key',
  },
  { type: 'Error', name: 'Null with if exists', rules: ['iam/condition-operator'] },
  {
    type: 'Error',
    name: 'SCP syntax error action wildcard',
    note: 'does not apply since September 2025: SCPs accept wildcards anywhere in an action',
  },
  {
    type: 'Error',
    name: 'SCP syntax error allow condition',
    note: 'does not apply since September 2025: SCP Allow statements accept Condition',
  },
  {
    type: 'Error',
    name: 'SCP syntax error allow NotAction',
    note: 'does not apply since September 2025: SCP Allow statements accept NotAction',
  },
  {
    type: 'Error',
    name: 'SCP syntax error allow resource',
    note: 'does not apply since September 2025: SCP Allow statements accept specific resources',
  },
  { type: 'Error', name: 'SCP syntax error NotResource', note: 'does not apply since September 2025: SCPs accept NotResource' },
  {
    type: 'Error',
    name: 'SCP syntax error principal',
    rules: ['iam/organizations-policy'],
    note: 'also the RCP grammar: `Principal` `"*"` only, no `NotPrincipal`/`NotAction`, Deny only; the 5,120-character SCP/RCP quota is `iam/policy-size`',
  },
  { type: 'Error', name: 'Unique Sids required', rules: ['iam/sid'], note: 'error where the service rejects repeats (SNS topic policies)' },
  {
    type: 'Error',
    name: 'Unsupported action in policy',
    rules: ['iam/resource-policy-service'],
    note: 'where the policy type is known from its CloudFormation resource or `.ecs-iam.json`',
  },
  {
    type: 'Error',
    name: 'Unsupported element combination',
    rules: ['iam/action-element', 'iam/resource-element', 'iam/principal-element'],
  },
  { type: 'Error', name: 'Unsupported global condition key', rules: ['iam/condition-key'] },
  { type: 'Error', name: 'Unsupported principal', rules: ['iam/principal-element', 'iam/organizations-policy'] },
  {
    type: 'Error',
    name: 'Unsupported resource ARN in policy',
    rules: ['iam/resource-policy-service'],
    note: 'an ARN of another service; `"*"` is accepted (KMS, SQS and SNS policies use it for their own resource)',
  },
  { type: 'Error', name: 'Unsupported Sid', rules: ['iam/sid'] },
  { type: 'Error', name: 'Unsupported wildcard in principal', rules: ['iam/principal-element'] },
  { type: 'Error', name: 'Missing brace in variable', rules: ['iam/policy-variable'] },
  { type: 'Error', name: 'Unsupported symbol in variable', rules: ['iam/policy-variable'] },
  { type: 'Error', name: 'Missing quote in variable', rules: ['iam/policy-variable'] },
  { type: 'Error', name: 'Unsupported space in variable', rules: ['iam/policy-variable'] },
  { type: 'Error', name: 'Empty variable', rules: ['iam/policy-variable'] },
  { type: 'Error', name: 'Variable unsupported in element', rules: ['iam/policy-variable'], note: 'variables in `Action`/`NotAction`' },
  { type: 'Error', name: 'Variable unsupported in version', rules: ['iam/version'] },
  { type: 'Error', name: 'Private IP address', rules: ['iam/condition-block'] },
  {
    type: 'Error',
    name: 'Private NotIpAddress',
    rules: ['iam/condition-block'],
    note: 'a warning: the statement still works, the condition is always true',
  },
  { type: 'Error', name: 'Policy size exceeds SCP quota', rules: ['iam/policy-size'] },
  // General warnings
  { type: 'General warning', name: 'Create SLR with NotResource', rules: ['iam/create-service-linked-role'] },
  { type: 'General warning', name: 'Create SLR with star in action and NotResource', rules: ['iam/create-service-linked-role'] },
  { type: 'General warning', name: 'Create SLR with NotAction and NotResource', rules: ['iam/create-service-linked-role'] },
  {
    type: 'General warning',
    name: 'Create SLR with star in resource',
    rules: ['iam/create-service-linked-role'],
    note: 'not with an `iam:AWSServiceName` condition',
  },
  {
    type: 'General warning',
    name: 'Create SLR with star in action and resource',
    rules: ['iam/admin-access', 'iam/create-service-linked-role'],
    note: '`"Action": "*"` is `iam/admin-access`',
  },
  { type: 'General warning', name: 'Create SLR with star in resource and NotAction', rules: ['iam/create-service-linked-role'] },
  {
    type: 'General warning',
    name: 'Deprecated global condition key',
    rules: ['iam/condition-key'],
    note: '`aws:ARN`, the key the reference names, with fixes to `aws:PrincipalArn` or `aws:SourceArn`',
  },
  {
    type: 'General warning',
    name: 'Invalid date value',
    rules: ['iam/condition-value'],
    note: 'the format; an impossible date in ISO 8601 form is not caught',
  },
  {
    type: 'General warning',
    name: 'Invalid role reference',
    rules: ['ecs/role-arn-format'],
    note: 'role ARNs in task definitions; in policies through `iam/arn-syntax`',
  },
  { type: 'General warning', name: 'Invalid user reference', rules: ['iam/arn-syntax'] },
  { type: 'General warning', name: 'Missing version', rules: ['iam/version'] },
  { type: 'General warning', name: 'Unique Sids recommended', rules: ['iam/sid'], note: 'a hint; S3 bucket policies accept repeated Sids' },
  { type: 'General warning', name: 'Wildcard without like operator', rules: ['iam/condition-block'] },
  { type: 'General warning', name: 'Policy size exceeds identity policy quota', rules: ['iam/policy-size'] },
  { type: 'General warning', name: 'Policy size exceeds resource policy quota', rules: ['iam/policy-size'] },
  { type: 'General warning', name: 'Policy size exceeds role trust policy quota', rules: ['iam/policy-size'] },
  { type: 'General warning', name: 'Type mismatch', rules: ['iam/condition-type'] },
  { type: 'General warning', name: 'Type mismatch Boolean', rules: ['iam/condition-value'] },
  { type: 'General warning', name: 'Type mismatch date', rules: ['iam/condition-value'] },
  { type: 'General warning', name: 'Type mismatch number', rules: ['iam/condition-value'] },
  { type: 'General warning', name: 'Type mismatch string', rules: ['iam/condition-type'] },
  { type: 'General warning', name: 'Type mismatch IP range', rules: ['iam/condition-value'] },
  { type: 'General warning', name: 'Specific GitHub repo and branch recommended', rules: ['iam/federated-trust'] },
  // Security warnings
  {
    type: 'Security warning',
    name: 'Allow with NotPrincipal',
    rules: ['iam/federated-trust'],
    note: 'in trust policies; in resource policies ' + RISK,
  },
  { type: 'Security warning', name: 'ForAllValues with single valued key', rules: ['iam/set-operator'] },
  { type: 'Security warning', name: 'Pass role with NotResource', rules: ['iam/allow-with-not'], note: 'with a PassRole-specific message' },
  {
    type: 'Security warning',
    name: 'Pass role with NotAction and NotResource',
    rules: ['iam/allow-with-not'],
    note: 'with a PassRole-specific message',
  },
  {
    type: 'Security warning',
    name: 'Pass role with star in action and NotResource',
    rules: ['iam/allow-with-not'],
    note: 'with a PassRole-specific message',
  },
  { type: 'Security warning', name: 'Pass role with star in resource', rules: ['iam/pass-role-any-role'] },
  { type: 'Security warning', name: 'Pass role with star in action and resource', rules: ['iam/admin-access', 'iam/pass-role-any-role'] },
  {
    type: 'Security warning',
    name: 'Pass role with star in resource and NotAction',
    rules: ['iam/allow-with-not'],
    note: 'with a PassRole-specific message',
  },
  {
    type: 'Security warning',
    name: 'Missing paired condition keys',
    rules: ['iam/paired-condition-keys'],
    note: '`aws:VpcSourceIp` without `aws:SourceVpc`/`aws:SourceVpce`/`aws:SourceVpcArn`, `aws:Ec2InstanceSourcePrivateIPv4` without `aws:Ec2InstanceSourceVpc`',
  },
  {
    type: 'Security warning',
    name: 'Deny with unsupported tag condition key for service',
    rules: ['iam/tag-condition-coverage'],
    note: '`aws:ResourceTag/...` under a positive operator; the actions listed',
  },
  {
    type: 'Security warning',
    name: 'Deny NotAction with unsupported tag condition key for service',
    rules: ['iam/tag-condition-coverage'],
  },
  {
    type: 'Security warning',
    name: 'Restrict access to service principal',
    rules: ['iam/confused-deputy'],
    note: "a warning for ECS task trust; every service principal of a resource-based policy as info. The reference's per-service list of required keys is not reproduced",
  },
  { type: 'Security warning', name: 'Missing condition key for OIDC principal', rules: ['iam/federated-trust'] },
  { type: 'Security warning', name: 'Missing GitHub repo condition key', rules: ['iam/federated-trust'] },
  // Suggestions
  { type: 'Suggestion', name: 'Empty array action', rules: ['iam/empty-value'] },
  { type: 'Suggestion', name: 'Empty array condition', rules: ['iam/condition-block'] },
  { type: 'Suggestion', name: 'Empty array condition ForAllValues', rules: ['iam/condition-block'] },
  { type: 'Suggestion', name: 'Empty array condition ForAnyValue', rules: ['iam/condition-block'] },
  { type: 'Suggestion', name: 'Empty array condition IfExists', rules: ['iam/condition-block'] },
  { type: 'Suggestion', name: 'Empty array principal', rules: ['iam/principal-element'] },
  { type: 'Suggestion', name: 'Empty array resource', rules: ['iam/empty-value'] },
  { type: 'Suggestion', name: 'Empty object condition', rules: ['iam/condition-block'] },
  { type: 'Suggestion', name: 'Empty object condition ForAllValues', rules: ['iam/condition-block'] },
  { type: 'Suggestion', name: 'Empty object condition ForAnyValue', rules: ['iam/condition-block'] },
  { type: 'Suggestion', name: 'Empty object condition IfExists', rules: ['iam/condition-block'] },
  { type: 'Suggestion', name: 'Empty object principal', rules: ['iam/empty-value'] },
  { type: 'Suggestion', name: 'Empty Sid value', rules: ['iam/sid'] },
  { type: 'Suggestion', name: 'Equivalent to null false', rules: ['iam/condition-block'], note: '`StringLike` with `"*"` alone' },
  { type: 'Suggestion', name: 'Equivalent to null true', rules: ['iam/condition-block'], note: '`StringNotLike` with `"*"` alone' },
  {
    type: 'Suggestion',
    name: 'Improve IP range',
    rules: ['iam/condition-block'],
    note: 'IPv4 ranges with bits set after the prefix (`203.0.113.5/24`), fixed to the network address',
  },
  { type: 'Suggestion', name: 'Null with qualifier', rules: ['iam/condition-block'] },
  { type: 'Suggestion', name: 'Private IP address subset', rules: ['iam/condition-block'] },
  { type: 'Suggestion', name: 'Private NotIpAddress subset', rules: ['iam/condition-block'] },
  { type: 'Suggestion', name: 'Redundant action', rules: ['iam/redundant-action'] },
  { type: 'Suggestion', name: 'Redundant condition value num', rules: ['iam/condition-block'] },
  { type: 'Suggestion', name: 'Redundant resource', rules: ['iam/redundant-resource'] },
  { type: 'Suggestion', name: 'Redundant statement', rules: ['iam/redundant-statement'] },
  {
    type: 'Suggestion',
    name: 'Wildcard in service name',
    rules: ['iam/wildcard-service-name'],
    note: 'in ARNs (`arn:aws:*code*:...`) and in actions (`s*:GetObject`)',
  },
  { type: 'Suggestion', name: 'Allow with unsupported tag condition key for service', rules: ['iam/tag-condition-coverage'] },
  { type: 'Suggestion', name: 'Allow NotAction with unsupported tag condition key for service', rules: ['iam/tag-condition-coverage'] },
  { type: 'Suggestion', name: 'Recommended condition key for service principal', rules: ['iam/confused-deputy'] },
  {
    type: 'Suggestion',
    name: 'Irrelevant condition key in policy',
    rules: ['iam/irrelevant-condition-key'],
    note: 'resource-account and resource-organization keys in resource-based and trust policies',
  },
  {
    type: 'Suggestion',
    name: 'Redundant principal in role trust policy',
    rules: ['iam/redundant-principal'],
    note: 'an assumed-role session next to its role, or a principal listed twice',
  },
];

/** The table's last column for one check. */
export function accessAnalyzerStatus(check: AccessAnalyzerCheck): string {
  const rules = (check.rules ?? []).map((id) => `\`${id}\``).join(', ');
  if (rules) return check.note ? `${rules} (${check.note})` : rules;
  return check.note ?? '';
}
