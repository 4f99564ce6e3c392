package org.wsusremediator.recipe;

import java.util.Objects;

/**
 * One step of a workaround recipe: a PowerShell 2.0 script, sent with {@code powershell -EncodedCommand};
 * exit code 0 means the step succeeded.
 *
 * @param name       unique in the recipe; reports name a failing step by it
 * @param powershell the script, non-empty and at most {@link RecipeReader#MAX_SCRIPT_CHARS} characters
 */
public record RecipeStep(String name, String powershell) {

    public RecipeStep {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(powershell, "powershell");
    }
}
