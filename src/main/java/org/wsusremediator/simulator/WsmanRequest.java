package org.wsusremediator.simulator;

import org.w3c.dom.Element;

import java.util.Map;

/**
 * The parts of a WS-Management request the simulator uses.
 *
 * @param action           WS-Addressing Action (empty for a bare Identify)
 * @param messageId        WS-Addressing MessageID, echoed as RelatesTo
 * @param resourceUri      wsman ResourceURI
 * @param shellId          the ShellId selector, or null
 * @param operationTimeoutMs wsman OperationTimeout in milliseconds, or 0 when absent
 * @param options          wsman OptionSet entries by name
 * @param body             the first element inside the SOAP Body, or null when the body is empty
 */
record WsmanRequest(String action, String messageId, String resourceUri, String shellId, long operationTimeoutMs,
                    Map<String, String> options, Element body) {

    boolean isIdentify() {
        return body != null && Wsman.IDENTITY.equals(body.getNamespaceURI()) && "Identify".equals(body.getLocalName());
    }
}
