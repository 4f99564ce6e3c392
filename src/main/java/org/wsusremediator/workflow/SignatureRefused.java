package org.wsusremediator.workflow;

import org.wsusremediator.plan.ApprovalRefused;

/**
 * A decision refused because of the admin's own signature: missing where the admin signs, made by another key or over
 * other words (another plan, other hosts, another reason: a replay), from an admin without a signingKey, or signed at
 * a time too far from the recording clock. The {@link #code()} is the API's stable word for it.
 */
public final class SignatureRefused extends ApprovalRefused {

    /** An admin with a signingKey sent an unsigned approval. */
    public static final String REQUIRED = "signature_required";
    /** The signature does not verify with the admin's signingKey over this very decision. */
    public static final String INVALID = "signature_invalid";
    /** A signature from an admin the directory gives no signingKey. */
    public static final String NO_KEY = "no_signing_key";
    /** The signed time is too far from the recording clock. */
    public static final String STALE = "signature_stale";

    private final String code;

    SignatureRefused(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
