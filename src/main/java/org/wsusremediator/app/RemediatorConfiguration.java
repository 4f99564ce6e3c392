package org.wsusremediator.app;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jackson.JacksonDataFormat;
import org.wsusremediator.apply.ApplySteps;
import org.wsusremediator.store.Store;
import org.wsusremediator.remediate.KbInstallVisitor;
import org.wsusremediator.remediate.RecipeVisitor;
import org.wsusremediator.remediate.BootTimeVisitor;
import org.wsusremediator.remediate.RestartRequestVisitor;
import org.wsusremediator.remediate.RestartSteps;
import org.wsusremediator.remediate.RestartCheckVisitor;
import org.wsusremediator.remediate.RestartedHostVisitor;
import org.wsusremediator.remediate.RemediationSteps;
import org.wsusremediator.scan.Decisions;
import org.wsusremediator.scan.ProbeVisitor;
import org.wsusremediator.scan.ScanCollector;
import org.wsusremediator.scan.ScanSteps;
import org.wsusremediator.winrm.WinRmComponent;

import java.util.concurrent.ExecutorService;

/** Every bean the routes name, in one place. The beans are plain Java; the routes say how they connect. */
public class RemediatorConfiguration implements CamelConfiguration {

    @BindToRegistry
    public ScanSteps scanSteps() {
        return new ScanSteps();
    }

    @BindToRegistry
    public ApplySteps applySteps(CamelContext context) {
        return new ApplySteps(context.getRegistry().lookupByNameAndType("store", Store.class));
    }

    /** Bounds how many hosts of a plan run act at once (the rollout's concurrency). */
    @BindToRegistry
    public ExecutorService applyPool(CamelContext context) {
        int concurrency = context.getPropertiesComponent().resolveProperty("apply.concurrency").map(Integer::parseInt).orElse(8);
        return context.getExecutorServiceManager().newFixedThreadPool(this, "apply", Math.max(1, concurrency));
    }

    @BindToRegistry
    public ProbeVisitor probeVisitor() {
        return new ProbeVisitor();
    }

    @BindToRegistry
    public RemediationSteps remediationSteps() {
        return new RemediationSteps();
    }

    @BindToRegistry
    public KbInstallVisitor kbInstallVisitor() {
        return new KbInstallVisitor();
    }

    @BindToRegistry
    public RestartSteps restartSteps() {
        return new RestartSteps();
    }

    @BindToRegistry
    public RestartRequestVisitor restartRequestVisitor() {
        return new RestartRequestVisitor();
    }

    @BindToRegistry
    public RestartCheckVisitor restartCheckVisitor() {
        return new RestartCheckVisitor();
    }

    @BindToRegistry
    public BootTimeVisitor bootTimeVisitor() {
        return new BootTimeVisitor();
    }

    @BindToRegistry
    public RestartedHostVisitor restartedHostVisitor() {
        return new RestartedHostVisitor();
    }

    @BindToRegistry
    public RecipeVisitor recipeVisitor() {
        return new RecipeVisitor();
    }

    @BindToRegistry
    public Decisions decisions() {
        return new Decisions();
    }

    @BindToRegistry
    public ScanCollector scanCollector() {
        return new ScanCollector();
    }

    /** Bounds how many hosts are visited at once: each visit holds one connection and one remote shell. */
    @BindToRegistry
    public ExecutorService scanPool(CamelContext context) {
        int parallelism = context.getPropertiesComponent().resolveProperty("scan.parallelism").map(Integer::parseInt).orElse(16);
        return context.getExecutorServiceManager().newFixedThreadPool(this, "scan", Math.max(1, parallelism));
    }

    /**
     * How every JSON file the remediator writes looks (scan and run reports, upgrade records): indented for the
     * admin who opens it, times as ISO-8601 text rather than numbers. The routes marshal with
     * {@code custom: reportJson}, so a change here changes every such file alike.
     */
    @BindToRegistry
    public JacksonDataFormat reportJson() {
        JacksonDataFormat json = new JacksonDataFormat();
        json.setPrettyPrint(true);
        json.addModule(new JavaTimeModule());
        json.disableFeature(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        return json;
    }

    @Override
    public void configure(CamelContext context) {
        context.addComponent("winrm", new WinRmComponent());
    }
}
