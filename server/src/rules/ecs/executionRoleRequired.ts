import { property, stringValue } from '../../core/json';
import { fieldLabel } from '../../core/fieldNames';
import { isIntrinsic } from '../../core/intrinsics';
import type { Rule } from '../../core/rule';
import { fargateReason } from '../../ecs/services';
import { insertProperty } from '../../core/edits';
import {
  executionRoleNeeds,
  NEED_DOCS,
  taskDefinitionContext,
  type ExecutionFeature,
  type ExecutionNeed,
} from '../../ecs/executionRoleNeeds';
import { ECS_DOCS } from '../../ecs/links';
import { ecsViews, launchTypes } from '../../ecs/taskDefinition';

const FEATURE_NAMES: Record<ExecutionFeature, string> = {
  'private-ecr-image': 'a private ECR image',
  'ecr-pull-through-cache': 'an ECR pull through cache image',
  awslogs: 'the awslogs log driver',
  'secrets-manager-secret': 'secrets from Secrets Manager',
  'ssm-parameter': 'secrets from SSM Parameter Store',
  'repository-credentials': 'private registry credentials',
  'environment-file': 'environment files from S3',
  'firelens-s3-config': 'a FireLens configuration file from S3',
  'secret-kms-key': 'secrets encrypted with a customer managed KMS key',
};

/** Launch types where nothing but the execution role can pull images or write awslogs. */
const NO_INSTANCE_ROLE = ['FARGATE', 'EXTERNAL'];
/** What the container instance role does on EC2 when the task has no execution role. */
const INSTANCE_ROLE_FEATURES: readonly ExecutionFeature[] = ['private-ecr-image', 'ecr-pull-through-cache', 'awslogs'];

export const executionRoleRequired: Rule = {
  meta: {
    id: 'ecs/execution-role-required',
    title: 'A feature needs a task execution role and none is set',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: ECS_DOCS.executionRole,
    fixable: true,
    appliesTo: ['ecs-task-definition', 'cloudformation-template'],
    description: [
      'ECS uses the task execution role (`executionRoleArn`) to pull private ECR images, send `awslogs` output,',
      'read `secrets` and `secretOptions`, read private registry credentials, and fetch environment files and',
      'FireLens configuration from S3. Without it:',
      '',
      '- `secrets`, `repositoryCredentials` and `environmentFiles` fail on every launch type (error);',
      '- a private ECR image or awslogs fails on Fargate and EXTERNAL (error). On EC2, without an execution role,',
      '  the container agent pulls images and sends awslogs output with the container instance role (the AWS',
      '  managed policy `AmazonEC2ContainerServiceforEC2Role` grants both): that is a documented setup, so an',
      '  task definition whose `requiresCompatibilities` is `["EC2"]` gets an info that says so, not a claim that a',
      '  permission is missing; without `requiresCompatibilities` (ECS may then find it Fargate-compatible too) a warning.',
      '',
      'The quick fix adds `executionRoleArn` with the usual `ecsTaskExecutionRole`, in the account the image or',
      'secret ARNs reveal (or a placeholder). That role typically has the AWS managed policy',
      '`AmazonECSTaskExecutionRolePolicy`; secrets and S3 files need statements of their own.',
    ].join('\n'),
  },
  check(context) {
    const { text } = context.document;
    for (const view of ecsViews(context.document)) {
      const executionRole = stringValue(property(view.node, 'executionRoleArn'));
      if (executionRole && executionRole.trim() !== '') continue;
      // A CloudFormation intrinsic (Fn::GetAtt of a role, Fn::ImportValue) sets a role the linter cannot see.
      if (isIntrinsic(property(view.node, 'executionRoleArn'))) continue;
      const needs = executionRoleNeeds(view.node);
      if (needs.length === 0) continue;
      // A Fargate service running this task definition makes it a Fargate task definition too.
      const inferred = fargateReason(context.document, view, context.workspace, context.filePath)?.by === 'service' ? ['FARGATE'] : [];
      const launches = [...launchTypes(view.node), ...inferred];
      const strictLaunch = launches.some((type) => NO_INSTANCE_ROLE.includes(type));
      const isError = (need: ExecutionNeed) =>
        need.requiredOnEveryLaunchType || (strictLaunch && INSTANCE_ROLE_FEATURES.includes(need.feature));
      const errors = needs.filter(isError);
      // requiresCompatibilities ["EC2"] only: without it, ECS may find the definition Fargate-compatible too.
      const ec2Only = launches.length > 0 && launches.every((type) => type === 'EC2');
      const anchorNeed = errors[0] ?? needs[0];
      const features = [...new Set(needs.map((need) => FEATURE_NAMES[need.feature]))];
      const examples = needs.slice(0, 3).map((need) => need.summary);
      const where = taskDefinitionContext(view.node);
      // Without a known account, the role's name: RegisterTaskDefinition accepts it, and it is no placeholder.
      const roleArn = where.account ? `arn:${where.partition}:iam::${where.account}:role/ecsTaskExecutionRole` : 'ecsTaskExecutionRole';
      const existing = property(view.node, 'executionRoleArn');
      const state = existing ? (existing.type === 'string' ? 'is empty' : 'is not a role name or ARN') : 'is not set';
      const after = property(view.node, 'taskRoleArn')?.parent ?? property(view.node, 'family')?.parent;
      const edit = existing
        ? { offset: existing.offset, length: existing.length, newText: JSON.stringify(roleArn) }
        : insertProperty(text, view.node, 'executionRoleArn', JSON.stringify(roleArn), after);
      const consequence =
        errors.length > 0
          ? errors.some((need) => need.requiredOnEveryLaunchType)
            ? 'ECS refuses to register or start such a task without one.'
            : `On ${launches.filter((type) => NO_INSTANCE_ROLE.includes(type)).join('/')} the task fails to start without one.`
          : 'On EC2 the container instance role may cover this, but tasks elsewhere (and least-privilege setups) need an execution role.';
      const field = fieldLabel(view.node, 'executionRoleArn');
      const message =
        errors.length === 0 && ec2Only
          ? `This task definition runs only on EC2 and ${existing ? 'has an empty' : 'sets no'} \`${field}\`, so the container agent uses the container instance role to ${examples.join('; ')}${needs.length > 3 ? `; and ${needs.length - 3} more` : ''}. Check that the instance role allows it (AWS's \`AmazonEC2ContainerServiceforEC2Role\` covers image pulls and awslogs: ${NEED_DOCS.instanceRole}), or set an execution role to give this task permissions of its own.`
          : `This task definition uses ${features.join(', ')}, which ECS handles with the task execution role, but \`${field}\` ${state}. ${consequence} Needed to: ${examples.join('; ')}${needs.length > 3 ? `; and ${needs.length - 3} more` : ''}.`;
      context.report({
        at: anchorNeed.node,
        severity: errors.length > 0 ? 'error' : ec2Only ? 'info' : 'warning',
        // On EC2 the registration goes through; a task fails at start if the instance role does not cover it.
        phase: errors.length > 0 ? 'register' : 'start',
        message,
        fixes: [{ title: `${existing ? 'Set' : 'Add'} ${field} (${roleArn})`, edits: [edit], isPreferred: true }],
        data: { features: [...new Set(needs.map((need) => need.feature))] },
      });
    }
  },
};
