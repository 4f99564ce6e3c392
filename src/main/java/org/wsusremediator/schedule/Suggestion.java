package org.wsusremediator.schedule;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "did you mean ...": the known word nearest to a typo, when it is near enough to be a typo of it. */
final class Suggestion {

    private Suggestion() {
    }

    /** Compared ignoring case, so {@code timezone} suggests {@code timeZone}. */
    static Optional<String> nearest(String typo, Collection<String> known) {
        String t = typo.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = editDistance(t, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        // Beyond a couple of edits the "suggestion" is just another word, which misleads more than it helps.
        int allowed = t.length() <= 4 ? 1 : 2;
        return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
    }

    /** Levenshtein distance: insertions, deletions and substitutions each cost 1. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
