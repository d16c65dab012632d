// The name of an API field as the document writes it, for rule messages and fix titles. In a Terraform file
// the arguments of a resource and of its nested blocks are the provider's snake_case names
// (`execution_role_arn`, `ordered_placement_strategy`), while the objects inside `jsonencode(...)` keep the
// API's names; elsewhere (JSON, YAML, templates) the API name is returned unchanged, so their messages stay
// as they are.
import { hclOrigin, hclTextOf, terraformName } from './hcl';
import { property, type Node } from './json';

/** Blocks whose Terraform name is not the snake_case of their API list's name, and renamed arguments. */
const TERRAFORM_NAMES: Readonly<Record<string, string>> = {
  volumes: 'volume',
  loadBalancers: 'load_balancer',
  placementStrategy: 'ordered_placement_strategy',
  inferenceAccelerators: 'inference_accelerator',
  services: 'service',
  clientAliases: 'client_alias',
  secretOptions: 'secret_option',
  issuerCertificateAuthority: 'issuer_cert_authority',
  serviceName: 'name',
  role: 'iam_role',
};

/** Whether `owner` is an object made of a Terraform block or resource body (its keys are Terraform arguments). */
export function isTerraformBlock(owner: Node | undefined): boolean {
  const kind = hclOrigin(owner)?.kind;
  return kind === 'block' || kind === 'policy-document';
}

/** The field `apiName` of the object `owner` as the document names it: Terraform's argument or block name in a block, else `apiName`. */
export function fieldLabel(owner: Node | undefined, apiName: string): string {
  if (!isTerraformBlock(owner)) return apiName;
  const named = hclOrigin(owner)?.names?.[apiName];
  if (named) return named;
  // A field that is there: the name its key is written with.
  const key = property(owner, apiName)?.parent?.children?.[0];
  const text = key && key.length > 0 ? hclTextOf(key) : undefined;
  const written = key && text ? text.slice(key.offset, key.offset + key.length) : undefined;
  if (written && /^[a-z][a-z0-9_]*$/.test(written)) return written;
  return TERRAFORM_NAMES[apiName] ?? terraformName(apiName);
}

/** `"name": value` as the document writes a field: `name = value` in a Terraform block. */
export function fieldAssignmentLabel(owner: Node | undefined, apiName: string, valueText: string): string {
  return isTerraformBlock(owner) ? `${fieldLabel(owner, apiName)} = ${valueText}` : `"${apiName}": ${valueText}`;
}
