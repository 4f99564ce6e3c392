package org.wsusremediator.recipe;

import java.util.List;
import java.util.Objects;

/**
 * An admin-supplied workaround for WSUS 3.0 RTM hosts (docs/recipes.md). {@code verify} runs first: when it
 * passes, nothing else runs. Otherwise the steps run in order, the first failing one stops the recipe, and
 * {@code verify} runs again to prove the workaround holds.
 *
 * @param name        the recipe's name, reported with the host
 * @param description free text, may be empty
 * @param steps       at least one, names unique
 * @param verify      exits 0 when the workaround holds
 */
public record Recipe(String name, String description, List<RecipeStep> steps, RecipeStep verify) {

    public Recipe {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        steps = List.copyOf(steps);
        Objects.requireNonNull(verify, "verify");
    }
}
