package org.wsusremediator.bench;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark measures either way of reaching hosts, and the choice reaches the wire. */
class ScanBenchmarkAuthTest {

    @Test
    void ntlmWithEncryptionAndBasicBothScanEveryHostAndNtlmLogsOnPerConnection() throws Exception {
        ScanBenchmark.Figures ntlm = run("127.87.1.1", ScanBenchmark.Auth.NTLM);
        ScanBenchmark.Figures basic = run("127.87.2.1", ScanBenchmark.Auth.BASIC);

        assertThat(ntlm.unexpectedOutcomes()).isZero();
        assertThat(basic.unexpectedOutcomes()).isZero();
        // the same five WS-Man requests per host either way (Create, Command, Receive, Signal, Delete) ...
        assertThat(ntlm.wsmanRequestsPerHost()).isEqualTo(5.0);
        assertThat(basic.wsmanRequestsPerHost()).isEqualTo(5.0);
        // ... but the NTLM logon adds its 401 round trips to every connection's first request
        assertThat(ntlm.httpRequestsPerHost()).isGreaterThan(basic.httpRequestsPerHost());
        assertThat(basic.httpRequestsPerHost()).isEqualTo(5.0);
        StringWriter printed = new StringWriter();
        ntlm.print(new PrintWriter(printed, true));
        assertThat(printed.toString()).contains("authentication     NTLM, WS-Man message encryption over http");
    }

    private static ScanBenchmark.Figures run(String firstAddress, ScanBenchmark.Auth auth) throws Exception {
        return new ScanBenchmark(4, 0, 4, firstAddress, freePort(firstAddress), auth).run(new PrintWriter(new StringWriter()));
    }

    static int freePort(String address) throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(address))) {
            return probe.getLocalPort();
        }
    }
}
