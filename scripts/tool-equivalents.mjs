// What other tools check about ECS and IAM, and the rules of ours that check the same: the table at the end of
// docs/rules.md (scripts/generate-rule-docs.mjs renders it and fails when a rule named here does not exist, or
// when a cfn-lint rule the differential test treats as in scope has no row). `pending` names work not yet landed.
export const PENDING_SERVICES = 'pending issue 15 item 1 (ECS services)';

export const EQUIVALENTS = [
  // cfn-lint: ECS.
  { tool: 'cfn-lint', id: 'E3042', what: 'at least one essential container', ours: ['ecs/no-essential-container'] },
  {
    tool: 'cfn-lint',
    id: 'E3044',
    what: 'Fargate or EXTERNAL services use the REPLICA scheduling strategy',
    ours: ['ecs/service-scheduling-strategy'],
  },
  { tool: 'cfn-lint', id: 'E3046', what: 'awslogs needs options with awslogs-group and awslogs-region', ours: ['ecs/awslogs-options'] },
  { tool: 'cfn-lint', id: 'E3047', what: 'Fargate CPU and memory combinations', ours: ['ecs/fargate-task-size'] },
  {
    tool: 'cfn-lint',
    id: 'E3048',
    what: 'Fargate task definitions: network mode and supported properties',
    ours: ['ecs/fargate-network-mode', 'ecs/fargate-unsupported-parameter'],
  },
  {
    tool: 'cfn-lint',
    id: 'E3049',
    what: 'a dynamic host port needs the target group health check on traffic-port',
    ours: ['ecs/service-health-check-port'],
  },
  { tool: 'cfn-lint', id: 'E3050', what: 'a Ref to an IAM role with a Path where an ARN is needed', ours: ['cfn/ref-role-with-path'] },
  { tool: 'cfn-lint', id: 'E3052', what: 'an awsvpc service needs NetworkConfiguration', ours: ['ecs/service-network-configuration'] },
  { tool: 'cfn-lint', id: 'E3053', what: 'awsvpc: hostPort equals containerPort', ours: ['ecs/host-port-mismatch'] },
  {
    tool: 'cfn-lint',
    id: 'E3054',
    what: 'a Fargate service needs a Fargate-compatible task definition',
    ours: ['ecs/service-launch-type-compatibility'],
  },
  {
    tool: 'cfn-lint',
    id: 'E3713',
    what: 'Fargate supports only some log drivers',
    ours: ['ecs/fargate-unsupported-parameter'],
  },
  // cfn-lint: IAM.
  {
    tool: 'cfn-lint',
    id: 'E3510',
    what: 'identity policy grammar',
    ours: [
      'iam/version',
      'iam/statement',
      'iam/effect',
      'iam/action-element',
      'iam/resource-element',
      'iam/unknown-key',
      'iam/condition-operator',
      'iam/empty-value',
    ],
  },
  { tool: 'cfn-lint', id: 'E3511', what: 'IAM role ARN pattern', ours: ['ecs/role-arn-format'] },
  {
    tool: 'cfn-lint',
    id: 'E3512',
    what: 'resource policy grammar',
    ours: ['iam/statement', 'iam/principal-element', 'iam/action-element', 'iam/resource-element'],
  },
  {
    tool: 'cfn-lint',
    id: 'E3513',
    what: 'ECR repository policy grammar',
    ours: ['iam/statement', 'iam/principal-element', 'iam/resource-element'],
  },
  { tool: 'cfn-lint', id: 'E3514', what: 'resource ARNs of a resource policy', ours: ['iam/arn-syntax', 'iam/resource-mismatch'] },
  {
    tool: 'cfn-lint',
    id: 'E3530',
    what: 'trust policy grammar',
    ours: ['iam/principal-element', 'iam/trust-policy-not-ecs', 'iam/statement'],
  },
  { tool: 'cfn-lint', id: 'W3037', what: 'unknown IAM actions and services', ours: ['iam/unknown-action', 'iam/unknown-service'] },
  { tool: 'cfn-lint', id: 'I3510', what: 'statement resources match the actions', ours: ['iam/resource-mismatch'] },
  { tool: 'cfn-lint', id: 'W2511', what: 'policy Version', ours: ['iam/version'] },
  { tool: 'cfn-lint', id: 'E1156', what: 'IAM role ARN format', ours: ['ecs/role-arn-format'] },
  // cfn-lint: the generic schema rules, on the ECS, IAM and resource-policy resource types.
  {
    tool: 'cfn-lint',
    id: 'E3001',
    what: 'resource configuration (Type, Properties)',
    ours: ['cfn/missing-property', 'cfn/unknown-property'],
  },
  {
    tool: 'cfn-lint',
    id: 'E3002',
    what: 'unknown properties, wrong formats',
    ours: ['cfn/unknown-property', 'cfn/invalid-value', 'ecs/unknown-field'],
  },
  { tool: 'cfn-lint', id: 'E3003', what: 'required properties', ours: ['cfn/missing-property', 'ecs/missing-required-field'] },
  { tool: 'cfn-lint', id: 'E3012', what: 'property value types', ours: ['cfn/invalid-value', 'ecs/invalid-type'] },
  { tool: 'cfn-lint', id: 'E3014', what: 'exactly one of a set of properties', ours: ['cfn/invalid-value', 'ecs/missing-required-field'] },
  { tool: 'cfn-lint', id: 'E3017', what: 'at least one of a set of properties', ours: ['cfn/missing-property'] },
  { tool: 'cfn-lint', id: 'E3018', what: 'only one of a set of properties', ours: ['cfn/invalid-value'] },
  { tool: 'cfn-lint', id: 'E3020', what: 'properties that exclude each other', ours: ['cfn/invalid-value'] },
  { tool: 'cfn-lint', id: 'E3021', what: 'a property that requires another', ours: ['cfn/missing-property', 'ecs/missing-required-field'] },
  { tool: 'cfn-lint', id: 'E3030', what: 'allowed values', ours: ['cfn/invalid-value', 'ecs/invalid-enum-value'] },
  { tool: 'cfn-lint', id: 'E3031', what: 'patterns (IAM names and paths)', ours: ['cfn/invalid-value'] },
  { tool: 'cfn-lint', id: 'E3032', what: 'list lengths', ours: ['ecs/task-definition-quota'] },
  { tool: 'cfn-lint', id: 'E3033', what: 'string lengths (RoleName at most 64 characters)', ours: ['cfn/invalid-value'] },
  { tool: 'cfn-lint', id: 'E3034', what: 'number ranges (MaxSessionDuration)', ours: ['cfn/invalid-value'] },
  {
    tool: 'cfn-lint',
    id: 'E3037',
    what: 'duplicates in a list (ManagedPolicyArns)',
    ours: ['cfn/duplicate-item', 'ecs/duplicate-container-name'],
  },
  { tool: 'cfn-lint', id: 'E3040', what: 'read-only properties', ours: ['ecs/read-only-field'] },
  // checkov and KICS: ECS concepts.
  {
    tool: 'checkov, KICS',
    id: 'task role missing',
    what: 'a task definition whose task needs a role it lacks',
    ours: ['ecs/task-role-missing-permission', 'ecs/same-task-and-execution-role'],
  },
  {
    tool: 'checkov (CKV_AWS_97), KICS',
    id: 'EFS transit encryption',
    what: 'EFS volumes without TLS',
    ours: ['ecs/efs-transit-encryption'],
  },
  { tool: 'checkov, KICS', id: 'health check', what: 'a container without a health check', ours: ['ecs/container-health-check'] },
  { tool: 'checkov, KICS', id: 'privileged', what: 'privileged containers', ours: ['ecs/privileged-container'] },
  {
    tool: 'checkov, KICS',
    id: 'host namespaces',
    what: 'host PID or IPC namespace, host network',
    ours: ['ecs/host-namespace', 'ecs/root-user-host-network'],
  },
  { tool: 'checkov, KICS', id: 'read-only root', what: 'a writable root file system', ours: ['ecs/readonly-root-filesystem'] },
  { tool: 'checkov, KICS', id: 'plaintext secrets', what: 'secrets in environment variables', ours: ['ecs/plaintext-secret'] },
];
