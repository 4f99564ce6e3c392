package org.wsusremediator.window;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.wsusremediator.store.Store;

/**
 * The Quartz scheduler behind the change windows: a JDBC job store (JobStoreTX) in the remediator's own
 * database, so triggers, their last and next fire times and missed windows survive a restart. Quartz gets
 * its connections from the {@link Store}, so the database is configured once and its password is not
 * written into Quartz's properties.
 */
public final class WindowScheduler {

    static final String DATA_SOURCE = "remediatorStore";

    private WindowScheduler() {
    }

    /** A camel-quartz component whose scheduler keeps its triggers in {@code store}'s database. */
    public static QuartzComponent component(Store store) throws SchedulerException {
        DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE, new StoreConnections(store));
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "remediator");
        p.setProperty("org.quartz.scheduler.instanceId", "remediator");
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
        QuartzComponent quartz = new QuartzComponent();
        quartz.setScheduler(new StdSchedulerFactory(p).getScheduler());
        return quartz;
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
