package org.wsusremediator.winrm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import javax.xml.ws.WebServiceException;
import org.junit.jupiter.api.Test;

/** The mapping details that the lab scan (LabScanIT) does not reach: secrets in foreign text, odd causes. */
class FailureClassifierTest {

    @Test
    void aSecretInTheClientLibrarysTextIsBlankedAndTheCauseIsNotChained() {
        RuntimeException failure = new RuntimeException("call failed",
                new WebServiceException("auth header was user:s3cret-Value\nsecond line"));
        WinRmException mapped = FailureClassifier.toWinRmException(failure, "wsus01", "s3cret-Value");
        assertThat(mapped.getMessage()).contains("host wsus01").doesNotContain("s3cret-Value").contains("****")
                .doesNotContain("\n");
        assertThat(mapped.getCause()).isNull();
    }

    @Test
    void causesAreFoundDeepInTheChain() {
        assertThat(FailureClassifier.categorize(new RuntimeException(new WebServiceException(new ConnectException("refused")))))
                .isEqualTo(ErrorCategory.UNREACHABLE);
        assertThat(FailureClassifier.categorize(new RuntimeException(new SocketTimeoutException("read"))))
                .isEqualTo(ErrorCategory.TIMEOUT);
        assertThat(FailureClassifier.categorize(new IllegalStateException("Invalid credentials or incompatible authentication schemes")))
                .isEqualTo(ErrorCategory.AUTH_REFUSED);
    }

    @Test
    void tlsFailuresAreFoundUnderTheConnectionFailureThatCarriesThem() {
        Throwable handshake = new javax.net.ssl.SSLHandshakeException("PKIX")
                .initCause(new java.security.cert.CertificateExpiredException("NotAfter: 2020"));
        Throwable expired = new RuntimeException(new WebServiceException(handshake));
        assertThat(FailureClassifier.categorize(expired)).isEqualTo(ErrorCategory.TLS_FAILED);
        assertThat(FailureClassifier.toWinRmException(expired, "w1", null).getMessage())
                .contains("the certificate has expired").contains("NotAfter");
        Throwable peer = new SocketException("closed").initCause(new javax.net.ssl.SSLPeerUnverifiedException("peer not authenticated"));
        assertThat(FailureClassifier.categorize(peer)).isEqualTo(ErrorCategory.TLS_FAILED);
    }

    @Test
    void longDetailsAreCut() {
        String detail = FailureClassifier.sanitize("x".repeat(500), null);
        assertThat(detail).hasSizeLessThan(200).endsWith("...");
    }
}
