// A Terraform module is every `.tf` file of one folder: a task definition in `ecs.tf` names a role of
// `iam.tf`, whose policy is attached in `policies.tf`. Each file is parsed on its own (its findings, its
// fixes), and the module is parsed once more as the files joined together, which Terraform reads the
// same way: there a reference to a resource of another file resolves, and the role linking of
// cloudformationLinking.ts runs unchanged. What it finds is then placed back in the files it came from, so
// a fix adds the statement to the policy document in `iam.tf`, with positions in that file.
import path from 'node:path';
import { parseDocument, type JsonDocument } from '../core/document';
import type { WorkspaceView } from '../core/workspace';
import type { Node } from '../core/json';
import type { PolicyView } from '../core/classify';
import { templatePolicyUses, templateRoleLink, templateRoles, type TemplateRole } from './cloudformationLinking';
import type { PolicySource } from './evaluate';
import type { RoleField, RoleLink, RoleUse } from './linking';

export interface ModuleFile {
  path: string;
  document: JsonDocument;
  /** Where the file's text starts in the module's text. */
  start: number;
}

export interface TerraformModule {
  /** The module's files joined in one text and parsed. */
  document: JsonDocument;
  files: ModuleFile[];
}

const TERRAFORM_FILE = /\.tf$/i;

interface ModuleCache {
  generation: number;
  /** Folder -> the indexed Terraform files in it. */
  folders: Map<string, Array<{ path: string; document: JsonDocument }>>;
  /** Analysed file -> its module, for the version of the file it was built with (its tree). */
  modules: Map<string, { root: Node; module: TerraformModule | undefined }>;
}
const caches = new WeakMap<WorkspaceView, ModuleCache>();

function cacheOf(workspace: WorkspaceView): ModuleCache {
  let cache = caches.get(workspace);
  if (!cache || cache.generation !== workspace.generation) {
    const folders: ModuleCache['folders'] = new Map();
    for (const file of workspace.files()) {
      if (file.document.format !== 'hcl' || !file.document.root || !TERRAFORM_FILE.test(file.path)) continue;
      const folder = path.dirname(file.path);
      const list = folders.get(folder) ?? [];
      list.push({ path: file.path, document: file.document });
      folders.set(folder, list);
    }
    cache = { generation: workspace.generation, folders, modules: new Map() };
    caches.set(workspace, cache);
  }
  return cache;
}

/**
 * The module a `.tf` file belongs to: the file as it is being analysed (`document`) and the other `.tf`
 * files of its folder in the workspace index. Undefined when the file is alone in its folder (the file is
 * then the whole module) or is not a Terraform file.
 */
export function terraformModule(workspace: WorkspaceView, filePath: string, document: JsonDocument): TerraformModule | undefined {
  if (document.format !== 'hcl' || !document.root || !TERRAFORM_FILE.test(filePath)) return undefined;
  const cache = cacheOf(workspace);
  const known = cache.modules.get(filePath);
  // The rules on policies see copies of the document, one per policy, that share its tree: one module for all.
  if (known && known.root === document.root) {
    const module = known.module;
    return module && module.files[0].document !== document
      ? { document: module.document, files: [{ ...module.files[0], document }, ...module.files.slice(1)] }
      : module;
  }
  const others = (cache.folders.get(path.dirname(filePath)) ?? []).filter((file) => file.path !== filePath);
  let module: TerraformModule | undefined;
  if (others.length > 0) {
    const members = [{ path: filePath, document }, ...others.sort((a, b) => (a.path < b.path ? -1 : 1))];
    const files: ModuleFile[] = [];
    let text = '';
    for (const member of members) {
      files.push({ ...member, start: text.length });
      text += member.document.text + '\n';
    }
    const parsed = parseDocument(text, { format: 'hcl', fileName: 'module.tf', maxFileSize: text.length + 1 });
    module = parsed.root ? { document: parsed, files } : undefined;
  }
  cache.modules.set(filePath, { root: document.root, module });
  return module;
}

/** The module file a node of the module's tree lies in. */
function fileAt(module: TerraformModule, offset: number): ModuleFile {
  let found = module.files[0];
  for (const file of module.files) if (file.start <= offset) found = file;
  return found;
}

/** A node of the module's tree as the same node of its own file's tree (same place, same length), if it has one. */
function policyInFile(file: ModuleFile, node: Node): Node | undefined {
  const offset = node.offset - file.start;
  return file.document.policies.find((policy) => policy.node.offset === offset && policy.node.length === node.length)?.node;
}

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
  const own = module.files[0];
  const task = module.document.taskDefinitions.find((view) => view.node.offset === own.start + taskDefinition.offset)?.node;
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
    const node = policyInFile(file, source.policyNode);
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
  const own = module.files[0];
  const inModule = module.document.policies.find(
    (candidate) => candidate.node.offset === own.start + policy.node.offset && candidate.node.length === policy.node.length,
  );
  if (!inModule) return [];
  return templatePolicyUses(module.document, inModule, filePath).map((use) => ({
    ...use,
    file: fileAt(module, use.taskDefinition.node.offset).path,
  }));
}
