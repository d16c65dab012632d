// Bytes of a file to text. JSON files are UTF-8, but Windows tools write others: PowerShell 5.1's `>`
// (`aws ecs describe-task-definition > td.json`) writes UTF-16 LE with a byte order mark. A BOM says the
// encoding for sure, so UTF-8, UTF-16 LE/BE and UTF-32 LE/BE with a BOM are decoded; anything else must be
// valid UTF-8, and what is not is reported as an encoding problem with the encoding to save it in.
// Pure: the callers read the bytes.

export type DecodedFile = { text: string; encoding: string } | { problem: string };

/** What to do about a file in the wrong encoding; the same advice for every case. */
const SAVE_AS_UTF8 =
  'Save it as UTF-8 (in VS Code: "Save with Encoding" > UTF-8; in PowerShell: `Out-File -Encoding utf8`), the encoding AWS tools read JSON in.';

/**
 * The text of a file's bytes. The BOM stays as U+FEFF at the start of the text (as a UTF-8 file read by
 * Node keeps it), so every encoding gives the same text and the parser treats the mark the same way.
 */
export function decodeFile(bytes: Uint8Array): DecodedFile {
  const b = bytes;
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return utf32(b, true);
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return utf32(b, false);
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return utf16(b, true);
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return utf16(b, false);
  const withoutBom = withoutUtf16Bom(b);
  if (withoutBom) {
    return {
      problem: `This file looks like ${withoutBom} text without a byte order mark; without one, ECS & IAM Tools cannot be sure of the encoding, so it did not analyse the file. ${SAVE_AS_UTF8}`,
    };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(b), encoding: 'UTF-8' };
  } catch {
    const at = firstInvalidUtf8(b);
    return {
      problem: `This file is not valid UTF-8 (byte 0x${b[at].toString(16).toUpperCase().padStart(2, '0')} at offset ${at}) and has no byte order mark; it is probably in a legacy encoding such as Windows-1252. ${SAVE_AS_UTF8}`,
    };
  }
}

function utf16(b: Uint8Array, littleEndian: boolean): DecodedFile {
  const name = littleEndian ? 'UTF-16 LE' : 'UTF-16 BE';
  if (b.length % 2 !== 0) {
    return {
      problem: `This file starts with a ${name} byte order mark but has an odd number of bytes, so it is cut short or not ${name}. ${SAVE_AS_UTF8}`,
    };
  }
  // Node's TextDecoder knows utf-16le everywhere; big-endian bytes are swapped into it.
  const bytes = littleEndian ? b : swapPairs(b);
  try {
    return { text: new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: name };
  } catch {
    return {
      problem: `This file starts with a ${name} byte order mark but holds invalid ${name} (an unpaired surrogate). ${SAVE_AS_UTF8}`,
    };
  }
}

function utf32(b: Uint8Array, littleEndian: boolean): DecodedFile {
  const name = littleEndian ? 'UTF-32 LE' : 'UTF-32 BE';
  if (b.length % 4 !== 0) {
    return { problem: `This file starts with a ${name} byte order mark but its length is not a multiple of 4 bytes. ${SAVE_AS_UTF8}` };
  }
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let i = 0; i < b.length; i += 4) {
    const code = view.getUint32(i, littleEndian);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      return { problem: `This file starts with a ${name} byte order mark but holds an invalid code point at byte ${i}. ${SAVE_AS_UTF8}` };
    }
    chunk.push(code);
    // String.fromCodePoint takes its code points as arguments: a bounded chunk keeps clear of the argument limit.
    if (chunk.length === 8192) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  }
  parts.push(String.fromCodePoint(...chunk));
  return { text: parts.join(''), encoding: name };
}

function swapPairs(b: Uint8Array): Uint8Array {
  const swapped = new Uint8Array(b.length);
  for (let i = 0; i + 1 < b.length; i += 2) {
    swapped[i] = b[i + 1];
    swapped[i + 1] = b[i];
  }
  return swapped;
}

/**
 * UTF-16 without a BOM, recognised the way JSON text shows it: JSON starts with ASCII (`{`, `[`, space), so
 * in UTF-16 every other byte of the first characters is zero — even bytes for big-endian, odd for little.
 */
function withoutUtf16Bom(b: Uint8Array): string | undefined {
  const pairs = Math.min(b.length >> 1, 256);
  if (pairs < 2) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < pairs; i++) {
    if (b[2 * i] === 0 && b[2 * i + 1] !== 0) evenZeros++;
    if (b[2 * i + 1] === 0 && b[2 * i] !== 0) oddZeros++;
  }
  if (oddZeros >= pairs * 0.9) return 'UTF-16 LE';
  if (evenZeros >= pairs * 0.9) return 'UTF-16 BE';
  return undefined;
}

/** Offset of the first byte that breaks UTF-8 (for the message). */
function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length;) {
    const first = b[i];
    const length =
      first < 0x80 ? 1 : first >= 0xc2 && first <= 0xdf ? 2 : first >= 0xe0 && first <= 0xef ? 3 : first >= 0xf0 && first <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > b.length) return i;
    for (let j = 1; j < length; j++) if ((b[i + j] & 0xc0) !== 0x80) return i;
    i += length;
  }
  return 0;
}
