// What a `Principal` names, for completion: the principal types, the AWS service principals AWS itself
// names in its managed policies (servicePrincipals.generated.json, written by
// scripts/generate-service-principals.mjs; each with the policy it was read from), and the federated
// identity providers IAM documents.
import generated from './servicePrincipals.generated.json';

export const PRINCIPAL_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html';

export interface PrincipalType {
  key: 'AWS' | 'Service' | 'Federated' | 'CanonicalUser';
  description: string;
}

/** The keys of a `Principal` object (IAM User Guide, "AWS JSON policy elements: Principal"). */
export const PRINCIPAL_TYPES: readonly PrincipalType[] = [
  { key: 'AWS', description: 'An AWS account (`arn:aws:iam::ACCOUNT:root` or the 12-digit ID), an IAM role, user or role session.' },
  { key: 'Service', description: 'An AWS service principal (`ecs-tasks.amazonaws.com`), which assumes the role or calls the resource.' },
  {
    key: 'Federated',
    description:
      'An identity provider: an IAM OIDC or SAML provider ARN, or a built-in web identity provider (`cognito-identity.amazonaws.com`).',
  },
  { key: 'CanonicalUser', description: 'An S3 canonical user ID (a 64-character hexadecimal string); S3 bucket policies only.' },
];

/** Service principal -> where AWS names it (`iam:PassedToService in AWSBatchServiceRole and 6 more`). */
export const SERVICE_PRINCIPALS: Readonly<Record<string, string>> = generated.principals;

export const SERVICE_PRINCIPALS_SOURCE: string = generated.source;

export interface FederatedProvider {
  /** The value, with `ACCOUNT` where the account ID goes and `${...}` for the rest a user types. */
  value: string;
  label: string;
  /** The action such a principal assumes the role with. */
  action: 'sts:AssumeRoleWithWebIdentity' | 'sts:AssumeRoleWithSAML';
  docsUrl: string;
}

/** The federated principals IAM documents (IAM User Guide: OIDC federation, SAML 2.0 federation, GitHub Actions). */
export const FEDERATED_PROVIDERS: readonly FederatedProvider[] = [
  {
    value: 'arn:aws:iam::ACCOUNT:oidc-provider/token.actions.githubusercontent.com',
    label: 'GitHub Actions (IAM OIDC provider)',
    action: 'sts:AssumeRoleWithWebIdentity',
    docsUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub',
  },
  {
    value: 'arn:aws:iam::ACCOUNT:oidc-provider/${provider host}',
    label: 'an IAM OIDC provider of this account',
    action: 'sts:AssumeRoleWithWebIdentity',
    docsUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html',
  },
  {
    value: 'arn:aws:iam::ACCOUNT:saml-provider/${provider name}',
    label: 'an IAM SAML provider of this account',
    action: 'sts:AssumeRoleWithSAML',
    docsUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_saml.html',
  },
  ...['cognito-identity.amazonaws.com', 'accounts.google.com', 'www.amazon.com', 'graph.facebook.com'].map((value): FederatedProvider => ({
    value,
    label:
      value === 'cognito-identity.amazonaws.com'
        ? 'Amazon Cognito identity pools'
        : value === 'accounts.google.com'
          ? 'Google'
          : value === 'www.amazon.com'
            ? 'Login with Amazon'
            : 'Facebook',
    action: 'sts:AssumeRoleWithWebIdentity',
    docsUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-federated-web-identity',
  })),
];
