// The web extension's workspace files: the client's pure list and read logic (client/src/workspaceFiles.ts), the
// paths vscode-vfs: URIs get in the worker (server/src/workspace/uris.ts), and the index fed by the client's
// answers (server/src/lsp/clientFiles.ts) with the `.ecs-iam.json` it reads first. The same files as the disk walk
// would take; the Chromium Worker test (test/web/worker.test.ts) runs the whole session.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import picomatch from 'picomatch';
import { findFilesPatterns, isNotFound, readDecision, toBase64 } from '../../client/src/workspaceFiles';
import { ANALYSED_EXTENSIONS } from '../../server/src/core/document';
import { ClientFileSource, isCandidate, type ReadWorkspaceFileResult } from '../../server/src/lsp/clientFiles';
import { WorkspaceIndex } from '../../server/src/workspace';
import { ConfigLoader } from '../../server/src/workspace/configLoader';
import { useVirtualPaths, virtualPathOf, virtualUriOf } from '../../server/src/workspace/uris';

const WALK = { extensions: [...ANALYSED_EXTENSIONS], skippedFolders: ['node_modules', '.git', '.hg', '.svn'] };

describe('the client: findFiles globs from the server walk rules', () => {
  const { include, exclude } = findFilesPatterns(WALK);
  const listed = (file: string) => picomatch(include, { dot: true })(file) && !picomatch(exclude, { dot: true })(file);

  test('the globs', () => {
    assert.equal(include, '**/*.{json,JSON,yaml,YAML,yml,YML,template,TEMPLATE,tf,TF,tftpl,TFTPL,tpl,TPL}');
    assert.equal(exclude, '**/{node_modules,.git,.hg,.svn}/**');
  });

  const cases: Array<[string, boolean]> = [
    ['task-definition.json', true],
    ['.ecs-iam.json', true],
    ['iam/policies/exec.json', true],
    ['templates/stack.yaml', true],
    ['templates/stack.yml', true],
    ['cfn/stack.template', true],
    ['LEGACY/POLICY.JSON', true],
    ['.github/workflows/ci.yml', true],
    ['README.md', false],
    ['main.tf', true],
    ['modules/ecs/task.json.tpl', true],
    ['notes.txt', false],
    ['policy.json.bak', false],
    ['node_modules/pkg/package.json', false],
    ['packages/a/node_modules/pkg/policy.json', false],
    ['.git/config.json', false],
  ];
  for (const [file, expected] of cases) {
    test(`${file}: ${expected ? 'listed' : 'not listed'}`, () => assert.equal(listed(file), expected));
  }

  test('names with glob characters are dropped, one extension needs no braces', () => {
    assert.deepEqual(findFilesPatterns({ extensions: ['json', '{x}'], skippedFolders: ['*', 'vendor'] }), {
      include: '**/*.{json,JSON}',
      exclude: '**/vendor/**',
    });
    assert.deepEqual(findFilesPatterns({ extensions: [], skippedFolders: [] }), { include: '**/*.{}', exclude: '' });
  });
});

describe('the client: reading a file', () => {
  const cases: Array<[string, { type: number; size: number }, number, ReturnType<typeof readDecision>]> = [
    ['a file under the limit', { type: 1, size: 100 }, 1000, { read: true }],
    ['a file at the limit', { type: 1, size: 1000 }, 1000, { read: true }],
    ['a file over the limit', { type: 1, size: 1001 }, 1000, { read: false, problem: 'too-large' }],
    ['a symbolic link to a file', { type: 1 | 64, size: 10 }, 1000, { read: true }],
    ['a folder', { type: 2, size: 0 }, 1000, { read: false, problem: 'not-a-file' }],
  ];
  for (const [name, stat, maxBytes, expected] of cases) test(name, () => assert.deepEqual(readDecision(stat, maxBytes), expected));

  test('base64 of any bytes, also above one chunk, as Node encodes them', () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 7919) % 256);
    assert.equal(toBase64(bytes), Buffer.from(bytes).toString('base64'));
    assert.equal(toBase64(new Uint8Array([0xff, 0xfe, 0x7b, 0x00])), '//57AA==');
    assert.equal(toBase64(new Uint8Array()), '');
  });

  test('not found: the codes of FileSystemError', () => {
    assert.equal(isNotFound({ code: 'FileNotFound' }), true);
    assert.equal(isNotFound({ code: 'NoPermissions' }), false);
    assert.equal(isNotFound(undefined), false);
  });
});

