package org.wsusremediator.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.PlannedHost;

/**
 * The message a plan event sends: built from the audit record that the plan's creation, an approval, a rejection or
 * the expiry wrote (in the same transaction as the change itself) and from the plan.
 *
 * <p>What it holds is what an approver reads in {@code status}: the plan, who requested it, who decided and why, the
 * hosts, the expiry, the count of hosts per action, and the audit record's seq and hash (to find it in the trail,
 * and to tell a re-delivery from a new event). Never a credential, a token or an endpoint's URI: none of them is in
 * an audit record or a plan.
 */
public final class PlanEvent {

    /** The audit actions that are plan events, and the event each becomes. */
    static final Map<String, String> FROM_AUDIT = Map.of(
            "PLAN_CREATED", "PLAN_PENDING",
            "PLAN_APPROVED", "PLAN_APPROVED",
            "PLAN_REJECTED", "PLAN_REJECTED",
            ExpirySweep.PLAN_EXPIRED, "PLAN_EXPIRED");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One event ready to send: its type, its plan and its JSON text. */
    public record Message(String type, String planId, long auditSeq, String json) {
    }

    private PlanEvent() {
    }

    /**
     * The event of one audit record; empty when the record is no plan event or its plan is gone.
     *
     * @param details the audit record's details (JSON written by the store)
     */
    static Optional<Message> of(long seq, Instant at, String actor, String action, String subject, String details,
            String hash, java.util.function.Function<String, Optional<Plan>> plans) {
        String type = FROM_AUDIT.get(action);
        if (type == null || subject == null || !subject.startsWith("plan ")) {
            return Optional.empty();
        }
        Optional<Plan> found = plans.apply(subject.substring("plan ".length()));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Plan plan = found.get();
        if (action.equals("PLAN_CREATED") && plan.hosts().stream().noneMatch(PlannedHost::needsApproval)) {
            return Optional.empty(); // nothing to approve: no admin needs to hear of it
        }
        JsonNode recorded = readDetails(details);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", type);
        event.put("plan", plan.id());
        event.put("requester", plan.requester());
        boolean decision = action.equals("PLAN_APPROVED") || action.equals("PLAN_REJECTED");
        if (decision) {
            event.put("admin", actor);
            event.put("reason", recorded.path("reason").asText(""));
        }
        event.put("hosts", decision ? decidedHosts(plan, recorded) : needingApproval(plan));
        if (action.equals(ExpirySweep.PLAN_EXPIRED)) {
            List<String> approved = new ArrayList<>();
            recorded.path("approvedBeforeExpiry").forEach(h -> approved.add(h.asText()));
            event.put("approvedBeforeExpiry", approved);
        }
        event.put("expiresAt", plan.expiresAt().toString());
        Map<String, Integer> actions = new TreeMap<>();
        plan.hosts().forEach(h -> actions.merge(h.action().name(), 1, Integer::sum));
        event.put("actions", actions);
        event.put("at", at.toString());
        Map<String, Object> audit = new LinkedHashMap<>();
        audit.put("seq", seq);
        audit.put("hash", hash);
        event.put("audit", audit);
        try {
            return Optional.of(new Message(type, plan.id(), seq, JSON.writeValueAsString(event)));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The hosts a decision names; a decision that names none covers every host that needs approval. */
    private static List<String> decidedHosts(Plan plan, JsonNode recorded) {
        List<String> named = new ArrayList<>();
        recorded.path("hosts").forEach(h -> named.add(h.asText()));
        return named.isEmpty() ? needingApproval(plan) : named;
    }

    private static List<String> needingApproval(Plan plan) {
        return plan.hosts().stream().filter(PlannedHost::needsApproval).map(PlannedHost::host).toList();
    }

    private static JsonNode readDetails(String details) {
        try {
            JsonNode node = details == null || details.isBlank() ? null : JSON.readTree(details);
            return node == null ? JSON.createObjectNode() : node;
        } catch (JsonProcessingException notJson) {
            return JSON.createObjectNode();
        }
    }
}
