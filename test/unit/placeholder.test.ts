import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coveredText, findingsOf, ruleTests } from '../helpers';

const policyWithResource = (resource: string) =>
  `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "${resource}"}]}`;
const taskDefinitionWith = (container: string) =>
  `{"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx:1.27", ${container}}]}`;

ruleTests('placeholder', {
  valid: [
    { name: 'a real ARN', code: policyWithResource('arn:aws:s3:::my-bucket/*') },
    { name: 'policy variables are not placeholders', code: policyWithResource('arn:aws:s3:::bucket/${aws:username}/*') },
    {
      name: 'FireLens options may use ${VAR}: Fluent Bit expands them',
      code: taskDefinitionWith(
        '"logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "cloudwatch_logs", "log_group_name": "${ECS_CLUSTER}/app"}}',
      ),
    },
    {
      name: 'the word yourself is no placeholder',
      code: taskDefinitionWith('"environment": [{"name": "GREETING", "value": "help yourself"}]'),
    },
  ],
  invalid: [
    {
      name: 'angle brackets',
      code: policyWithResource('arn:aws:s3:::<bucketName>/*'),
      findings: [{ text: '<bucketName>', severity: 'info' }],
    },
    {
      name: 'X account',
      code: policyWithResource('arn:aws:logs:us-east-1:XXXXXXXXXXXX:log-group:x'),
      findings: [{ text: 'XXXXXXXXXXXX' }],
    },
    {
      name: 'documentation account',
      code: policyWithResource('arn:aws:logs:us-east-1:111122223333:log-group:x'),
      findings: [{ text: '111122223333' }],
    },
    {
      name: 'region and account words in an ARN',
      code: policyWithResource('arn:aws:logs:region:account-id:log-group:x'),
      findings: [{ text: 'region' }, { text: 'account-id' }],
    },
    { name: 'your-bucket', code: policyWithResource('arn:aws:s3:::your-bucket/*'), findings: [{ text: 'your-bucket' }] },
    {
      name: 'template left in a task definition secret',
      code: taskDefinitionWith('"secrets": [{"name": "URI", "valueFrom": "arn:${Partition}:secretsmanager:${Region}:1:secret:x"}]'),
      findings: [{ text: '${Partition}' }, { text: '${Region}' }],
    },
    {
      name: 'braced your-id',
      code: taskDefinitionWith('"environment": [{"name": "HOST", "value": "{your-environment-id}.live.dynatrace.com"}]'),
      findings: [{ text: '{your-environment-id}' }],
    },
  ],
});

ruleTests('placeholder', {
  valid: [
    {
      name: 'CloudFormation parameter types in angle brackets are not placeholders',
      code: '{"AWSTemplateFormatVersion": "2010-09-09", "Parameters": {"Ami": {"Type": "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>"}}, "Resources": {}}',
    },
    {
      name: 'HTML tags (of the page a UserData script writes) are not placeholders',
      code: '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Web": {"Type": "AWS::EC2::Instance", "Properties": {"Tags": [{"Key": "page", "Value": "<html><head><title>Demo</title></head><body><h1>It works</h1><P>Hello</P><br></body></html>"}]}}}}',
    },
  ],
  invalid: [
    {
      name: 'a placeholder next to HTML in the same value',
      code: '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Web": {"Type": "AWS::EC2::Instance", "Properties": {"Tags": [{"Key": "banner", "Value": "<h1><app-name></h1>"}]}}}}',
      findings: [{ text: '<app-name>' }],
    },
  ],
});

test('a placeholder repeated across a file is one finding, its other places related (issue 12, item 12)', async () => {
  const arn = (name: string) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}`;
  const secrets = Array.from({ length: 5 }, (_, i) => `{"name": "S${i}", "valueFrom": "${arn(`s${i}`)}"}`).join(', ');
  const text = `{"family": "web", "containerDefinitions": [{"name": "web", "image": "<image>", "secrets": [${secrets}]}, {"name": "b", "image": "<image>"}]}`;
  const findings = await findingsOf(text, 'placeholder');
  assert.equal(findings.length, 2, findings.map((f) => f.message).join('\n'));
  const account = findings.find((finding) => coveredText(text, finding) === '123456789012');
  assert.ok(account, 'the account is reported');
  assert.equal(account.span.offset, text.indexOf('123456789012'), 'at its first place');
  assert.match(account.message, /It appears 5 times in this file \(also on line 1\)\.$/);
  assert.equal(account.related?.length, 4);
  assert.deepEqual(
    account.related.map((related) => coveredText(text, { ...account, span: related.span })),
    Array(4).fill('123456789012'),
  );
  const image = findings.find((finding) => coveredText(text, finding) === '<image>');
  assert.equal(image?.related?.length, 1);
});
