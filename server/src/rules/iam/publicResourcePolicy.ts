// A resource policy that lets anyone in: `"Principal": "*"` with no condition restricting the caller
// (IAM Access Analyzer's public-access findings, KICS/checkov public bucket, queue, topic, key, repository checks).
import { arrayItems, stringValue } from '../../core/json';
import type { Rule } from '../../core/rule';
import { parseOperator } from '../../iam/conditionOperators';
import { allStatements, conditionEntries, sentenceLabel, type StatementView } from '../../iam/policyModel';
import { listOf, principalValues, resourcePolicyService } from './shared';

/**
 * Condition keys that confine a `"*"` principal to known callers, as S3 Block Public Access reads them ("The
 * meaning of public": fixed values of aws:SourceIp, aws:SourceArn, aws:SourceVpc, aws:SourceVpce,
 * aws:SourceOwner, aws:SourceAccount, aws:userid, s3:DataAccessPointArn/Account) and the organization and
 * principal keys (aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn, ...); kms:CallerAccount confines a
 * KMS key policy to one account (the default key policy for AWS managed keys uses it).
 */
const RESTRICTING_KEYS = new Set(
  [
    'aws:SourceArn',
    'aws:SourceAccount',
    'aws:SourceOwner',
    'aws:SourceOrgID',
    'aws:SourceOrgPaths',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:SourceIp',
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:PrincipalServiceName',
    'aws:userid',
    'kms:CallerAccount',
    's3:DataAccessPointArn',
    's3:DataAccessPointAccount',
    'lambda:FunctionUrlAuthType',
  ].map((key) => key.toLowerCase()),
);

const RESOURCE_WORDS: Record<string, string> = {
  s3: 'S3 bucket',
  sqs: 'SQS queue',
  sns: 'SNS topic',
  kms: 'KMS key',
  ecr: 'ECR repository',
  secretsmanager: 'secret',
  lambda: 'Lambda function',
  es: 'OpenSearch domain',
};

export const publicResourcePolicy: Rule = {
  meta: {
    id: 'iam/public-resource-policy',
    title: 'A resource policy allows every principal ("Principal": "*") with no condition restricting the caller',
    defaultSeverity: 'warning',
    phase: 'advice',
    docsUrl:
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status',
    fixable: false,
    appliesTo: ['iam-resource-policy', 'cloudformation-template'],
    description: [
      'An Allow statement of a resource policy (S3 bucket, SQS queue, SNS topic, KMS key, ECR repository, Secrets',
      'Manager secret, Lambda function, OpenSearch domain) with `"Principal": "*"` or `{"AWS": "*"}` and no condition',
      'on the caller makes the resource public: any AWS account, and for some services anonymous callers, can use the',
      'actions it allows. A condition with fixed values of `aws:SourceArn`, `aws:SourceAccount`, `aws:SourceOwner`,',
      '`aws:SourceVpce`, `aws:SourceVpc`, `aws:SourceIp`, `aws:PrincipalOrgID`, `aws:PrincipalAccount`,',
      '`aws:PrincipalArn` or `kms:CallerAccount` confines it (what S3 Block Public Access calls not public);',
      '`...IfExists` operators and negated operators do not. A KMS key policy that gives `kms:*` to `"*"` under such a',
      'condition is reported as information: every principal the condition admits can then administer and delete the key.',
      'Name the accounts, roles or services that need access, or add one of these conditions.',
    ].join('\n'),
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      if (statement.policy.type !== 'resource' || statement.effect !== 'Allow' || statement.principalKey !== 'Principal') continue;
      const star = principalValues(statement, 'AWS').find((node) => stringValue(node) === '*');
      if (!star) continue;
      const service = resourcePolicyService(context.document, statement);
      const resource = (service && RESOURCE_WORDS[service]) ?? 'resource';
      const actions = statement.actions.map((item) => item.value);
      const shown =
        statement.actionKey === 'NotAction' ? 'every action but those it lists' : actions.length ? listOf(actions) : 'its actions';
      if (!restrictsCaller(statement)) {
        context.report({
          at: star,
          message: `${sentenceLabel(statement)} allows every principal, in any AWS account, ${shown} on this ${resource} with no condition on the caller: anyone can use it as this statement allows. Name the principals that need access, or add a condition such as \`aws:PrincipalOrgID\`, \`aws:SourceArn\` or \`aws:SourceAccount\`.`,
        });
        continue;
      }
      const kmsAll =
        service === 'kms' &&
        statement.actionKey === 'Action' &&
        actions.some((action) => action === '*' || action.toLowerCase() === 'kms:*');
      if (kmsAll) {
        context.report({
          at: star,
          severity: 'info',
          message: `${sentenceLabel(statement)} gives \`kms:*\` to every principal its condition admits: any of them can change this key's policy, disable or schedule the key for deletion. Give \`kms:*\` only to the key administrators and the usage actions (\`kms:Decrypt\`, \`kms:GenerateDataKey*\`, ...) to the others.`,
        });
      }
    }
  },
};

/** A positive (not negated, not IfExists) condition with a value other than `*` on a key that confines the caller. */
function restrictsCaller(statement: StatementView): boolean {
  return conditionEntries(statement).some((entry) => {
    if (!RESTRICTING_KEYS.has(entry.key.toLowerCase())) return false;
    const operator = parseOperator(entry.operator);
    if (!operator || operator.ifExists || operator.base === 'Null' || /Not/.test(operator.base)) return false;
    // In a template the value is often an intrinsic (`Ref: AWS::AccountId`): a fixed value at deploy time.
    const items = entry.valueNode?.type === 'array' ? arrayItems(entry.valueNode) : entry.valueNode ? [entry.valueNode] : [];
    return items.length > 0 && items.every((item) => item.type === 'object' || (item.value !== '*' && item.value !== ''));
  });
}
