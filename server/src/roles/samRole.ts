// The role of a SAM function or state machine: the one `Role` names, or the role SAM generates as
// `<LogicalId>Role` from `Policies` (each inline statement and expanded policy template an inline policy,
// each managed policy name or ARN attached) plus what SAM adds to every function role
// (AWSLambdaBasicExecutionRole, and AWSXrayWriteOnlyAccess with `Tracing: Active`).
import { templateResources } from '../core/classify';
import type { JsonDocument } from '../core/document';
import { resolveStrings } from '../core/intrinsics';
import { property, stringValue } from '../core/json';
import { SAM_ROLE_RESOURCE_TYPES, samPolicyEntries } from '../core/sam';
import type { PolicySource } from './evaluate';
import { templateSource } from './cloudformationLinking';
import { managedPolicyArn, managedPolicySource } from './managedPolicies';

export interface SamRole {
  /** Logical id of the SAM resource. */
  resource: string;
  /** `Role` as written (an ARN, or the role resource it names), when given: SAM then ignores `Policies`. */
  given?: { text: string; templateRole?: string };
  /** `<LogicalId>Role`, when SAM generates the role. */
  generatedId?: string;
  /** What the generated role holds, in the order SAM attaches it; each with where it comes from. */
  policies: Array<{ label: string; origin: 'sam' | 'policies'; source?: PolicySource; arn?: string }>;
}

/** The role of the SAM function or state machine `resourceId` of a template, or undefined if there is none. */
export function samRole(document: JsonDocument, resourceId: string, filePath?: string): SamRole | undefined {
  const resource = templateResources(document.root).find((candidate) => candidate.id === resourceId);
  if (!resource || !SAM_ROLE_RESOURCE_TYPES.has(resource.type)) return undefined;
  const roleNode = property(resource.properties, 'Role');
  if (roleNode) {
    const text = resolveStrings(roleNode, 'exact')?.[0] ?? document.text.slice(roleNode.offset, roleNode.offset + roleNode.length).trim();
    const templateRole = templateResources(document.root).find(
      (candidate) =>
        candidate.type === 'AWS::IAM::Role' &&
        referencesResource(document.text.slice(roleNode.offset, roleNode.offset + roleNode.length), candidate.id),
    );
    return { resource: resourceId, given: { text, ...(templateRole ? { templateRole: templateRole.id } : {}) }, policies: [] };
  }
  const policies: SamRole['policies'] = [];
  for (const entry of samPolicyEntries(resourceId, resource.properties)) {
    if (entry.kind === 'statement') {
      policies.push({
        label: 'inline statement',
        origin: 'policies',
        source: templateSource(`${resourceId} Policies statement`, filePath, document, entry.policyNode),
      });
    } else if (entry.kind === 'template') {
      policies.push({
        label: `${entry.name} (SAM policy template)`,
        origin: 'policies',
        source: templateSource(`${entry.name} (SAM policy template of ${resourceId})`, filePath, document, entry.policyNode),
      });
    } else if (entry.kind === 'managed') {
      const name = stringValue(entry.value);
      const arn = name === undefined ? undefined : name.startsWith('arn:') ? name : managedPolicyArn(name);
      policies.push({
        label: name ?? 'a managed policy ARN the linter cannot resolve',
        origin: 'policies',
        source: name ? managedPolicySource(name) : undefined,
        arn,
      });
    }
  }
  if (resource.type === 'AWS::Serverless::Function') {
    policies.unshift({
      label: 'AWSLambdaBasicExecutionRole',
      origin: 'sam',
      arn: managedPolicyArn('AWSLambdaBasicExecutionRole'),
      source: managedPolicySource('AWSLambdaBasicExecutionRole'),
    });
    if (stringValue(property(resource.properties, 'Tracing')) === 'Active') {
      policies.push({
        label: 'AWSXrayWriteOnlyAccess',
        origin: 'sam',
        arn: managedPolicyArn('AWSXrayWriteOnlyAccess'),
        source: managedPolicySource('AWSXrayWriteOnlyAccess'),
      });
    }
  }
  return { resource: resourceId, generatedId: `${resourceId}Role`, policies };
}

/** Whether a written `Role` value names the resource `id` (`!GetAtt Id.Arn`, `!Ref Id`, `${Id.Arn}`, long forms). */
function referencesResource(written: string, id: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9])${id}([^A-Za-z0-9]|$)`).test(written);
}
