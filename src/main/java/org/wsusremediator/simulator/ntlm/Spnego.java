package org.wsusremediator.simulator.ntlm;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;

import java.io.IOException;

/**
 * SPNEGO (RFC 4178) around NTLM, as a client that speaks real Negotiate sends it: the NEGOTIATE inside a
 * NegTokenInit (with the GSS-API framing of RFC 2743 3.1), the AUTHENTICATE inside a NegTokenResp; the server's
 * CHALLENGE goes back in a NegTokenResp (accept-incomplete, mech NTLM). WinRM4J and pywinrm send raw NTLMSSP under
 * "Negotiate" instead; {@link #isWrapped} tells the two apart. Parsed with Bouncy Castle's ASN.1 reader.
 */
public final class Spnego {

    static final ASN1ObjectIdentifier SPNEGO = new ASN1ObjectIdentifier("1.3.6.1.5.5.2");
    static final ASN1ObjectIdentifier NTLMSSP = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.2.2.10");
    private static final int ACCEPT_COMPLETED = 0;
    private static final int ACCEPT_INCOMPLETE = 1;

    private Spnego() {
    }

    /** Whether a Negotiate token is SPNEGO (DER: [APPLICATION 0] or [1]) rather than raw NTLMSSP ("NTLMSSP\0"). */
    public static boolean isWrapped(byte[] token) {
        return token.length > 0 && (token[0] == 0x60 || token[0] == (byte) 0xa1);
    }

    /** The NTLM token inside a NegTokenInit or NegTokenResp; null if there is none or the DER is malformed. */
    public static byte[] unwrap(byte[] token) {
        try {
            ASN1TaggedObject outer = ASN1TaggedObject.getInstance(ASN1Primitive.fromByteArray(token));
            if (outer.getTagClass() == BERTags.APPLICATION && outer.getTagNo() == 0) {
                ASN1Sequence framed = ASN1Sequence.getInstance(outer.getBaseUniversal(false, BERTags.SEQUENCE));
                if (framed.size() < 2 || !SPNEGO.equals(framed.getObjectAt(0))) {
                    return null;
                }
                ASN1TaggedObject init = ASN1TaggedObject.getInstance(framed.getObjectAt(1));
                return init.getTagNo() == 0 ? mechToken(ASN1Sequence.getInstance(init, true)) : null;
            }
            if (outer.getTagClass() == BERTags.CONTEXT_SPECIFIC && outer.getTagNo() == 1) {
                return mechToken(ASN1Sequence.getInstance(outer, true));
            }
            return null;
        } catch (IOException | IllegalArgumentException | IllegalStateException | ClassCastException e) {
            return null;
        }
    }

    /** NegTokenInit's mechToken and NegTokenResp's responseToken are both field [2]. */
    private static byte[] mechToken(ASN1Sequence fields) {
        for (ASN1Encodable field : fields) {
            ASN1TaggedObject tagged = ASN1TaggedObject.getInstance(field);
            if (tagged.getTagNo() == 2) {
                return ASN1OctetString.getInstance(tagged, true).getOctets();
            }
        }
        return null;
    }

    /** NegTokenResp { accept-incomplete, NTLM, the CHALLENGE }. */
    public static byte[] challenge(byte[] ntlmChallenge) {
        return negTokenResp(ACCEPT_INCOMPLETE, true, ntlmChallenge);
    }

    /** NegTokenResp { accept-completed }: the last word of the server after the AUTHENTICATE. */
    public static byte[] completed() {
        return negTokenResp(ACCEPT_COMPLETED, false, null);
    }

    private static byte[] negTokenResp(int state, boolean mech, byte[] token) {
        ASN1EncodableVector fields = new ASN1EncodableVector();
        fields.add(new DERTaggedObject(true, 0, new ASN1Enumerated(state)));
        if (mech) {
            fields.add(new DERTaggedObject(true, 1, NTLMSSP));
        }
        if (token != null) {
            fields.add(new DERTaggedObject(true, 2, new DEROctetString(token)));
        }
        try {
            return new DERTaggedObject(true, 1, new DERSequence(fields)).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a NegTokenResp", e);
        }
    }
}
