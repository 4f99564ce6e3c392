package org.wsusremediator.cli;

import java.util.concurrent.Callable;
import org.wsusremediator.store.AuditVerification;
import org.wsusremediator.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code remediator audit verify}: walks the hash chain of the audit trail and says where it breaks. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The tamper-evident audit trail.",
        subcommands = AuditCommand.Verify.class)
public class AuditCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Checks every record's hash and link; names the first edited, deleted or reordered record.")
    static class Verify implements Callable<Integer> {

        @Mixin
        StoreOptions storeOptions;

        @Override
        public Integer call() {
            try (Store store = storeOptions.open()) {
                AuditVerification result = store.verifyAudit();
                if (result.intact()) {
                    System.out.printf("audit trail intact: %d records; head %s%n", result.recordsChecked(), store.auditHead());
                    return ExitCodes.OK;
                }
                System.out.printf("audit trail BROKEN at record %d: %s%n", result.firstBadSeq(), result.problem());
                return ExitCodes.AUDIT_BROKEN;
            }
        }
    }
}
