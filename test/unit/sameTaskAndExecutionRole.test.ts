import { ruleTests } from '../helpers';

const taskDefinition = (roles: string) => `{"family": "web", ${roles}, "containerDefinitions": [{"name": "web", "image": "nginx:1.27"}]}`;

ruleTests('ecs/same-task-and-execution-role', {
  valid: [
    {
      name: 'different roles',
      code: taskDefinition(
        '"taskRoleArn": "arn:aws:iam::210987654321:role/app", "executionRoleArn": "arn:aws:iam::210987654321:role/ecsTaskExecutionRole"',
      ),
    },
    { name: 'only a task role', code: taskDefinition('"taskRoleArn": "app"') },
    {
      name: 'same name in different accounts',
      code: taskDefinition('"taskRoleArn": "arn:aws:iam::210987654321:role/app", "executionRoleArn": "arn:aws:iam::310987654321:role/app"'),
    },
    {
      name: 'a template: two role resources',
      code: JSON.stringify({
        Resources: {
          AppRole: { Type: 'AWS::IAM::Role', Properties: {} },
          ExecutionRole: { Type: 'AWS::IAM::Role', Properties: {} },
          Task: {
            Type: 'AWS::ECS::TaskDefinition',
            Properties: {
              TaskRoleArn: { 'Fn::GetAtt': ['AppRole', 'Arn'] },
              ExecutionRoleArn: { 'Fn::GetAtt': ['ExecutionRole', 'Arn'] },
              ContainerDefinitions: [{ Name: 'web', Image: 'nginx:1.27' }],
            },
          },
        },
      }),
    },
    {
      name: 'a template: two different imported roles',
      code: JSON.stringify({
        Resources: {
          Task: {
            Type: 'AWS::ECS::TaskDefinition',
            Properties: {
              TaskRoleArn: { 'Fn::ImportValue': 'app-role' },
              ExecutionRoleArn: { 'Fn::ImportValue': 'execution-role' },
              ContainerDefinitions: [{ Name: 'web', Image: 'nginx:1.27' }],
            },
          },
        },
      }),
    },
    {
      name: 'a policy is not a task definition',
      code: '{"Version": "2012-10-17", "Statement": [], "taskRoleArn": "a", "executionRoleArn": "a"}',
    },
  ],
  invalid: [
    {
      name: 'identical ARNs',
      code: taskDefinition('"taskRoleArn": "arn:aws:iam::210987654321:role/app", "executionRoleArn": "arn:aws:iam::210987654321:role/app"'),
      findings: [{ severity: 'warning', messageIncludes: 'least privilege', text: '"arn:aws:iam::210987654321:role/app"' }],
    },
    {
      name: 'a name and the ARN of that name',
      code: taskDefinition('"taskRoleArn": "app", "executionRoleArn": "arn:aws:iam::210987654321:role/service/App"'),
      findings: [{ messageIncludes: '`app`' }],
    },
    {
      name: 'a template: both fields name one AWS::IAM::Role resource (Fn::GetAtt and Ref)',
      code: JSON.stringify({
        Resources: {
          AppRole: {
            Type: 'AWS::IAM::Role',
            Properties: {
              AssumeRolePolicyDocument: {
                Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
              },
            },
          },
          Task: {
            Type: 'AWS::ECS::TaskDefinition',
            Properties: {
              TaskRoleArn: { 'Fn::GetAtt': ['AppRole', 'Arn'] },
              ExecutionRoleArn: { Ref: 'AppRole' },
              ContainerDefinitions: [{ Name: 'web', Image: 'nginx:1.27' }],
            },
          },
        },
      }),
      findings: [{ messageIncludes: '`AppRole` in this template' }],
    },
    {
      name: 'a template: both fields take the same parameter',
      code: JSON.stringify({
        Parameters: { RoleArn: { Type: 'String' } },
        Resources: {
          Task: {
            Type: 'AWS::ECS::TaskDefinition',
            Properties: {
              TaskRoleArn: { Ref: 'RoleArn' },
              ExecutionRoleArn: { Ref: 'RoleArn' },
              ContainerDefinitions: [{ Name: 'web', Image: 'nginx:1.27' }],
            },
          },
        },
      }),
      findings: [{ messageIncludes: '`{"Ref":"RoleArn"}` in both fields', text: '"ExecutionRoleArn"' }],
    },
    {
      name: 'describe-task-definition output',
      code: `{"taskDefinition": ${taskDefinition('"taskRoleArn": "r", "executionRoleArn": "r"')}}`,
      findings: [{}],
    },
  ],
});
