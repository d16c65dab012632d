import type { Rule, RuleContext } from '../../core/rule';
import { needValue } from '../../core/intrinsics';
import { property } from '../../core/json';
import type { Fix } from '../../core/types';
import { EXECUTION_NEED_CATALOGUE, executionRoleNeeds, NEED_DOCS } from '../../ecs/executionRoleNeeds';
import { addStatementsFix, appendStatementsEdit } from '../../roles/check';
import { repositoryPolicyChecks, repositoryPullStatement, type RepositoryPolicyCheck } from '../../roles/repositoryPolicy';
import { fargateReason } from '../../ecs/services';
import { launchTypes } from '../../ecs/taskDefinition';
import { isFargateOrExternal, linkedRoles, reportGaps } from './shared';

/** Needs the container instance role can meet on EC2 when the task definition has no execution role. */
const INSTANCE_ROLE_FEATURES = ['private-ecr-image', 'ecr-pull-through-cache', 'awslogs'];

export const executionRoleMissingPermission: Rule = {
  meta: {
    id: 'ecs/execution-role-missing-permission',
    title: "The execution role's linked policies do not allow what the task definition needs",
    defaultSeverity: 'error',
    phase: 'start',
    docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html',
    fixable: true,
    appliesTo: ['ecs-task-definition', 'cloudformation-template'],
    description: [
      'ECS uses the execution role to pull private ECR images, write `awslogs` output, and read the secrets,',
      'registry credentials and files it injects. When the policies linked to that role (through `roles` in',
      '`.ecs-iam.json`, or files named after the role, plus AWS managed policies) do not allow one of these, the',
      'task fails to start. The finding sits on the part of the task definition that needs the permission.',
      'The quick fix adds a statement scoped to exactly that resource to the linked policy file.',
      'Error on Fargate and for secrets, registry credentials and environment files; a warning for ECR pulls and',
      'awslogs on EC2, where the container instance role may cover them.',
      '',
      "An image in another account's ECR repository is pulled only if that repository's policy allows the execution",
      'role too: when the policy is in the workspace (an `AWS::ECR::Repository` in a template, or a file named',
      '`<repository>-repository-policy.json`) and it does not, that is reported as well, with a fix that adds the statement.',
      'A linked AWS managed policy whose document is not known offline may grant anything: the role is then not judged.',
      '',
      "What each feature needs, exactly as the AWS page cited requires it (AWS's minimal managed policy for the use",
      'case always satisfies it):',
      '',
      '| Feature | Needs | AWS page | Managed policies that cover it |',
      '|---|---|---|---|',
      ...EXECUTION_NEED_CATALOGUE.map((entry) => `| ${entry.when} | ${entry.actions} | ${entry.docsUrl} | ${entry.managed} |`),
    ].join('\n'),
  },
  check(context) {
    for (const { taskDefinition, roleName, link, role } of linkedRoles(context, 'executionRoleArn')) {
      const needs = executionRoleNeeds(taskDefinition);
      const view = context.document.taskDefinitions.find((candidate) => candidate.node === taskDefinition);
      // A Fargate service that runs it makes it a Fargate task definition, whatever its requiresCompatibilities says.
      const strict =
        isFargateOrExternal(taskDefinition) ||
        (view !== undefined && fargateReason(context.document, view, context.workspace, context.filePath) !== undefined);
      const ec2Only = !strict && launchTypes(taskDefinition).length > 0 && launchTypes(taskDefinition).every((type) => type === 'EC2');
      reportGaps(
        context,
        'executionRoleArn',
        roleName,
        link,
        needs,
        (need) => (strict || (need as { requiredOnEveryLaunchType?: boolean }).requiredOnEveryLaunchType ? 'error' : 'warning'),
        role,
        (need) =>
          ec2Only && INSTANCE_ROLE_FEATURES.includes(need.feature)
            ? `This task definition runs only on EC2, where a task without an execution role pulls images and sends awslogs output with the container instance role instead (AmazonEC2ContainerServiceforEC2Role covers both: ${NEED_DOCS.instanceRole}); with an execution role set, this role must allow it.`
            : undefined,
      );
    }
    // Cross-account images: the other account's repository policy, when it is in the workspace.
    for (const view of context.document.taskDefinitions) {
      const roleArn = needValue(property(view.node, 'executionRoleArn'));
      const checks = repositoryPolicyChecks(executionRoleNeeds(view.node), roleArn, context.document, context.workspace, context.filePath);
      for (const check of checks) reportRepositoryGap(context, check, isFargateOrExternal(view.node));
    }
  },
};

function reportRepositoryGap(context: RuleContext, check: RepositoryPolicyCheck, strict: boolean): void {
  const missing = check.evaluations.filter(({ evaluation }) => evaluation.decision === 'not-allowed' || evaluation.decision === 'denied');
  const conditional = check.evaluations.filter(({ evaluation }) => evaluation.decision === 'conditional');
  const { account, repository } = check.need.crossAccount!;
  const where = `The repository policy of \`${repository}\` in account \`${account}\` (${check.policy.label})`;
  if (missing.length > 0) {
    const statement = repositoryPullStatement(check.roleArn);
    const fixes: Fix[] = [];
    const title = `Allow ${check.roleArn} to pull in ${check.policy.label}`;
    if (check.policy.document === context.document) {
      fixes.push({ title, edits: [appendStatementsEdit(context.document, check.policy.policyNode, [statement])], isPreferred: true });
    } else {
      const fix = addStatementsFix(
        title,
        {
          label: check.policy.label,
          kind: 'file',
          file: check.policy.file,
          document: check.policy.document,
          policyNode: check.policy.policyNode,
          statements: [],
        },
        [statement],
      );
      if (fix) fixes.push(fix);
    }
    context.report({
      at: check.need.node,
      severity: strict ? 'error' : 'warning',
      message: `${where} does not allow the execution role \`${check.roleArn}\` ${missing.map(({ action }) => `\`${action}\``).join(', ')}: pulling an image from another account needs the repository policy to allow the role as well as the role's own policies (${NEED_DOCS.ecrRepositoryPolicies}).`,
      fixes,
      data: { missingActions: missing.map(({ action }) => action) },
    });
  } else if (conditional.length > 0) {
    context.report({
      at: check.need.node,
      severity: 'info',
      message: `${where} allows the execution role \`${check.roleArn}\` ${conditional.map(({ action }) => `\`${action}\``).join(', ')} only under a condition (${[...new Set(conditional.flatMap(({ evaluation }) => evaluation.conditions))].join(' and ')}). Check that it holds for ECS pulls.`,
    });
  }
}
