package org.wsusremediator.winrm;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudsoft.winrm4j.client.WinRmClient;
import io.cloudsoft.winrm4j.client.WinRmClientContext;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.transport.http.asyncclient.AsyncHTTPConduit;
import org.apache.cxf.transport.http.asyncclient.AsyncHTTPConduitFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * WinRM4J builds a JAX-WS proxy for every client; CXF looked for the service's (absent) wrapper classes in every jar
 * for each of them. With {@link WrapperClassLookup} on the bus it asks once per operation and bus.
 */
class WrapperClassLookupTest {

    @Test
    void theClassPathIsSearchedForWrapperClassesOncePerOperationNotPerClient() {
        Bus other = BusFactory.newInstance().createBus(); // the process's default bus is another one, as in a scan
        Bus bus = BusFactory.newInstance().createBus();
        try {
            bus.getProperties().put(AsyncHTTPConduit.USE_ASYNC, Boolean.TRUE);
            bus.getProperties().put(AsyncHTTPConduitFactory.USE_POLICY, AsyncHTTPConduitFactory.UseAsyncPolicy.ALWAYS);
            WrapperClassLookup lookup = WrapperClassLookup.installOn(bus);
            WinRmClientContext context = WinRmClientContext.newInstance(bus);

            // CXF asks the thread's context class loader first for every wrapper class it looks for.
            WrapperSearches searches = new WrapperSearches(Thread.currentThread().getContextClassLoader());
            Thread.currentThread().setContextClassLoader(searches);
            newClient(context, "http://127.86.0.1:5985/wsman").close();
            int afterFirst = searches.count.get();
            assertThat(afterFirst).as("class path searches for wrapper classes by the first client").isPositive();
            assertThat(lookup.classPathLookups()).as("lookups the listener let through").isPositive();

            for (int i = 2; i <= 5; i++) {
                newClient(context, "http://127.86.0.%d:5985/wsman".formatted(i)).close();
            }
            assertThat(searches.count.get()).as("class path searches after four more clients").isEqualTo(afterFirst);
        } finally {
            Thread.currentThread().setContextClassLoader(WrapperClassLookupTest.class.getClassLoader());
            bus.shutdown(true);
            other.shutdown(true);
        }
    }

    /** Counts the look-ups of JAX-WS wrapper classes (package {@code ...jaxws}) that reach the class loader. */
    private static final class WrapperSearches extends ClassLoader {
        final AtomicInteger count = new AtomicInteger();

        WrapperSearches(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("io.cloudsoft.winrm4j.client.jaxws.")) {
                count.incrementAndGet();
            }
            return super.loadClass(name, resolve);
        }
    }

    private static WinRmClient newClient(WinRmClientContext context, String endpoint) {
        return WinRmClient.builder(endpoint).context(context).authenticationScheme("Basic")
                .credentials("user", "not-used").build();
    }
}
