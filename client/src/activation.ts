// The VS Code side, shared by the desktop extension (extension.ts: the server is a Node process over IPC) and
// the web extension (browserExtension.ts: the server is a web worker): starts the language client, shows its
// status, and turns a few server answers into VS Code UI (quick picks, untitled documents, messages). All
// analysis happens in the server, so activation costs only its start; every ECS or IAM word shown here comes
// from the server. Imports no Node module (the web extension host has none).
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  ExecuteCommandRequest,
  State,
  type BaseLanguageClient,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
} from 'vscode-languageclient';
import { explainEcsError } from './explainPanel';
import { DEFAULT_RESTART_POLICY, RestartPolicy } from './restartPolicy';

/** The client id is also the settings prefix: VS Code reads `ecsIam.trace.server` for it. */
const CLIENT_ID = 'ecsIam';
const CLIENT_NAME = 'ECS & IAM Tools';

let client: BaseLanguageClient | undefined;

/** Makes the language client of this host (Node process or web worker) from the shared options. */
export type ClientFactory = (id: string, name: string, options: LanguageClientOptions) => BaseLanguageClient;

export async function activateWith(context: vscode.ExtensionContext, createClient: ClientFactory): Promise<void> {
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(output);
  const restartPolicy = new RestartPolicy({ ...DEFAULT_RESTART_POLICY, serverName: CLIENT_NAME });
  const clientOptions: LanguageClientOptions = {
    // YAML: CloudFormation templates, and task definitions and policies for --cli-input-yaml; the server stays
    // silent on any other YAML. `.template` files are often opened as plain text. Terraform: the `terraform`
    // language of a Terraform extension, else the file names (`.tf`, `.tf.json` whatever language it opens as, and
    // `templatefile()` JSON templates).
    documentSelector: [
      { language: 'json' },
      { language: 'jsonc' },
      { language: 'yaml' },
      { pattern: '**/*.template' },
      { language: 'terraform' },
      { pattern: '**/*.tf' },
      { pattern: '**/*.tf.json' },
      { pattern: '**/*.{tftpl,json.tpl}' },
    ],
    outputChannel: output,
    initializationOptions: {
      builtinJsonDiagnostics: vscode.workspace.getConfiguration('json').get<boolean>('validate.enable', true),
      // Red Hat's YAML extension reports YAML syntax errors and duplicate keys; ours would repeat them.
      yamlExtensionDiagnostics:
        vscode.extensions.getExtension('redhat.vscode-yaml') !== undefined &&
        vscode.workspace.getConfiguration('yaml').get<boolean>('validate', true),
      opensGeneratedPolicies: true,
      statusNotifications: true,
      // Plain data: the configuration object has methods, which a web worker's postMessage cannot clone (Node's
      // IPC drops them when it writes JSON, so the desktop gets the same values).
      settings: JSON.parse(JSON.stringify(vscode.workspace.getConfiguration('ecsIam'))) as unknown,
    },
    errorHandler: new RestartingErrorHandler(output, restartPolicy),
  };
  client = createClient(CLIENT_ID, CLIENT_NAME, clientOptions);
  // A sign of life from activation on: starting, then what the server reports (indexing n files, ready).
  const status = vscode.window.createStatusBarItem('ecsIam.status', vscode.StatusBarAlignment.Right, 100);
  status.name = CLIENT_NAME;
  status.text = '$(sync~spin) ECS & IAM: starting';
  status.tooltip = `${CLIENT_NAME}: the language server is starting. Click to show the output.`;
  status.command = 'ecsIam.showOutput';
  status.show();
  context.subscriptions.push(
    status,
    client.onNotification('ecsIam/status', (params: { text?: string; tooltip?: string; busy?: boolean }) => {
      if (typeof params?.text !== 'string') return;
      status.text = `${params.busy ? '$(sync~spin)' : '$(check)'} ${params.text}`;
      status.tooltip = params.tooltip;
    }),
    client.onDidChangeState((event) => {
      if (event.newState === State.Stopped) {
        status.text = '$(error) ECS & IAM: stopped';
        status.tooltip = `${CLIENT_NAME}: the language server is not running. Click to show the output.`;
      } else if (event.newState === State.Starting) {
        status.text = '$(sync~spin) ECS & IAM: starting';
      }
    }),
  );
  context.subscriptions.push(
    vscode.commands.registerCommand('ecsIam.restartServer', async () => {
      if (!client) return;
      output.appendLine('Restarting the language server on request.');
      restartPolicy.reset();
      if (client.state === State.Running) await client.stop();
      await client.start();
    }),
    vscode.commands.registerCommand('ecsIam.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('ecsIam.openGeneratedPolicy', (args: unknown) => openGeneratedPolicy(args)),
    vscode.commands.registerCommand('ecsIam.linkPolicyFile', (args: LinkArguments | undefined) => linkPolicyFile(args)),
    // The Command Palette: the same server commands for the active editor, at its cursor.
    vscode.commands.registerCommand('ecsIam.generateExecutionRolePolicy', () => generateForActiveEditor('execution')),
    vscode.commands.registerCommand('ecsIam.generateTaskRolePolicy', () => generateForActiveEditor('task')),
    vscode.commands.registerCommand('ecsIam.generateTrustPolicy', () => generateForActiveEditor('trust')),
    vscode.commands.registerCommand('ecsIam.explainError', (fromMenu?: unknown) => explainEcsError(client, fromMenu)),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** Adapts RestartPolicy (plain logic, unit-tested) to vscode-languageclient's error handler. */
class RestartingErrorHandler implements ErrorHandler {
  constructor(
    private readonly output: vscode.LogOutputChannel,
    private readonly policy: RestartPolicy,
  ) {}

  error(): ErrorHandlerResult {
    // A malformed message is not fatal; a dead process is reported through closed().
    return { action: ErrorAction.Continue };
  }

  closed(): CloseHandlerResult {
    const decision = this.policy.onClosed();
    this.output.appendLine(decision.log);
    if (!decision.restart) {
      // vscode-languageclient shows `message` as an error notification.
      return { action: CloseAction.DoNotRestart, message: decision.notify };
    }
    if (decision.notify) void vscode.window.showInformationMessage(decision.notify);
    return { action: CloseAction.Restart, handled: true };
  }
}

/** Runs a server command and returns its answer (plain JSON). */
async function serverCommand<T>(command: string, args: unknown): Promise<T | undefined> {
  if (!client) return undefined;
  return ((await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: [args] })) ?? undefined) as T | undefined;
}

/** The active editor's document and cursor, as the server counts them. */
function activeLocation(): { uri: string; position: { line: number; character: number } } | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client) return undefined;
  return { uri: editor.document.uri.toString(), position: client.code2ProtocolConverter.asPosition(editor.selection.active) };
}

