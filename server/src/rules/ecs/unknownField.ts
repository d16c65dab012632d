import { cloudFormationName, isCloudFormationObject, type Node } from '../../core/json';
import type { Rule } from '../../core/rule';
import { closestMatch } from '../../core/suggest';
import type { Fix } from '../../core/types';
import { removeNodes } from '../../core/edits';
import { ECS_DOCS } from '../../ecs/links';
import { apiReferenceUrl, ROOT_SHAPE, shapeInfo, type ShapeType } from '../../ecs/schema';
import { shapeName, reportedShapeIssues } from './shapeText';

export const unknownField: Rule = {
  meta: {
    id: 'ecs/unknown-field',
    title: 'A field the ECS API does not know',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: ECS_DOCS.parameters,
    fixable: true,
    appliesTo: ['ecs-task-definition', 'ecs-service', 'cloudformation-template'],
    description: [
      'Every key of a task definition is checked against the RegisterTaskDefinition shape in the ECS API model.',
      '`aws ecs register-task-definition --cli-input-json` and the SDKs reject a key the shape does not have, and',
      'a misspelt key (`memoryReservaton`) is never what was meant. The finding suggests the closest field name',
      '(the quick fix renames the key), and says when a field belongs at the other level: `pidMode` and',
      '`ipcMode` are task-level fields, `essential` and `image` are container fields.',
    ].join('\n'),
  },
  check(context) {
    for (const issue of reportedShapeIssues(context.document)) {
      if (issue.kind !== 'unknown-field') continue;
      const shape = shapeInfo(issue.ownerShape);
      // In a CloudFormation template the candidates are the PascalCase spellings.
      const cloudFormation = isCloudFormationObject(issue.owner);
      const candidates = Object.keys(shape.members).map((name) => (cloudFormation ? cloudFormationName(name, issue.ownerShape) : name));
      // Among equally close fields, one whose type suits the value written (`"memoryReservaton": 512`).
      const value = issue.key.parent?.children?.[1];
      const names = Object.keys(shape.members);
      const suggestion = closestMatch(issue.name, candidates, {
        fits: (candidate) => !!value && typeFits(shape.members[names[candidates.indexOf(candidate)]]?.type, value),
      });
      const where = shapeName(issue.ownerShape);
      const otherLevel =
        issue.ownerShape === 'ContainerDefinition' && shapeInfo(ROOT_SHAPE).members[issue.name]
          ? ` \`${issue.name}\` is a task-level field: move it out of the container definition to the top of the task definition, where ECS reads it.`
          : issue.ownerShape === ROOT_SHAPE && shapeInfo('ContainerDefinition').members[issue.name]
            ? ` \`${issue.name}\` is a container field: move it into each container definition that needs it.`
            : '';
      const hint =
        otherLevel ||
        (suggestion
          ? ` Did you mean \`${suggestion}\`?`
          : ` ${context.document.kind === 'ecs-service' ? 'create-service and update-service reject' : 'register-task-definition rejects'} unknown parameters; remove it or check the spelling.`);
      const fixes: Fix[] = [];
      if (suggestion && !otherLevel) {
        fixes.push({
          title: `Rename to \`${suggestion}\``,
          edits: [{ offset: issue.key.offset, length: issue.key.length, newText: JSON.stringify(suggestion) }],
          isPreferred: true,
        });
      }
      if (issue.key.parent) fixes.push({ title: `Remove \`${issue.name}\``, edits: removeNodes([issue.key.parent]) });
      context.report({
        at: issue.key,
        message: `\`${issue.name}\` is not a field of ${where}.${hint}`,
        docsUrl: apiReferenceUrl(issue.ownerShape),
        fixes,
        data: suggestion ? { suggestion } : undefined,
      });
    }
  },
};

/** Whether a JSON value has the kind a member's type needs. */
function typeFits(type: ShapeType | undefined, value: Node): boolean {
  switch (type?.kind) {
    case 'string':
    case 'enum':
      return value.type === 'string';
    case 'integer':
      return value.type === 'number';
    case 'boolean':
      return value.type === 'boolean';
    case 'array':
      return value.type === 'array';
    case 'map':
    case 'structure':
      return value.type === 'object';
    default:
      return false;
  }
}
