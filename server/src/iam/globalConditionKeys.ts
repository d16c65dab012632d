// Global condition keys (the `aws:` keys every service can evaluate), with their types and a short
// explanation in our own words. Source: IAM User Guide, "AWS global condition context keys".
import { conditionKeyTemplatePattern, type ConditionKeyType, type IamConditionKey } from './catalog';

export const GLOBAL_CONDITION_KEYS_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html';

const KEYS: Array<[string, ConditionKeyType, string]> = [
  [
    'aws:CalledVia',
    'ArrayOfString',
    "The services that made the request on the principal's behalf, in order (for example `cloudformation.amazonaws.com`).",
  ],
  ['aws:CalledViaFirst', 'String', 'The first service in the `aws:CalledVia` chain.'],
  ['aws:CalledViaLast', 'String', 'The last service in the `aws:CalledVia` chain.'],
  ['aws:CurrentTime', 'Date', 'The date and time of the request (ISO 8601), for time windows.'],
  ['aws:EpochTime', 'Date', 'The date and time of the request in epoch seconds (use Date or Numeric operators).'],
  ['aws:FederatedProvider', 'String', "The identity provider that issued the federated principal's credentials."],
  ['aws:MultiFactorAuthAge', 'Numeric', 'Seconds since the principal authenticated with MFA; absent when no MFA was used.'],
  ['aws:MultiFactorAuthPresent', 'Bool', 'Whether the temporary credentials were issued after MFA; absent for long-term access keys.'],
  ['aws:PrincipalAccount', 'String', 'The account ID of the principal making the request.'],
  ['aws:PrincipalArn', 'ARN', 'The ARN of the principal (for a role session: the role ARN, not the session ARN).'],
  ['aws:PrincipalIsAWSService', 'Bool', 'Whether the request comes from an AWS service principal (such as `cloudtrail.amazonaws.com`).'],
  ['aws:PrincipalOrgID', 'String', "The AWS Organizations ID of the principal's account (`o-...`)."],
  ['aws:PrincipalOrgPaths', 'ArrayOfString', "The organizational-unit paths of the principal's account."],
  ['aws:PrincipalServiceName', 'String', 'The service principal name when a service makes the request.'],
  ['aws:PrincipalServiceNamesList', 'ArrayOfString', 'All service principal names of the calling service.'],
  ['aws:PrincipalTag/${TagKey}', 'String', 'A tag attached to the principal (user or role), or passed as a session tag.'],
  ['aws:PrincipalType', 'String', 'The kind of principal: Account, User, FederatedUser, AssumedRole or Anonymous.'],
  ['aws:RequestedRegion', 'String', 'The region the request is sent to (global services report us-east-1).'],
  ['aws:RequestTag/${TagKey}', 'String', 'A tag key/value passed in the request (on create or tag operations).'],
  ['aws:ResourceAccount', 'String', 'The account ID that owns the resource being accessed.'],
  ['aws:ResourceOrgID', 'String', 'The AWS Organizations ID of the account that owns the resource.'],
  ['aws:ResourceOrgPaths', 'ArrayOfString', 'The organizational-unit paths of the account that owns the resource.'],
  ['aws:ResourceTag/${TagKey}', 'String', 'A tag attached to the resource being accessed.'],
  ['aws:SecureTransport', 'Bool', 'Whether the request was sent over TLS.'],
  ['aws:SourceAccount', 'String', 'The account of the resource on whose behalf a service calls (confused-deputy protection).'],
  ['aws:SourceArn', 'ARN', 'The ARN of the resource on whose behalf a service calls (confused-deputy protection).'],
  ['aws:SourceIdentity', 'String', 'The source identity set when the role session was created.'],
  ['aws:SourceIp', 'IPAddress', 'The public IP address of the caller; not present for calls through a VPC endpoint or by AWS services.'],
  ['aws:SourceOrgID', 'String', 'The Organizations ID of the account of the resource on whose behalf a service calls.'],
  ['aws:SourceOrgPaths', 'ArrayOfString', 'The organizational-unit paths of the account of the resource on whose behalf a service calls.'],
  ['aws:SourceVpc', 'String', 'The VPC the request came through (only for requests through a VPC endpoint).'],
  ['aws:SourceVpcArn', 'ARN', 'The ARN of the VPC the request came through (only through a VPC endpoint).'],
  ['aws:SourceVpce', 'String', 'The VPC endpoint the request came through.'],
  ['aws:TagKeys', 'ArrayOfString', 'The tag keys passed in the request; a multivalued key, use ForAllValues/ForAnyValue.'],
  ['aws:TokenIssueTime', 'Date', 'When the temporary credentials were issued.'],
  ['aws:UserAgent', 'String', "The caller's HTTP user agent; set by the client, so not for security decisions."],
  ['aws:userid', 'String', 'The unique ID of the principal (for a role session: `ROLEID:session-name`).'],
  ['aws:username', 'String', 'The IAM user name of the caller (only for IAM users).'],
  ['aws:ViaAWSService', 'Bool', "Whether an AWS service made this request on the principal's behalf (forward access sessions)."],
  ['aws:VpcSourceIp', 'IPAddress', 'The private IP address of the caller, for requests through a VPC endpoint.'],
  ['aws:Ec2InstanceSourceVpc', 'String', 'The VPC of the EC2 instance whose role credentials sign the request.'],
  [
    'aws:Ec2InstanceSourcePrivateIPv4',
    'IPAddress',
    'The primary private IPv4 address of the EC2 instance whose role credentials sign the request.',
  ],
  ['aws:VpceAccount', 'String', 'The account that owns the VPC endpoint the request came through.'],
  ['aws:VpceOrgID', 'String', 'The Organizations ID of the account that owns the VPC endpoint.'],
  ['aws:VpceOrgPaths', 'ArrayOfString', 'The organizational-unit paths of the account that owns the VPC endpoint.'],
  ['aws:referer', 'String', 'The HTTP referer header; set by the client, so not for security decisions.'],
  ['aws:AssumedRoot', 'Bool', 'Whether the request uses a privileged root session assumed through centralized root access.'],
  ['aws:ChatbotSourceArn', 'ARN', 'The ARN of the chat channel configuration when AWS Chatbot makes the request.'],
  ['aws:IsMcpServiceAction', 'Bool', 'Whether the request comes through an AWS-managed MCP server.'],
  ['aws:CalledViaAWSMCP', 'String', 'The AWS-managed MCP server the request came through.'],
];

export const GLOBAL_CONDITION_KEYS: readonly IamConditionKey[] = KEYS.map(([key, type, description]) => ({ key, type, description }));

const exact = new Map(GLOBAL_CONDITION_KEYS.filter((entry) => !entry.key.includes('${')).map((entry) => [entry.key.toLowerCase(), entry]));
const templates = GLOBAL_CONDITION_KEYS.filter((entry) => entry.key.includes('${')).map((entry) => ({
  pattern: conditionKeyTemplatePattern(entry.key),
  entry,
}));

/** The global key (case-insensitive, as IAM compares key names), or undefined. */
export function globalConditionKey(key: string): IamConditionKey | undefined {
  return exact.get(key.toLowerCase()) ?? templates.find((template) => template.pattern.test(key))?.entry;
}
