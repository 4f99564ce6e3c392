package org.wsusremediator.inventory;

import java.util.List;

/**
 * One or more credentials cannot be resolved. Each problem names the credential and the variable or file,
 * never the secret.
 */
public class CredentialException extends RuntimeException {

    private final List<String> problems;

    public CredentialException(List<String> problems) {
        super((problems.size() == 1 ? "Cannot resolve a credential:\n" : "Cannot resolve credentials ("
                + problems.size() + " problems):\n") + String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
