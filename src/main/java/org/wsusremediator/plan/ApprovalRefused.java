package org.wsusremediator.plan;

/** An approval, rejection or plan that the rules do not allow; the message says which rule. */
public class ApprovalRefused extends RuntimeException {

    public ApprovalRefused(String message) {
        super(message);
    }
}