describe('paths of vscode-vfs: URIs in the worker', () => {
  const cases: Array<[string, string]> = [
    ['vscode-vfs://github/example/infra/ecs/task.json', '/vscode-vfs:github/example/infra/ecs/task.json'],
    ['vscode-vfs://github/example/infra/iam/a%20b.json', '/vscode-vfs:github/example/infra/iam/a b.json'],
    ['vscode-vfs://github%2B7b22726566227d/owner/repo/x.json', '/vscode-vfs:github+7b22726566227d/owner/repo/x.json'],
    ['file:///home/me/infra/task.json', '/file:/home/me/infra/task.json'],
  ];
  for (const [uri, file] of cases) {
    test(uri, () => {
      assert.equal(virtualPathOf(uri), file);
      assert.equal(virtualUriOf(file), uri);
    });
  }
  test('URIs without a path, or with dot segments, have none', () => {
    assert.equal(virtualPathOf('untitled:Untitled-1'), undefined);
    assert.equal(virtualPathOf('vscode-vfs://github/example/infra/../x.json'), undefined);
    assert.equal(virtualPathOf('vscode-vfs://github/example/infra/%E0%A4%A.json'), undefined);
  });
});

describe('the index fed by the client', () => {
  // As the web worker does (browserServer.ts); this test file runs in a process of its own.
  useVirtualPaths();
  const ROOT = '/vscode-vfs:github/example/infra';
  const filter = {
    ...WALK,
    excludedFolder: (relative: string) => relative === 'build',
    excludedFile: (file: string) => file.endsWith('.generated.json'),
  };

  test('listed paths the disk walk would take: under a root, outside skipped and excluded folders', () => {
    const cases: Array<[string, boolean]> = [
      [`${ROOT}/task.json`, true],
      [`${ROOT}/iam/exec.json`, true],
      [`${ROOT}/build/task.json`, false],
      [`${ROOT}/src/build/task.json`, true],
      [`${ROOT}/a/node_modules/b.json`, false],
      [`${ROOT}/x.generated.json`, false],
      [`${ROOT}/notes.txt`, false],
      ['/vscode-vfs:github/example/other/task.json', false],
    ];
    for (const [file, expected] of cases) assert.equal(isCandidate(file, [ROOT], filter), expected, file);
  });

  test('.ecs-iam.json read first: its policyTypes and ignore apply to the files read after it; configured paths resolve', async () => {
    const repository = new Map<string, string>([
      [`${ROOT}/.ecs-iam.json`, '{ "ignore": ["drafts/**"], "policyTypes": { "boundaries/*.json": "permissions-boundary" } }'],
      [
        `${ROOT}/boundaries/dev.json`,
        '{ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:*", "Resource": "*" }] }',
      ],
      [`${ROOT}/drafts/exec.json`, '{ "Version": "2012-10-17", "Statement": [] }'],
      [`${ROOT}/iam/utf16.json`, '\ufeff{ "Version": "2012-10-17", "Statement": [] }'],
    ]);
    const requests: string[] = [];
    const source = new ClientFileSource({
      sendRequest: async <R>(method: string, params: unknown): Promise<R> => {
        requests.push(method === 'ecsIam/readWorkspaceFile' ? (params as { uri: string }).uri : method);
        if (method === 'ecsIam/listWorkspaceFiles') return [...repository.keys()].map(virtualUriOf) as R;
        const text = repository.get(virtualPathOf((params as { uri: string }).uri)!);
        if (text === undefined) return { problem: 'missing' } as ReadWorkspaceFileResult as R;
        // The UTF-16 file as PowerShell writes it: the server decodes it by its byte order mark.
        const bytes = text.startsWith('\ufeff') ? new Uint8Array(Buffer.from(text, 'utf16le')) : new TextEncoder().encode(text);
        return { base64: Buffer.from(bytes).toString('base64') } as R;
      },
    });
    const configs = new ConfigLoader(
      (file) => source.readConfigurationText(file),
      () => [ROOT],
    );
    const index = new WorkspaceIndex({ roots: [ROOT], configs, maxFileSize: 5 * 1024 * 1024, source });
    assert.equal(await index.build(), 4);
    assert.equal(requests[0], 'ecsIam/listWorkspaceFiles');
    assert.equal(requests[1], 'vscode-vfs://github/example/infra/.ecs-iam.json', 'the configuration is read before the files it governs');
    assert.equal(index.get(`${ROOT}/boundaries/dev.json`)?.document.policies[0]?.type, 'permissions-boundary');
    assert.equal(index.get(`${ROOT}/drafts/exec.json`), undefined);
    assert.ok(index.get(`${ROOT}/iam/utf16.json`));
    assert.equal(index.label(`${ROOT}/iam/utf16.json`), 'iam/utf16.json');
    const config = `${ROOT}/.ecs-iam.json`;
    assert.equal(index.configuredFile(config, 'boundaries/dev.json').status, 'indexed');
    assert.equal(index.configuredFile(config, 'iam/none.json').status, 'missing');
    assert.equal(index.configuredFile(config, '../other/x.json').status, 'outside');
    assert.equal(index.configuredFile(config, 'drafts/exec.json').status, 'not-analysed');
  });
});
