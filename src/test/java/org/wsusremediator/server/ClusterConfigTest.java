package org.wsusremediator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.window.Clustering;

/** server.yaml's {@code cluster}: off by default, PostgreSQL only, its check-in interval bounded (docs/cluster.md). */
class ClusterConfigTest {

    private static final String BASE = """
            listen: { address: 127.0.0.1, port: 8080, plainHttp: true }
            management: { port: 9464 }
            admins: admins.yaml
            windows: windows.yaml
            """;
    private static final String POSTGRES = "store: { url: \"jdbc:postgresql://db/remediator\", user: remediator }\n";

    @TempDir
    Path dir;

    @Test
    void offUnlessEnabled() throws Exception {
        assertThat(read(BASE).cluster()).isEqualTo(Clustering.OFF);
        assertThat(read(BASE + "cluster: { enabled: false }\n").cluster().enabled()).isFalse();
        assertThat(read(BASE + "cluster: {}\n").cluster().enabled()).isFalse();
    }

    @Test
    void enabledOnPostgresWithItsCheckinInterval() throws Exception {
        Clustering on = read(BASE + POSTGRES + "cluster: { enabled: true, checkinIntervalSeconds: 3 }\n").cluster();
        assertThat(on.enabled()).isTrue();
        assertThat(on.checkinInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(read(BASE + POSTGRES + "cluster: { enabled: true }\n").cluster().checkinInterval())
                .isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void h2IsRefusedNamingTheFileAndTheField() throws Exception {
        for (String store : new String[] {"", "store: { url: \"jdbc:h2:file:./data/remediator\" }\n"}) {
            Path config = write(BASE + store + "cluster: { enabled: true }\n");
            assertThatThrownBy(() -> ServerConfig.read(config)).isInstanceOf(ServerConfigException.class)
                    .hasMessageContaining(config.toString())
                    .hasMessageContaining("cluster.enabled: true needs a PostgreSQL store")
                    .hasMessageContaining("stays single-node");
        }
    }

    @Test
    void theCheckinIntervalIsBoundedAndUnknownFieldsAreRefused() throws Exception {
        for (int bad : new int[] {0, -1, 301}) {
            Path config = write(BASE + POSTGRES + "cluster: { enabled: true, checkinIntervalSeconds: " + bad + " }\n");
            assertThatThrownBy(() -> ServerConfig.read(config))
                    .hasMessageContaining("cluster.checkinIntervalSeconds: from 1 to 300 (was " + bad + ")");
        }
        Path config = write(BASE + POSTGRES + "cluster: { enabled: true, instanceId: mine }\n");
        assertThatThrownBy(() -> ServerConfig.read(config)).hasMessageContaining("instanceId");
    }

    private Path write(String text) throws Exception {
        Path config = dir.resolve("server.yaml");
        Files.writeString(config, text);
        return config;
    }

    private ServerConfig read(String text) throws Exception {
        return ServerConfig.read(write(text));
    }
}
