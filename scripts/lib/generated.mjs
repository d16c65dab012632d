// Shared by the generators in scripts/: run as a script or not, and write their outputs or, with --check,
// report the ones that differ from what is committed (the drift tests call the generators with --check).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** True when the module at `moduleUrl` is the script node was started with (not an import). */
export function isMain(moduleUrl) {
  return Boolean(process.argv[1]) && path.resolve(process.argv[1]) === fileURLToPath(moduleUrl);
}

/**
 * Writes each [file, text] of `outputs`, saying what it wrote (`describe(file, text)` adds a detail), or, when
 * the command line has --check, writes nothing and exits with 1 if any file differs from its text.
 */
export function writeOrCheck(outputs, command, describe = (_file, text) => `${Math.round(text.length / 1024)} KB`) {
  if (process.argv.includes('--check')) {
    const stale = outputs.filter(([file, text]) => {
      try {
        return readFileSync(file, 'utf8') !== text;
      } catch {
        return true;
      }
    });
    for (const [file] of stale) console.error(`${path.relative(root, file)} is out of date; run ${command}`);
    process.exit(stale.length > 0 ? 1 : 0);
  }
  for (const [file, text] of outputs) {
    writeFileSync(file, text);
    console.log(`wrote ${path.relative(root, file)} (${describe(file, text)})`);
  }
}
