package org.wsusremediator.consent;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The audit trail's head, anchored outside the database: after every append the store adds a line
 * {@code <seq> <hash> <mac>} to this file (opened with O_APPEND, each line one write, so lines of concurrent
 * processes never interleave), the MAC made with the {@link ServerKey}. Whoever cuts records off the trail and
 * resets {@code audit_head} in the database cannot remove or forge these lines without the key and the file:
 * {@code audit verify} and every run find the trail shorter than, or different from, what was anchored.
 *
 * <p>A line is written after its transaction commits: a process killed in between leaves the anchor one record
 * behind, which is not a break (the records after the highest anchored head are checked by the hash chain only).
 */
public final class AuditAnchor {

    /** One anchored head. */
    public record Head(long seq, String hash) {
    }

    /**
     * What the file holds: the heads whose MAC verifies, and problems (lines that do not verify, or cannot be
     * read); {@code exists} is false when no record was ever anchored here.
     */
    public record Reading(boolean exists, List<Head> heads, List<String> problems) {
    }

    private static final Pattern LINE = Pattern.compile("(\\d{1,18}) ([0-9a-f]{64}) ([0-9a-f]{64})");
    /** A line is 148 characters: anything much longer is not one of ours, and is not read whole. */
    private static final int LONGEST_LINE = 200;

    private final Path file;
    private final Sealer sealer;

    public AuditAnchor(Path file, ServerKey key) {
        this.file = file.toAbsolutePath();
        this.sealer = new Sealer(key);
    }

    public Path file() {
        return file;
    }

    /** Anchors a head: one line appended and forced to disk before this returns. */
    public void append(long seq, String hash) {
        String line = seq + " " + hash + " " + sealer.anchor(seq, hash) + "\n";
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
        try {
            boolean posix = file.getParent() != null
                    && Files.getFileAttributeView(file.getParent(), PosixFileAttributeView.class) != null;
            try (FileChannel out = posix
                    ? FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : FileChannel.open(file, options)) {
                ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(false);
            }
        } catch (IOException e) {
            throw new ConsentException("could not anchor audit record " + seq + " in " + file + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Reads every line; a line that does not verify with the key is a problem (edited, or written without the key). */
    public Reading read() {
        List<Head> heads = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            int number = 0;
            StringBuilder line = new StringBuilder();
            int c;
            boolean tooLong = false;
            while ((c = in.read()) != -1 || line.length() > 0 || tooLong) {
                if (c != -1 && c != '\n') {
                    if (line.length() < LONGEST_LINE) {
                        line.append((char) c);
                    } else {
                        tooLong = true;
                    }
                    continue;
                }
                number++;
                Matcher m = LINE.matcher(line);
                if (tooLong || !m.matches()) {
                    problems.add(file.getFileName() + " line " + number + " is not an anchored head");
                } else if (!sealer.key().verifies("audit-head", m.group(1) + ":" + m.group(2), m.group(3))) {
                    problems.add(file.getFileName() + " line " + number + " (record " + m.group(1)
                            + ") does not verify with the server key: written or edited without it");
                } else {
                    heads.add(new Head(Long.parseLong(m.group(1)), m.group(2)));
                }
                line.setLength(0);
                tooLong = false;
                if (c == -1) {
                    break;
                }
            }
        } catch (NoSuchFileException none) {
            return new Reading(false, List.of(), List.of());
        } catch (IOException e) {
            problems.add(file + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return new Reading(true, heads, problems);
    }
}
