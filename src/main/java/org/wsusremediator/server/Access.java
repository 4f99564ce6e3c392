package org.wsusremediator.server;

import java.util.Locale;
import java.util.Map;
import org.wsusremediator.plan.Admin;
import org.wsusremediator.plan.Role;

/** The checks every API operation makes of its caller and of a reason it is given, in the words the API answers. */
final class Access {

    private static final int MAX_REASON_CHARS = 1000;

    private Access() {
    }

    static void requireRead(Admin caller) {
        if (!caller.mayRead()) {
            throw ApiError.forbidden("forbidden", caller.name() + " has no role");
        }
    }

    static void require(Admin caller, Role role) {
        if (!caller.may(role)) {
            throw ApiError.forbidden("forbidden", caller.name() + " is not " + (role == Role.OPERATOR ? "an " : "a ")
                    + role.name().toLowerCase(Locale.ROOT));
        }
    }

    /** The request's {@code reason}: required, at most 1000 characters; {@code why} completes "reason must say why …". */
    static String reason(Map<String, Object> request, String why) {
        String reason = request == null || !(request.get("reason") instanceof String r) ? null : r.strip();
        if (reason == null || reason.isBlank()) {
            throw ApiError.badRequest("reason must say why " + why);
        }
        if (reason.length() > MAX_REASON_CHARS) {
            throw ApiError.badRequest("reason: at most 1000 characters");
        }
        return reason;
    }
}
