package org.wsusremediator.simulator.ntlm;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The simulator's NTLM server against the NTLMv2 example of MS-NLMP section 4.2.4 ("NTLMv2 Authentication"):
 * user "User", domain "Domain", password "Password", server challenge 0123456789abcdef, client challenge aa..aa,
 * time 0, random session key 55..55, flags e28a8233, target info NbDomainName "Domain" + NbComputerName "Server".
 * Every expected value below is copied from the document (4.2.4.1.1, 4.2.4.2.2, 4.2.4.2.3, 4.2.4.4), so a key
 * derived from the wrong bytes, or in the wrong byte order, fails here.
 */
class NtlmTestVectorsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SERVER_CHALLENGE = HEX.parseHex("0123456789abcdef");
    private static final int FLAGS = 0xe28a8233;
    private static final byte[] TARGET_INFO = HEX.parseHex("02000c0044006f006d00610069006e0001000c0053006500720076006500720000000000");
    /** The NTLMv2 client blob ("temp"): 0x0101, reserved, time 0, client challenge aa.., reserved, target info, reserved. */
    private static final byte[] TEMP = ByteBuffer.allocate(28 + TARGET_INFO.length + 4)
            .put(new byte[]{1, 1, 0, 0, 0, 0, 0, 0}).putLong(0).put(HEX.parseHex("aaaaaaaaaaaaaaaa")).putInt(0)
            .put(TARGET_INFO).putInt(0).array();

    @Test
    void ntowfV2OfTheExampleAccount() {
        assertThat(HEX.formatHex(NtlmCrypto.ntowfV2(NtlmCrypto.ntHash("Password"), "User", "Domain")))
                .isEqualTo("0c868a403bfd7a93a3001ef22ef02e3f");
    }

    @Test
    void ntProofStrAndSessionKeys() {
        byte[] ntowf = NtlmCrypto.ntowfV2(NtlmCrypto.ntHash("Password"), "User", "Domain");
        byte[] proof = NtlmCrypto.hmacMd5(ntowf, SERVER_CHALLENGE, TEMP);
        assertThat(HEX.formatHex(proof)).isEqualTo("68cd0ab851e51c96aabc927bebef6a1c");
        // 4.2.4.1.2 session base key; 4.2.4.2.3: the random session key 55.. encrypted with it is c5dad254...
        assertThat(HEX.formatHex(NtlmCrypto.hmacMd5(ntowf, proof))).isEqualTo("8de40ccadbc14a82f15cb0ad0de95ca3");
        byte[] encrypted = HEX.parseHex("c5dad2544fc9799094ce1ce90bc9d03e");
        assertThat(HEX.formatHex(NtlmAcceptor.exportedSessionKey(ntowf, proof, encrypted, FLAGS)))
                .isEqualTo("55555555555555555555555555555555");
    }

    @Test
    void theServerAcceptsTheExampleAuthenticateAndUnsealsTheExampleMessage() throws Exception {
        NtlmAcceptor acceptor = exampleAcceptor("Password");
        assertThat(acceptor.step(negotiate())).isInstanceOf(NtlmAcceptor.Step.Challenge.class);

        NtlmAcceptor.Step step = acceptor.step(authenticate());
        assertThat(step).isInstanceOf(NtlmAcceptor.Step.Accepted.class);
        NtlmSessionSecurity security = ((NtlmAcceptor.Step.Accepted) step).security();

        // 4.2.4.4 GSS_WrapEx: "Plaintext" sealed by the client, with its signature (sequence number 0)
        byte[] plaintext = security.unseal(HEX.parseHex("010000007fb38ec5c55d497600000000"),
                HEX.parseHex("54e50165bf1936dc996020c1811b0f06fb5f"));
        assertThat(new String(plaintext, StandardCharsets.UTF_16LE)).isEqualTo("Plaintext");
    }

    @Test
    void aRepeatedOrAlteredMessageDoesNotVerify() throws Exception {
        NtlmAcceptor acceptor = exampleAcceptor("Password");
        acceptor.step(negotiate());
        NtlmSessionSecurity security = ((NtlmAcceptor.Step.Accepted) acceptor.step(authenticate())).security();
        byte[] sealed = HEX.parseHex("54e50165bf1936dc996020c1811b0f06fb5f");
        sealed[3] ^= 1;
        assertThatThrownBy(() -> security.unseal(HEX.parseHex("010000007fb38ec5c55d497600000000"), sealed))
                .isInstanceOf(NtlmSessionSecurity.SignatureMismatch.class);
    }

    @Test
    void aWrongPasswordAnNtlmV1ResponseAndAReplayAreRefused() {
        NtlmAcceptor wrong = exampleAcceptor("Passw0rd");
        wrong.step(negotiate());
        assertThat(wrong.step(authenticate())).isEqualTo(new NtlmAcceptor.Step.Rejected("a wrong password"));

        NtlmAcceptor v1 = exampleAcceptor("Password");
        v1.step(negotiate());
        assertThat(v1.step(authenticate(new byte[24]))).isInstanceOf(NtlmAcceptor.Step.Rejected.class);

        NtlmAcceptor replay = exampleAcceptor("Password");
        replay.step(negotiate());
        assertThat(replay.step(authenticate())).isInstanceOf(NtlmAcceptor.Step.Accepted.class);
        assertThat(replay.step(authenticate())).isInstanceOf(NtlmAcceptor.Step.Rejected.class);
    }

    @Test
    void theChallengeCarriesTheHostsNamesAndTheServerChallenge() {
        byte[] token = ((NtlmAcceptor.Step.Challenge) exampleAcceptor("Password").step(negotiate())).token();
        assertThat(NtlmMessages.le32(token, 8)).isEqualTo(2);
        assertThat(token).containsSubsequence(SERVER_CHALLENGE);
        assertThat(token).containsSubsequence("SERVER".getBytes(StandardCharsets.UTF_16LE));
        assertThat(token).containsSubsequence("server.lab.example".getBytes(StandardCharsets.UTF_16LE));
        int flags = NtlmMessages.le32(token, 20);
        assertThat(flags & (NtlmFlags.SEAL | NtlmFlags.SIGN | NtlmFlags.KEY_EXCH | NtlmFlags.EXTENDED_SESSIONSECURITY))
                .isEqualTo(NtlmFlags.SEAL | NtlmFlags.SIGN | NtlmFlags.KEY_EXCH | NtlmFlags.EXTENDED_SESSIONSECURITY);
        assertThat(flags & NtlmFlags.LM_KEY).isZero();
    }

    @Test
    void aServerSealedMessageRoundTripsThroughTheClientKeysOfTheExample() throws Exception {
        // The server's outgoing direction uses the server-to-client keys; decrypt with an RC4 handle built from them.
        NtlmSessionSecurity server = new NtlmSessionSecurity(HEX.parseHex("55555555555555555555555555555555"), FLAGS);
        NtlmSessionSecurity.Sealed first = server.seal("Plaintext".getBytes(StandardCharsets.UTF_16LE));
        NtlmSessionSecurity.Sealed second = server.seal("Plaintext".getBytes(StandardCharsets.UTF_16LE));
        assertThat(first.sealed()).isNotEqualTo(second.sealed()); // the RC4 handle runs on
        assertThat(NtlmMessages.le32(second.signature(), 12)).isEqualTo(1);
        byte[] key = NtlmSessionSecurity.sealingKey(HEX.parseHex("55555555555555555555555555555555"), FLAGS,
                "session key to server-to-client sealing key magic constant\0".getBytes(StandardCharsets.US_ASCII));
        byte[] opened = NtlmCrypto.rc4(key).update(first.sealed());
        assertThat(new String(opened, StandardCharsets.UTF_16LE)).isEqualTo("Plaintext");
    }

    private static NtlmAcceptor exampleAcceptor(String password) {
        SecureRandom fixed = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(SERVER_CHALLENGE, 0, bytes, 0, bytes.length);
            }
        };
        NtlmAcceptor.Account account = new NtlmAcceptor.Account("Domain\\User", NtlmCrypto.ntHash(password));
        return new NtlmAcceptor((user, domain) -> user.equalsIgnoreCase("User") ? account : null,
                "SERVER", "server.lab.example", fixed, () -> 0L);
    }

    private static byte[] negotiate() {
        return ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN)
                .put(NtlmMessages.SIGNATURE).putInt(1).putInt(FLAGS).putLong(0).putLong(0).array();
    }

    private static byte[] authenticate() {
        byte[] nt = ByteBuffer.allocate(16 + TEMP.length).put(HEX.parseHex("68cd0ab851e51c96aabc927bebef6a1c")).put(TEMP).array();
        return authenticate(nt);
    }

    /** An AUTHENTICATE message (MS-NLMP 2.2.1.3) for user "User" of "Domain" with the example's session key. */
    static byte[] authenticate(byte[] ntResponse) {
        byte[] lm = HEX.parseHex("86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa");
        byte[] domain = "Domain".getBytes(StandardCharsets.UTF_16LE);
        byte[] user = "User".getBytes(StandardCharsets.UTF_16LE);
        byte[] workstation = "COMPUTER".getBytes(StandardCharsets.UTF_16LE);
        byte[] key = HEX.parseHex("c5dad2544fc9799094ce1ce90bc9d03e");
        int offset = 72;
        ByteBuffer b = ByteBuffer.allocate(offset + lm.length + ntResponse.length + domain.length + user.length
                + workstation.length + key.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NtlmMessages.SIGNATURE).putInt(3);
        for (byte[] field : new byte[][]{lm, ntResponse, domain, user, workstation, key}) {
            b.putShort((short) field.length).putShort((short) field.length).putInt(offset);
            offset += field.length;
        }
        b.putInt(FLAGS).putLong(0);
        for (byte[] field : new byte[][]{lm, ntResponse, domain, user, workstation, key}) {
            b.put(field);
        }
        return b.array();
    }
}
