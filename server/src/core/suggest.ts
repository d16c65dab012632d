// "Did you mean ...?": the closest known name to a misspelt one.

/**
 * Optimal string alignment distance (Levenshtein plus the swap of two adjacent characters as one edit),
 * bounded: gives up (returns max + 1) once the distance exceeds `max`. A swap is the most common typo
 * (`aws:SourceVcp`); counted as two edits it ties with unrelated names (`aws:SourceIp`).
 */
export function editDistance(a: string, b: string, max = Number.MAX_SAFE_INTEGER): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, beforePrevious[j - 2] + 1);
      current[j] = distance;
      if (distance < rowMin) rowMin = distance;
    }
    // A swap reaches back two rows, so the row minimum bounds the result only one row later; checking
    // both rows keeps the bound exact.
    if (rowMin > max && Math.min(...previous) > max) return max + 1;
    beforePrevious = previous;
    previous = current;
  }
  return Math.min(previous[b.length], max + 1);
}

export interface MatchOptions {
  /**
   * Whether a candidate fits where the input is used (a condition key whose type suits the operator and
   * the values): among equally close candidates, one that fits wins.
   */
  fits?: (candidate: string) => boolean;
}

/**
 * The candidate closest to `input` (case-insensitively), if it is close enough to be a likely typo:
 * at most a third of the input's length in edits, and at least one. Ties go to a candidate that fits,
 * then to the earlier one.
 */
export function closestMatch(input: string, candidates: readonly string[], options: MatchOptions = {}): string | undefined {
  const lowered = input.toLowerCase();
  const limit = Math.max(1, Math.floor(input.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  let bestFits = false;
  for (const candidate of candidates) {
    const distance = editDistance(lowered, candidate.toLowerCase(), bestDistance);
    if (distance > limit || distance > bestDistance) continue;
    if (distance === bestDistance && (bestFits || !options.fits)) continue;
    const fits = options.fits ? options.fits(candidate) : false;
    if (distance === bestDistance && !fits) continue;
    best = candidate;
    bestDistance = distance;
    bestFits = fits;
  }
  return best;
}
