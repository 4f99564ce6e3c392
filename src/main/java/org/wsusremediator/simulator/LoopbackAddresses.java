package org.wsusremediator.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IPv4 loopback address arithmetic. Linux routes all of 127.0.0.0/8 to the loopback interface, so every simulated
 * host can have its own address without any network configuration; the simulator refuses anything else so it can
 * never listen on a real interface.
 */
public final class LoopbackAddresses {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final long FIRST = toLong("127.0.0.1");
    private static final long LAST = toLong("127.255.255.254");

    private LoopbackAddresses() {
    }

    static void requireLoopback(String field, String address) {
        long value;
        try {
            value = toLong(address);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage());
        }
        if (value < FIRST || value > LAST) {
            throw new IllegalArgumentException(field + ": " + address + " is not a loopback address (127.0.0.1 - 127.255.255.254)");
        }
    }

    /** {@code count} consecutive addresses starting at {@code first}, e.g. 127.100.0.1, 127.100.0.2, ... */
    public static List<String> consecutive(String first, int count) {
        long start = toLong(first);
        if (start < FIRST || start + count - 1 > LAST) {
            throw new IllegalArgumentException(count + " addresses from " + first + " do not fit in 127.0.0.1 - 127.255.255.254");
        }
        List<String> out = new ArrayList<>(count);
        for (long a = start; a < start + count; a++) {
            out.add(((a >> 24) & 0xff) + "." + ((a >> 16) & 0xff) + "." + ((a >> 8) & 0xff) + "." + (a & 0xff));
        }
        return out;
    }

    static long toLong(String address) {
        Matcher m = IPV4.matcher(address == null ? "" : address.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + address + "' is not an IPv4 address");
        }
        long value = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                throw new IllegalArgumentException("'" + address + "' is not an IPv4 address");
            }
            value = (value << 8) | octet;
        }
        return value;
    }
}
