package org.wsusremediator.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A personal token must never be sent in clear across a network, nor hidden in the URL. */
class ServerAddressTest {

    @Test
    void httpsAnywhereAndPlainHttpOnlyToLoopback() {
        assertThat(ServerAddress.parse("https://remediator.example:8443/").resolve("/api/v1/me"))
                .hasToString("https://remediator.example:8443/api/v1/me");
        assertThat(ServerAddress.parse("http://127.0.0.1:8080").resolve("/api/v1/me")).hasToString("http://127.0.0.1:8080/api/v1/me");
        assertThat(ServerAddress.parse("http://[::1]:8080").base().getHost()).isEqualTo("[::1]");
        assertThat(ServerAddress.parse("http://localhost:8080").base().getPort()).isEqualTo(8080);
        assertThatThrownBy(() -> ServerAddress.parse("http://10.0.0.5:8080"))
                .hasMessageContaining("plain http is allowed to a loopback address only");
        // a name that merely looks local could resolve anywhere later
        assertThatThrownBy(() -> ServerAddress.parse("http://loopback.attacker.example:8080"))
                .hasMessageContaining("plain http is allowed to a loopback address only");
    }

    @Test
    void noCredentialsQueryOrOtherSchemeInTheUrl() {
        assertThatThrownBy(() -> ServerAddress.parse("https://bob:secret@remediator.example"))
                .hasMessageContaining("must not carry a user").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> ServerAddress.parse("https://remediator.example/?token=x")).hasMessageContaining("query");
        assertThatThrownBy(() -> ServerAddress.parse("ftp://remediator.example")).hasMessageContaining("https://");
        assertThatThrownBy(() -> ServerAddress.parse(" ")).hasMessageContaining("needs a URL");
    }
}
