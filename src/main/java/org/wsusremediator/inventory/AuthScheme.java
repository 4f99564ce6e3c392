package org.wsusremediator.inventory;

/** The WinRM authentication scheme. Basic sends the password itself, so it is only allowed over HTTPS
 *  or on hosts that explicitly allow unencrypted traffic (see docs/inventory.md). */
public enum AuthScheme {
    BASIC,
    NTLM,
    KERBEROS
}
