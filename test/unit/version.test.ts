// The version the server and CLI report (initialize's serverInfo, --version, SARIF) is the package's.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { SERVER_VERSION } from '../../server/src/version';
import { REPO_ROOT } from '../helpers';

test('server/src/version.ts matches package.json', () => {
  const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  assert.match(version, /^\d+\.\d+\.\d+/);
  assert.equal(SERVER_VERSION, version, 'update server/src/version.ts with package.json');
});
