// workspace/executeCommand: the server's commands (generate, link, show, explain, role status) dispatched to
// the modules that answer them, and the editor UI a command needs (apply an edit, show a document or a message).
import path from 'node:path';
import type { Connection, ExecuteCommandParams, Location, Position } from 'vscode-languageserver';
import { toCodeAction } from '../presenters/lsp';
import type { ConfigLoader } from '../workspace/configLoader';
import { EXPLAIN_ERROR_COMMAND, explainForEditor } from '../workspace/explainCommand';
import {
  LINK_CHOICES_COMMAND,
  linkChoices,
  POLICY_FILE_CHOICES_COMMAND,
  policyFileChoices,
  resolveIndex,
  ROLE_STATUS_COMMAND,
  roleStatus,
  generatedOrReason,
  type RoleField,
} from '../workspace/roleActions';
import {
  ADD_ROLE_MAPPING_COMMAND,
  CREATE_POLICY_FILE_COMMAND,
  createFileEdit,
  GENERATE_POLICY_COMMAND,
  roleMappingEdit,
  SHOW_LOCATION_COMMAND,
  type GenerateArguments,
  type MappingArguments,
} from '../workspace/roleCommands';
import type { ServerWorkspace } from '../workspace/serverWorkspace';
import { filePathOf, uriOfPath } from '../workspace/uris';
import type { AnalysisCache } from './analysisCache';

export interface CommandContext {
  connection: Connection;
  analyses: AnalysisCache;
  workspace: () => ServerWorkspace | undefined;
  configs: ConfigLoader;
  workspaceRoots: () => string[];
  /** A file's text: the open document's, else the file's on disk. */
  readText: (file: string) => string | undefined;
}

const NOT_CHECKED = 'ECS & IAM does not check this file (not JSON or YAML, ignored in .ecs-iam.json, or the extension is disabled).';

/** Runs one command; an unknown command answers null. Errors propagate to the caller's guard. */
export async function executeCommand(params: ExecuteCommandParams, context: CommandContext): Promise<unknown> {
  const { connection, analyses } = context;
  const [args] = (params.arguments ?? []) as unknown[];
  const index = () => context.workspace()?.index;
  switch (params.command) {
    case GENERATE_POLICY_COMMAND:
    case CREATE_POLICY_FILE_COMMAND: {
      const request = args as GenerateArguments & { position?: Position };
      const entry = await analyses.current(request.uri);
      if (!entry) return { message: NOT_CHECKED };
      // The Command Palette sends the cursor position: the task definition there (a template may hold several).
      const { generated, message } = generatedOrReason(entry.result.document, request.kind, resolveIndex(entry.result.document, request));
      if (!generated) {
        if (params.command === CREATE_POLICY_FILE_COMMAND && message) void connection.window.showInformationMessage(message);
        return { message };
      }
      if (params.command === GENERATE_POLICY_COMMAND) return generated;
      const taskDefinitionPath = filePathOf(request.uri);
      if (!taskDefinitionPath) return generated;
      const { edit, uri } = createFileEdit(taskDefinitionPath, generated);
      const applied = await connection.workspace.applyEdit({ label: `Create ${generated.fileName}`, edit });
      if (applied.applied) void connection.window.showDocument({ uri, takeFocus: true });
      return { ...generated, uri };
    }
    case ROLE_STATUS_COMMAND:
      return showRoleStatus(args as { uri: string; index: number; field: RoleField }, context);
    case LINK_CHOICES_COMMAND: {
      const request = args as { uri: string; position?: Position };
      const entry = await analyses.current(request.uri);
      if (!entry) return { choices: [], message: 'ECS & IAM does not check this file.' };
      const parsed = entry.result.document;
      const offset = request.position ? parsed.lines.offsetAt(request.position) : undefined;
      return linkChoices(parsed, filePathOf(request.uri), index(), offset);
    }
    case POLICY_FILE_CHOICES_COMMAND: {
      const request = args as { roleName: string; file?: string };
      return policyFileChoices(index(), request.roleName, request.file);
    }
    case EXPLAIN_ERROR_COMMAND:
      // The answer looks for task definitions and policies in the whole workspace: wait for its index.
      await context.workspace()?.built;
      return explainForEditor(args, index());
    case SHOW_LOCATION_COMMAND: {
      const location = args as Location;
      return connection.window.showDocument({ uri: location.uri, selection: location.range, takeFocus: true });
    }
    case ADD_ROLE_MAPPING_COMMAND: {
      const request = args as MappingArguments;
      const { edit, configFile, created } = roleMappingEdit(request, context.configs, context.workspaceRoots(), context.readText);
      const applied = await connection.workspace.applyEdit({
        label: `Link ${path.basename(request.policyFile)} to ${request.roleName}`,
        edit,
      });
      const label = (file: string) => index()?.label(file) ?? path.basename(file);
      const message = applied.applied
        ? `Linked ${label(request.policyFile)} to the role ${request.roleName} in ${label(configFile)}${created ? ', created for this mapping' : ''}.`
        : `Could not write the mapping to ${label(configFile)}.`;
      return { applied: applied.applied, configFile, created, message };
    }
    default:
      return null;
  }
}

/**
 * A role lens was clicked: the unmet needs with "Add all missing permissions" (one workspace edit), or
 * the linked policy when every need is met. Works in any editor with window/showMessageRequest.
 */
async function showRoleStatus(request: { uri: string; index: number; field: RoleField }, context: CommandContext): Promise<unknown> {
  const { connection } = context;
  const entry = await context.analyses.current(request.uri);
  if (!entry) return null;
  const parsed = entry.result.document;
  const status = roleStatus(
    parsed,
    entry.result.findings,
    context.workspace()?.index,
    filePathOf(request.uri),
    request.index,
    request.field,
  );
  if (!status) return null;
  const openTitle = status.openFile ? `Open ${path.basename(status.openFile)}` : undefined;
  const open = async () => status.openFile && (await connection.window.showDocument({ uri: uriOfPath(status.openFile), takeFocus: true }));
  if (!status.message) {
    await open();
    return { opened: status.openFile };
  }
  const addAll = status.fixAll ? 'Add all missing permissions' : undefined;
  const choice = await connection.window.showWarningMessage(
    status.message,
    ...[addAll, openTitle].filter((title): title is string => Boolean(title)).map((title) => ({ title })),
  );
  if (choice?.title === addAll && status.fixAll) {
    const action = toCodeAction(request.uri, parsed, status.fixAll.finding, status.fixAll.fix, undefined, uriOfPath);
    const applied = action.edit ? await connection.workspace.applyEdit({ label: status.fixAll.fix.title, edit: action.edit }) : undefined;
    return { applied: applied?.applied === true };
  }
  if (choice?.title === openTitle) await open();
  return { shown: status.message };
}
