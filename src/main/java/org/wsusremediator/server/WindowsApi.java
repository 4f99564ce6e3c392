package org.wsusremediator.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wsusremediator.plan.Admin;
import org.wsusremediator.plan.Role;
import org.wsusremediator.store.AuditRecord;
import org.wsusremediator.store.Store;
import org.wsusremediator.window.ChangeWindow;
import org.wsusremediator.window.Schedule;
import org.wsusremediator.window.WindowPauses;

/**
 * {@code /api/v1/windows}: the change windows with their next start, and pausing or resuming one. A pause is an audit
 * record the scheduler reads at each firing, from the verified trail only ({@link WindowPauses}).
 */
public final class WindowsApi {

    private static final ObjectMapper DETAILS = new ObjectMapper();

    private final Store store;
    private final Schedule schedule;
    private final Clock clock;

    WindowsApi(Store store, Schedule schedule, Clock clock) {
        this.store = store;
        this.schedule = schedule;
        this.clock = clock;
    }

    /** The change windows with their next start (blackout dates skipped), and whether runs outside them are allowed. */
    public Object windows(Admin caller) {
        Access.requireRead(caller);
        Instant now = clock.instant();
        List<Map<String, Object>> windows = new ArrayList<>();
        for (ChangeWindow w : schedule.windows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", w.name());
            m.put("cron", w.cron());
            m.put("time_zone", w.timeZone().getId());
            m.put("open_for", w.durationText());
            m.put("next_start", w.nextStart(now).map(Object::toString).orElse(null));
            m.put("blackout_dates", w.blackoutDates().stream().map(Object::toString).sorted().toList());
            m.put("paused", pauseOf(WindowPauses.of(store, w.name())));
            windows.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("windows", windows);
        body.put("next_start", schedule.nextStart(now).map(u -> Map.of("window", u.window().name(),
                "start", u.start().toString())).orElse(null));
        body.put("apply_now_allowed", schedule.applyNowAllowed());
        return body;
    }

    /**
     * Pauses ({@code pause}) or resumes a change window (role operator, a reason required): kept in the audit trail
     * (WINDOW_PAUSED / WINDOW_RESUMED with who and why), where the scheduler looks at each firing; a restart keeps it.
     */
    public Object pauseWindow(Admin caller, String name, boolean pause, Map<String, Object> request) {
        Access.require(caller, Role.OPERATOR);
        String reason = Access.reason(request, "the window is " + (pause ? "paused" : "resumed"));
        ChangeWindow window = schedule.window(name)
                .orElseThrow(() -> ApiError.notFound("no window '" + name + "'"));
        synchronized (this) { // one pause or resume at a time: the check and the record belong together
            WindowPauses.Pause now = WindowPauses.of(store, window.name());
            if (!pause && !now.trailVerified()) {
                // A resume recorded now would not count either: the window stays paused until the trail verifies.
                throw ApiError.conflict("audit_unverified", "window " + window.name() + " cannot be resumed: "
                        + now.problem());
            }
            boolean paused = now.pausedBy() != null;
            if (paused == pause) {
                throw ApiError.conflict(pause ? "already_paused" : "not_paused", "window " + window.name() + " is "
                        + (paused ? "already paused" : "not paused"));
            }
            store.audit(caller.name(), pause ? WindowPauses.PAUSED : WindowPauses.RESUMED,
                    WindowPauses.subject(window.name()), Store.jsonObject(Map.of("reason", reason, "through", "api")));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("window", window.name());
        body.put("paused", pauseOf(WindowPauses.of(store, window.name())));
        body.put("next_start", window.nextStart(clock.instant()).map(Object::toString).orElse(null));
        return body;
    }

    /**
     * A window's pause as the API shows it: null when not paused; who paused it, when and why; or, when the audit
     * trail does not verify, {@code by} null and {@code audit_problem} saying why the window counts as paused.
     */
    private static Map<String, Object> pauseOf(WindowPauses.Pause pause) {
        if (!pause.paused()) {
            return null;
        }
        AuditRecord r = pause.pausedBy();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("by", r == null ? null : r.actor());
        m.put("at", r == null ? null : r.at().toString());
        m.put("audit_seq", r == null ? null : r.seq());
        String reason = null;
        try {
            reason = r == null ? null : DETAILS.readTree(r.details()).path("reason").asText(null);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException unreadable) {
            // written by this server as JSON; an edited trail fails audit verify, not this
        }
        m.put("reason", reason);
        m.put("audit_verified", pause.trailVerified());
        m.put("audit_problem", pause.problem());
        return m;
    }
}
