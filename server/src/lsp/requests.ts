// One wrapper for every request handler: a request that fails answers its empty value and logs the error,
// so a bug in one request never ends the session; a request overtaken by a newer document version
// answers empty without a log line.
import type { Connection } from 'vscode-languageserver';
import { StaleAnalysis } from './analysisCache';

export type Guard = <A extends unknown[], R>(name: string, empty: R, handler: (...args: A) => Promise<R> | R) => (...args: A) => Promise<R>;

export function requestGuard(connection: Connection): Guard {
  return (name, empty, handler) =>
    async (...args) => {
      try {
        return await handler(...args);
      } catch (error) {
        if (!(error instanceof StaleAnalysis)) {
          connection.console.error(`ecs-iam: ${name} failed: ${error instanceof Error ? error.stack : String(error)}`);
        }
        return empty;
      }
    };
}
