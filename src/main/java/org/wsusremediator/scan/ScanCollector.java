package org.wsusremediator.scan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.wsusremediator.host.HostReport;
import org.wsusremediator.host.ScanReport;
import org.wsusremediator.inventory.HostEntry;
import org.wsusremediator.inventory.Inventory;

/**
 * Gathers the per-host reports of the split into one {@link ScanReport}, in inventory order.
 * The reports are collected on an exchange of our own, never on a host's exchange: a host whose visit failed
 * went through the error handler, and its exchange carries that mark; adopted as the split's result, it would
 * stop the scan route right after the split, and no report would be written (issue 8 item 5).
 */
public class ScanCollector implements AggregationStrategy {

    private static final String COLLECTED = "scanCollected";

    @Override
    public Exchange aggregate(Exchange collected, Exchange next) {
        Exchange target = collected == null ? new DefaultExchange(next.getContext()) : collected;
        @SuppressWarnings("unchecked")
        List<HostReport> reports = target.getProperty(COLLECTED, List.class);
        if (reports == null) {
            reports = new ArrayList<>();
            target.setProperty(COLLECTED, reports);
        }
        reports.add(next.getIn().getBody(HostReport.class));
        return target;
    }

    @Override
    public void onCompletion(Exchange exchange, Exchange inputExchange) {
        Exchange source = exchange == null ? inputExchange : exchange;
        @SuppressWarnings("unchecked")
        List<HostReport> reports = source.getProperty(COLLECTED, List.class);
        ScanRun run = inputExchange.getProperty(ScanRun.PROPERTY, ScanRun.class);
        Inventory inventory = run.inventory();
        List<HostReport> ordered = new ArrayList<>(reports == null ? List.of() : reports);
        ordered.sort(ScanReport.inventoryOrder(inventory.hosts().stream().map(HostEntry::name).toList()));
        ScanReport report = new ScanReport(String.valueOf(inventory.source()), run.started(), Instant.now(),
                SameMachines.review(ordered));
        // The aggregated exchange becomes the split's result; with no hosts there is none, so set both.
        inputExchange.getIn().setBody(report);
        if (exchange != null) {
            exchange.getIn().setBody(report);
        }
    }
}
