package org.wsusremediator.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.BindException;
import org.junit.jupiter.api.Test;

class ListenFailureTest {

    @Test
    void aPrivilegedPortRefusedToANonRootUserNamesTheCauseAndTheWaysOut() {
        // what the JDK throws when a non-root user binds port 80 (checked with runuser -u nobody)
        String text = ListenFailure.describe("sp1-2003r2-winrm11", "127.54.0.43", 80,
                new BindException("Permission denied"));

        assertThat(text).startsWith("cannot listen for simulated host sp1-2003r2-winrm11 on 127.54.0.43:80: ")
                .contains("privileged port", "root", "CAP_NET_BIND_SERVICE", "net.ipv4.ip_unprivileged_port_start");
    }

    @Test
    void anAddressInUseIsNotCalledAPrivilegedPort() {
        assertThat(ListenFailure.describe("h", "127.54.0.43", 80, new BindException("Address already in use")))
                .doesNotContain("privileged");
        assertThat(ListenFailure.describe("h", "127.54.0.11", 55985, new BindException("Permission denied")))
                .doesNotContain("privileged");
    }
}
