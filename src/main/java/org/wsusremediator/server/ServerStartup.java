package org.wsusremediator.server;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.wsusremediator.input.InputFileException;
import org.wsusremediator.input.InputFiles;
import org.wsusremediator.input.InputLimits;
import org.wsusremediator.plan.AdminDirectory;
import org.wsusremediator.plan.ApprovalRefused;
import org.wsusremediator.window.InvalidScheduleException;
import org.wsusremediator.window.Schedule;
import org.wsusremediator.window.ScheduleFile;

/**
 * What {@code serve --config} reads once at start, after checking every file's owner and mode ({@link ConfigFiles}):
 * the configuration, the admin directory, the change windows, the inventories, and the secrets (the fleet's
 * credentials, the store's password, the TLS key, the server key). The credentials are kept here only, as the
 * environment the server's runs resolve {@code env:NAME} references in; nobody else needs them.
 */
public final class ServerStartup {

    private final ServerConfig config;
    private final AdminDirectory directory;
    private final Schedule schedule;
    private final Map<String, String> credentials;
    private final String storePassword;
    private final SSLContextParameters tls;

    private ServerStartup(ServerConfig config, AdminDirectory directory, Schedule schedule,
            Map<String, String> credentials, String storePassword, SSLContextParameters tls) {
        this.tls = tls;
        this.config = config;
        this.directory = directory;
        this.schedule = schedule;
        this.credentials = credentials;
        this.storePassword = storePassword;
    }

    /** Checks and reads everything, or refuses with the file and what is wrong. */
    public static ServerStartup read(Path configFile, ConfigFiles files) {
        files.checkConfiguration(configFile, "server configuration");
        ServerConfig config = ServerConfig.read(configFile);
        files.checkConfiguration(config.admins(), "admin directory (admins)");
        files.checkConfiguration(config.windows(), "change-window file (windows)");
        for (Path inventory : config.inventories()) {
            files.checkConfiguration(inventory, "inventory");
        }
        SSLContextParameters tls = null;
        if (config.tls()) {
            files.checkConfiguration(config.tlsCertificate(), "TLS certificate (tls.certificate)");
            files.checkSecret(config.tlsKey(), "TLS key (tls.key)");
            tls = PemTls.read(config.tlsCertificate(), config.tlsKey());
        }
        // The key itself is loaded (or made, owner-only) where the store is opened (cli/ServerLauncher).
        if (config.serverKey() != null && java.nio.file.Files.exists(config.serverKey())) {
            files.checkSecret(config.serverKey(), "server key (serverKey)");
        }
        Map<String, String> credentials = new LinkedHashMap<>();
        config.credentials().forEach((name, file) -> credentials.put(name,
                secret(files.checkSecret(file, "fleet credential " + name), name)));
        String storePassword = config.storePasswordFile() == null ? ""
                : secret(files.checkSecret(config.storePasswordFile(), "store password (store.passwordFile)"), "store");
        AdminDirectory directory;
        try {
            directory = AdminDirectory.read(config.admins());
        } catch (ApprovalRefused invalid) {
            throw new ServerConfigException(invalid.getMessage(), invalid);
        }
        Schedule schedule;
        try {
            schedule = ScheduleFile.read(config.windows());
        } catch (InvalidScheduleException invalid) {
            throw new ServerConfigException(config.windows() + " cannot be used.\n" + invalid.getMessage(), invalid);
        }
        return new ServerStartup(config, directory, schedule, Map.copyOf(credentials), storePassword, tls);
    }

    /** A secret file's first line (a trailing newline is not part of a password). */
    private static String secret(Path file, String name) {
        try {
            String text = InputFiles.readUtf8(file, InputLimits.SECRET_FILE_BYTES);
            int end = text.indexOf('\n');
            String value = (end < 0 ? text : text.substring(0, end)).replace("\r", "");
            if (value.isEmpty()) {
                throw new ServerConfigException("the secret file of " + name + " (" + file + ") is empty");
            }
            return value;
        } catch (InputFileException e) {
            throw new ServerConfigException(file + " " + e.reason());
        }
    }

    public ServerConfig config() {
        return config;
    }

    public AdminDirectory directory() {
        return directory;
    }

    public Schedule schedule() {
        return schedule;
    }

    /** The environment the server's runs resolve credential references in: the configured secrets only. */
    public Map<String, String> credentials() {
        return credentials;
    }

    /** The TLS identity read from the configured PEM files; null for plain HTTP on loopback. */
    SSLContextParameters tls() {
        return tls;
    }

    public String storePassword() {
        return storePassword;
    }

    @Override
    public String toString() {
        return "ServerStartup[" + config.file() + ", " + credentials.size() + " credentials]";
    }
}
