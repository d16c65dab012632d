// Where the findings of other policy checkers land here: every parliament issue id, every Cloudsplaining
// finding class, and the checkov and KICS checks of IAM concepts in CloudFormation, each mapped to the rules
// of this catalogue that report it, or with the reason it does not apply. `scripts/generate-rule-docs.mjs`
// renders the table in docs/rules.md; a test checks that every rule named exists and that no row is empty.

export type OtherTool = 'parliament' | 'Cloudsplaining' | 'checkov' | 'KICS';

export interface ToolMapping {
  tool: OtherTool;
  /** The other tool's id: parliament issue, Cloudsplaining class, checkov check id, KICS query folder. */
  id: string;
  /** What it reports, in a few words. */
  title: string;
  /** The rules of this catalogue that report it; empty when it does not apply (then `note` says why). */
  rules: string[];
  note?: string;
}

const ATTACHMENT =
  'where a policy is attached (to a user rather than a group or role) is account structure, not something a policy document can show';
const LAMBDA_PERMISSION = 'an `AWS::Lambda::Permission` is a set of resource properties (`Principal`, `SourceArn`), not a policy document';

export const TOOL_MAPPINGS: readonly ToolMapping[] = [
  // parliament: config.yaml and community_auditors/config_override.yaml (duo-labs/parliament)
  {
    tool: 'parliament',
    id: 'EXCEPTION',
    title: 'An exception occurred during the audit',
    rules: [],
    note: "parliament's own failure; here a rule that throws is reported as `internal/rule-failed` and the other rules still run",
  },
  { tool: 'parliament', id: 'MALFORMED_JSON', title: 'JSON is malformed', rules: ['json/syntax', 'yaml/syntax'] },
  {
    tool: 'parliament',
    id: 'MALFORMED',
    title: 'Policy does not contain a required element',
    rules: [
      'iam/statement',
      'iam/effect',
      'iam/action-element',
      'iam/resource-element',
      'iam/principal-element',
      'iam/unknown-key',
      'iam/value-type',
    ],
  },
  { tool: 'parliament', id: 'DUPLICATE_SID', title: 'Duplicate Statement Ids', rules: ['iam/sid'] },
  {
    tool: 'parliament',
    id: 'RESOURCE_POLICY_PRIVILEGE_ESCALATION',
    title: 'Possible resource policy privilege escalation',
    rules: ['iam/resource-policy-privilege-escalation', 'iam/permissions-management'],
    note: 'on named resources `iam/resource-policy-privilege-escalation`, on `*` `iam/permissions-management`',
  },
  { tool: 'parliament', id: 'UNKNOWN_PRINCIPAL', title: 'Unknown AWS principal', rules: ['iam/principal-element'] },
  { tool: 'parliament', id: 'UNKNOWN_FEDERATION_SOURCE', title: 'Unknown federation source', rules: ['iam/principal-element'] },
  {
    tool: 'parliament',
    id: 'MISMATCHED_TYPE_OPERATION_TO_NULL',
    title: 'Null operator with a value other than true or false',
    rules: ['iam/condition-value'],
  },
  {
    tool: 'parliament',
    id: 'MISMATCHED_TYPE_BUT_USABLE',
    title: 'Operator of another type that still works (StringEquals on an ARN)',
    rules: ['iam/condition-type'],
  },
  {
    tool: 'parliament',
    id: 'MISMATCHED_TYPE',
    title: 'Operator or value does not suit the condition key type',
    rules: ['iam/condition-type', 'iam/condition-value'],
  },
  { tool: 'parliament', id: 'UNKNOWN_ACTION', title: 'Unknown action', rules: ['iam/unknown-action', 'iam/wildcard-matches-nothing'] },
  { tool: 'parliament', id: 'UNKNOWN_PREFIX', title: 'Unknown service prefix', rules: ['iam/unknown-service'] },
  {
    tool: 'parliament',
    id: 'UNKNOWN_CONDITION_FOR_ACTION',
    title: 'Condition key not documented for the action',
    rules: ['iam/condition-key'],
  },
  { tool: 'parliament', id: 'UNKNOWN_OPERATOR', title: 'Unknown condition operator', rules: ['iam/condition-operator'] },
  { tool: 'parliament', id: 'BAD_PATTERN_FOR_MFA', title: 'Bad pattern used for MFA check', rules: ['iam/mfa-bool-false'] },
  { tool: 'parliament', id: 'INVALID_SID', title: 'Sid with characters IAM rejects', rules: ['iam/sid'] },
  { tool: 'parliament', id: 'INVALID_ARN', title: 'Malformed resource ARN', rules: ['iam/arn-syntax'] },
  { tool: 'parliament', id: 'NO_VERSION', title: 'No Version element', rules: ['iam/version'] },
  { tool: 'parliament', id: 'INVALID_VERSION', title: 'Version other than 2012-10-17 or 2008-10-17', rules: ['iam/version'] },
  { tool: 'parliament', id: 'OLD_VERSION', title: 'Version 2008-10-17', rules: ['iam/version'] },
  {
    tool: 'parliament',
    id: 'RESOURCE_MISMATCH',
    title: 'No resource matches the action',
    rules: ['iam/resource-mismatch', 'iam/wildcard-only-action'],
  },
  {
    tool: 'parliament',
    id: 'RESOURCE_STAR',
    title: 'Unnecessary use of Resource *',
    rules: [
      'iam/resource-star',
      'iam/permissions-management',
      'iam/credentials-exposure',
      'iam/data-exfiltration',
      'iam/pass-role-any-role',
      'iam/assume-any-role',
    ],
    note: 'an action one of the more specific rules names on `*` is reported by that rule, once',
  },
  {
    tool: 'parliament',
    id: 'PERMISSIONS_MANAGEMENT_ACTIONS',
    title: 'Permissions management actions',
    rules: ['iam/permissions-management', 'iam/resource-policy-privilege-escalation'],
  },
  {
    tool: 'parliament',
    id: 'PRIVILEGE_ESCALATION',
    title: "Rhino Security Labs' privilege-escalation combinations",
    rules: ['iam/privilege-escalation', 'iam/pass-role-any-role'],
  },
  {
    tool: 'parliament',
    id: 'CREDENTIALS_EXPOSURE',
    title: 'Actions that return credentials',
    rules: ['iam/credentials-exposure', 'iam/assume-any-role'],
  },
  {
    tool: 'parliament',
    id: 'SENSITIVE_ACCESS',
    title: 'Access to resources the user lists as sensitive',
    rules: [],
    note: "needs a list of sensitive resource ARNs that the user supplies (parliament's default list is empty); the published-list rules above cover the documented classes",
  },
  { tool: 'parliament', id: 'NOTPRINCIPAL_WITH_ALLOW', title: 'NotPrincipal with Allow', rules: ['iam/allow-with-not'] },
  { tool: 'parliament', id: 'NOTRESOURCE_WITH_ALLOW', title: 'NotResource with Allow', rules: ['iam/allow-with-not'] },
  {
    tool: 'parliament',
    id: 'SINGLE_VALUE_CONDITION_TOO_PERMISSIVE',
    title: 'ForAllValues/ForAnyValue on a single-valued key',
    rules: ['iam/set-operator'],
  },
  {
    tool: 'parliament',
    id: 'IAM_CREDENTIALS',
    title: 'ec2:DescribeInstances or ec2:RunInstances allowed (aws-cloudsaga scenario)',
    rules: [],
    note: 'flags the presence of ordinary EC2 actions, not a defect; their unconstrained grants are `iam/resource-star`, PassRole with RunInstances `iam/privilege-escalation`',
  },
  {
    tool: 'parliament',
    id: 'IMDSv1_REVEAL',
    title: 'ec2:DescribeInstances allowed (aws-cloudsaga scenario)',
    rules: [],
    note: 'flags a read action every EC2 console user has; instance metadata settings are not part of a policy',
  },
  {
    tool: 'parliament',
    id: 'NETWORK_CHANGES',
    title: 'EC2 network actions allowed (aws-cloudsaga scenario)',
    rules: [],
    note: 'flags the presence of ordinary EC2 actions, not a defect; their unconstrained grants are `iam/resource-star`',
  },

  // Cloudsplaining: ISSUE_SEVERITY / RISK_DEFINITION in cloudsplaining/shared/constants.py (salesforce/cloudsplaining)
  {
    tool: 'Cloudsplaining',
    id: 'PrivilegeEscalation',
    title: "Rhino Security Labs' privilege-escalation combinations",
    rules: ['iam/privilege-escalation'],
  },
  {
    tool: 'Cloudsplaining',
    id: 'DataExfiltration',
    title: 'Object, parameter and secret reads without constraints',
    rules: ['iam/data-exfiltration'],
  },
  {
    tool: 'Cloudsplaining',
    id: 'ResourceExposure',
    title: 'Permissions-management actions without constraints',
    rules: ['iam/permissions-management'],
  },
  {
    tool: 'Cloudsplaining',
    id: 'ServiceWildcard',
    title: 'Every action of a service (s3:*)',
    rules: ['iam/service-wide-access', 'iam/admin-access'],
  },
  {
    tool: 'Cloudsplaining',
    id: 'CredentialsExposure',
    title: 'Actions that return credentials, without constraints',
    rules: ['iam/credentials-exposure', 'iam/assume-any-role'],
  },
  {
    tool: 'Cloudsplaining',
    id: 'InfrastructureModification',
    title: 'Write actions without resource constraints',
    rules: ['iam/resource-star'],
  },
  {
    tool: 'Cloudsplaining',
    id: 'AssumableByComputeService',
    title: 'A role that EC2, ECS, EKS or Lambda may assume',
    rules: [],
    note: 'an inventory, not a defect: an ECS task or execution role must be assumable by `ecs-tasks.amazonaws.com` (`iam/trust-policy-not-ecs` checks that it is)',
  },
  {
    tool: 'Cloudsplaining',
    id: 'AssumableByCrossAccountPrincipal',
    title: 'A role that another account may assume',
    rules: ['iam/trust-whole-account'],
  },
  { tool: 'Cloudsplaining', id: 'AssumableByAnyPrincipal', title: 'A role anyone may assume', rules: ['iam/trust-any-principal'] },
  {
    tool: 'Cloudsplaining',
    id: 'AssumableByAnyPrincipalWithConditions',
    title: 'A role anyone may assume, under conditions',
    rules: [],
    note: '`"Principal": "*"` with a condition such as `aws:PrincipalOrgID` is the documented way to trust an organization; `iam/trust-any-principal` reports it without a condition',
  },

  // checkov: checkov/cloudformation/checks/resource/aws (bridgecrewio/checkov), the checks of policy documents and roles
  { tool: 'checkov', id: 'CKV_AWS_32', title: 'ECR repository policy is public', rules: ['iam/public-resource-policy'] },
  { tool: 'checkov', id: 'CKV_AWS_33', title: 'KMS key policy has a wildcard principal', rules: ['iam/public-resource-policy'] },
  { tool: 'checkov', id: 'CKV_AWS_40', title: 'IAM policies attached only to groups or roles', rules: [], note: ATTACHMENT },
  { tool: 'checkov', id: 'CKV_AWS_60', title: 'IAM role may be assumed by anyone', rules: ['iam/trust-any-principal'] },
  { tool: 'checkov', id: 'CKV_AWS_61', title: 'IAM role may be assumed by a whole account', rules: ['iam/trust-whole-account'] },
  { tool: 'checkov', id: 'CKV_AWS_62', title: 'Policy grants full "*:*" administrative privileges', rules: ['iam/admin-access'] },
  {
    tool: 'checkov',
    id: 'CKV_AWS_63',
    title: 'Policy allows "*" as a statement\'s actions',
    rules: ['iam/admin-access', 'iam/all-actions'],
  },
  {
    tool: 'checkov',
    id: 'CKV_AWS_107',
    title: 'Credentials exposure (Cloudsplaining)',
    rules: ['iam/credentials-exposure', 'iam/assume-any-role'],
  },
  { tool: 'checkov', id: 'CKV_AWS_108', title: 'Data exfiltration (Cloudsplaining)', rules: ['iam/data-exfiltration'] },
  {
    tool: 'checkov',
    id: 'CKV_AWS_109',
    title: 'Permissions management without constraints (Cloudsplaining)',
    rules: ['iam/permissions-management'],
  },
  { tool: 'checkov', id: 'CKV_AWS_110', title: 'Privilege escalation (Cloudsplaining)', rules: ['iam/privilege-escalation'] },
  { tool: 'checkov', id: 'CKV_AWS_111', title: 'Write access without constraints (Cloudsplaining)', rules: ['iam/resource-star'] },
  {
    tool: 'checkov',
    id: 'CKV_AWS_301',
    title: 'Lambda function publicly accessible (Lambda permission)',
    rules: [],
    note: LAMBDA_PERMISSION,
  },
  {
    tool: 'checkov',
    id: 'CKV_AWS_364',
    title: 'Lambda permission for a service without SourceArn or SourceAccount',
    rules: [],
    note: LAMBDA_PERMISSION,
  },

  // KICS: assets/queries/cloudFormation/aws (Checkmarx/kics), the queries of policy documents and roles
  {
    tool: 'KICS',
    id: 'iam_policies_with_full_privileges',
    title: 'IAM policies with full privileges',
    rules: ['iam/admin-access', 'iam/all-actions'],
  },
  { tool: 'KICS', id: 'iam_policy_grants_full_permissions', title: 'IAM policy grants full permissions', rules: ['iam/admin-access'] },
  {
    tool: 'KICS',
    id: 'iam_policy_grants_assumerole_permission_across_all_services',
    title: 'Trust policy grants AssumeRole to all principals',
    rules: ['iam/trust-any-principal'],
  },
  {
    tool: 'KICS',
    id: 'iam_role_allows_all_principals_to_assume',
    title: 'Role trusts every principal of an account (:root)',
    rules: ['iam/trust-whole-account'],
  },
  {
    tool: 'KICS',
    id: 'cross_account_iam_assume_role_policy_without_external_id_or_mfa',
    title: 'Cross-account trust without ExternalId or MFA',
    rules: ['iam/trust-whole-account'],
  },
  { tool: 'KICS', id: 'iam_policies_attached_to_user', title: 'IAM policies attached to a user', rules: [], note: ATTACHMENT },
  { tool: 'KICS', id: 'iam_managed_policy_applied_to_a_user', title: 'Managed policy applied to a user', rules: [], note: ATTACHMENT },
  { tool: 'KICS', id: 'iam_policy_on_user', title: 'IAM policy on a user', rules: [], note: ATTACHMENT },
  {
    tool: 'KICS',
    id: 'kms_allows_wildcard_principal',
    title: 'KMS key policy allows a wildcard principal',
    rules: ['iam/public-resource-policy'],
  },
  {
    tool: 'KICS',
    id: 'kms_key_with_vulnerable_policy',
    title: 'KMS key policy gives kms:* to every principal',
    rules: ['iam/public-resource-policy'],
  },
  {
    tool: 'KICS',
    id: 's3_bucket_access_to_any_principal',
    title: 'S3 bucket policy allows any principal',
    rules: ['iam/public-resource-policy'],
  },
  {
    tool: 'KICS',
    id: 's3_bucket_with_all_permissions',
    title: 'S3 bucket policy allows every action',
    rules: ['iam/all-actions', 'iam/service-wide-access'],
  },
  {
    tool: 'KICS',
    id: 's3_bucket_without_ssl_in_write_actions',
    title: 'S3 bucket policy does not require TLS',
    rules: ['iam/s3-deny-insecure-transport'],
  },
  {
    tool: 'KICS',
    id: 'sqs_policy_with_public_access',
    title: 'SQS queue policy allows any principal',
    rules: ['iam/public-resource-policy'],
  },
  {
    tool: 'KICS',
    id: 'sns_topic_is_publicly_accessible',
    title: 'SNS topic policy allows any principal',
    rules: ['iam/public-resource-policy'],
  },
  {
    tool: 'KICS',
    id: 'ecr_repository_is_publicly_accessible',
    title: 'ECR repository policy allows any principal',
    rules: ['iam/public-resource-policy'],
  },
  {
    tool: 'KICS',
    id: 'lambda_permission_principal_is_wildcard',
    title: 'Lambda permission principal is a wildcard',
    rules: [],
    note: LAMBDA_PERMISSION,
  },
];
