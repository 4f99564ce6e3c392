package org.wsusremediator.cli;

import java.nio.file.Path;
import org.wsusremediator.plan.AdminDirectory;
import org.wsusremediator.store.Store;
import picocli.CommandLine.Option;

/**
 * Where durable state lives and who the admins are: shared by every command that plans, approves or audits.
 * The database password is never an option: it comes from REMEDIATOR_DB_PASSWORD.
 */
class StoreOptions {

    /** Where REMEDIATOR_DB_PASSWORD and REMEDIATOR_ADMIN_TOKEN are read; tests put their own map here. */
    static java.util.function.UnaryOperator<String> environment = System::getenv;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "database (default: an embedded H2 file under data/; PostgreSQL: jdbc:postgresql://host/db)")
    String jdbcUrl;

    @Option(names = "--db-user", paramLabel = "USER", defaultValue = "sa", description = "database user (default: ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--admins", paramLabel = "FILE", defaultValue = "inventory/admins.yaml",
            description = "admins and approval rules (default: ${DEFAULT-VALUE})")
    Path admins;

    Store open() {
        String url = jdbcUrl != null ? jdbcUrl : Store.defaultH2Url(Path.of("data"));
        String password = java.util.Objects.requireNonNullElse(environment.apply("REMEDIATOR_DB_PASSWORD"), "");
        return Store.open(url, user, password);
    }

    AdminDirectory adminDirectory() {
        return AdminDirectory.read(admins);
    }

    static String osUser() {
        return System.getProperty("user.name");
    }

    static String adminToken() {
        return environment.apply("REMEDIATOR_ADMIN_TOKEN");
    }
}
