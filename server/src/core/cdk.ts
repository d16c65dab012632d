// CDK output: a template CDK synthesised (cdk.out/*.template.json) names, in each resource's
// `Metadata["aws:cdk:path"]`, the construct that made it (`Stack/Service/TaskDef/Resource`). A finding
// inside such a resource names that construct, so the user goes to their code instead of the generated JSON.
import { templateResources } from './classify';
import { property, stringValue } from './json';
import type { JsonDocument } from './document';
import type { Finding } from './types';

/** The construct path of the resource holding each finding, added to its message and its data (`cdkPath`). */
export function addCdkPaths(document: JsonDocument, findings: Finding[]): void {
  const resources = templateResources(document.root)
    .map((resource) => ({ resource, path: stringValue(property(property(resource.node, 'Metadata'), 'aws:cdk:path')) }))
    .filter((entry): entry is { resource: (typeof entry)['resource']; path: string } => entry.path !== undefined && entry.path.length > 0);
  if (resources.length === 0) return;
  for (const finding of findings) {
    const holder = resources.find(
      ({ resource }) =>
        finding.span.offset >= resource.node.offset &&
        finding.span.offset + finding.span.length <= resource.node.offset + resource.node.length,
    );
    if (!holder) continue;
    finding.message = `${finding.message} (CDK construct \`${holder.path}\`)`;
    finding.data = { ...finding.data, cdkPath: holder.path, resource: holder.resource.id };
  }
}
