import { distance } from 'fastest-levenshtein';

/**
 * The candidate closest to `value` (edit distance, case ignored), for a
 * "did you mean" in an error message; undefined when none is close enough
 * to be what was meant (by default within a third of the value's length, at least 2; `within` sets the edit distance).
 */
export function closestOf(value: string, candidates: readonly string[], within = Math.max(2, Math.floor(value.length / 3))): string | undefined {
  const wanted = value.toLowerCase();
  let best: string | undefined;
  let bestDistance = within + 1;
  for (const candidate of candidates) {
    const d = candidate.toLowerCase().startsWith(wanted) && wanted.length >= 4 ? 0.5 : distance(wanted, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
