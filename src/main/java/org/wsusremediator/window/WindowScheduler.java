package org.wsusremediator.window;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.CronTrigger;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wsusremediator.store.Store;

/**
 * The Quartz scheduler behind the change windows: a JDBC job store (JobStoreTX) in the remediator's own
 * database, so triggers, their last and next fire times and missed windows survive a restart. Quartz gets
 * its connections from the {@link Store}, so the database is configured once and its password is not
 * written into Quartz's properties.
 *
 * <p>The stored triggers are made to match the window file each time the scheduler starts, before any window
 * route schedules its trigger ({@link #reconcile}). The component creates and stops the Quartz scheduler
 * itself, so stopping Camel stops Quartz too, before the store is closed.
 *
 * <p>On PostgreSQL several {@code serve} processes can share the triggers as the nodes of one cluster
 * ({@link Clustering}, docs/cluster.md): Quartz's own clustered job store decides which node fires each window.
 */
public final class WindowScheduler {

    /** Quartz's instance id of a scheduler that is not clustered (a recovery after a crash names it as the failed node). */
    static final String SINGLE_NODE_INSTANCE = "remediator";


    /** The Quartz trigger group of the windows' triggers: {@code quartz:windows/NAME} in the route template. */
    public static final String GROUP = "windows";
    static final String DATA_SOURCE = "remediatorStore";
    private static final Logger LOG = LoggerFactory.getLogger(WindowScheduler.class);

    private WindowScheduler() {
    }

    /** A camel-quartz component whose scheduler keeps the triggers of {@code windows} in {@code store}'s database. */
    public static QuartzComponent component(Store store, List<ChangeWindow> windows) throws SchedulerException {
        return component(store, windows, Clustering.OFF);
    }

    /**
     * As above, as one node of a cluster when {@code clustering} is enabled: Quartz's clustered JDBC job store
     * ({@code isClustered}, {@code instanceId} AUTO from {@link NodeIdGenerator}, the check-in interval given), so
     * each firing of a window is acquired by exactly one node (docs/cluster.md). Only on a shared database: the
     * embedded H2 file is one process's, and a clustered scheduler on it is refused.
     */
    public static QuartzComponent component(Store store, List<ChangeWindow> windows, Clustering clustering)
            throws SchedulerException {
        if (clustering.enabled() && store.embedded()) {
            throw new IllegalArgumentException("a clustered scheduler needs a database several processes share"
                    + " (PostgreSQL); the embedded H2 file is one process's");
        }
        DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE, new StoreConnections(store));
        Properties p = new Properties();
        // The scheduler's name is what the nodes of a cluster share (SCHED_NAME in every Quartz table).
        p.setProperty("org.quartz.scheduler.instanceName", "remediator");
        if (clustering.enabled()) {
            p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
            p.setProperty("org.quartz.scheduler.instanceIdGenerator.class", NodeIdGenerator.class.getName());
            p.setProperty("org.quartz.jobStore.isClustered", "true");
            p.setProperty("org.quartz.jobStore.clusterCheckinInterval",
                    Long.toString(clustering.checkinInterval().toMillis()));
            // Acquiring a trigger under Quartz's TRIGGER_ACCESS row lock, not only by its optimistic state update:
            // the latter can let two nodes fire one trigger when it is re-acquired between the read and the update
            // (the ABA race of quartz#107 behind duplicate firings in clusters).
            p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        } else {
            p.setProperty("org.quartz.scheduler.instanceId", SINGLE_NODE_INSTANCE);
        }
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        // Windows run one plan after another; two threads let two windows overlap without waiting.
        p.setProperty("org.quartz.threadPool.threadCount", "2");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", store.embedded()
                ? "org.quartz.impl.jdbcjobstore.StdJDBCDelegate" : "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", DATA_SOURCE);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        // A window whose start passed while the remediator was down fires once at restart (cron's default
        // smart policy); the window run then decides from the scheduled time whether it is still open.
        p.setProperty("org.quartz.jobStore.misfireThreshold", "5000");
        WindowsComponent quartz = new WindowsComponent(windows);
        // A factory, not a scheduler: a scheduler handed in is never shut down by the component, and Quartz's
        // threads then went on polling the job store after the store was closed.
        quartz.setSchedulerFactory(new StdSchedulerFactory(p));
        // Stopping does not wait for a window's job: a run cut short is journaled and the next run recovers it.
        quartz.setInterruptJobsOnShutdown(true);
        return quartz;
    }

    /**
     * Makes the job store's window triggers match the window file. camel-quartz pauses a trigger in the job
     * store when its route stops and resumes it only in the same process (and reschedules a stored trigger
     * only when its cron changed), so without this a window stopped once never fired again in a later process.
     * A trigger of a window no longer in the file, or whose cron or time zone changed, is removed (the window's
     * route schedules it afresh); a paused one is resumed, and Quartz's misfire policy fires a start missed
     * meanwhile once. A kept trigger's job stored before windows requested recovery is stored again requesting it
     * (camel-quartz leaves an existing job as it is), so that a firing whose node dies is re-executed on a live one.
     */
    static void reconcile(Scheduler scheduler, List<ChangeWindow> windows) throws SchedulerException {
        Map<String, ChangeWindow> byName = new HashMap<>();
        windows.forEach(w -> byName.put(w.name(), w));
        for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(GROUP))) {
            Trigger stored = scheduler.getTrigger(key);
            ChangeWindow window = byName.get(key.getName());
            if (window == null || !(stored instanceof CronTrigger cron)
                    || !cron.getCronExpression().equals(window.cron().trim())
                    || !cron.getTimeZone().getID().equals(window.timeZone().getId())) {
                LOG.info("window trigger {} removed: {}", key.getName(), window == null
                        ? "no such window in the window file any more" : "its start or time zone changed");
                scheduler.unscheduleJob(key);
            } else {
                if (scheduler.getTriggerState(key) == Trigger.TriggerState.PAUSED) {
                    scheduler.resumeTrigger(key);
                }
                JobDetail job = scheduler.getJobDetail(stored.getJobKey());
                if (job != null && !job.requestsRecovery()) {
                    scheduler.addJob(job.getJobBuilder().requestRecovery(true).build(), true, true);
                }
            }
        }
    }

    /** camel-quartz's component, with the stored triggers reconciled once its scheduler exists. */
    private static final class WindowsComponent extends QuartzComponent {

        private final List<ChangeWindow> windows;

        WindowsComponent(List<ChangeWindow> windows) {
            this.windows = List.copyOf(windows);
        }

        @Override
        protected void doStart() throws Exception {
            super.doStart(); // creates the scheduler; the windows' endpoints start (and add their triggers) later
            reconcile(getScheduler(), windows);
        }
    }

    private record StoreConnections(Store store) implements ConnectionProvider {

        @Override
        public Connection getConnection() throws SQLException {
            return store.connect();
        }

        @Override
        public void shutdown() {
            // the store is closed by its owner
        }

        @Override
        public void initialize() {
            // nothing: the store is already open and migrated
        }
    }
}
