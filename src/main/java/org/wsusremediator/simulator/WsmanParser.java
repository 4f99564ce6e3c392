package org.wsusremediator.simulator;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * Parses SOAP 1.2 WS-Management requests namespace-aware, with DTDs and external entities refused (no XXE).
 * One DocumentBuilder per event-loop thread: building one per request would dominate the cost of a request.
 */
final class WsmanParser {

    /** The request is not a SOAP 1.2 envelope we can read. */
    static final class InvalidRequest extends Exception {
        InvalidRequest(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(WsmanParser::newBuilder);

    private WsmanParser() {
    }

    static WsmanRequest parse(InputStream body) throws InvalidRequest {
        Document doc;
        DocumentBuilder builder = BUILDER.get();
        try {
            builder.reset();
            doc = builder.parse(body);
        } catch (SAXException | IOException e) {
            throw new InvalidRequest("not well-formed XML: " + e.getMessage(), e);
        }
        Element envelope = doc.getDocumentElement();
        if (!Wsman.SOAP.equals(envelope.getNamespaceURI()) || !"Envelope".equals(envelope.getLocalName())) {
            throw new InvalidRequest("not a SOAP 1.2 envelope: {" + envelope.getNamespaceURI() + "}" + envelope.getLocalName(), null);
        }
        Element header = child(envelope, Wsman.SOAP, "Header");
        Element bodyElement = child(envelope, Wsman.SOAP, "Body");
        String action = text(child(header, Wsman.ADDRESSING, "Action"));
        String messageId = text(child(header, Wsman.ADDRESSING, "MessageID"));
        String resourceUri = text(child(header, Wsman.WSMAN, "ResourceURI"));
        String shellId = null;
        Element selectors = child(header, Wsman.WSMAN, "SelectorSet");
        for (Element s = firstElement(selectors); s != null; s = nextElement(s)) {
            if ("Selector".equals(s.getLocalName()) && "ShellId".equals(s.getAttribute("Name"))) {
                shellId = text(s);
            }
        }
        Map<String, String> options = new HashMap<>();
        Element optionSet = child(header, Wsman.WSMAN, "OptionSet");
        for (Element o = firstElement(optionSet); o != null; o = nextElement(o)) {
            options.put(o.getAttribute("Name"), text(o));
        }
        return new WsmanRequest(action, messageId, resourceUri, shellId,
                durationMs(text(child(header, Wsman.WSMAN, "OperationTimeout"))), options, firstElement(bodyElement));
    }

    /** xs:duration like PT60S or PT60.000S; 0 when absent or unreadable. */
    private static long durationMs(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        try {
            return Duration.parse(text).toMillis();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }

    static Element child(Element parent, String namespace, String localName) {
        for (Element e = firstElement(parent); e != null; e = nextElement(e)) {
            if (localName.equals(e.getLocalName()) && namespace.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    static Element firstElement(Node parent) {
        if (parent == null) {
            return null;
        }
        Node n = parent.getFirstChild();
        while (n != null && n.getNodeType() != Node.ELEMENT_NODE) {
            n = n.getNextSibling();
        }
        return (Element) n;
    }

    static Element nextElement(Node node) {
        Node n = node.getNextSibling();
        while (n != null && n.getNodeType() != Node.ELEMENT_NODE) {
            n = n.getNextSibling();
        }
        return (Element) n;
    }

    static String text(Element e) {
        return e == null ? "" : e.getTextContent().strip();
    }

    /** An attribute written with or without a namespace prefix (WinRM4J prefixes CommandId, pywinrm does not). */
    static String attribute(Element e, String localName) {
        if (e == null) {
            return null;
        }
        if (e.hasAttribute(localName)) {
            return e.getAttribute(localName);
        }
        var attributes = e.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node a = attributes.item(i);
            if (localName.equals(a.getLocalName())) {
                return a.getNodeValue();
            }
        }
        return null;
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            // the default handler prints parse errors to stderr; the fault we send back says enough
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("cannot configure a safe XML parser", e);
        }
    }
}
