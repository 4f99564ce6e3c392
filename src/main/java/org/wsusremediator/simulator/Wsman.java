package org.wsusremediator.simulator;

/** Namespaces, actions and URIs of the WS-Management shell protocol (MS-WSMV), as Windows writes them. */
final class Wsman {

    static final String SOAP = "http://www.w3.org/2003/05/soap-envelope";
    static final String ADDRESSING = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    static final String TRANSFER = "http://schemas.xmlsoap.org/ws/2004/09/transfer";
    static final String WSMAN = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    static final String MS_WSMAN = "http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd";
    static final String SHELL = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell";
    static final String FAULT = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault";
    static final String IDENTITY = "http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd";

    static final String CMD_RESOURCE_URI = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd";
    static final String ANONYMOUS = "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous";

    static final String CREATE = TRANSFER + "/Create";
    static final String DELETE = TRANSFER + "/Delete";
    static final String COMMAND = SHELL + "/Command";
    static final String RECEIVE = SHELL + "/Receive";
    static final String SIGNAL = SHELL + "/Signal";
    static final String SEND = SHELL + "/Send";
    static final String WSMAN_FAULT_ACTION = "http://schemas.dmtf.org/wbem/wsman/1/wsman/fault";
    static final String ADDRESSING_FAULT_ACTION = ADDRESSING + "/fault";

    static final String STATE_DONE = SHELL + "/CommandState/Done";
    static final String SIGNAL_TERMINATE = SHELL + "/signal/terminate";

    /** Pseudo action for statistics: the unauthenticated wsmid:Identify has no WS-Addressing action. */
    static final String IDENTIFY = "Identify";

    private Wsman() {
    }

    /** "Create", "Receive"...: the last segment of an action URI, for statistics. */
    static String shortName(String action) {
        if (action == null || action.isEmpty()) {
            return "(none)";
        }
        return action.substring(action.lastIndexOf('/') + 1);
    }
}
