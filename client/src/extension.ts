// The VS Code side: starts the language server and nothing else. All analysis happens in the
// server process, so activation costs only the spawn of that process.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

/** The client id is also the settings prefix: VS Code reads `ecsIam.trace.server` for it. */
const CLIENT_ID = 'ecsIam';
const CLIENT_NAME = 'ECS & IAM Tools';
/** After this many crashes within the window, stop restarting and tell the user. */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(output);
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
      settings: vscode.workspace.getConfiguration('ecsIam'),
    },
    errorHandler: new RestartingErrorHandler(output),
  };
  client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand('ecsIam.restartServer', async () => {
      if (!client) return;
      output.appendLine('Restarting the language server on request.');
      await (client.state === State.Running ? client.restart() : client.start());
    }),
    vscode.commands.registerCommand('ecsIam.showOutput', () => output.show(true)),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** Restarts a crashed server and says so once; stops after repeated crashes with a clear message. */
class RestartingErrorHandler implements ErrorHandler {
  private readonly crashes: number[] = [];
  private toldUser = false;

  constructor(private readonly output: vscode.LogOutputChannel) {}

  error(): ErrorHandlerResult {
    return { action: ErrorAction.Continue };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.crashes.push(now);
    while (this.crashes.length > 0 && now - this.crashes[0] > RESTART_WINDOW_MS) this.crashes.shift();
    if (this.crashes.length > MAX_RESTARTS) {
      const message = `The ${CLIENT_NAME} language server crashed ${this.crashes.length} times in 3 minutes and will not be restarted. Run "ECS & IAM: Restart Language Server" to try again, and please report the log in the output channel.`;
      this.output.appendLine(message);
      return { action: CloseAction.DoNotRestart, message };
    }
    this.output.appendLine(`The language server stopped unexpectedly; restarting it (${this.crashes.length} of ${MAX_RESTARTS}).`);
    if (!this.toldUser) {
      this.toldUser = true;
      void vscode.window.showInformationMessage(`The ${CLIENT_NAME} language server stopped unexpectedly and was restarted.`);
    }
    return { action: CloseAction.Restart, handled: true };
  }
}
