// A Terraform module is every `.tf` file of one folder: a task definition in `ecs.tf` names a role of
// `iam.tf`, whose policy is attached in `policies.tf`, and a service in `service.tf` runs the task
// definition. Each file is parsed on its own (its findings, its fixes), and the module is parsed once more
// as its files joined together, which Terraform reads the same way: there a reference to a resource of
// another file resolves. What the linking finds there (roles/terraformModule.ts, ecs/services.ts) is placed
// back in the files it came from, with `fileAt` and `sameNodeIn`.
import { parseDocument, type JsonDocument } from './document';
import type { WorkspaceView } from './workspace';
import type { Node } from './json';

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
      const folder = folderOf(file.path);
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
  const others = (cache.folders.get(folderOf(filePath)) ?? []).filter((file) => file.path !== filePath);
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
export function fileAt(module: TerraformModule, offset: number): ModuleFile {
  let found = module.files[0];
  for (const file of module.files) if (file.start <= offset) found = file;
  return found;
}

/** The folder of a path (`/` or `\\` separators, as the workspace index writes them). */
function folderOf(filePath: string): string {
  return filePath.slice(0, Math.max(0, filePath.lastIndexOf('/'), filePath.lastIndexOf('\\')));
}

/** The node of `file`'s own tree that a node of the module's tree is (same place, same length), among `candidates`. */
export function sameNodeIn<T extends { node: Node }>(file: ModuleFile, node: Node, candidates: readonly T[]): T | undefined {
  const offset = node.offset - file.start;
  return candidates.find((candidate) => candidate.node.offset === offset && candidate.node.length === node.length);
}
