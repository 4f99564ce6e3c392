package org.wsusremediator.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * Opens files named in arguments and configuration. Only regular files are opened: a FIFO blocks the reader
 * forever and a device such as /dev/zero never ends. Symbolic links are followed (configuration is often
 * linked into place), but what they point to must be a regular file. A file longer than its limit is refused
 * before it is read, and the stream stops at the limit in case the file grows while it is read.
 */
public final class InputFiles {

    private InputFiles() {
    }

    /**
     * Why {@code file} is not read, or null when it may be: a sentence fragment to follow the file's name
     * ("not found", "is a directory, not a file", "is not a regular file (…)", "is N bytes; at most …").
     */
    public static String refusal(Path file, long maxBytes) {
        if (!Files.exists(file)) {
            return "not found";
        }
        if (Files.isDirectory(file)) {
            return "is a directory, not a file";
        }
        if (!Files.isRegularFile(file)) {
            return "is not a regular file (a FIFO, device or socket is never read, it could block or never end)";
        }
        if (!Files.isReadable(file)) {
            return "cannot be read (permission denied)";
        }
        try {
            long size = Files.size(file);
            return size > maxBytes ? tooLong(size, maxBytes) : null;
        } catch (IOException e) {
            return "cannot be read (" + e.getClass().getSimpleName() + ")";
        }
    }

    /** The file's bytes as a stream that ends in an {@link InputFileException} past {@code maxBytes}. */
    public static InputStream open(Path file, long maxBytes) throws InputFileException {
        String refused = refusal(file, maxBytes);
        if (refused != null) {
            throw new InputFileException(refused);
        }
        try {
            // Stops reading at the limit: a file that grew after its size was checked is refused, not read on.
            return BoundedInputStream.builder().setPath(file).setMaxCount(maxBytes + 1)
                    .setOnMaxCount((max, count) -> {
                        throw new InputFileException("grew while it was read and is now longer than the limit; at most "
                                + InputLimits.describeBytes(maxBytes) + " are read");
                    })
                    .get();
        } catch (NoSuchFileException e) {
            throw new InputFileException("not found");
        } catch (AccessDeniedException e) {
            throw new InputFileException("cannot be read (permission denied)");
        } catch (IOException e) {
            throw new InputFileException("cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    public static byte[] readAllBytes(Path file, long maxBytes) throws InputFileException {
        try (InputStream in = open(file, maxBytes)) {
            return in.readAllBytes();
        } catch (InputFileException e) {
            throw e;
        } catch (IOException e) {
            throw new InputFileException("cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The file as UTF-8 text, without a leading byte order mark; malformed UTF-8 is refused, not replaced. */
    public static String readUtf8(Path file, long maxBytes) throws InputFileException {
        byte[] bytes = readAllBytes(file, maxBytes);
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new InputFileException("is not UTF-8 text");
        }
    }

    static String tooLong(long size, long maxBytes) {
        return "is " + size + " bytes long; at most " + InputLimits.describeBytes(maxBytes) + " are read";
    }
}
