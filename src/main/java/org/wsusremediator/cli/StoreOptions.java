package org.wsusremediator.cli;

import java.nio.file.Path;
import org.wsusremediator.consent.ConsentException;
import org.wsusremediator.consent.Identity;
import org.wsusremediator.consent.OsUser;
import org.wsusremediator.consent.TrustedFiles;
import org.wsusremediator.plan.AdminDirectory;
import org.wsusremediator.plan.ApprovalRefused;
import org.wsusremediator.store.Store;
import org.wsusremediator.store.StoreException;
import org.wsusremediator.store.StoreInUseException;
import picocli.CommandLine.Option;

/**
 * Where durable state lives and who the admins are: shared by every command that plans, approves or audits.
 * The database password is never an option: it comes from REMEDIATOR_DB_PASSWORD.
 */
class StoreOptions {

    /** Where REMEDIATOR_DB_PASSWORD and REMEDIATOR_ADMIN_TOKEN are read; tests put their own map here. */
    static java.util.function.UnaryOperator<String> environment = System::getenv;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "database (default: an embedded H2 file under data/ in the working directory;"
                    + " PostgreSQL: jdbc:postgresql://host/db)")
    String jdbcUrl;

    @Option(names = "--db-user", paramLabel = "USER", defaultValue = "sa", description = "database user (default: ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--admins", paramLabel = "FILE", defaultValue = "inventory/admins.yaml",
            description = "admins and approval rules (default: ${DEFAULT-VALUE}, relative to the working directory)")
    Path admins;

    /**
     * The store; one that cannot be opened or migrated is bad input (the message never holds the password), one
     * that another process holds is a refusal.
     */
    Store open() {
        String url = jdbcUrl != null ? jdbcUrl : Store.defaultH2Url(Path.of("data"));
        String password = java.util.Objects.requireNonNullElse(environment.apply("REMEDIATOR_DB_PASSWORD"), "");
        try {
            return Store.open(url, user, password);
        } catch (StoreInUseException held) {
            throw held; // not bad input: a refusal (exit 5), ExitCodeMapping
        } catch (StoreException cannotOpen) {
            throw new BadInput(cannotOpen.getMessage() + " (--db, --db-user, REMEDIATOR_DB_PASSWORD)", cannotOpen);
        }
    }

    /**
     * The admin file; one that cannot be read or has problems is bad input, not a refusal. It must be owned by the
     * user running the remediator or root and not be writable by group or others (a refusal otherwise): whoever
     * could write it could name themselves approver. That alone does not stop an admin from passing a file of their
     * own ({@code approve --admins mine.yaml}): the run checks every approval against the directory it loaded
     * itself, including the OS user or token the approval was made with (docs/approvals.md, "Who is acting").
     */
    AdminDirectory adminDirectory() {
        try {
            TrustedFiles.checkConfiguration(admins, "the admin file");
        } catch (ConsentException untrusted) {
            if (!java.nio.file.Files.exists(admins)) {
                throw new BadInput(untrusted.getMessage(), untrusted);
            }
            throw new ApprovalRefused(untrusted.getMessage());
        }
        AdminDirectory directory;
        try {
            directory = AdminDirectory.read(admins);
        } catch (ApprovalRefused invalid) {
            throw new BadInput(invalid.getMessage(), invalid);
        }
        return directory;
    }

    /**
     * The OS user running this process, as the kernel knows it: never the {@code user.name} property, which whoever
     * starts the JVM sets ({@code REMEDIATOR_JAVA_OPTS=-Duser.name=bob}).
     */
    static String osUser() {
        try {
            return OsUser.current();
        } catch (ConsentException unknown) {
            throw new ApprovalRefused(unknown.getMessage());
        }
    }

    /** How {@code admin} was identified: by the token when one was given, else by the OS user. */
    static Identity identity(org.wsusremediator.plan.Admin admin) {
        String token = adminToken();
        return token != null && !token.isEmpty() ? Identity.token(admin.tokenHash()) : Identity.osUser(osUser());
    }

    static String adminToken() {
        return environment.apply("REMEDIATOR_ADMIN_TOKEN");
    }
}
