// WorkspaceIndex.updateFromSource: what it does with files it cannot read or index, and what it says about them.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { WorkspaceIndex } from '../../server/src/workspace';
import { ConfigLoader } from '../../server/src/workspace/configLoader';
import { FIXTURES } from '../helpers';

const folder = mkdtempSync(path.join(tmpdir(), 'ecs-iam-index-'));
after(() => rmSync(folder, { recursive: true, force: true }));
const taskDefinition = path.join(folder, 'task-definition.json');
const policy = path.join(folder, 'ecsTaskExecutionRole.json');
copyFileSync(path.join(FIXTURES, 'roles', 'convention', 'task-definition.json'), taskDefinition);
copyFileSync(path.join(FIXTURES, 'roles', 'convention', 'ecsTaskExecutionRole.json'), policy);

/** An index whose parsing fails on one file, as a parser bug would. */
class IndexWithBrokenParser extends WorkspaceIndex {
  constructor(
    private readonly breaksOn: string,
    log: (message: string) => void,
  ) {
    super({ roots: [folder], configs: new ConfigLoader(undefined, () => [folder]), maxFileSize: 5 * 1024 * 1024, log });
  }

  override update(file: string, text: string): void {
    if (file === this.breaksOn) throw new Error('parser bug');
    super.update(file, text);
  }
}

test('a file whose indexing throws is logged with the error and left out; the other files are indexed', async () => {
  const lines: string[] = [];
  const index = new IndexWithBrokenParser(policy, (line) => lines.push(line));
  await index.addFiles([taskDefinition, policy]);
  assert.ok(index.get(taskDefinition));
  assert.equal(index.get(policy), undefined);
  assert.equal(lines.length, 1);
  assert.match(lines[0], /indexing .*ecsTaskExecutionRole\.json failed: Error: parser bug/);
});

test('a file that is gone, or a folder, is left out without a message', async () => {
  const lines: string[] = [];
  const index = new IndexWithBrokenParser('', (line) => lines.push(line));
  await index.addFiles([taskDefinition]);
  assert.ok(index.get(taskDefinition));
  await index.updateFromSource(path.join(folder, 'deleted.json'));
  await index.updateFromSource(folder);
  assert.equal(index.get(path.join(folder, 'deleted.json')), undefined);
  assert.deepEqual(lines, []);
  rmSync(taskDefinition);
  await index.updateFromSource(taskDefinition);
  assert.equal(index.get(taskDefinition), undefined, 'a deleted file leaves the index');
  assert.deepEqual(lines, []);
});
