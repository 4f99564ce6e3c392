package org.wsusremediator.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * No credential reaches a log, whatever the log level (issue 8 item 13). A real scan, in a process of its own
 * started with every slf4j-simple logger at TRACE and java.util.logging at ALL (the way an admin turns on
 * debugging), against the simulator (Basic) and a server that answers NTLM with 401 (so the client sends NTLM
 * tokens); everything the process prints is searched for the password, its base64 forms and the NTLM tokens.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NoCredentialInLogsIT {

    @TempDir
    Path dir;

    @Test
    void aScanAtTraceLevelLogsNoPasswordAndNoAuthorizationHeader() throws Exception {
        try (ScanLab lab = ScanLab.start("127.71.4", 2);
             HostileServer ntlm = HostileServer.start("127.71.4.2", HostileServer.Behaviour.UNAUTHORIZED)) {
            Path inventory = dir.resolve("inventory.yaml");
            lab.inventory(dir, "{ connect: 2s, operation: 5s, receive: 3s }",
                    List.of("{ name: ntlm, address: 127.71.4.2, port: " + ntlm.port() + ", auth: ntlm }"));
            Path jul = dir.resolve("logging.properties");
            Files.writeString(jul, """
                    handlers = java.util.logging.ConsoleHandler
                    .level = ALL
                    java.util.logging.ConsoleHandler.level = ALL
                    """);
            Path log = dir.resolve("scan.log");
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace",
                    "-Dorg.slf4j.simpleLogger.log.org.apache.http=trace",
                    "-Dorg.slf4j.simpleLogger.log.org.apache.http.wire=trace",
                    "-Dorg.slf4j.simpleLogger.log.org.apache.http.headers=trace",
                    "-Dorg.slf4j.simpleLogger.log.org.apache.cxf=trace",
                    "-Djava.util.logging.config.file=" + jul,
                    "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                    "org.wsusremediator.cli.RemediatorCommand", "scan", inventory.toString(),
                    "--report-dir", dir.resolve("reports").toString()))
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("WSUS_LAB_PASSWORD", ScanLab.PASSWORD);
            Process scan = builder.start();
            assertThat(scan.waitFor(100, TimeUnit.SECONDS)).as("the scan ended").isTrue();
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.copy(log, Path.of("/tmp/trace-scan.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

            assertThat(output).as("debug logging was on").contains("DEBUG").contains("http-outgoing");
            assertThat(ntlm.authorizations()).as("the client sent NTLM tokens").isNotEmpty();
            for (String secret : secrets(ntlm.authorizations())) {
                assertThat(output).as("the log of the scan").doesNotContain(secret);
            }
            assertThat(output).doesNotContainIgnoringCase("Authorization: Basic ").doesNotContainIgnoringCase("Authorization: NTLM ");
        }
    }

    private static List<String> secrets(List<String> authorizations) {
        List<String> secrets = new ArrayList<>();
        secrets.add(ScanLab.PASSWORD);
        for (String user : List.of(ScanLab.USER, "wsus-admin")) {
            secrets.add(Base64.getEncoder().encodeToString((user + ":" + ScanLab.PASSWORD).getBytes(StandardCharsets.UTF_8)));
            secrets.add(Base64.getEncoder().encodeToString((user + ":" + ScanLab.PASSWORD).getBytes(StandardCharsets.ISO_8859_1)));
        }
        for (String authorization : authorizations) {
            String token = authorization.substring(authorization.indexOf(' ') + 1).trim();
            secrets.add(token);
        }
        return secrets;
    }
}
