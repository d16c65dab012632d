// Asynchronous preparation before the (synchronous) rules run: loading the parts of the IAM
// catalogue a document refers to. Presenters await this; rules then read loaded data synchronously.
import type { JsonDocument } from './document';

type Preparer = (document: JsonDocument) => Promise<void>;

const preparers: Preparer[] = [];

/** Registers work to do before a document is analysed (called once, at module load, by data providers). */
export function registerPreparer(preparer: Preparer): void {
  preparers.push(preparer);
}

export async function prepareDocument(document: JsonDocument): Promise<void> {
  if (document.skipped || document.kind === 'unrelated') return;
  await Promise.all(preparers.map((prepare) => prepare(document)));
}
