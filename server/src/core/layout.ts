// How a document lays out its JSON, so that edits (quick fixes) follow it: line breaks, indentation.
// Shared by every rule that inserts text.

// lineBreakOf and indentUnit scan the whole text, and rules ask once per node they fix (thousands of
// containers in one file made fixes quadratic): the answers for the last text asked about are kept.
let known: { text: string; lineBreak?: string; indentUnit?: string } = { text: '' };
function layoutOf(text: string): typeof known {
  if (known.text !== text) known = { text };
  return known;
}

/** The document's line break: `\r\n` when it has any, else `\n`. */
export function lineBreakOf(text: string): string {
  const layout = layoutOf(text);
  return (layout.lineBreak ??= text.includes('\r\n') ? '\r\n' : '\n');
}

/** One indentation step as the document uses it: the smallest indentation of a line (two spaces when unsure). */
export function indentUnit(text: string): string {
  const layout = layoutOf(text);
  if (layout.indentUnit !== undefined) return layout.indentUnit;
  let best: string | undefined;
  const pattern = /\n([ \t]+)["{[]/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (!best || match[1].length < best.length) best = match[1];
    if (best.length <= 1) break;
  }
  return (layout.indentUnit = best ?? '  ');
}

/** The whitespace that starts the line `offset` is on. */
export function indentationAt(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = start;
  while (end < offset && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

/** Whether a line break comes between `from` and `to` (scans only up to the first one). */
export function lineBreakBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 13) return true;
  }
  return false;
}
