// Loads the Terraform (HCL) parser's two WebAssembly files: web-tree-sitter's runtime and the tree-sitter HCL
// grammar. The build copies them next to the bundles (dist/); compiled tests (out/) read them from node_modules.
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { initHclParser } from '../core/hcl';

const RUNTIME = 'tree-sitter.wasm';
const GRAMMAR = 'tree-sitter-terraform.wasm';

function locate(name: string, packagePath: string): string {
  const candidates = [path.join(__dirname, name)];
  // Compiled (out/server/src/workspace) or run from the sources: the package in the nearest node_modules above.
  for (let dir = __dirname, up = 0; up < 6; up++, dir = path.dirname(dir)) {
    candidates.push(path.join(dir, 'node_modules', packagePath, name));
  }
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`ecs-iam-tools: ${name} not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** Loads the HCL parser once; a failure is reported to the caller, and Terraform files are then skipped with a message. */
export function loadHclParser(): Promise<void> {
  return initHclParser(async () => ({
    runtime: readFileSync(locate(RUNTIME, 'web-tree-sitter')),
    grammar: readFileSync(locate(GRAMMAR, '@tree-sitter-grammars/tree-sitter-hcl')),
  }));
}

let loading: Promise<void> | undefined;

/** The server's load: started once, a failure logged to stderr (Terraform files are then skipped with a message). */
export function hclParserLoaded(): Promise<void> {
  loading ??= loadHclParser().catch((error: unknown) => {
    console.error(`The Terraform parser could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
  });
  return loading;
}
