// The published lists the risk rules rest on (never guesses). Each list names where it comes from; the rules
// that read them are `iam/privilege-escalation`, `iam/credentials-exposure` and `iam/data-exfiltration`.

/**
 * The IAM privilege-escalation methods Spencer Gietzen (Rhino Security Labs) published in "AWS IAM Privilege
 * Escalation – Methods and Mitigation" (https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/),
 * with the action sets parliament (`community_auditors/privilege_escalation.py`) and Cloudsplaining
 * (`shared/constants.py`, `PRIVILEGE_ESCALATION_METHODS`) test for: a principal allowed every action of one set can
 * give itself more permissions. The lambda-with-DynamoDB method is listed twice (a new table or an existing
 * one), as both tools do: 22 entries for Rhino's 21 methods.
 */
export const PRIVILEGE_ESCALATION_METHODS: ReadonlyArray<{ name: string; actions: readonly string[]; attack: string }> = [
  // 1. Permissions on other users
  { name: 'CreateAccessKey', actions: ['iam:CreateAccessKey'], attack: 'create an access key for any user, including an administrator' },
  { name: 'CreateLoginProfile', actions: ['iam:CreateLoginProfile'], attack: 'set a console password for any user that has none' },
  { name: 'UpdateLoginProfile', actions: ['iam:UpdateLoginProfile'], attack: "change any user's console password" },
  { name: 'AddUserToGroup', actions: ['iam:AddUserToGroup'], attack: 'add itself to an administrators group' },
  // 2. Permissions on policies
  {
    name: 'CreateNewPolicyVersion',
    actions: ['iam:CreatePolicyVersion'],
    attack: 'publish a new default version of its own policy granting `*`',
  },
  {
    name: 'SetExistingDefaultPolicyVersion',
    actions: ['iam:SetDefaultPolicyVersion'],
    attack: 'switch its policy to an older, broader version',
  },
  { name: 'AttachUserPolicy', actions: ['iam:AttachUserPolicy'], attack: 'attach AdministratorAccess to itself' },
  { name: 'AttachGroupPolicy', actions: ['iam:AttachGroupPolicy'], attack: 'attach AdministratorAccess to its own group' },
  { name: 'AttachRolePolicy', actions: ['iam:AttachRolePolicy'], attack: 'attach AdministratorAccess to a role it can use' },
  { name: 'PutUserPolicy', actions: ['iam:PutUserPolicy'], attack: 'write an inline policy granting `*` to itself' },
  { name: 'PutGroupPolicy', actions: ['iam:PutGroupPolicy'], attack: 'write an inline policy granting `*` to its group' },
  { name: 'PutRolePolicy', actions: ['iam:PutRolePolicy'], attack: 'write an inline policy granting `*` to a role it can use' },
  // 3. Updating a trust policy
  {
    name: 'UpdateRolePolicyToAssumeIt',
    actions: ['iam:UpdateAssumeRolePolicy'],
    attack: "rewrite a privileged role's trust policy so it can assume it",
  },
  // 4. iam:PassRole with a compute service
  {
    name: 'CreateEC2WithExistingIP',
    actions: ['iam:PassRole', 'ec2:RunInstances'],
    attack: 'start an instance with a privileged instance profile and read its credentials',
  },
  {
    name: 'PassExistingRoleToNewLambdaThenInvoke',
    actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'],
    attack: 'create a function with a privileged role and run its own code as that role',
  },
  {
    name: 'PassExistingRoleToNewLambdaThenTriggerWithNewDynamo',
    actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:CreateEventSourceMapping', 'dynamodb:CreateTable', 'dynamodb:PutItem'],
    attack: 'create a function with a privileged role and trigger it from a new DynamoDB stream',
  },
  {
    name: 'PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo',
    actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:CreateEventSourceMapping'],
    attack: 'create a function with a privileged role and trigger it from an existing DynamoDB stream',
  },
  {
    name: 'PassExistingRoleToNewGlueDevEndpoint',
    actions: ['iam:PassRole', 'glue:CreateDevEndpoint'],
    attack: 'create a Glue development endpoint with a privileged role and log in to it',
  },
  {
    name: 'PassExistingRoleToCloudFormation',
    actions: ['iam:PassRole', 'cloudformation:CreateStack'],
    attack: 'create a stack that runs with a privileged role and creates whatever it wants',
  },
  {
    name: 'PassExistingRoleToNewDataPipeline',
    actions: ['iam:PassRole', 'datapipeline:CreatePipeline'],
    attack: 'create a pipeline that runs commands as a privileged role',
  },
  // 5. Other services
  {
    name: 'UpdateExistingGlueDevEndpoint',
    actions: ['glue:UpdateDevEndpoint'],
    attack: "add its SSH key to an endpoint and use the endpoint's role",
  },
  {
    name: 'EditExistingLambdaFunctionWithRole',
    actions: ['lambda:UpdateFunctionCode'],
    attack: "replace a function's code and act with the function's role",
  },
];

