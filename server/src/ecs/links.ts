// AWS documentation pages the ECS rules rest on (one place, so a moved page is fixed once).
const GUIDE = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide';

export const ECS_DOCS = {
  parameters: `${GUIDE}/task_definition_parameters.html`,
  registerApi: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html',
  describeApi: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeTaskDefinition.html',
  fargate: `${GUIDE}/fargate-tasks-services.html`,
  fargateTaskSize: `${GUIDE}/fargate-tasks-services.html#fargate-tasks-size`,
  networkMode: `${GUIDE}/task_definition_parameters.html#network_mode`,
  portMappings: `${GUIDE}/task_definition_parameters.html#container_definition_portmappings`,
  essential: `${GUIDE}/task_definition_parameters.html#container_definition_essential`,
  containerName: `${GUIDE}/task_definition_parameters.html#container_definition_name`,
  dependsOn: `${GUIDE}/task_definition_parameters.html#container_definition_dependson`,
  memory: `${GUIDE}/task_definition_parameters.html#container_definition_memory`,
  image: `${GUIDE}/task_definition_parameters.html#container_definition_image`,
  secrets: `${GUIDE}/specifying-sensitive-data.html`,
  secretsManagerSecrets: `${GUIDE}/secrets-envvar-secrets-manager.html`,
  securityTasks: `${GUIDE}/security-tasks-containers.html`,
  pidMode: `${GUIDE}/task_definition_parameters.html#task_definition_pidmode`,
  ipcMode: `${GUIDE}/task_definition_parameters.html#task_definition_ipcmode`,
  hostNetwork: `${GUIDE}/networking-networkmode-host.html`,
  executionRole: `${GUIDE}/task_execution_IAM_role.html`,
  taskRole: `${GUIDE}/task-iam-roles.html`,
  iamArns: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns',
  privateRegistry: `${GUIDE}/private-auth.html`,
  serviceQuotas: `${GUIDE}/service-quotas.html`,
} as const;
