// The client's crash handling (client/src/restartPolicy.ts): plain logic, no VS Code needed. That the
// client actually restarts the process and shows the notification needs an editor (test/e2e).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RestartPolicy } from '../../client/src/restartPolicy';

const options = { maxRestarts: 4, windowMs: 180_000, serverName: 'ECS & IAM Tools' };

test('a crash restarts the server and tells the user once', () => {
  let now = 0;
  const policy = new RestartPolicy(options, () => now);
  const first = policy.onClosed();
  assert.equal(first.restart, true);
  assert.match(first.notify ?? '', /stopped unexpectedly and was restarted/);
  now += 200_000; // outside the window: counting starts afresh, but the user was already told
  const second = policy.onClosed();
  assert.equal(second.restart, true);
  assert.equal(second.notify, undefined);
  assert.match(second.log, /restarting it \(restart 1 of at most 4/);
});

test('a crash loop stops after a few restarts with a clear message', () => {
  let now = 0;
  const policy = new RestartPolicy(options, () => now);
  const decisions = Array.from({ length: 5 }, () => {
    now += 1000;
    return policy.onClosed();
  });
  assert.deepEqual(
    decisions.map((d) => d.restart),
    [true, true, true, true, false],
  );
  assert.equal(decisions.filter((d) => d.notify).length, 2, 'one notice for the first restart, one for giving up');
  assert.match(decisions[4].notify ?? '', /crashed 5 times in 3 minutes and will not be restarted/);
  assert.match(decisions[4].notify ?? '', /Restart Language Server/);
});

test('crashes spread over more than the window never stop the server; a manual restart resets the count', () => {
  let now = 0;
  const policy = new RestartPolicy(options, () => now);
  for (let i = 0; i < 20; i++) {
    now += 60_000;
    assert.equal(policy.onClosed().restart, true, `crash ${i}`);
  }
  for (let i = 0; i < 4; i++) policy.onClosed();
  assert.equal(policy.onClosed().restart, false);
  policy.reset();
  assert.equal(policy.onClosed().restart, true);
});

test('the restart policy module does not load vscode', () => {
  const loaded = Object.keys(require.cache).filter((file) => /[\\/]vscode[\\/]/.test(file));
  assert.deepEqual(loaded, []);
});
