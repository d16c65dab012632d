import { ruleTests } from '../helpers';

const withActions = (actions: string, resource = '"*"') =>
  `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ${actions}, "Resource": ${resource}}]}`;

ruleTests('iam/unknown-service', {
  valid: [{ code: withActions('["s3:GetObject", "logs:PutLogEvents", "ECR:GetAuthorizationToken"]') }],
  invalid: [
    {
      name: 'the action exists under another prefix',
      code: withActions('"cloudwatchlogs:PutLogEvents"'),
      findings: [{ severity: 'warning', messageIncludes: 'logs:PutLogEvents' }],
      output: withActions('"logs:PutLogEvents"'),
    },
    {
      name: 'a near prefix',
      code: withActions('"s4:GetObject"'),
      findings: [{ messageIncludes: 'Did you mean `s3:GetObject`' }],
      output: withActions('"s3:GetObject"'),
    },
  ],
});

ruleTests('iam/unknown-action', {
  valid: [
    { name: 'case-insensitive, as IAM', code: withActions('["s3:getobject", "ECR:BatchGetImage"]') },
    { name: 'wildcards are another rule', code: withActions('"s3:Gett*"') },
  ],
  invalid: [
    {
      name: 'plural typo',
      code: withActions('"s3:GetObjects"'),
      findings: [{ severity: 'warning', messageIncludes: 'Did you mean `s3:GetObject`', text: '"s3:GetObjects"' }],
      output: withActions('"s3:GetObject"'),
    },
    {
      name: 'right action, wrong service',
      code: withActions('"s3:PutLogEvents"'),
      findings: [{ messageIncludes: '`logs`' }],
      output: withActions('"logs:PutLogEvents"'),
    },
    { name: 'no prefix', code: withActions('"GetObject"'), findings: [{ messageIncludes: 'no service prefix' }] },
  ],
});

ruleTests('iam/wildcard-matches-nothing', {
  valid: [{ code: withActions('["s3:Get*", "ec2:Describe?pcs", "*:GetObject"]') }],
  invalid: [
    { code: withActions('"s3:Gett*"'), findings: [{ severity: 'warning', text: '"s3:Gett*"' }] },
    { name: 'across services', code: withActions('"*:NoSuchThing*"'), findings: [{}] },
  ],
});

ruleTests('iam/redundant-action', {
  valid: [{ code: withActions('["s3:GetObject", "s3:PutObject"]') }],
  invalid: [
    {
      name: 'covered by a wildcard',
      code: withActions('["s3:Get*", "s3:GetObject"]'),
      findings: [{ severity: 'info', text: '"s3:GetObject"' }],
      output: withActions('["s3:Get*"]'),
    },
    {
      name: 'repeated',
      code: withActions('["s3:GetObject", "s3:getobject"]'),
      findings: [{ text: '"s3:getobject"' }],
      output: withActions('["s3:GetObject"]'),
    },
  ],
});
