import { ruleTests } from '../helpers';

const taskDefinition = (roles: string) => `{"family": "web", ${roles}, "containerDefinitions": [{"name": "web", "image": "nginx:1.27"}]}`;

ruleTests('ecs/same-task-and-execution-role', {
  valid: [
    { name: 'different roles', code: taskDefinition('"taskRoleArn": "arn:aws:iam::210987654321:role/app", "executionRoleArn": "arn:aws:iam::210987654321:role/ecsTaskExecutionRole"') },
    { name: 'only a task role', code: taskDefinition('"taskRoleArn": "app"') },
    { name: 'same name in different accounts', code: taskDefinition('"taskRoleArn": "arn:aws:iam::210987654321:role/app", "executionRoleArn": "arn:aws:iam::310987654321:role/app"') },
    { name: 'a policy is not a task definition', code: '{"Version": "2012-10-17", "Statement": [], "taskRoleArn": "a", "executionRoleArn": "a"}' },
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
      name: 'describe-task-definition output',
      code: `{"taskDefinition": ${taskDefinition('"taskRoleArn": "r", "executionRoleArn": "r"')}}`,
      findings: [{}],
    },
  ],
});
