package org.wsusremediator.simulator;

/**
 * A WS-Management fault as Windows sends it: HTTP 500, a SOAP 1.2 Fault with code, subcode and reason, and a
 * {@code f:WSManFault} detail with the numeric Code clients test (WinRM4J looks for 2150858843 and 2150858793;
 * pywinrm for 2150858793). Codes documented by Microsoft or seen from real servers are used where known; for
 * "bad request" faults without a documented code, 2150858817 (0x80338041, which Windows returns for requests
 * that fail its schema checks) stands in.
 */
record WsmanFault(String code, String subcode, String reason, long wsmanCode, String message, String action) {

    private static final long BAD_REQUEST = 2150858817L;

    static WsmanFault shellNotFound(String shellId) {
        return new WsmanFault("s:Sender", "w:InvalidSelectors",
                "The WS-Management service cannot process the request because the request contained invalid selectors for the resource. ",
                2150858843L,
                "The request for the Windows Remote Shell with ShellId " + shellId + " failed because the shell was not found on the server. "
                        + "Possible causes are: the specified ShellId is incorrect or the shell no longer exists on the server. "
                        + "Provide the correct ShellId or create a new shell and retry the operation. ",
                Wsman.WSMAN_FAULT_ACTION);
    }

    static WsmanFault shellQuotaExceeded(int maxShells) {
        String text = "The WS-Management service cannot process the request. This user is allowed a maximum number of "
                + maxShells + " concurrent shells, which has been exceeded. Close existing shells or raise the quota for this user. ";
        return new WsmanFault("s:Receiver", "w:InternalError", text, 2150859173L, text, Wsman.WSMAN_FAULT_ACTION);
    }

    /**
     * A request envelope larger than the host's MaxEnvelopeSizekb. The code 0x80338111 (2150859025) is what the
     * Windows client reports as "the request size exceeded the configured MaxEnvelopeSize quota"
     * (dsccommunity/SharePointDsc#670); the subcode is WS-Management's EncodingLimit fault; the wording of the
     * server's reason is a guess (docs/simulator-localized-hosts.md).
     */
    static WsmanFault envelopeTooLarge(int maxBytes) {
        String text = "The WS-Management service cannot process the request because the request size exceeded the "
                + "configured MaxEnvelopeSize quota of " + maxBytes / 1024 + " KB. ";
        return new WsmanFault("s:Sender", "w:EncodingLimit", text, 2150859025L, text, Wsman.WSMAN_FAULT_ACTION);
    }

    static WsmanFault accessDenied() {
        return new WsmanFault("s:Sender", "w:AccessDenied", "Access is denied. ", 5, "Access is denied. ", Wsman.WSMAN_FAULT_ACTION);
    }

    /**
     * Plain SOAP with Basic over HTTP to a host with AllowUnencrypted false: HTTP 500 (diyan/pywinrm#208). The fault's
     * code and text are a *guess* modelled on the access-denied fault; no capture of the body was found.
     */
    static WsmanFault unencryptedRefused() {
        return new WsmanFault("s:Sender", "w:AccessDenied", "Access is denied. ", 5,
                "The WinRM service is configured to refuse unencrypted traffic (AllowUnencrypted is false). ",
                Wsman.WSMAN_FAULT_ACTION);
    }

    static WsmanFault operationTimeout() {
        String text = "The WS-Management service cannot complete the operation within the time specified in OperationTimeout.  ";
        return new WsmanFault("s:Receiver", "w:TimedOut", text, 2150858793L, text, Wsman.WSMAN_FAULT_ACTION);
    }

    static WsmanFault invalidParameter() {
        return new WsmanFault("s:Sender", "w:InvalidParameter", "The parameter is incorrect. ", 87, "The parameter is incorrect. ",
                Wsman.WSMAN_FAULT_ACTION);
    }

    static WsmanFault invalidXml(String detail) {
        return new WsmanFault("s:Sender", "w:SchemaValidationError",
                "The SOAP XML in the message does not match the corresponding XML schema definition. Change the XML and retry. ",
                BAD_REQUEST, "The WS-Management service cannot process the request because the XML is invalid: " + detail,
                Wsman.WSMAN_FAULT_ACTION);
    }

    static WsmanFault actionNotSupported(String action) {
        return new WsmanFault("s:Sender", "a:ActionNotSupported", "The action is not supported by the service. ",
                BAD_REQUEST, "The WS-Management service does not support the action " + action + ". ", Wsman.ADDRESSING_FAULT_ACTION);
    }

    static WsmanFault resourceNotSupported(String resourceUri) {
        return new WsmanFault("s:Sender", "w:DestinationUnreachable",
                "The WS-Management service cannot process the request. The resource URI is not supported. ",
                BAD_REQUEST, "The resource URI " + resourceUri + " is not supported by this simulated host. ", Wsman.WSMAN_FAULT_ACTION);
    }

    static WsmanFault internalError(String what) {
        return new WsmanFault("s:Receiver", "w:InternalError", "The WS-Management service cannot process the request. ",
                1359, "An internal error occurred: " + what, Wsman.WSMAN_FAULT_ACTION);
    }
}
