// Benchmark helpers: timing with medians, and an LSP session over stdio for cold-start numbers.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const require = createRequire(import.meta.url);

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Median milliseconds of `fn` over `runs` runs after `warmup` runs (fn may be async). */
export async function timeMedian(fn, { runs = 20, warmup = 5 } = {}) {
  for (let i = 0; i < warmup; i++) await fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

export function rssOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Spawns a language server, opens one document and resolves with the milliseconds from spawn to
 * the first publishDiagnostics for it, and the server's RSS at that moment (MB).
 */
export async function coldStartToFirstDiagnostics(
  command,
  args,
  { text, languageId = 'json', uri = 'file:///bench/task-definition.json', initializationOptions } = {},
) {
  const protocol = require('vscode-languageserver-protocol/node');
  const start = process.hrtime.bigint();
  const child = spawn(command, args, { stdio: 'pipe' });
  const connection = protocol.createProtocolConnection(
    new protocol.StreamMessageReader(child.stdout),
    new protocol.StreamMessageWriter(child.stdin),
  );
  child.stderr.on('data', () => undefined);
  const firstDiagnostics = new Promise((resolve) => {
    connection.onNotification(protocol.PublishDiagnosticsNotification.type, (params) => {
      if (params.uri === uri) resolve(params);
    });
  });
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification(() => undefined);
  connection.listen();
  await connection.sendRequest(protocol.InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: null,
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: {} } },
    initializationOptions,
  });
  await connection.sendNotification(protocol.InitializedNotification.type, {});
  await connection.sendNotification(protocol.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  const diagnostics = await Promise.race([
    firstDiagnostics,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`${command} ${args.join(' ')}: no diagnostics in 20 s`)), 20_000)),
  ]);
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  const rss = rssOf(child.pid);
  try {
    await Promise.race([connection.sendRequest(protocol.ShutdownRequest.type), new Promise((resolve) => setTimeout(resolve, 2000))]);
    await connection.sendNotification(protocol.ExitNotification.type);
  } catch {
    // the process may already be gone
  }
  connection.dispose();
  child.kill();
  return { elapsed, rss, count: diagnostics.diagnostics.length };
}

export function fileUri(file) {
  return pathToFileURL(file).toString();
}

export function formatMs(ms) {
  if (ms === undefined || Number.isNaN(ms)) return '—';
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`;
  if (ms < 100) return `${ms.toFixed(2)} ms`;
  return `${ms.toFixed(0)} ms`;
}

/**
 * A long-lived LSP session over stdio, for per-edit latency: the time from sending didChange to
 * receiving publishDiagnostics for that version.
 */
export async function startSession(command, args, { initializationOptions } = {}) {
  const protocol = require('vscode-languageserver-protocol/node');
  const child = spawn(command, args, { stdio: 'pipe' });
  child.stderr.on('data', () => undefined);
  const connection = protocol.createProtocolConnection(
    new protocol.StreamMessageReader(child.stdout),
    new protocol.StreamMessageWriter(child.stdin),
  );
  const waiters = [];
  connection.onNotification(protocol.PublishDiagnosticsNotification.type, (params) => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (waiters[i].uri === params.uri && (waiters[i].version === undefined || params.version === waiters[i].version))
        waiters.splice(i, 1)[0].resolve(params);
    }
  });
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification(() => undefined);
  connection.listen();
  await connection.sendRequest(protocol.InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: null,
    capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
    initializationOptions,
  });
  await connection.sendNotification(protocol.InitializedNotification.type, {});
  const versions = new Map();
  const diagnostics = (uri, version, timeoutMs = 300_000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version}`)), timeoutMs);
      waiters.push({
        uri,
        version,
        resolve: (params) => {
          clearTimeout(timer);
          resolve(params);
        },
      });
    });
  return {
    child,
    connection,
    /** Opens a document and resolves with its first diagnostics. */
    async open(uri, text, languageId = 'json') {
      versions.set(uri, 1);
      const published = diagnostics(uri, 1);
      await connection.sendNotification(protocol.DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId, version: 1, text },
      });
      return published;
    },
    /** Replaces the text; resolves with the milliseconds until the diagnostics of that version arrive. */
    async edit(uri, text) {
      const version = versions.get(uri) + 1;
      versions.set(uri, version);
      const published = diagnostics(uri, version);
      const start = process.hrtime.bigint();
      await connection.sendNotification(protocol.DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ text }],
      });
      const params = await published;
      return { elapsed: Number(process.hrtime.bigint() - start) / 1e6, count: params.diagnostics.length };
    },
    async hover(uri, position) {
      const start = process.hrtime.bigint();
      await connection.sendRequest(protocol.HoverRequest.type, { textDocument: { uri }, position });
      return Number(process.hrtime.bigint() - start) / 1e6;
    },
    rss: () => rssOf(child.pid),
    peakRss() {
      try {
        return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) / 1024;
      } catch {
        return undefined;
      }
    },
    async close() {
      try {
        await Promise.race([connection.sendRequest(protocol.ShutdownRequest.type), new Promise((resolve) => setTimeout(resolve, 5000))]);
        await connection.sendNotification(protocol.ExitNotification.type);
      } catch {
        // already gone
      }
      connection.dispose();
      child.kill();
    },
  };
}

/** A task definition of about `bytes` bytes: many containers, each with environment, secrets, ports and logs. */
export function largeTaskDefinition(bytes) {
  const containers = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const container = {
      name: `worker-${i}`,
      image: `210987654321.dkr.ecr.eu-west-1.amazonaws.com/worker-${i % 17}:1.${i}.0`,
      essential: i === 0,
      memoryReservation: 128,
      portMappings: [{ containerPort: 8000 + (i % 1000), protocol: 'tcp' }],
      environment: Array.from({ length: 8 }, (_, j) => ({ name: `SETTING_${j}`, value: `value-${i}-${j}-🚀` })),
      secrets: [{ name: 'DB_PASSWORD', valueFrom: `arn:aws:secretsmanager:eu-west-1:210987654321:secret:worker-${i}-AbCdEf` }],
      logConfiguration: {
        logDriver: 'awslogs',
        options: { 'awslogs-group': `/ecs/worker-${i}`, 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'w' },
      },
    };
    containers.push(container);
    size += JSON.stringify(container, null, 2).length;
  }
  return JSON.stringify(
    {
      family: 'large',
      taskRoleArn: 'arn:aws:iam::210987654321:role/app',
      executionRoleArn: 'arn:aws:iam::210987654321:role/ecsTaskExecutionRole',
      containerDefinitions: containers,
    },
    null,
    2,
  );
}
