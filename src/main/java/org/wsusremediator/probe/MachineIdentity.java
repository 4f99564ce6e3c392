package org.wsusremediator.probe;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who a host says it is, read on the host itself: an address may be a DNS alias or a NAT rule for another
 * machine, this cannot. {@code machineGuid} is {@code HKLM\SOFTWARE\Microsoft\Cryptography} MachineGuid, written
 * when Windows is installed (a clone made without sysprep keeps its source's); {@code computerName} is the
 * NetBIOS name ({@code COMPUTERNAME}). Either is null when the probe could not read it.
 *
 * @param computerName as the host reports it, in upper case (NetBIOS names ignore case)
 * @param machineGuid  lower case, without braces
 */
public record MachineIdentity(String computerName, String machineGuid) {

    /** MachineGuid's form: a GUID without braces (8-4-4-4-12 hexadecimal digits). */
    static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
    /**
     * Printable ASCII without spaces (the probes turn anything else into '?'), at most 63 characters: longer than
     * any NetBIOS (15) or DNS label (63) name, so a value past it is not a computer name.
     */
    static final Pattern NAME = Pattern.compile("[\\x21-\\x7E]{1,63}");

    /** Nothing was read: a probe from before identities, or one that could read neither. */
    public static final MachineIdentity UNKNOWN = new MachineIdentity(null, null);

    public MachineIdentity {
        computerName = computerName == null || computerName.isBlank() ? null : computerName.strip().toUpperCase(Locale.ROOT);
        machineGuid = machineGuid == null || machineGuid.isBlank() ? null : machineGuid.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The identity from the probe's text; empty values are unknown.
     *
     * @throws IllegalArgumentException naming the value that is not a GUID or not a computer name
     */
    public static MachineIdentity parse(String computerName, String machineGuid) {
        if (machineGuid != null && !machineGuid.isBlank() && !GUID.matcher(machineGuid.strip()).matches()) {
            throw new IllegalArgumentException("MachineGuid '" + Excerpt.of(machineGuid) + "' is not a GUID");
        }
        if (computerName != null && !computerName.isBlank() && !NAME.matcher(computerName.strip()).matches()) {
            throw new IllegalArgumentException("computer name '" + Excerpt.of(computerName) + "' is not a computer name");
        }
        return new MachineIdentity(computerName, machineGuid);
    }

    /** How a report names the machine: {@code WSUS01 (MachineGuid 3f25...)}. */
    public String describe() {
        return (computerName == null ? "computer name unknown" : computerName)
                + (machineGuid == null ? ", MachineGuid unknown" : " (MachineGuid " + machineGuid + ")");
    }
}
