package org.wsusremediator.notify;

import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;

/**
 * The plan-events route in a Camel context of its own, for a process that is not {@code serve}: the CLI's local
 * mode ({@code status}) runs one poll with it, so that events recorded without a server still go out. Only the
 * route file of plan events is loaded: no scan, run or window route starts here.
 */
public final class LocalDelivery implements AutoCloseable {

    static final String ROUTES = "classpath:routes/plan-events.camel.yaml";

    private final CamelContext context;

    private LocalDelivery(CamelContext context) {
        this.context = context;
    }

    /** Starts the route: polling every {@code Tuning.period}, or one poll only when {@code once}. */
    public static LocalDelivery start(PlanEvents events, boolean once) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getCamelContextExtension().setName("plan-events");
        events.beans().forEach(context.getRegistry()::bind);
        try {
            PluginHelper.getRoutesLoader(context).loadRoutes(PluginHelper.getResourceLoader(context).resolveResource(ROUTES));
            context.start();
            TemplatedRouteBuilder.builder(context, PlanEvents.TEMPLATE).routeId(PlanEvents.TEMPLATE)
                    .parameters(events.templateParameters(once)).add();
        } catch (Exception | Error e) {
            context.close();
            throw e;
        }
        return new LocalDelivery(context);
    }

    /**
     * One poll (expire, queue, send what is due), waiting at most {@code bound} for it; what could not be sent in
     * time stays in the outbox for the next poll of any process. False when the bound ran out.
     */
    public static boolean once(PlanEvents events, Duration bound) throws Exception {
        int before = events.polls();
        try (LocalDelivery delivery = start(events, true)) {
            return events.awaitPolls(before + 1, bound);
        }
    }

    public CamelContext context() {
        return context;
    }

    @Override
    public void close() throws Exception {
        context.close();
    }
}
