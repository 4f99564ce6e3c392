package org.wsusremediator.cli;

import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wsusremediator.report.Printable;
import org.wsusremediator.store.AuditHead;
import org.wsusremediator.store.AuditVerification;
import org.wsusremediator.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code remediator audit verify}: walks the hash chain of the audit trail and says where it breaks. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The tamper-evident audit trail (audit verify).",
        subcommands = AuditCommand.Verify.class)
public class AuditCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Checks every record's hash and link, and the trail against the heads anchored outside the",
                    "database (data/audit-anchor.log); names the first edited, deleted, reordered or cut-off record."})
    static class Verify extends ConsoleCommand implements Callable<Integer> {

        /** {@code 42:<hash>}, or the words this command prints: {@code record 42, hash <hash>}. */
        private static final Pattern HEAD = Pattern.compile(
                "\\s*(?:head:\\s*)?(?:record\\s+)?(\\d{1,18})\\s*(?::|,\\s*hash\\s+)\\s*([0-9a-fA-F]{64})\\b.*", Pattern.DOTALL);

        @Option(names = "--head", paramLabel = "SEQ:HASH",
                description = {"also check against a head written down elsewhere: 42:<hash>, or as printed",
                        "('record 42, hash <hash>')"})
        String head;

        @Mixin
        StoreOptions storeOptions;

        @Mixin
        ServerOptions server;

        @Override
        public Integer call() {
            if (server.remote()) {
                if (head != null) {
                    throw new BadInput("--head with --server: the server checks its own anchor; compare the head it"
                            + " prints with the one you wrote down");
                }
                return RemoteSteps.verifyAudit(server.client(), out());
            }
            AuditHead writtenDown = head == null ? null : parse(head);
            try (Store store = storeOptions.open()) {
                AuditVerification result = store.verifyAudit(writtenDown);
                if (result.intact()) {
                    AuditHead anchored = store.highestAnchoredHead();
                    out().printf("audit trail intact: %d records; %s%n", result.recordsChecked(), head(store.auditHead()));
                    out().println(anchored == null
                            ? "no head is anchored in " + store.anchorFile() + " yet (a store older than anchoring):"
                                    + " the next record anchors one"
                            : "anchored outside the database up to record " + anchored.seq() + " (" + store.anchorFile() + ")");
                    return ExitCodes.OK;
                }
                out().printf("audit trail BROKEN at record %d: %s%n", result.firstBadSeq(), result.problem());
                return ExitCodes.AUDIT_BROKEN;
            }
        }

        static AuditHead parse(String text) {
            Matcher m = HEAD.matcher(text);
            if (!m.matches()) {
                throw new BadInput("--head must be SEQ:HASH (e.g. 42:<64 hex digits>) or as 'audit verify' prints it"
                        + " ('record 42, hash <64 hex digits>'), not '" + Printable.line(text.length() > 100
                        ? text.substring(0, 100) + "…" : text) + "'");
            }
            return new AuditHead(Long.parseLong(m.group(1)), m.group(2).toLowerCase(java.util.Locale.ROOT));
        }

        /** The pair to write down elsewhere: records cut off the end of the trail show only against it. */
        static String head(AuditHead head) {
            return head.seq() == 0 ? "the trail is empty (head: record 0)"
                    : "head: record " + head.seq() + ", hash " + head.hash() + " (write it down to detect cut-off records;"
                    + " check with audit verify --head " + head.seq() + ":" + head.hash() + ")";
        }
    }
}
