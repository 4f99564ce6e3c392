package org.wsusremediator.notify;

import java.time.Duration;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * Bounded waits for webhooks: camel-http's own defaults wait three minutes to connect and have no bound on the
 * response, so one receiver that accepts and never answers would hold the delivery threads, and with them every
 * other endpoint's events.
 */
public final class HttpTimeouts implements HttpClientConfigurer {

    private final Duration connect;
    private final Duration response;

    public HttpTimeouts(Duration connect, Duration response) {
        this.connect = connect;
        this.response = response;
    }

    @Override
    @SuppressWarnings("deprecation") // RequestConfig's connect timeout: the connection manager's is camel-http's
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.setDefaultRequestConfig(RequestConfig.custom()
                .setConnectionRequestTimeout(Timeout.of(connect))
                .setConnectTimeout(Timeout.of(connect))
                .setResponseTimeout(Timeout.of(response))
                .build());
    }
}
