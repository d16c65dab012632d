// Server commands of the roles feature: generate least-privilege policies for a task definition,
// write a role mapping into `.ecs-iam.json`, show a role resource. Returns plain data or workspace edits;
// the server wires them.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CreateFile, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { JsonDocument } from '../core/document';
import { CONFIG_FILE_NAME } from '../core/classify';
import { withRoleMapping, type MappingKind } from '../roles/configEdit';
import { generatePolicy, type GeneratedPolicy, type GeneratedPolicyKind } from '../roles/generate';
import type { ConfigLoader } from './configLoader';
import { uriOfPath } from './uris';

export const GENERATE_POLICY_COMMAND = 'ecsIam.server.generatePolicy';
export const CREATE_POLICY_FILE_COMMAND = 'ecsIam.server.createPolicyFile';
export const ADD_ROLE_MAPPING_COMMAND = 'ecsIam.server.addRoleMapping';
/**
 * Argument: an LSP Location. The server asks the editor to show it (window/showDocument), which works in
 * every editor that supports that request; VS Code's own `editor.action.showReferences` would need
 * VS Code types as arguments, not the JSON a server sends.
 */
export const SHOW_LOCATION_COMMAND = 'ecsIam.server.showLocation';
export const SERVER_COMMANDS = [GENERATE_POLICY_COMMAND, CREATE_POLICY_FILE_COMMAND, ADD_ROLE_MAPPING_COMMAND, SHOW_LOCATION_COMMAND];

export interface GenerateArguments {
  uri: string;
  kind: GeneratedPolicyKind;
  /** Which task definition of the document (templates may hold several). */
  index?: number;
}

export function generateFor(document: JsonDocument, args: GenerateArguments): GeneratedPolicy | undefined {
  const view = document.taskDefinitions[args.index ?? 0];
  return view ? generatePolicy(view.node, args.kind) : undefined;
}

/** A workspace edit that creates the generated policy as a new file next to the task definition (for editors without our client). */
export function createFileEdit(taskDefinitionPath: string, generated: GeneratedPolicy): { edit: WorkspaceEdit; uri: string } {
  const directory = path.dirname(taskDefinitionPath);
  let target = path.join(directory, generated.fileName);
  for (let n = 2; existsSync(target); n++) target = path.join(directory, generated.fileName.replace(/\.json$/, `-${n}.json`));
  const uri = uriOfPath(target);
  const create: CreateFile = { kind: 'create', uri, options: { ignoreIfExists: false, overwrite: false } };
  const insert: TextDocumentEdit = {
    textDocument: { uri, version: null },
    edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: generated.content }],
  };
  return { edit: { documentChanges: [create, insert] }, uri };
}

export interface MappingArguments {
  /** The task definition (absolute path) whose role is being linked. */
  file: string;
  roleName: string;
  /** The policy file to link (absolute path). */
  policyFile: string;
  kind?: MappingKind;
}

/** The edit that records the mapping in the nearest `.ecs-iam.json` (created at the workspace root if there is none). */
export function roleMappingEdit(
  args: MappingArguments,
  configs: ConfigLoader,
  roots: readonly string[],
  readText: (file: string) => string | undefined,
): { edit: WorkspaceEdit; configFile: string; created: boolean } {
  const existing = configs.forFile(args.file).file;
  const root = roots.find((candidate) => args.file.startsWith(path.resolve(candidate) + path.sep));
  const configFile = existing ?? path.join(root ?? path.dirname(args.file), CONFIG_FILE_NAME);
  const relative = path.relative(path.dirname(configFile), args.policyFile).split(path.sep).join('/');
  const uri = uriOfPath(configFile);
  const current = existing ? readText(configFile) : undefined;
  const next = withRoleMapping(current, args.roleName, relative, args.kind ?? 'policies');
  const lineCount = (current ?? '').split(/\r\n|\r|\n/).length;
  const replaceAll = { range: { start: { line: 0, character: 0 }, end: { line: lineCount, character: 0 } }, newText: next };
  const documentChanges: WorkspaceEdit['documentChanges'] = existing
    ? [{ textDocument: { uri, version: null }, edits: [replaceAll] }]
    : [
        { kind: 'create', uri, options: { ignoreIfExists: true } },
        {
          textDocument: { uri, version: null },
          edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: next }],
        },
      ];
  return { edit: { documentChanges }, configFile, created: !existing };
}
