// Helpers for hardening tests that drive the real server (test/protocol/lspClient.ts does the protocol).
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { LogMessageNotification, MessageType } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../protocol/lspClient';

/** Error and warning lines the server logs (window/logMessage): every caught failure is logged there. */
export function collectLogErrors(client: LspTestClient): string[] {
  const errors: string[] = [];
  client.connection.onNotification(LogMessageNotification.type, (params) => {
    // Node's own notice about the experimental permission model (sideEffects.test.ts) is expected.
    if (/ExperimentalWarning: Permission/.test(params.message)) return;
    if (params.type === MessageType.Error || params.type === MessageType.Warning) errors.push(params.message);
  });
  return errors;
}

export interface ServerStats {
  /** Analyses started. */
  analyses: number;
  /** Analyses abandoned between their rules because they were no longer wanted (a newer version arrived). */
  abandonedInRules: number;
  /** URIs whose analysis is between two of its rules as the server answers (one entry per analysis). */
  inRules: string[];
}

/** Counts the server keeps for tests; needs ECS_IAM_TEST_HOOKS=1 in the server's environment. */
export function serverStats(client: LspTestClient): Promise<ServerStats> {
  return client.connection.sendRequest('ecsIam/internal/stats');
}

/** The server inherits this process's environment: turn the test-only request on. */
export function enableTestHooks(): void {
  process.env.ECS_IAM_TEST_HOOKS = '1';
}

/**
 * One server for a test file: started before its tests (handed to `started`), shut down after them, and
 * the file fails if the server logged an error or warning meanwhile or did not exit cleanly.
 */
export function useServerSession(started: (client: LspTestClient) => void): void {
  let client: LspTestClient;
  let logErrors: string[];
  before(async () => {
    client = new LspTestClient();
    logErrors = collectLogErrors(client);
    await client.initialize();
    started(client);
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0, client.stderr);
    assert.deepEqual(logErrors, []);
  });
}
