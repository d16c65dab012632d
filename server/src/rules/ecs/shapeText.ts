// Shared by the shape rules: the issues they report, and how a structure and a JSON value read in messages.
import type { JsonDocument } from '../../core/document';
import { isTerraformBlock } from '../../core/fieldNames';
import { hclTextOf } from '../../core/hcl';
import type { Node } from '../../core/json';
import { schemaAt, schemaKeyFor } from '../../cloudformation/propertySchema';
import { CREATE_SERVICE_SHAPE, ROOT_SHAPE, UPDATE_SERVICE_SHAPE } from '../../ecs/schema';
import { shapeIssues, type ShapeIssue } from '../../ecs/shapeCheck';

const reportedCache = new WeakMap<JsonDocument, ShapeIssue[]>();

/**
 * The shape issues the `ecs/*` shape rules report: all of task definitions and service JSON; of a template's
 * `AWS::ECS::Service`, only what the ECS API model says beyond CloudFormation's property schema (which the `cfn/*`
 * rules check), so nothing is reported twice: members the API requires where the schema does not
 * (`AwsvpcConfiguration.Subnets`, `DeploymentController.Type`, a strategy item's `CapacityProvider`), values of an
 * enumeration the schema types as a plain string (a Service Connect `LogDriver`), unions.
 */
export function reportedShapeIssues(document: JsonDocument): ShapeIssue[] {
  let issues = reportedCache.get(document);
  if (!issues) {
    issues = shapeIssues(document).filter(
      (issue) =>
        !issue.templateService ||
        (document.format === 'hcl' ? beyondTerraformSchema(issue) : beyondCloudFormationSchema(issue, issue.templateService)),
    );
    reportedCache.set(document, issues);
  }
  return issues;
}

/**
 * Of an `aws_ecs_service` in a Terraform file (its blocks in CreateService's names, core/hcl.ts): the provider's
 * schema is the authority on argument names and types (it converts `"2"` to a number), so only values outside an
 * API enumeration, members of a union, and members the API requires that the provider does not fill in.
 */
function beyondTerraformSchema(issue: ShapeIssue): boolean {
  switch (issue.kind) {
    case 'invalid-enum':
    case 'union-members':
      return true;
    case 'missing-required':
      // `deployment_controller {}` is type ECS: the provider's default.
      return !(issue.ownerShape === 'DeploymentController' && issue.name === 'type');
    default:
      return false;
  }
}

function beyondCloudFormationSchema(issue: ShapeIssue, properties: Node): boolean {
  const resourceType = 'AWS::ECS::Service';
  switch (issue.kind) {
    case 'invalid-enum':
      // The schema knows the property and types it a plain string: the enumeration is the API's alone.
      return schemaAt(resourceType, properties, issue.node)?.value === 'string';
    case 'missing-required': {
      const object = schemaAt(resourceType, properties, issue.owner)?.object;
      const key = object ? schemaKeyFor(object, issue.name) : undefined;
      return key !== undefined && object!.properties[key].required !== true;
    }
    case 'union-members':
      return schemaAt(resourceType, properties, issue.owner)?.object !== undefined;
    default:
      // Unknown properties and types: the schema is the authority on how a template writes them.
      return false;
  }
}

export function shapeName(shape: string): string {
  if (shape === ROOT_SHAPE) return 'the task definition';
  if (shape === CREATE_SERVICE_SHAPE) return 'the service (create-service input)';
  if (shape === UPDATE_SERVICE_SHAPE) return 'the service (update-service input)';
  const words = shape
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(' ')
    .map((word) => (/^[A-Z][a-z]/.test(word) ? word.toLowerCase() : word));
  return `a ${words.join(' ')}`;
}

export function describeJsonValue(node: Node): string {
  switch (node.type) {
    case 'string':
      return `the string ${JSON.stringify(node.value).slice(0, 60)}`;
    case 'number':
      return `the number ${node.value}`;
    case 'boolean':
      return `the boolean ${node.value}`;
    case 'null':
      return 'null';
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
    default:
      return 'a value';
  }
}

/** Where to put a finding about a whole object: the key holding it, else its opening brace. */
export function objectAnchor(objectNode: Node): Node | { offset: number; length: number } {
  const parent = objectNode.parent;
  if (parent?.type === 'property' && parent.children?.[0]) return parent.children[0];
  // A repeated Terraform block (`client_alias { ... }`, an item of a list): its name.
  const text = isTerraformBlock(objectNode) ? hclTextOf(objectNode) : undefined;
  const name = text ? /^[A-Za-z_][\w-]*/.exec(text.slice(objectNode.offset, objectNode.offset + 200)) : null;
  return { offset: objectNode.offset, length: name ? name[0].length : 1 };
}
