import { ruleTests } from '../helpers';

const statement = (body: string) => `{"Version": "2012-10-17", "Statement": [${body}]}`;
const ecsTrust = (extra = '') =>
  statement(`{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"${extra}}`);

ruleTests('iam/admin-access', {
  valid: [{ code: statement('{"Effect": "Deny", "Action": "*", "Resource": "*"}') }],
  invalid: [{ code: statement('{"Effect": "Allow", "Action": "*", "Resource": "*"}'), findings: [{ severity: 'warning', text: '"*"' }] }],
});

ruleTests('iam/service-wide-access', {
  valid: [{ code: statement('{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}') }],
  invalid: [
    { code: statement('{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}'), findings: [{ severity: 'info', text: '"s3:*"' }] },
  ],
});

ruleTests('iam/pass-role-any-role', {
  valid: [
    {
      code: statement(
        '{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}}',
      ),
    },
    { code: statement('{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::210987654321:role/app"}') },
  ],
  invalid: [
    {
      code: statement('{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}'),
      findings: [{ messageIncludes: 'iam:PassedToService' }],
    },
  ],
});

ruleTests('iam/allow-with-not', {
  valid: [{ code: statement('{"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"}') }],
  invalid: [{ code: statement('{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}'), findings: [{ text: '"NotAction"' }] }],
});

ruleTests('iam/trust-any-principal', {
  valid: [
    {
      code: statement(
        '{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc"}}}',
      ),
    },
  ],
  invalid: [{ code: statement('{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}'), findings: [{ severity: 'warning' }] }],
});

ruleTests('iam/confused-deputy', {
  valid: [
    { code: ecsTrust(', "Condition": {"StringEquals": {"aws:SourceAccount": "210987654321"}}') },
    {
      name: 'EC2 instance roles: EC2 does not send aws:SourceAccount, so no advice to add it',
      code: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}',
    },
  ],
  invalid: [
    {
      name: 'ECS tasks without conditions',
      code: ecsTrust(),
      findings: [{ messageIncludes: 'aws:SourceArn' }],
      output: ecsTrust(
        ', "Condition": {"StringEquals":{"aws:SourceAccount":"<account-id>"},"ArnLike":{"aws:SourceArn":"arn:aws:ecs:*:<account-id>:*"}}',
      ),
    },
    {
      name: 'adds to an existing Condition',
      code: ecsTrust(', "Condition": {"Bool": {"aws:SecureTransport": "true"}}'),
      findings: [{}],
      output: ecsTrust(
        ', "Condition": {"Bool": {"aws:SecureTransport": "true"}, "StringEquals": {"aws:SourceAccount": "<account-id>"}, "ArnLike": {"aws:SourceArn": "arn:aws:ecs:*:<account-id>:*"}}',
      ),
    },
  ],
});

const big = (count: number) =>
  statement(
    Array.from(
      { length: count },
      (_, i) => `{"Sid": "S${i}", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket-number-${i}/*"}`,
    ).join(', '),
  );

ruleTests('iam/policy-size', {
  valid: [{ code: big(10) }],
  invalid: [{ name: 'over the managed-policy limit', code: big(100), findings: [{ severity: 'warning', messageIncludes: '6,144' }] }],
});
