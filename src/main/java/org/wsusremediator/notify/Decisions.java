package org.wsusremediator.notify;

import java.util.List;
import org.wsusremediator.plan.Approval;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.store.Store;

/**
 * Which of a plan's decisions its status is derived from. The rows as recorded, by default; where the consent is
 * sealed, the decisions that verify and count (as a run counts them), so that a row inserted in the database never
 * shows a plan as approved.
 */
@FunctionalInterface
public interface Decisions {

    /** The plan's approvals and rejections that count, oldest first. */
    List<Approval> of(Plan plan);

    /** The decisions as the store's approvals table has them. */
    static Decisions recorded(Store store) {
        return plan -> store.approvals(plan.id());
    }
}
