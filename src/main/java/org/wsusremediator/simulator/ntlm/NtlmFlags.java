package org.wsusremediator.simulator.ntlm;

/** The NegotiateFlags bits the simulator reads or sets (MS-NLMP 2.2.2.5). */
final class NtlmFlags {

    static final int UNICODE = 0x00000001;
    static final int REQUEST_TARGET = 0x00000004;
    static final int SIGN = 0x00000010;
    static final int SEAL = 0x00000020;
    static final int LM_KEY = 0x00000080;
    static final int NTLM = 0x00000200;
    static final int ALWAYS_SIGN = 0x00008000;
    static final int TARGET_TYPE_SERVER = 0x00020000;
    static final int EXTENDED_SESSIONSECURITY = 0x00080000;
    static final int TARGET_INFO = 0x00800000;
    static final int VERSION = 0x02000000;
    static final int NEGOTIATE_128 = 0x20000000;
    static final int KEY_EXCH = 0x40000000;
    static final int NEGOTIATE_56 = 0x80000000;

    /** What a Windows server echoes when the client asks for it (everything but LM_KEY: NTLMv2 only). */
    static final int ECHOED = UNICODE | SIGN | SEAL | ALWAYS_SIGN | EXTENDED_SESSIONSECURITY | VERSION
            | NEGOTIATE_128 | KEY_EXCH | NEGOTIATE_56;

    private NtlmFlags() {
    }

    static boolean has(int flags, int flag) {
        return (flags & flag) != 0;
    }
}
