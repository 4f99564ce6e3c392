package org.wsusremediator.winrm;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.xml.stream.XMLStreamException;
import javax.xml.ws.soap.SOAPFaultException;
import org.w3c.dom.Node;

/**
 * Maps what WinRM4J (CXF 3 over Apache HttpAsyncClient) throws onto an {@link ErrorCategory}. CXF wraps the
 * cause several levels deep and sometimes only says it in text, so the whole cause chain is examined, types
 * first, then the well-known texts.
 */
final class FailureClassifier {

    private static final int MAX_DETAIL = 160;

    private FailureClassifier() {
    }

    static WinRmException toWinRmException(Throwable failure, String host, String secret) {
        if (failure instanceof WinRmException already) {
            return already;
        }
        ErrorCategory category = categorize(failure);
        return new WinRmException(category, host, detail(failure, category, secret));
    }

    static ErrorCategory categorize(Throwable failure) {
        if (tlsFailure(failure) != null) {
            return ErrorCategory.TLS_FAILED;
        }
        if (tooLarge(failure) != null) {
            return ErrorCategory.PROTOCOL_ERROR;
        }
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof RefusedChallenge.LoginRefusedException) {
                return ErrorCategory.AUTH_REFUSED;
            }
        }
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
                return ErrorCategory.TIMEOUT;
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException) {
                return ErrorCategory.UNREACHABLE;
            }
            if (t instanceof SOAPFaultException || t instanceof XMLStreamException) {
                return ErrorCategory.PROTOCOL_ERROR;
            }
        }
        for (Throwable t = failure; t != null; t = next(t)) {
            String text = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (text.contains("401") || text.contains("authorization loop") || text.contains("invalid credentials")
                    || text.contains("incompatible authentication schemes")) {
                return ErrorCategory.AUTH_REFUSED;
            }
            if (text.contains("timed out") || text.contains("timeout")) {
                return ErrorCategory.TIMEOUT;
            }
            if (text.contains("connection refused")) {
                return ErrorCategory.UNREACHABLE;
            }
            if (text.contains("unmarshalling") || text.contains("unexpected eof") || text.contains("xml")
                    || text.contains("http response '5") || text.contains("server error")) {
                return ErrorCategory.PROTOCOL_ERROR;
            }
        }
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof SocketException || t instanceof InterruptedIOException
                    || t.getClass().getName().endsWith("ConnectionClosedException")) {
                return ErrorCategory.UNREACHABLE;
            }
        }
        return ErrorCategory.PROTOCOL_ERROR;
    }

    /** One short line saying what went wrong, with any occurrence of the secret blanked out (defence in depth). */
    static String detail(Throwable failure, ErrorCategory category, String secret) {
        Throwable tooLarge = tooLarge(failure);
        String text = tooLarge == null ? null : tooLarge.getMessage();
        for (Throwable t = failure; text == null && t != null; t = next(t)) {
            if (t instanceof SOAPFaultException fault) {
                text = describeFault(fault);
                break;
            }
        }
        if (text == null && category == ErrorCategory.TLS_FAILED) {
            text = describeTls(tlsFailure(failure));
        }
        if (text == null) {
            Throwable root = failure;
            while (next(root) != null) {
                root = next(root);
            }
            text = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
            if (category == ErrorCategory.UNREACHABLE && isDrop(failure)) {
                text = "connection dropped: " + text;
            }
        }
        return sanitize(text, secret);
    }

    static String sanitize(String text, String secret) {
        String oneLine = text.replaceAll("[\\r\\n\\t]+", " ").replaceAll("\\p{Cntrl}", "?").trim();
        if (secret != null && !secret.isEmpty()) {
            oneLine = oneLine.replace(secret, "****");
        }
        return oneLine.length() > MAX_DETAIL ? oneLine.substring(0, MAX_DETAIL) + "..." : oneLine;
    }

    /**
     * The first TLS failure in the chain: the handshake (untrusted or expired certificate, no common protocol),
     * the peer's identity, or the host name check that the HTTP client reports as a plain SSLException.
     */
    private static Throwable tlsFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof SSLException || t instanceof CertificateException || t instanceof CertPathBuilderException
                    || t instanceof CertPathValidatorException) {
                return t;
            }
        }
        return null;
    }

    private static String describeTls(Throwable tls) {
        String message = String.valueOf(tls.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("could not verify host") || lower.contains("no subject alternative")
                || lower.contains("doesn't match") || tls instanceof SSLPeerUnverifiedException) {
            return "the certificate is not for this host name: " + message;
        }
        for (Throwable t = tls; t != null; t = next(t)) {
            if (t instanceof CertificateExpiredException expired) {
                return "the certificate has expired: " + expired.getMessage();
            }
            if (t instanceof CertificateNotYetValidException early) {
                return "the certificate is not valid yet: " + early.getMessage();
            }
        }
        for (Throwable t = tls; t != null; t = next(t)) {
            if (t instanceof CertificateException || t instanceof CertPathBuilderException || t instanceof CertPathValidatorException
                    || String.valueOf(t.getMessage()).contains("certification path")) {
                // Self-signed, or issued by a CA that neither the host's caFile nor the JVM's trust store holds.
                return "the certificate is not trusted or not valid (self-signed, or its issuer is not in the caFile"
                        + " or trust store): " + rootMessage(t);
            }
        }
        return "no TLS session could be set up: " + message;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (next(root) != null) {
            root = next(root);
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static Throwable tooLarge(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof ResponseSizeLimit.ResponseTooLargeException) {
                return t;
            }
        }
        return null;
    }

    private static boolean isDrop(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("reset") || m.contains("closed") || m.contains("end of file") || m.contains("broken pipe")) {
                return true;
            }
            if (t.getClass().getName().endsWith("ConnectionClosedException")) {
                return true;
            }
        }
        return false;
    }

    private static String describeFault(SOAPFaultException fault) {
        String reason = fault.getFault() == null ? fault.getMessage() : fault.getFault().getFaultString();
        String code = wsmanFaultCode(fault);
        return "SOAP fault" + (code == null ? "" : " " + code) + ": " + reason;
    }

    private static String wsmanFaultCode(SOAPFaultException fault) {
        try {
            var details = fault.getFault().getDetail().getChildNodes();
            for (int i = 0; i < details.getLength(); i++) {
                Node node = details.item(i);
                if ("WSManFault".equals(node.getLocalName()) && node.getAttributes().getNamedItem("Code") != null) {
                    return node.getAttributes().getNamedItem("Code").getNodeValue();
                }
            }
        } catch (RuntimeException noDetail) {
            // a fault without a WSManFault detail: the reason text alone says enough
        }
        return null;
    }

    private static Throwable next(Throwable t) {
        Throwable cause = t.getCause();
        return cause == t ? null : cause;
    }
}
