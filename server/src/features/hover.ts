import type { JsonDocument } from '../core/document';
import { nodeAtOffset, type Node } from '../core/json';
import type { TextSpan } from '../core/types';
import { cfnPropertyHover } from './cfnHover';
import { ecsFieldHover } from './ecsHover';
import { iamHover } from './iamHover';
import { roleHoverMarkdown, type RoleField, type RoleHoverContext } from './roleHover';
import { roleNeedsLines } from './roleNeedsHover';
import { samHover } from './samHover';

export interface HoverResult {
  markdown: string;
  span: TextSpan;
}

/** Hover content for the JSON node at `offset`, or undefined where we have nothing to add. */
export async function hoverAt(document: JsonDocument, offset: number, context: RoleHoverContext = {}): Promise<HoverResult | undefined> {
  if (document.skipped || document.kind === 'unrelated') return undefined;
  // Inside a policy written as a JSON string, the node is one of that policy's own tree.
  const embedded = document.policies.find((policy) => policy.embedded && offset >= policy.embedded.start && offset <= policy.embedded.end);
  // In a `.tf.json` module, a policy document is placed where it is referenced, away from its text: found by its span.
  const placed =
    embedded ??
    (document.terraformJson
      ? document.policies.find((policy) => offset >= policy.node.offset && offset <= policy.node.offset + policy.node.length)
      : undefined);
  const node = (placed && nodeAtOffset(placed.node, offset)) ?? nodeAtOffset(document.root, offset);
  if (!node) return undefined;
  const propertyNode = enclosingProperty(node);
  for (const view of document.taskDefinitions) {
    const written = propertyNode?.children?.[0]?.value;
    // CloudFormation spells the role fields TaskRoleArn and ExecutionRoleArn.
    const name =
      view.format === 'cloudformation' && typeof written === 'string' ? written.charAt(0).toLowerCase() + written.slice(1) : written;
    if (propertyNode && propertyNode.parent === view.node && (name === 'taskRoleArn' || name === 'executionRoleArn')) {
      return {
        markdown: roleHoverMarkdown(view.node, name as RoleField, { ...context, document }),
        span: { offset: propertyNode.offset, length: propertyNode.length },
      };
    }
  }
  if (document.taskDefinitions.length > 0) {
    const hover = ecsFieldHover(document, node);
    // Fields that make a role need a permission (image, logConfiguration, secrets ...) say which, and whether it has it.
    const view =
      propertyNode &&
      document.taskDefinitions.find(
        (candidate) => propertyNode.offset >= candidate.node.offset && propertyNode.offset < candidate.node.offset + candidate.node.length,
      );
    const roleLines = hover && view ? roleNeedsLines(document, view, propertyNode, context) : [];
    if (hover) return roleLines.length > 0 ? { ...hover, markdown: `${hover.markdown}\n${roleLines.join('\n')}` } : hover;
  }
  if (document.services.length > 0) {
    const hover = ecsFieldHover(document, node);
    if (hover) return hover;
  }
  if (document.kind === 'cloudformation-template') {
    const hover = samHover(document, node, context.filePath);
    if (hover) return hover;
  }
  if (document.policies.length > 0) {
    const hover = await iamHover(document, node);
    if (hover) return hover;
  }
  // Properties of ECS, IAM and resource-policy resources: the CloudFormation property schema.
  return cfnPropertyHover(document, propertyNode);
}

/** The property whose key or (scalar) value holds the node. */
export function enclosingProperty(node: Node | undefined): Node | undefined {
  if (!node) return undefined;
  if (node.type === 'property') return node;
  const parent = node.parent;
  return parent?.type === 'property' ? parent : undefined;
}
