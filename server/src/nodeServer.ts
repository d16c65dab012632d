// The language server as a Node program (dist/server.js, the `ecs-iam-language-server` command, and what the
// desktop extension starts over IPC): --stdio or --node-ipc, files read from disk. The session is server.ts.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { SERVER_VERSION } from './version';
import { diskFileSource } from './workspace/files';

function main(): void {
  const args = process.argv.slice(2);
  if (args.includes('--version')) {
    process.stdout.write(`${SERVER_VERSION}\n`);
    return;
  }
  const transport = args.some((arg) => arg === '--stdio' || arg.startsWith('--node-ipc'));
  const unsupported = args.find((arg) => arg.startsWith('--socket') || arg.startsWith('--pipe'));
  if (args.includes('--help') || !transport || unsupported) {
    if (unsupported) {
      process.stderr.write(
        `ecs-iam-language-server: ${unsupported} is not supported: the server opens no sockets or pipes; use --stdio or --node-ipc.\n`,
      );
    }
    process.stdout.write(
      [
        `ecs-iam-language-server ${SERVER_VERSION}: checks ECS task definitions and IAM policies in JSON over the Language Server Protocol.`,
        '',
        'Usage: ecs-iam-language-server --stdio      (or --node-ipc when started by a Node parent with an IPC channel)',
        '',
        'It opens no network connections, sockets or pipes and starts no processes.',
        'Editors start it for JSON files; see the README for Neovim, Helix and Emacs set-ups.',
        '',
      ].join('\n'),
    );
    process.exitCode = args.includes('--help') && !unsupported ? 0 : 2;
    return;
  }
  const connection = createConnection(ProposedFeatures.all);
  // A bug in one request must not end the session: log it and keep serving.
  process.on('uncaughtException', (error) => connection.console.error(`ecs-iam: uncaught ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`ecs-iam: unhandled rejection ${String(reason)}`));
  startServer(connection, { workspaceFiles: () => diskFileSource });
}

if (require.main === module) main();
