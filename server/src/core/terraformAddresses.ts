// Terraform files and plans: each finding names the resource address that holds it (`aws_ecs_task_definition.web`),
// in its data (the CLI puts it in SARIF `logicalLocations`); in a plan, where every value is a JSON string,
// also in its message. A plan's values are not the user's text: no fix is offered there.
import { templateResources } from './classify';
import type { JsonDocument } from './document';
import type { Finding } from './types';
import { onPlanUnknown } from './terraformPlan';
import { terraformJsonDataBlocks } from './terraformJson';

/**
 * Findings without those on task-level values that are unknown where they stand: known only after apply (plans),
 * set in the Terraform resource that renders a container template. The pattern rules judge them as unknown.
 */
export function withoutPlanUnknowns(document: JsonDocument, findings: Finding[]): Finding[] {
  if (document.kind !== 'cloudformation-template' || document.format === 'hcl' || document.terraformJson) return findings;
  return findings.filter(
    (finding) => finding.ruleId.endsWith('-missing-permission') || !onPlanUnknown(document.taskDefinitions, finding.span),
  );
}

export function addTerraformAddresses(document: JsonDocument, findings: Finding[]): void {
  const spans: Array<{ address: string; offset: number; length: number }> = [];
  if (document.format === 'hcl' || document.terraformJson) {
    for (const resource of templateResources(document.root)) {
      spans.push({ address: resource.id, offset: resource.node.offset, length: resource.node.length });
    }
    // In a `.tf.json` file, a policy document placed in the resource that references it is still written in its data block.
    if (document.terraformJson) spans.push(...terraformJsonDataBlocks(document.root));
  } else if (document.terraformPlan) {
    for (const view of [...document.taskDefinitions, ...document.policies]) {
      if (view.resource) spans.push({ address: view.resource, offset: view.node.offset, length: view.node.length });
    }
  }
  if (spans.length === 0) return;
  const plan = document.terraformPlan === true;
  for (const finding of findings) {
    // The smallest resource span holding the finding.
    let holder: (typeof spans)[number] | undefined;
    for (const span of spans) {
      if (finding.span.offset < span.offset || finding.span.offset + finding.span.length > span.offset + span.length) continue;
      if (!holder || span.length < holder.length) holder = span;
    }
    if (!holder) continue;
    finding.data = { ...finding.data, terraformAddress: holder.address };
    if (plan) {
      finding.message = `${finding.message} (Terraform resource \`${holder.address}\`)`;
      finding.fixes = [];
    }
  }
}
