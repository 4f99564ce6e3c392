package org.wsusremediator.winrm;

import java.util.function.Supplier;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.xpath.XPathFactory;

/**
 * Pins the JAXP factory classes the JVM already resolves, so that {@code newInstance()} stops searching the class path.
 *
 * <p>Why: WinRM4J asks {@link XPathFactory#newInstance()} for every shell it creates ({@code WinRmClient.getShellId}),
 * and JAXB's DOM loader asks {@link TransformerFactory#newInstance()} while unmarshalling WS-Man responses. Unless a
 * system property names the class, each call runs the JAXP lookup: a {@link java.util.ServiceLoader} scan of
 * {@code META-INF/services} in every jar of the class path (167 in the release), to end on the JDK's built-in
 * factory anyway. In a scan's profile that scan was a tenth of the client's class-path reads.
 *
 * <p>How: resolve each factory once, the normal way, and set the documented system property to the class found. A
 * property the administrator set is left alone; the answer is the class the lookup would have returned, so nothing
 * but the lookup's cost changes.
 */
final class XmlFactories {

    private XmlFactories() {
    }

    static void pinResolvedFactories() {
        pin(TransformerFactory.class.getName(), TransformerFactory::newInstance);
        pin(XPathFactory.class.getName() + ":" + XPathFactory.DEFAULT_OBJECT_MODEL_URI, XPathFactory::newInstance);
        pin(DocumentBuilderFactory.class.getName(), DocumentBuilderFactory::newInstance);
        pin(SAXParserFactory.class.getName(), SAXParserFactory::newInstance);
    }

    private static void pin(String property, Supplier<Object> lookup) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, lookup.get().getClass().getName());
        }
    }
}
