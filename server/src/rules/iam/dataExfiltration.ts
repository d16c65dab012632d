// Read actions that hand over data or secrets, on every resource (Cloudsplaining "Data Exfiltration", checkov CKV_AWS_108).
import type { Rule } from '../../core/rule';
import { allStatements } from '../../iam/policyModel';
import { DATA_EXFILTRATION_ACTIONS, DATA_EXFILTRATION_URL } from '../../iam/riskLists';
import { isUnconstrainedAllow, isWholeServiceGrant, listedActionsMatching, listOf, POLICY_KINDS } from './shared';

export const dataExfiltration: Rule = {
  meta: {
    id: 'iam/data-exfiltration',
    title: 'Reading objects, parameters or secrets allowed on every resource without a condition',
    defaultSeverity: 'hint',
    phase: 'advice',
    docsUrl: DATA_EXFILTRATION_URL,
    fixable: false,
    appliesTo: POLICY_KINDS,
    description: [
      "Cloudsplaining's data-exfiltration actions (`s3:GetObject`, `ssm:GetParameter`, `ssm:GetParameters`,",
      '`ssm:GetParametersByPath`, `secretsmanager:GetSecretValue`, `rds:CopyDBSnapshot`, `rds:CreateDBSnapshot`) on',
      '`"Resource": "*"` without a condition read every object, parameter, secret or database of the account. Name',
      "the buckets, parameters and secrets the application reads (an ECS execution role's `secrets` need only the",
      'ARNs the task definition names).',
    ].join('\n'),
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      if (!isUnconstrainedAllow(statement)) continue;
      for (const item of statement.actions) {
        if (isWholeServiceGrant(item.value)) continue;
        const listed = listedActionsMatching(item.value, DATA_EXFILTRATION_ACTIONS);
        if (listed.length === 0) continue;
        context.report({
          at: item.node,
          message: `${item.value === listed[0] ? `\`${item.value}\`` : `\`${item.value}\` (${listOf(listed)})`} on \`"*"\` without a condition reads every ${describe(listed)} in the account: whoever holds this principal's credentials can copy them all out. Name the resources the application reads.`,
        });
      }
    }
  },
};

function describe(actions: readonly string[]): string {
  const services = new Set(actions.map((action) => action.split(':')[0]));
  const words: string[] = [];
  if (services.has('s3')) words.push('S3 object');
  if (services.has('ssm')) words.push('SSM parameter');
  if (services.has('secretsmanager')) words.push('secret');
  if (services.has('rds')) words.push('database snapshot');
  return words.join(', ');
}
