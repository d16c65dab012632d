// iam/federated-trust: OIDC, SAML, GitHub Actions and IAM Roles Anywhere trust policies (IAM Access Analyzer's
// federated-principal checks, issue 14 item 2).
import { ruleTests } from '../helpers';

const trust = (statement: string) => `{"Version": "2012-10-17", "Statement": [${statement}]}`;
const GH = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
const github = (condition: string) =>
  trust(
    `{"Effect": "Allow", "Principal": {"Federated": "${GH}"}, "Action": "sts:AssumeRoleWithWebIdentity"${condition ? `, "Condition": ${condition}` : ''}}`,
  );
const sub = (value: string) =>
  `{"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}, "StringLike": {"token.actions.githubusercontent.com:sub": "${value}"}}`;

ruleTests('iam/federated-trust', {
  valid: [
    { name: 'GitHub, one repository and branch', code: github(sub('repo:my-org/my-repo:ref:refs/heads/main')) },
    { name: 'GitHub, one repository and environment', code: github(sub('repo:my-org/my-repo:environment:prod')) },
    {
      name: 'an EKS OIDC provider narrowed by sub',
      code: trust(
        '{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:app:web"}}}',
      ),
    },
    {
      name: 'Cognito narrowed by aud and amr',
      code: trust(
        '{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": "eu-west-1:abc"}, "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}}',
      ),
    },
    {
      name: 'SAML with its action',
      code: trust(
        '{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::123456789012:saml-provider/Okta"}, "Action": "sts:AssumeRoleWithSAML", "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}}',
      ),
    },
    {
      name: 'Roles Anywhere with its three actions',
      code: trust(
        '{"Effect": "Allow", "Principal": {"Service": "rolesanywhere.amazonaws.com"}, "Action": ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"]}',
      ),
    },
    {
      name: 'an ECS trust policy',
      code: trust('{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}'),
    },
  ],
  invalid: [
    {
      name: 'GitHub without a sub condition',
      code: github('{"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}'),
      findings: [{ severity: 'warning', text: `"${GH}"`, messageIncludes: 'any workflow in any GitHub repository' }],
    },
    {
      name: 'GitHub without any condition',
      code: github(''),
      findings: [{ severity: 'warning', messageIncludes: 'token.actions.githubusercontent.com:sub' }],
    },
    {
      name: 'GitHub sub *',
      code: github(sub('*')),
      findings: [{ severity: 'warning', text: '"*"', messageIncludes: 'every GitHub organization' }],
    },
    {
      name: 'GitHub sub repo:*',
      code: github(sub('repo:*')),
      findings: [{ severity: 'warning', messageIncludes: 'every GitHub organization' }],
    },
    {
      name: 'GitHub organization wildcard',
      code: github(sub('repo:my-*/app:*')),
      findings: [{ severity: 'warning', messageIncludes: 'organization' }],
    },
    {
      name: 'GitHub repository wildcard',
      code: github(sub('repo:my-org/*')),
      findings: [{ severity: 'warning', messageIncludes: 'every repository of the organization' }],
    },
    {
      name: 'GitHub any branch',
      code: github(sub('repo:my-org/my-repo:*')),
      findings: [{ severity: 'hint', messageIncludes: 'every branch' }],
    },
    {
      name: 'an OIDC provider with neither aud nor sub',
      code: trust(
        '{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC"}, "Action": "sts:AssumeRoleWithWebIdentity"}',
      ),
      findings: [{ severity: 'warning', messageIncludes: ':aud` or `' }],
    },
    {
      name: 'SAML provider with the web identity action',
      code: trust(
        '{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::123456789012:saml-provider/Okta"}, "Action": "sts:AssumeRoleWithWebIdentity"}',
      ),
      findings: [{ severity: 'error', text: '"sts:AssumeRoleWithWebIdentity"', messageIncludes: 'a SAML provider' }],
      output: trust(
        '{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::123456789012:saml-provider/Okta"}, "Action": "sts:AssumeRoleWithSAML"}',
      ),
    },
    {
      name: 'OIDC provider with the SAML action',
      code: trust(
        '{"Effect": "Allow", "Principal": {"Federated": "accounts.google.com"}, "Action": "sts:AssumeRoleWithSAML", "Condition": {"StringEquals": {"accounts.google.com:aud": "x"}}}',
      ),
      findings: [{ severity: 'error', messageIncludes: 'an OIDC provider' }],
      output: trust(
        '{"Effect": "Allow", "Principal": {"Federated": "accounts.google.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"accounts.google.com:aud": "x"}}}',
      ),
    },
    {
      name: 'Roles Anywhere without TagSession and SetSourceIdentity',
      code: trust('{"Effect": "Allow", "Principal": {"Service": "rolesanywhere.amazonaws.com"}, "Action": "sts:AssumeRole"}'),
      findings: [{ severity: 'warning', messageIncludes: '`sts:TagSession`, `sts:SetSourceIdentity`' }],
    },
    {
      name: 'NotPrincipal in a trust policy',
      code: trust('{"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sts:AssumeRole"}'),
      findings: [{ severity: 'warning', text: '"NotPrincipal"' }],
    },
  ],
});
