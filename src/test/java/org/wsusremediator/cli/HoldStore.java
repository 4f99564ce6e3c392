package org.wsusremediator.cli;

import java.sql.Connection;
import org.wsusremediator.store.Store;

/**
 * A process that holds the embedded store open (as a running {@code apply} or {@code serve} does) until its
 * standard input closes. Arguments: the JDBC URL; the password comes from REMEDIATOR_DB_PASSWORD.
 */
public final class HoldStore {

    private HoldStore() {
    }

    public static void main(String[] args) throws Exception {
        try (Store store = Store.open(args[0], "sa", System.getenv("REMEDIATOR_DB_PASSWORD"));
             Connection held = store.connect()) {
            store.auditRecords();
            System.out.println("HELD");
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the test closes our input
            }
        }
    }
}