export const PRIVILEGE_ESCALATION_URL = 'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/';

/**
 * API calls whose response holds credentials, from Kinnaird McQuade's list
 * (https://gist.github.com/kmcquade/33860a617e651104d243c324ddf7992a) as Cloudsplaining keeps it
 * (`ACTIONS_THAT_RETURN_CREDENTIALS`; parliament's `credentials_exposure.py` has an older subset). The
 * `sts:AssumeRole*` calls are left to `iam/assume-any-role`, which says what is wrong with them on `*`.
 */
export const CREDENTIALS_EXPOSURE_ACTIONS: readonly string[] = [
  'airflow:CreateCliToken',
  'airflow:CreateWebLoginToken',
  'appsync:CreateApiKey',
  'chime:CreateApiKey',
  'cloud9:CreateEnvironmentToken',
  'codeartifact:GetAuthorizationToken',
  'codepipeline:PollForJobs',
  'cognito-identity:GetOpenIdToken',
  'cognito-identity:GetOpenIdTokenForDeveloperIdentity',
  'cognito-identity:GetCredentialsForIdentity',
  'cognito-idp:GetSigningCertificate',
  'connect:GetFederationToken',
  'connect:GetFederationTokens',
  'ec2:GetPasswordData',
  'ecr:GetAuthorizationToken',
  'ecr-public:GetAuthorizationToken',
  'emr-containers:GetManagedEndpointSessionCredentials',
  'finspace-api:GetProgrammaticAccessCredentials',
  'gamelift:RequestUploadCredentials',
  'gamelift:GetInstanceAccess',
  'gamelift:GetComputeAccess',
  'gamelift:GetComputeAuthToken',
  'grafana:CreateWorkspaceApiKey',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:CreateServiceSpecificCredential',
  'iam:ResetServiceSpecificCredential',
  'iam:UpdateAccessKey',
  'license-manager:GetAccessToken',
  'lightsail:GetInstanceAccessDetails',
  'lightsail:DownloadDefaultKeyPair',
  'lightsail:CreateBucketAccessKey',
  'lightsail:GetRelationalDatabaseMasterUserPassword',
  'mediapackage:RotateChannelCredentials',
  'mediapackage:RotateIngestEndpointCredentials',
  'rds-db:connect',
  'redshift:GetClusterCredentials',
  'redshift:GetClusterCredentialsWithIAM',
  'redshift-serverless:GetCredentials',
  'sso:GetRoleCredentials',
  'sts:GetFederationToken',
  'sts:GetSessionToken',
];

export const CREDENTIALS_EXPOSURE_URL = 'https://gist.github.com/kmcquade/33860a617e651104d243c324ddf7992a';

/**
 * Read actions that hand over stored data or secrets, Cloudsplaining's `READ_ONLY_DATA_EXFILTRATION_ACTIONS`
 * and the two RDS snapshot calls its "Data Exfiltration" risk definition names.
 */
export const DATA_EXFILTRATION_ACTIONS: readonly string[] = [
  's3:GetObject',
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
  'secretsmanager:GetSecretValue',
  'rds:CopyDBSnapshot',
  'rds:CreateDBSnapshot',
];

export const DATA_EXFILTRATION_URL = 'https://cloudsplaining.readthedocs.io/en/latest/glossary/data-exfiltration/';
