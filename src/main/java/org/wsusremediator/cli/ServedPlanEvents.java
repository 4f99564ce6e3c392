package org.wsusremediator.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import org.wsusremediator.notify.NotifySettings;
import org.wsusremediator.report.Printable;
import org.wsusremediator.notify.PlanEvents;
import org.wsusremediator.plan.ApprovalPolicy;
import org.wsusremediator.store.Store;

/**
 * The plan events of a long-running {@code serve} (with or without {@code --config}): plans expire by themselves and
 * every event goes to the endpoints of the admin file's {@code approvals.notify} (docs/approvals.md, "Expiry and
 * notifications"). The caller binds {@link PlanEvents#beans()}, adds the route once Camel runs, and closes it after.
 */
final class ServedPlanEvents {

    private ServedPlanEvents() {
    }

    static PlanEvents of(Path adminFile, Store store, ApprovalPolicy policy, PrintWriter err) {
        NotifySettings notify;
        try {
            notify = NotifySettings.fromAdminFile(adminFile);
        } catch (IllegalArgumentException e) {
            throw new BadInput(e.getMessage(), e);
        }
        return new PlanEvents(store, policy, notify, PlanEvents.Tuning.DEFAULT, Clock.systemUTC(),
                message -> err.println("remediator: " + Printable.line(message)));
    }
}
