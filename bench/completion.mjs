// Completion and hover latency in a 1 MB task definition through the bundled server (issue 12, item 15):
//   node bench/completion.mjs        (after npm run build)
// Measures, each a median of several runs: completion and hover once the document is analysed, and
// completion and hover sent right after an edit (the case a person typing meets: the new version's
// analysis is still running). Prints one line per measurement; asserts nothing.
import path from 'node:path';
import { formatMs, largeTaskDefinition, median, require, ROOT, startSession } from './lib.mjs';

const protocol = require('vscode-languageserver-protocol/node');
const server = path.join(ROOT, 'dist', 'server.js');
const runs = Number(process.env.RUNS ?? 7);
const text = largeTaskDefinition(1024 * 1024);
const uri = 'file:///bench/large-task-definition.json';
const lines = text.split('\n');

// Positions in the last container: the value of its protocol (enum completion), its memoryReservation key (hover).
const lastProtocol = lines.findLastIndex((line) => line.includes('"protocol": "tcp"'));
const protocolPosition = { line: lastProtocol, character: lines[lastProtocol].indexOf('"tcp"') + 1 };
const lastKey = lines.findLastIndex((line) => line.includes('"memoryReservation"'));
const keyPosition = { line: lastKey, character: lines[lastKey].indexOf('memoryReservation') + 3 };
const roleLine = lines.findIndex((line) => line.includes('"executionRoleArn"'));
const rolePosition = { line: roleLine, character: lines[roleLine].indexOf('arn:') + 2 };

const session = await startSession(process.execPath, [server, '--stdio']);
const timed = async (fn) => {
  const start = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
};
const complete = (position) => session.connection.sendRequest(protocol.CompletionRequest.type, { textDocument: { uri }, position });
const hover = (position) => session.connection.sendRequest(protocol.HoverRequest.type, { textDocument: { uri }, position });
const count = (result) => (Array.isArray(result) ? result.length : (result?.items?.length ?? 0));

console.log(`1 MB task definition: ${(text.length / 1024).toFixed(0)} KiB, ${lines.length} lines; ${runs} runs each`);
const opened = await timed(() => session.open(uri, text));
console.log(`open -> first diagnostics: ${formatMs(opened.ms)}`);

const measure = async (name, request, position, afterEdit) => {
  const times = [];
  let items = 0;
  let version = 1 + (measure.edits ?? 0);
  for (let i = 0; i < runs; i++) {
    if (afterEdit) {
      // An edit far from the cursor (the family's value), then the request at once.
      version++;
      measure.edits = (measure.edits ?? 0) + 1;
      const edited = text.replace('"family": "large"', `"family": "large-${version}"`);
      await session.connection.sendNotification(protocol.DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ text: edited }],
      });
    }
    const { ms, result } = await timed(() => request(position));
    times.push(ms);
    items = request === complete ? count(result) : result ? 1 : 0;
  }
  console.log(
    `${name.padEnd(52)} median ${formatMs(median(times)).padStart(9)}   max ${formatMs(Math.max(...times)).padStart(9)}   (${request === complete ? `${items} items` : items ? 'a hover' : 'no hover'})`,
  );
};

await measure('completion, analysed (protocol value)', complete, protocolPosition, false);
await measure('hover, analysed (memoryReservation key)', hover, keyPosition, false);
await measure('hover, analysed (executionRoleArn value)', hover, rolePosition, false);
await measure('completion right after an edit', complete, protocolPosition, true);
await measure('hover right after an edit', hover, keyPosition, true);
await session.close();
