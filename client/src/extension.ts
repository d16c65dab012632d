// The VS Code side: starts the language server and nothing else. All analysis happens in the
// server process, so activation costs only the spawn of that process.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  ExecuteCommandRequest,
  LanguageClient,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { explainEcsError } from './explainPanel';
import { DEFAULT_RESTART_POLICY, RestartPolicy } from './restartPolicy';

/** The client id is also the settings prefix: VS Code reads `ecsIam.trace.server` for it. */
const CLIENT_ID = 'ecsIam';
const CLIENT_NAME = 'ECS & IAM Tools';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(output);
  const restartPolicy = new RestartPolicy({ ...DEFAULT_RESTART_POLICY, serverName: CLIENT_NAME });
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'json' }, { language: 'jsonc' }],
    outputChannel: output,
    initializationOptions: {
      builtinJsonDiagnostics: vscode.workspace.getConfiguration('json').get<boolean>('validate.enable', true),
      opensGeneratedPolicies: true,
      settings: vscode.workspace.getConfiguration('ecsIam'),
    },
    errorHandler: new RestartingErrorHandler(output, restartPolicy),
  };
  client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand('ecsIam.restartServer', async () => {
      if (!client) return;
      output.appendLine('Restarting the language server on request.');
      restartPolicy.reset();
      await (client.state === State.Running ? client.restart() : client.start());
    }),
    vscode.commands.registerCommand('ecsIam.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('ecsIam.openGeneratedPolicy', (args: unknown) => openGeneratedPolicy(args)),
    vscode.commands.registerCommand('ecsIam.linkPolicyFile', (args: { file?: string; roleName?: string } | undefined) => linkPolicyFile(args)),
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

/** Asks the server for a generated policy and opens it as a new, unsaved JSON document. */
async function openGeneratedPolicy(args: unknown): Promise<void> {
  if (!client) return;
  const generated = (await client.sendRequest(ExecuteCommandRequest.type, { command: 'ecsIam.server.generatePolicy', arguments: [args] })) as { content?: string } | null;
  if (!generated?.content) {
    void vscode.window.showInformationMessage('This task definition reveals nothing that role needs.');
    return;
  }
  const document = await vscode.workspace.openTextDocument({ language: 'json', content: generated.content });
  await vscode.window.showTextDocument(document, { preview: false });
}

/** Lets the user pick a policy file for a role and records the link in `.ecs-iam.json`. */
async function linkPolicyFile(args: { file?: string; roleName?: string } | undefined): Promise<void> {
  if (!client || !args?.file || !args.roleName) return;
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    defaultUri: vscode.Uri.file(path.dirname(args.file)),
    filters: { 'IAM policy (JSON)': ['json'] },
    openLabel: `Link to ${args.roleName}`,
    title: `Policy file attached to the role ${args.roleName}`,
  });
  if (!picked?.[0]) return;
  const kind = await vscode.window.showQuickPick(
    [
      { label: 'Permission policy', description: 'what the role may do', value: 'policies' },
      { label: 'Trust policy', description: 'who may assume the role', value: 'trustPolicy' },
    ],
    { title: `How is ${path.basename(picked[0].fsPath)} attached to ${args.roleName}?` },
  );
  if (!kind) return;
  await client.sendRequest(ExecuteCommandRequest.type, {
    command: 'ecsIam.server.addRoleMapping',
    arguments: [{ file: args.file, roleName: args.roleName, policyFile: picked[0].fsPath, kind: kind.value }],
  });
}
