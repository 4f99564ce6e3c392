package org.wsusremediator.simulator.ntlm;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * The NTLM handshake of one TCP connection, server side: a NEGOTIATE is answered with a CHALLENGE, and the
 * AUTHENTICATE that follows is checked as a Windows host configured for NTLMv2 only checks it (MS-NLMP 3.2.5.1.2 and
 * 3.3.2): the NTProofStr must be HMAC-MD5(NTOWFv2, ServerChallenge + the client's blob). NTLMv1 and LM responses
 * (24 bytes) are refused, as is an anonymous logon. On success the session keys are derived (KXKEY, and the random
 * session key unwrapped with RC4 when KEY_EXCH was negotiated) and the connection's {@link NtlmSessionSecurity} built.
 * Not thread-safe: a connection's requests are handled one at a time.
 */
public final class NtlmAcceptor {

    /** Larger tokens are refused unread: real NTLM tokens are a few hundred bytes (target info included). */
    public static final int MAX_TOKEN_BYTES = 8 * 1024;

    /** An account as NTLM sees it: the name the shell runs as and its NT hash (never the password). */
    public record Account(String name, byte[] ntHash) {
    }

    /** Finds the account a client names (user and domain as sent); null if there is none. */
    @FunctionalInterface
    public interface Accounts {
        Account find(String user, String domain);
    }

    /** What the connection answers to a token. */
    public sealed interface Step {
        /** 401 with this CHALLENGE token. */
        record Challenge(byte[] token) implements Step {
        }

        /** Logged on; {@code security} is null when the client negotiated neither signing nor sealing. */
        record Accepted(String account, NtlmSessionSecurity security) implements Step {
        }

        /** Refused; {@code reason} names no secret and may be logged. */
        record Rejected(String reason) implements Step {
        }
    }

    private final Accounts accounts;
    private final String netbiosName;
    private final String dnsName;
    private final SecureRandom random;
    private final LongSupplier clock;
    private byte[] serverChallenge;
    private int challengeFlags;

    public NtlmAcceptor(Accounts accounts, String netbiosName, String dnsName, SecureRandom random) {
        this(accounts, netbiosName, dnsName, random, System::currentTimeMillis);
    }

    NtlmAcceptor(Accounts accounts, String netbiosName, String dnsName, SecureRandom random, LongSupplier clock) {
        this.accounts = accounts;
        this.netbiosName = netbiosName;
        this.dnsName = dnsName;
        this.random = random;
        this.clock = clock;
    }

    /** The next step for a raw NTLMSSP token. */
    public Step step(byte[] token) {
        if (token.length > MAX_TOKEN_BYTES) {
            return new Step.Rejected("a token of " + token.length + " bytes");
        }
        try {
            int type = NtlmMessages.type(token);
            if (type == NtlmMessages.NEGOTIATE) {
                return challenge(NtlmMessages.negotiateFlags(token));
            }
            if (type == NtlmMessages.AUTHENTICATE) {
                return authenticate(NtlmMessages.authenticate(token));
            }
            return new Step.Rejected("an NTLM message of type " + type + " from the client");
        } catch (NtlmMessages.InvalidToken e) {
            serverChallenge = null;
            return new Step.Rejected(e.getMessage());
        }
    }

    private Step challenge(int clientFlags) {
        serverChallenge = new byte[8];
        random.nextBytes(serverChallenge);
        // Windows answers in Unicode and with NTLM, target info and a server target whatever the client asked.
        challengeFlags = (clientFlags & NtlmFlags.ECHOED) | NtlmFlags.UNICODE | NtlmFlags.NTLM
                | NtlmFlags.TARGET_INFO | NtlmFlags.TARGET_TYPE_SERVER
                | (clientFlags & NtlmFlags.REQUEST_TARGET);
        byte[] info = NtlmMessages.targetInfo(netbiosName, dnsName, NtlmMessages.filetime(clock.getAsLong()));
        return new Step.Challenge(NtlmMessages.challenge(challengeFlags, serverChallenge, netbiosName, info));
    }

    private Step authenticate(NtlmMessages.Authenticate message) {
        byte[] challenge = serverChallenge;
        serverChallenge = null; // one AUTHENTICATE per CHALLENGE: a replay on the same connection is refused
        if (challenge == null) {
            return new Step.Rejected("an AUTHENTICATE without a CHALLENGE on this connection");
        }
        byte[] nt = message.ntResponse();
        if (nt.length <= 24) {
            return new Step.Rejected("an NTLMv1 or LM response (this host accepts NTLMv2 only)");
        }
        if (message.user().isEmpty()) {
            return new Step.Rejected("an anonymous logon");
        }
        if (nt.length < 16 + 28 || nt[16] != 1 || nt[17] != 1) {
            return new Step.Rejected("a malformed NTLMv2 response");
        }
        Account account = accounts.find(message.user(), message.domain());
        if (account == null) {
            return new Step.Rejected("an unknown account");
        }
        byte[] ntowf = NtlmCrypto.ntowfV2(account.ntHash(), message.user(), message.domain());
        byte[] proof = Arrays.copyOf(nt, 16);
        byte[] blob = Arrays.copyOfRange(nt, 16, nt.length);
        if (!MessageDigest.isEqual(proof, NtlmCrypto.hmacMd5(ntowf, challenge, blob))) {
            return new Step.Rejected("a wrong password");
        }
        int flags = message.flags() & challengeFlags;
        byte[] exportedSessionKey = exportedSessionKey(ntowf, proof, message.encryptedRandomSessionKey(), flags);
        NtlmSessionSecurity security = NtlmFlags.has(flags, NtlmFlags.SIGN | NtlmFlags.SEAL)
                ? new NtlmSessionSecurity(exportedSessionKey, flags) : null;
        return new Step.Accepted(account.name(), security);
    }

    /** SessionBaseKey = HMAC-MD5(NTOWFv2, NTProofStr) is the KeyExchangeKey for NTLMv2; KEY_EXCH wraps a random key in it. */
    static byte[] exportedSessionKey(byte[] ntowf, byte[] ntProof, byte[] encryptedRandomSessionKey, int flags) {
        byte[] keyExchangeKey = NtlmCrypto.hmacMd5(ntowf, ntProof);
        if (NtlmFlags.has(flags, NtlmFlags.KEY_EXCH) && encryptedRandomSessionKey.length == 16) {
            return NtlmCrypto.rc4Once(keyExchangeKey, encryptedRandomSessionKey);
        }
        return keyExchangeKey;
    }
}
