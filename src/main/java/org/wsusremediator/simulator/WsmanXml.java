package org.wsusremediator.simulator;

import java.util.Base64;

/**
 * Writes response envelopes the way Windows lays them out: SOAP 1.2, WS-Addressing Action / MessageID / To /
 * RelatesTo (= the request's MessageID: WinRM4J and pywinrm check it), no whitespace between elements (WinRM4J
 * walks fault details expecting elements only).
 */
final class WsmanXml {

    private static final String ENVELOPE_OPEN = "<s:Envelope xml:lang=\"en-US\" xmlns:s=\"" + Wsman.SOAP
            + "\" xmlns:a=\"" + Wsman.ADDRESSING + "\" xmlns:x=\"" + Wsman.TRANSFER + "\" xmlns:w=\"" + Wsman.WSMAN
            + "\" xmlns:rsp=\"" + Wsman.SHELL + "\" xmlns:p=\"" + Wsman.MS_WSMAN + "\">";

    private WsmanXml() {
    }

    static String envelope(String action, String relatesTo, String body) {
        StringBuilder b = new StringBuilder(512 + body.length());
        b.append(ENVELOPE_OPEN).append("<s:Header><a:Action>").append(action).append("</a:Action>")
                .append("<a:MessageID>uuid:").append(Ids.newGuid()).append("</a:MessageID>")
                .append("<a:To>").append(Wsman.ANONYMOUS).append("</a:To>");
        if (relatesTo != null && !relatesTo.isEmpty()) {
            b.append("<a:RelatesTo>").append(escape(relatesTo)).append("</a:RelatesTo>");
        }
        b.append("</s:Header>");
        if (body.isEmpty()) {
            b.append("<s:Body/>");
        } else {
            b.append("<s:Body>").append(body).append("</s:Body>");
        }
        return b.append("</s:Envelope>").toString();
    }

    static String resourceCreated(String address, String shellId) {
        return "<x:ResourceCreated><a:Address>" + escape(address) + "</a:Address><a:ReferenceParameters>"
                + "<w:ResourceURI>" + Wsman.CMD_RESOURCE_URI + "</w:ResourceURI>"
                + "<w:SelectorSet><w:Selector Name=\"ShellId\">" + shellId + "</w:Selector></w:SelectorSet>"
                + "</a:ReferenceParameters></x:ResourceCreated>";
    }

    static String commandResponse(String commandId) {
        return "<rsp:CommandResponse><rsp:CommandId>" + commandId + "</rsp:CommandId></rsp:CommandResponse>";
    }

    /** All output at once, each stream closed with End="true", and the Done state with its exit code. */
    static String receiveResponse(String commandId, byte[] stdout, byte[] stderr, int exitCode) {
        StringBuilder b = new StringBuilder(256 + (stdout.length + stderr.length) * 4 / 3);
        b.append("<rsp:ReceiveResponse>");
        stream(b, "stdout", commandId, stdout);
        stream(b, "stderr", commandId, stderr);
        b.append("<rsp:CommandState CommandId=\"").append(commandId).append("\" State=\"").append(Wsman.STATE_DONE)
                .append("\"><rsp:ExitCode>").append(exitCode).append("</rsp:ExitCode></rsp:CommandState>")
                .append("</rsp:ReceiveResponse>");
        return b.toString();
    }

    private static void stream(StringBuilder b, String name, String commandId, byte[] data) {
        if (data.length > 0) {
            b.append("<rsp:Stream Name=\"").append(name).append("\" CommandId=\"").append(commandId).append("\">")
                    .append(Base64.getEncoder().encodeToString(data)).append("</rsp:Stream>");
        }
        b.append("<rsp:Stream Name=\"").append(name).append("\" CommandId=\"").append(commandId).append("\" End=\"true\"></rsp:Stream>");
    }

    static String fault(WsmanFault f, String machine) {
        return "<s:Fault><s:Code><s:Value>" + f.code() + "</s:Value><s:Subcode><s:Value>" + f.subcode()
                + "</s:Value></s:Subcode></s:Code><s:Reason><s:Text xml:lang=\"en-US\">" + escape(f.reason())
                + "</s:Text></s:Reason><s:Detail><f:WSManFault xmlns:f=\"" + Wsman.FAULT + "\" Code=\"" + f.wsmanCode()
                + "\" Machine=\"" + escape(machine) + "\"><f:Message>" + escape(f.message())
                + "</f:Message></f:WSManFault></s:Detail></s:Fault>";
    }

    /** The answer to wsmid:Identify; WinRM 1.1 and 2.0 differ only in the Stack they report. */
    static String identifyResponse(SimulatedHost host) {
        int sp = ServicePacks.major(host.os().version());
        return "<s:Envelope xmlns:s=\"" + Wsman.SOAP + "\" xmlns:wsmid=\"" + Wsman.IDENTITY + "\"><s:Header/><s:Body>"
                + "<wsmid:IdentifyResponse><wsmid:ProtocolVersion>" + Wsman.WSMAN + "</wsmid:ProtocolVersion>"
                + "<wsmid:ProductVendor>Microsoft Corporation</wsmid:ProductVendor>"
                + "<wsmid:ProductVersion>OS: " + host.os().version() + " SP: " + sp + ".0 Stack: " + host.wsmanStack().label()
                + "</wsmid:ProductVersion></wsmid:IdentifyResponse></s:Body></s:Envelope>";
    }

    static String escape(String text) {
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String r = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                default -> null;
            };
            if (r != null && b == null) {
                b = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (b != null) {
                if (r != null) {
                    b.append(r);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? text : b.toString();
    }
}