async function generateForActiveEditor(kind: string): Promise<void> {
  const location = activeLocation();
  if (!location) {
    void vscode.window.showInformationMessage('Open the JSON file to generate from first.');
    return;
  }
  await openGeneratedPolicy({ ...location, kind });
}

/** Asks the server for a generated policy and opens it as a new, unsaved JSON document; or shows why there is none. */
async function openGeneratedPolicy(args: unknown): Promise<void> {
  const generated = await serverCommand<{ content?: string; message?: string }>('ecsIam.server.generatePolicy', args);
  if (!generated?.content) {
    void vscode.window.showInformationMessage(generated?.message ?? 'Nothing to generate here.');
    return;
  }
  const document = await vscode.workspace.openTextDocument({ language: 'json', content: generated.content });
  await vscode.window.showTextDocument(document, { preview: false });
}

interface LinkArguments {
  file?: string;
  roleName?: string;
}

interface Choice<T> extends vscode.QuickPickItem {
  value: T;
}

/**
 * Lets the user pick a policy file for a role (the workspace's policy files first, then the file dialog)
 * and has the server record the link in `.ecs-iam.json`. Without arguments (the Command Palette), the
 * server lists the roles of the active file to choose from.
 */
async function linkPolicyFile(args: LinkArguments | undefined): Promise<void> {
  if (!client) return;
  let target = args?.file && args.roleName ? { file: args.file, roleName: args.roleName } : undefined;
  if (!target) {
    const location = activeLocation();
    if (!location) {
      void vscode.window.showInformationMessage('Open the JSON file whose role you want to link first.');
      return;
    }
    const answer = await serverCommand<{
      choices: Array<{ label: string; description: string; args: { file: string; roleName: string } }>;
      message?: string;
    }>('ecsIam.server.linkChoices', location);
    if (!answer?.choices.length) {
      void vscode.window.showInformationMessage(answer?.message ?? 'Nothing to link here.');
      return;
    }
    const picked =
      answer.choices.length === 1
        ? answer.choices[0]
        : await vscode.window.showQuickPick(answer.choices, { title: 'Link a policy file to which role?' });
    if (!picked) return;
    target = picked.args;
  }
  const { file, roleName } = target;
  const files =
    (await serverCommand<Array<{ label: string; description: string; path: string; kind: string }>>('ecsIam.server.policyFileChoices', {
      file,
      roleName,
    })) ?? [];
  const browse: Choice<undefined> = { label: '$(folder-opened) Browse…', description: 'choose a file on disk', value: undefined };
  const items: Array<Choice<{ path: string; kind: string } | undefined>> = [
    ...files.map((entry) => ({ label: entry.label, description: entry.description, value: { path: entry.path, kind: entry.kind } })),
    browse,
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: `Link a policy file to ${roleName}`,
    placeHolder: 'A policy file of the workspace, or Browse…',
    matchOnDescription: true,
  });
  if (!picked) return;
  let choice = picked.value;
  if (!choice) {
    // The dialog opens in the workspace folder of the file (not the file's own folder, often a subfolder).
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file)) ?? vscode.workspace.workspaceFolders?.[0];
    const dialog = await vscode.window.showOpenDialog({
      canSelectMany: false,
      defaultUri: folder?.uri ?? vscode.Uri.joinPath(vscode.Uri.file(file), '..'),
      filters: { JSON: ['json'] },
      openLabel: `Link to ${roleName}`,
      title: `Policy file for ${roleName}`,
    });
    if (!dialog?.[0]) return;
    const kind = await vscode.window.showQuickPick(
      [
        { label: 'Permission policy', description: 'what the role may do', value: 'policies' },
        { label: 'Trust policy', description: 'who may assume the role', value: 'trustPolicy' },
      ],
      { title: `How is ${dialog[0].path.slice(dialog[0].path.lastIndexOf('/') + 1)} attached to ${roleName}?` },
    );
    if (!kind) return;
    choice = { path: dialog[0].fsPath, kind: kind.value };
  }
  const openBefore = new Set(vscode.workspace.textDocuments.map((document) => document.uri.toString()));
  const result = await serverCommand<{ applied?: boolean; configFile?: string; created?: boolean; message?: string }>(
    'ecsIam.server.addRoleMapping',
    { file, roleName, policyFile: choice.path, kind: choice.kind },
  );
  if (result?.applied && result.configFile) {
    // The edit leaves the configuration file unsaved: save it unless the user had it open (with edits of their own).
    const uri = vscode.Uri.file(result.configFile);
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri.toString());
    if (document && !openBefore.has(uri.toString())) await document.save();
    // A new configuration file is shown, so the user learns where the link lives.
    if (result.created) await vscode.window.showTextDocument(uri, { preview: false, preserveFocus: true });
  }
  if (result?.message) void vscode.window.showInformationMessage(result.message);
}
