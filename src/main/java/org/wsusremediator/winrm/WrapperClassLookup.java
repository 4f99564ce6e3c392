package org.wsusremediator.winrm;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.cxf.Bus;
import org.apache.cxf.jaxws.support.JaxWsServiceConfiguration;
import org.apache.cxf.jaxws.support.JaxWsServiceFactoryBean;
import org.apache.cxf.service.factory.AbstractServiceFactoryBean;
import org.apache.cxf.service.factory.FactoryBeanListener;
import org.apache.cxf.service.factory.FactoryBeanListenerManager;
import org.apache.cxf.wsdl.service.factory.AbstractServiceConfiguration;

/**
 * Remembers, for the whole bus, which JAX-WS wrapper classes exist, so that CXF searches the class path for them
 * once and not for every WinRM4J client.
 *
 * <p>Why: WinRM4J 0.12.3 builds a new JAX-WS proxy for every client ({@code WinRmFactory.doCreateServiceWithBean}, a
 * new {@code JaxWsProxyFactoryBean} each time, called from the {@code WinRmClient} constructor; nothing in its API
 * hands a built proxy to a client), and we build a client per host visit. For every operation of the service CXF's
 * {@link JaxWsServiceConfiguration} looks for generated request and response wrapper classes
 * ({@code io.cloudsoft.winrm4j.client.jaxws.Create}, {@code ...CreateResponse}, ...) that do not exist; its cache of
 * those misses lives in the configuration object, which is new for every proxy. Every miss asks the application class
 * loader four times (context loader, {@code Class.forName}, CXF's loader, the SEI's loader), and each ask opens every
 * jar of the class path: {@code ZipFile$Source.getEntryPos} was the top self-time frame of a scan.
 *
 * <p>How: CXF announces the start of every service build to the bus's {@link FactoryBeanListener}s (its documented
 * extension point) before it reads its service configurations; this listener puts a {@link JaxWsServiceConfiguration}
 * in place whose wrapper lookups go through one map per bus, keyed by the SEI's {@link Method}. The answer is the
 * same CXF would find (the first lookup asks CXF's own code), so the service model built is unchanged.
 */
final class WrapperClassLookup implements FactoryBeanListener {

    private final Map<Method, Optional<Class<?>>> requestWrappers = new ConcurrentHashMap<>();
    private final Map<Method, Optional<Class<?>>> responseWrappers = new ConcurrentHashMap<>();
    /** How often CXF's own lookup ran (a test reads it: once per operation and bus, not per client). */
    private final AtomicInteger classPathLookups = new AtomicInteger();

    static WrapperClassLookup installOn(Bus bus) {
        WrapperClassLookup lookup = new WrapperClassLookup();
        bus.getExtension(FactoryBeanListenerManager.class).addListener(lookup);
        return lookup;
    }

    @Override
    public void handleEvent(Event event, AbstractServiceFactoryBean factory, Object... args) {
        if (event != Event.START_CREATE || !(factory instanceof JaxWsServiceFactoryBean jaxws)) {
            return;
        }
        // The factory adds a JAX-WS configuration at the front of its list each time it is given the service class (the
        // front one is also its field jaxWsConfiguration); each would search on its own, so each is replaced.
        List<AbstractServiceConfiguration> configurations = jaxws.getServiceConfigurations();
        boolean first = true;
        for (int i = 0; i < configurations.size(); i++) {
            if (configurations.get(i).getClass() == JaxWsServiceConfiguration.class) {
                Shared shared = new Shared();
                // CXF's create() hands every configuration in the list its factory next (initializeServiceConfigurations).
                shared.setServiceFactory(jaxws);
                configurations.set(i, shared);
                if (first) {
                    jaxws.setJaxWsConfiguration(shared);
                    first = false;
                }
            }
        }
    }

    int classPathLookups() {
        return classPathLookups.get();
    }

    /** CXF's JAX-WS service configuration, with its wrapper-class answers kept in the listener's maps. */
    private final class Shared extends JaxWsServiceConfiguration {

        @Override
        public Class<?> getRequestWrapper(Method selected) {
            return cached(requestWrappers, selected, super::getRequestWrapper);
        }

        @Override
        public Class<?> getResponseWrapper(Method selected) {
            return cached(responseWrappers, selected, super::getResponseWrapper);
        }

        private Class<?> cached(Map<Method, Optional<Class<?>>> answers, Method method, Function<Method, Class<?>> cxf) {
            Optional<Class<?>> known = answers.get(method);
            if (known == null) {
                classPathLookups.incrementAndGet();
                known = Optional.ofNullable(cxf.apply(method));
                answers.putIfAbsent(method, known);
            }
            return known.orElse(null);
        }
    }
}
