// When the language server process ends unexpectedly: restart it and say so once; after repeated
// crashes in a short window stop restarting and say why. Plain logic with no `vscode` import, so
// test/hardening/restartPolicy.test.ts can run it under Node without an editor.

export interface RestartPolicyOptions {
  /** Restarts allowed within `windowMs`; the crash after them stops the server for good. */
  maxRestarts: number;
  windowMs: number;
  serverName: string;
}

export interface RestartDecision {
  restart: boolean;
  /** Line for the output channel (always). */
  log: string;
  /** Shown to the user as a notification (at most once per session for restarts; always when giving up). */
  notify?: string;
}

export const DEFAULT_RESTART_POLICY: RestartPolicyOptions = { maxRestarts: 4, windowMs: 3 * 60 * 1000, serverName: 'ECS & IAM Tools' };

export class RestartPolicy {
  private crashes: number[] = [];
  private toldUser = false;

  constructor(
    private readonly options: RestartPolicyOptions = DEFAULT_RESTART_POLICY,
    private readonly now: () => number = Date.now,
  ) {}

  /** The server connection closed without being asked to stop. */
  onClosed(): RestartDecision {
    const now = this.now();
    this.crashes.push(now);
    this.crashes = this.crashes.filter((time) => now - time <= this.options.windowMs);
    const minutes = Math.round(this.options.windowMs / 60_000);
    if (this.crashes.length > this.options.maxRestarts) {
      const message =
        `The ${this.options.serverName} language server crashed ${this.crashes.length} times in ${minutes} minutes and will not be restarted. ` +
        'Run "ECS & IAM: Restart Language Server" to try again, and please report the log in the "ECS & IAM Tools" output channel.';
      return { restart: false, log: message, notify: message };
    }
    const log = `The language server stopped unexpectedly; restarting it (restart ${this.crashes.length} of at most ${this.options.maxRestarts} in ${minutes} minutes).`;
    if (this.toldUser) return { restart: true, log };
    this.toldUser = true;
    return { restart: true, log, notify: `The ${this.options.serverName} language server stopped unexpectedly and was restarted.` };
  }

  /** The user restarted the server by hand: start counting afresh. */
  reset(): void {
    this.crashes = [];
  }
}
