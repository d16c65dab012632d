// Roles across the files of a Terraform module (core/terraformModule.ts): the role linking of
// cloudformationLinking.ts runs on the module's joined tree, and what it finds is placed back in the files it
// came from, so a fix adds the statement to the policy document in `iam.tf`, with positions in that file.
import type { JsonDocument } from '../core/document';
import { fileAt, nodeInModule, sameNodeIn, terraformModule, type TerraformModule } from '../core/terraformModule';
import type { WorkspaceView } from '../core/workspace';
import type { Node } from '../core/json';
import type { PolicyView } from '../core/classify';
import { templatePolicyUses, templateRoleLink, templateRoles, type TemplateRole } from './cloudformationLinking';
import type { PolicySource } from './evaluate';
import type { RoleField, RoleLink, RoleUse } from './linking';

type LocalLink = { roleName: string; link: RoleLink; role: TemplateRole };
const links = new WeakMap<Node, Map<RoleField, { document: JsonDocument; link: LocalLink | null }>>();

/**
 * The role a task definition's role field names in the same file, or, in a Terraform module of several
 * files, anywhere in the module: its policies (the permission sources) and the role resource, each with
 * the file and document it is written in, so fixes edit that file.
 */
export function localRoleLink(
  document: JsonDocument,
  taskDefinition: Node,
  field: RoleField,
  filePath: string | undefined,
  workspace: WorkspaceView | undefined,
): LocalLink | undefined {
  const module = workspace && filePath ? terraformModule(workspace, filePath, document) : undefined;
  if (!module) return templateRoleLink(document, taskDefinition, field, filePath);
  const task = module.document.taskDefinitions.find(
    (view) => view.node.offset === module.own.start + taskDefinition.offset && view.node.length === taskDefinition.length,
  )?.node;
  if (!task) return templateRoleLink(document, taskDefinition, field, filePath);
  let byField = links.get(task);
  if (!byField) {
    byField = new Map();
    links.set(task, byField);
  }
  let known = byField.get(field);
  if (known?.document !== document) {
    known = { document, link: placeInFiles(module, templateRoleLink(module.document, task, field, filePath)) ?? null };
    byField.set(field, known);
  }
  return known.link ?? undefined;
}

function placeInFiles(module: TerraformModule, linked: LocalLink | undefined): LocalLink | undefined {
  if (!linked) return undefined;
  const sources = linked.link.sources.map((source): PolicySource => {
    if (source.kind !== 'file' || !source.policyNode) return source;
    const file = fileAt(module, source.policyNode.offset);
    const node = sameNodeIn(file, source.policyNode, file.document.policies)?.node;
    // The statements stay the module's (its references resolved across files); edits go to the file's own tree.
    return node
      ? { ...source, file: file.path, document: file.document, policyNode: node }
      : { ...source, file: file.path, document: undefined, policyNode: undefined };
  });
  const roleFile = fileAt(module, linked.role.idNode.offset);
  const role = templateRoles(roleFile.document).find((candidate) => candidate.id === linked.role.id);
  if (!role) return undefined;
  return {
    roleName: linked.roleName,
    link: { ...linked.link, sources },
    role: { id: role.id, idNode: role.idNode, properties: role.properties, file: roleFile.path, document: roleFile.document },
  };
}

/**
 * For a policy of a Terraform file in a module of several files: the task-definition role fields of the
 * whole module that its role (or the role it is attached to) serves, each named with the file that holds
 * the task definition. Undefined when the file is alone in its folder.
 */
export function modulePolicyUses(
  document: JsonDocument,
  policy: PolicyView,
  filePath: string | undefined,
  workspace: WorkspaceView | undefined,
): Array<RoleUse & { as: 'permission' | 'trust' }> | undefined {
  const module = workspace && filePath ? terraformModule(workspace, filePath, document) : undefined;
  if (!module) return undefined;
  const inModule = nodeInModule(module, policy.node, module.document.policies);
  if (!inModule) return [];
  return templatePolicyUses(module.document, inModule, filePath).map((use) => ({
    ...use,
    file: fileAt(module, use.taskDefinition.node.offset).path,
  }));
}
