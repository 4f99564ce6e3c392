/**
 * The server side of NTLMv2 as a simulated Windows host runs it for WinRM (MS-NLMP): the CHALLENGE for a client's
 * NEGOTIATE, the check of its AUTHENTICATE against the account, the session keys, and the sealing and signing of
 * WS-Man messages ({@link org.wsusremediator.simulator.ntlm.NtlmSessionSecurity}). Knows nothing of HTTP or
 * WS-Management; the simulator's HTTP layer keeps one {@link org.wsusremediator.simulator.ntlm.NtlmAcceptor} per
 * TCP connection, as Windows binds an NTLM logon to the connection.
 */
package org.wsusremediator.simulator.ntlm;
