// The CLI's worker threads: a large run's files are shared out by size between the main thread and
// `threads - 1` workers. Each builds the workspace index of every file (cross-file rules see them all)
// and checks its share; the main thread puts the findings back in file order, so the report is the same
// as a single-threaded run's. Bundled on its own (dist/cliParallel.js): the server bundle and the CLI's
// main bundle load no thread module (test/hardening/sideEffects.test.ts).
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { lintFilesGrouped, type LintJob } from './cliLint';
import type { FileFinding } from './presenters/report';

interface WorkerMessage {
  groups?: FileFinding[][];
  error?: string;
}

/**
 * Findings of every file of the job, in file order, checked by `threads` threads (this one included);
 * undefined when no worker can be started here (Node's permission model without --allow-worker, say).
 */
export async function lintInParallel(job: LintJob, threads: number): Promise<FileFinding[] | undefined> {
  const shares = shareOut(job, threads);
  const [own, ...others] = shares;
  const workers: Worker[] = [];
  try {
    for (const only of others) workers.push(new Worker(__filename, { workerData: { ecsIamLintJob: { ...job, only } } }));
  } catch {
    for (const worker of workers) void worker.terminate();
    return undefined;
  }
  const results = workers.map(resultOf);
  // The main thread checks its share meanwhile (the workers' messages wait until it is done).
  const ownGroups = await lintFilesGrouped({ ...job, only: own });
  const byPosition = new Map<number, FileFinding[]>();
  own.forEach((position, i) => byPosition.set(position, ownGroups[i]));
  const otherGroups = await Promise.all(results);
  others.forEach((only, w) => only.forEach((position, i) => byPosition.set(position, otherGroups[w][i])));
  const findings: FileFinding[] = [];
  for (let position = 0; position < job.files.length; position++) findings.push(...(byPosition.get(position) ?? []));
  return findings;
}

/** Positions of the files for each thread: largest first, each to the thread with the least text so far. */
function shareOut(job: LintJob, threads: number): number[][] {
  const shares = Array.from({ length: threads }, () => ({ bytes: 0, positions: [] as number[] }));
  const bySize = [...job.files.keys()].sort((a, b) => job.files[b][1].length - job.files[a][1].length || a - b);
  for (const position of bySize) {
    let least = shares[0];
    for (const share of shares) if (share.bytes < least.bytes) least = share;
    least.positions.push(position);
    least.bytes += job.files[position][1].length;
  }
  return shares.map((share) => share.positions.sort((a, b) => a - b));
}

function resultOf(worker: Worker): Promise<FileFinding[][]> {
  return new Promise((resolve, reject) => {
    worker.once('message', (message: WorkerMessage) => {
      if (message.groups) resolve(message.groups);
      else reject(new Error(`a worker thread failed: ${message.error}`));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`a worker thread stopped (exit code ${code}) before reporting`)));
  });
}

if (!isMainThread && workerData?.ecsIamLintJob) {
  lintFilesGrouped(workerData.ecsIamLintJob as LintJob).then(
    (groups) => parentPort!.postMessage({ groups } satisfies WorkerMessage),
    (error: unknown) =>
      parentPort!.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerMessage),
  );
}
