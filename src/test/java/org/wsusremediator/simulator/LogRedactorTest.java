package org.wsusremediator.simulator;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LogRedactorTest {

    @Test
    void masksAccountPasswordsAndPasswordSwitches() {
        LogRedactor r = BasicAuthenticator.of(List.of(new AccountSpec("LAB\\wsus-admin", "PW")), Map.of("PW", "s3cr3t!"))
                .redactor();
        assertThat(r.redact("net use \\\\x s3cr3t! /user:LAB\\wsus-admin")).doesNotContain("s3cr3t!");
        assertThat(r.redact("schtasks /Create /TN kb /RU LAB\\svc /RP \"other pw\" /TR x.exe"))
                .isEqualTo("schtasks /Create /TN kb /RU LAB\\svc /RP ******** /TR x.exe");
        assertThat(r.redact("$c = New-Object PSCredential -Password 'abc'")).doesNotContain("abc");
        assertThat(r.redact("connect password=hunter2;")).doesNotContain("hunter2");
        assertThat(r.redact("hostname")).isEqualTo("hostname");
    }

    @Test
    void missingPasswordVariableIsReportedWithoutAnyValue() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FleetSimulator.start(LabHosts.FLEET, Map.of()))
                .hasMessage("account LAB\\wsus-admin: environment variable WSUS_LAB_PASSWORD is not set");
    }
}
