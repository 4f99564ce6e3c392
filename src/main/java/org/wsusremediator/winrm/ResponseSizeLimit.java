package org.wsusremediator.winrm;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.apache.commons.io.input.BoundedInputStream;
import org.apache.cxf.interceptor.AttachmentInInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Refuses a response body larger than a cap, before anything parses it: at once when its Content-Length says
 * so, else as soon as that many bytes were read. A WS-Management reply is at most the MaxEnvelopeSize the client
 * asks for (WinRM4J: 150 KB; Windows allows up to 500 KB), so a cap of a few MB never refuses a real one, and a
 * host streaming 100 MB or an endless body costs a few MB of reading, not a minute and the memory of it.
 * Installed on the WinRM component's CXF bus, first in the RECEIVE phase (before WinRM4J's decryption at
 * POST_STREAM, which reads the whole body).
 */
final class ResponseSizeLimit extends AbstractPhaseInterceptor<Message> {

    static final long DEFAULT_MAX_BYTES = 4L * 1024 * 1024;

    private final long maxBytes;

    ResponseSizeLimit(long maxBytes) {
        super(Phase.RECEIVE);
        addBefore(AttachmentInInterceptor.class.getName());
        this.maxBytes = maxBytes;
    }

    @Override
    public void handleMessage(Message message) {
        long declared = declaredLength(message);
        if (declared > maxBytes) {
            throw new Fault(new ResponseTooLargeException("the response announces " + declared + " bytes", maxBytes));
        }
        InputStream body = message.getContent(InputStream.class);
        if (body != null) {
            message.setContent(InputStream.class, capped(body));
        }
    }

    /** The body, ending in a {@link ResponseTooLargeException} once more than the cap was read. */
    private InputStream capped(InputStream body) {
        try {
            // One byte past the cap may be read: reaching it is what proves the body is larger than the cap.
            return BoundedInputStream.builder().setInputStream(body).setMaxCount(maxBytes + 1)
                    .setOnMaxCount((max, count) -> {
                        throw new ResponseTooLargeException("the response body went on past the cap", maxBytes);
                    })
                    .get();
        } catch (IOException cannotWrap) {
            throw new Fault(cannotWrap);
        }
    }

    private static long declaredLength(Message message) {
        Object headers = message.get(Message.PROTOCOL_HEADERS);
        if (!(headers instanceof Map<?, ?> map)) {
            return -1;
        }
        for (Map.Entry<?, ?> header : map.entrySet()) {
            if ("Content-Length".equalsIgnoreCase(String.valueOf(header.getKey()))
                    && header.getValue() instanceof List<?> values && !values.isEmpty()) {
                try {
                    return Long.parseLong(String.valueOf(values.get(0)).trim());
                } catch (NumberFormatException notANumber) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** A response body that was, or said it would be, larger than the cap. */
    static final class ResponseTooLargeException extends IOException {

        ResponseTooLargeException(String what, long maxBytes) {
            super(what + ": responses larger than " + maxBytes + " bytes are refused");
        }
    }
}
