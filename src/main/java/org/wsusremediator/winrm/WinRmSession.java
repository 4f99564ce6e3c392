package org.wsusremediator.winrm;

import io.cloudsoft.winrm4j.client.PayloadEncryptionMode;
import io.cloudsoft.winrm4j.client.ShellCommand;
import io.cloudsoft.winrm4j.client.WinRmClient;
import io.cloudsoft.winrm4j.client.WinRmClientBuilder;
import io.cloudsoft.winrm4j.client.WinRmClientContext;
import java.io.StringWriter;
import java.time.Duration;
import org.apache.http.client.config.AuthSchemes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wsusremediator.inventory.AuthScheme;
import org.wsusremediator.inventory.Credential;
import org.wsusremediator.inventory.HostEntry;
import org.wsusremediator.inventory.Transport;
import org.wsusremediator.probe.RemoteShell;

/**
 * One visit to one host: one WinRM4J client and at most one shell, opened on the first command and deleted on
 * close, so every command of the visit shares it (a shell costs two requests; Windows allows few per user).
 */
final class WinRmSession implements RemoteShell, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WinRmSession.class);

    private final HostEntry host;
    private final String secret;
    private final WinRmClient client;
    private final VisitDeadline deadline;
    private final LoginWatch.Visit login;
    private ShellCommand shell;
    private int commands;

    WinRmSession(HostEntry host, Credential credential, WinRmClientContext context, VisitDeadline deadline,
                 LoginWatch.Visit login) {
        this.host = host;
        this.login = login;
        this.secret = credential.password();
        this.deadline = deadline;
        this.client = newClient(host, credential, context);
    }

    @Override
    public CommandResult run(String commandLine) {
        if (deadline.expired()) {
            throw deadlinePassed();
        }
        deadline.enterWire();
        try {
            if (shell == null) {
                shell = client.createShell();
            }
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            commands++;
            int exitCode = shell.execute(commandLine, out, err);
            return new CommandResult(exitCode, out.toString(), err.toString());
        } catch (RuntimeException | LinkageError failure) {
            if (deadline.expired()) {
                // Whatever the interrupted call threw, what happened is that the visit ran out of time.
                throw deadlinePassed();
            }
            LOG.debug("host {}: command failed on the wire", host.name(), failure);
            throw refusedLogin(FailureClassifier.toWinRmException(failure, host.name(), secret));
        } finally {
            deadline.leaveWire();
        }
    }

    /**
     * A host that asked for a login (401) and never answered anything else refused it, even if the client only saw
     * the connection break afterwards (LoginWatch). A timeout stays a timeout: the host may just be slow.
     */
    private WinRmException refusedLogin(WinRmException failure) {
        if (login != null && login.loginUnanswered() && host.auth() != AuthScheme.BASIC
                && (failure.category() == ErrorCategory.PROTOCOL_ERROR || failure.category() == ErrorCategory.UNREACHABLE)) {
            return new WinRmException(ErrorCategory.AUTH_REFUSED, host.name(),
                    "the host answered 401 to the login and then the connection failed: " + failure.getMessage());
        }
        return failure;
    }

    private WinRmException deadlinePassed() {
        return new WinRmException(ErrorCategory.TIMEOUT, host.name(), "the visit passed its deadline of "
                + describe(deadline.budget()) + " (timeouts.visit)");
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    int commands() {
        return commands;
    }

    /** Deletes the shell (best effort: the visit's outcome is already decided) and releases the client. */
    @Override
    public void close() {
        try {
            if (shell != null) {
                deadline.enterWire();
                try {
                    shell.close();
                } finally {
                    deadline.leaveWire();
                }
            }
        } catch (RuntimeException failure) {
            LOG.debug("host {}: shell delete failed: {}", host.name(),
                    FailureClassifier.sanitize(String.valueOf(failure.getMessage()), secret));
        } finally {
            client.close();
        }
    }

    private static WinRmClient newClient(HostEntry host, Credential credential, WinRmClientContext context) {
        WinRmClientBuilder builder = WinRmClient.builder(host.endpoint())
                .context(context)
                .authenticationScheme(schemeOf(host.auth()))
                .connectionTimeout(host.timeouts().connect().toMillis())
                // The visit's one connection (ConduitSettings) comes back to its pool at once; never wait a minute for it.
                .connectionRequestTimeout(host.timeouts().connect().toMillis())
                .operationTimeout(host.timeouts().operation().toMillis())
                .receiveTimeout(host.timeouts().receive().toMillis())
                // No retries: a retried request after a dropped connection could run a remote step twice.
                .failureRetryPolicy(WinRmClientBuilder.simpleCounterRetryPolicy(0))
                .payloadEncryptionMode(encryptionOf(host));
        if (host.transport() == Transport.HTTPS && !host.verifyTls()) {
            builder.disableCertificateChecks(true);
        }
        String user = credential.username();
        int backslash = user.indexOf('\\');
        if (host.auth() == AuthScheme.KERBEROS) {
            // A name written DOMAIN and backslash logs in as its user part at the default realm of krb5.conf; user@REALM
            // names its realm. WinRM4J logs in with this password itself (requestNewKerberosTicket), never with a ticket
            // cache it would find lying around; the preflight does the same steps first, to say which step failed.
            String principal = backslash > 0 ? user.substring(backslash + 1) : user;
            KerberosPreflight.check(host.name(), java.net.URI.create(host.endpoint()).getHost(), principal, credential.password());
            builder.requestNewKerberosTicket(true);
            builder.credentials(principal, credential.password());
        } else if (host.auth() != AuthScheme.BASIC && backslash > 0) {
            // NTLM wants DOMAIN and user apart; Basic sends the name exactly as configured.
            builder.credentials(user.substring(0, backslash), user.substring(backslash + 1), credential.password());
        } else {
            builder.credentials(user, credential.password());
        }
        return builder.build();
    }

    private static String schemeOf(AuthScheme auth) {
        return switch (auth) {
            case BASIC -> AuthSchemes.BASIC;
            case NTLM -> AuthSchemes.NTLM;
            case KERBEROS -> AuthSchemes.KERBEROS;
        };
    }

    /**
     * Basic cannot encrypt the payload (HTTPS does that); NTLM over plain HTTP must encrypt it, unless the host
     * explicitly allows unencrypted traffic; WinRM4J's Kerberos cannot encrypt payloads at all.
     */
    private static PayloadEncryptionMode encryptionOf(HostEntry host) {
        if (host.auth() == AuthScheme.NTLM && host.transport() == Transport.HTTP && !host.allowUnencrypted()) {
            return PayloadEncryptionMode.REQUIRED;
        }
        if (host.auth() == AuthScheme.NTLM) {
            return PayloadEncryptionMode.OPTIONAL;
        }
        return PayloadEncryptionMode.OFF;
    }
}
