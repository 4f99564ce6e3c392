package org.wsusremediator.simulator;

import java.util.Locale;
import java.util.Optional;

/**
 * Reading a file from the fleet's share ({@code \\server\share\...}, the {@code packages} with a UNC source), as the
 * account the share sees (docs/simulator-legacy-windows.md, "The double hop"):
 * <ul>
 * <li>a command of a WinRM shell: its logon (NTLM, Kerberos without delegation) has no credentials for a second
 * hop, so the share sees {@code ANONYMOUS LOGON} and says "Access is denied" (diyan/pywinrm#303, #225, #350;
 * rundeck-plugins/rd-winrm-plugin#41; ansible-collections/ansible.windows#383);</li>
 * <li>a scheduled task running as SYSTEM: the share sees the computer account {@code NAME$} (a member of
 * {@code Domain Computers});</li>
 * <li>a task running as a named account: that account (a batch logon has its credentials).</li>
 * </ul>
 * The package's {@code readers} decide. All hosts are taken to be in one domain: a domain prefix in a reader entry
 * is ignored when it is compared.
 */
final class ShareAccess {

    static final String DOMAIN_COMPUTERS = "Domain Computers";
    static final String ANONYMOUS = "NT AUTHORITY\\ANONYMOUS LOGON";
    private static final String SYSTEM = "NT AUTHORITY\\SYSTEM";

    /** What a read of {@code path} from the share found: the package, or no access, or no such file. */
    record Read(Optional<PackageSpec> pkg, boolean denied, String account) {
    }

    private ShareAccess() {
    }

    static boolean isUnc(String path) {
        return path.startsWith("\\\\");
    }

    static Read read(CommandCall call, String path) {
        String account = account(call);
        Optional<PackageSpec> pkg = call.host().packageAt(path).filter(p -> !p.isUrl());
        if (pkg.isEmpty()) {
            // Without a session on the share nothing is found; with one, a file the share does not hold is missing.
            return new Read(Optional.empty(), account.equals(ANONYMOUS), account);
        }
        return granted(pkg.get(), account) ? new Read(pkg, false, account) : new Read(Optional.empty(), true, account);
    }

    /** The account the share sees for a command of {@code call}'s process. */
    static String account(CommandCall call) {
        if (!call.scheduledTask()) {
            return ANONYMOUS;
        }
        String user = call.user();
        if (user.equalsIgnoreCase(SYSTEM) || user.equalsIgnoreCase("SYSTEM")) {
            return call.host().netbiosName() + "$";
        }
        return user;
    }

    private static boolean granted(PackageSpec pkg, String account) {
        return pkg.deny().stream().noneMatch(entry -> matches(entry, account))
                && pkg.readers().stream().anyMatch(entry -> matches(entry, account));
    }

    /** Whether a reader or deny entry names {@code account} (itself, a group it is in, Everyone, ANONYMOUS LOGON). */
    private static boolean matches(String entry, String account) {
        String e = withoutDomain(entry).toLowerCase(Locale.ROOT);
        if (account.equals(ANONYMOUS)) {
            return e.equals("anonymous logon"); // Everyone does not include anonymous since Windows XP / 2003
        }
        return e.equals("everyone") || e.equals(withoutDomain(account).toLowerCase(Locale.ROOT))
                || (account.endsWith("$") && e.equals(DOMAIN_COMPUTERS.toLowerCase(Locale.ROOT)));
    }

    private static String withoutDomain(String account) {
        return account.substring(account.lastIndexOf('\\') + 1);
    }
}
