package org.wsusremediator.inventory;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * The admin-supplied workaround recipe for WSUS 3.0 RTM hosts, as the inventory names it. The reader checks
 * only that the file exists; {@code org.wsusremediator.recipe.RecipeReader} checks the hash and the content.
 *
 * @param file   absolute (written relative to the inventory file)
 * @param sha256 the hash the file must have, 64 lowercase hex digits
 */
public record RecipeRef(Path file, String sha256) {

    public RecipeRef {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
        sha256 = sha256.toLowerCase(Locale.ROOT);
    }
}
