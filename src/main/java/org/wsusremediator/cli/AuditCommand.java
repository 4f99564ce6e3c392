package org.wsusremediator.cli;

import java.util.concurrent.Callable;
import org.wsusremediator.store.AuditHead;
import org.wsusremediator.store.AuditVerification;
import org.wsusremediator.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code remediator audit verify}: walks the hash chain of the audit trail and says where it breaks. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The tamper-evident audit trail (audit verify).",
        subcommands = AuditCommand.Verify.class)
public class AuditCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Checks every record's hash and link; names the first edited, deleted or reordered record.")
    static class Verify extends ConsoleCommand implements Callable<Integer> {

        @Mixin
        StoreOptions storeOptions;

        @Override
        public Integer call() {
            try (Store store = storeOptions.open()) {
                AuditVerification result = store.verifyAudit();
                if (result.intact()) {
                    out().printf("audit trail intact: %d records; %s%n", result.recordsChecked(), head(store.auditHead()));
                    return ExitCodes.OK;
                }
                out().printf("audit trail BROKEN at record %d: %s%n", result.firstBadSeq(), result.problem());
                return ExitCodes.AUDIT_BROKEN;
            }
        }

        /** The pair to write down elsewhere: records cut off the end of the trail show only against it. */
        static String head(AuditHead head) {
            return head.seq() == 0 ? "the trail is empty (head: record 0)"
                    : "head: record " + head.seq() + ", hash " + head.hash() + " (write it down to detect cut-off records)";
        }
    }
}
