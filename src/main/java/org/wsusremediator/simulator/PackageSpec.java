package org.wsusremediator.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A package the fleet's file share or web server offers (the KB954960 installers), as the fleet file lists it
 * under {@code packages}: where hosts fetch it from and what it contains. Its bytes are {@code content} in UTF-8;
 * their SHA-256 is what an inventory pins. {@link #toString()} names the source only, never the content.
 *
 * @param source  a UNC path ({@code \\server\share\file.exe}) or an http:// or https:// URL ending in the file name
 * @param content the package's text; its UTF-8 bytes are the package
 * @param readers who may read it from the share (UNC sources; a web server serves anyone): {@code Domain Computers}
 *                (every host's computer account, what a SYSTEM task reaches the share as), a computer account
 *                {@code NAME$} or {@code DOMAIN\NAME$}, a user {@code DOMAIN&#92;user}, {@code Everyone} (any
 *                authenticated account), {@code ANONYMOUS LOGON}; default {@code [Domain Computers]}
 *                (docs/simulator-legacy-windows.md)
 * @param deny    accounts or groups denied even when {@code readers} lets them (a deny entry wins, as in Windows
 *                ACLs), same forms; default none
 */
public record PackageSpec(String source, String content, java.util.List<String> readers, java.util.List<String> deny) {

    /** Who may read a package whose fleet entry names nobody: every domain computer. */
    public static final java.util.List<String> DEFAULT_READERS = java.util.List.of(ShareAccess.DOMAIN_COMPUTERS);

    public PackageSpec(String source, String content) {
        this(source, content, null, null);
    }

    private static final Pattern UNC = Pattern.compile("\\\\\\\\[^\\\\/\\s]+\\\\[^\\\\/]+(\\\\[^\\\\/]+)+");
    private static final Pattern URL = Pattern.compile("(?i)https?://[^/\\s]+/\\S*[^/\\s]");

    public PackageSpec {
        Checks.required("source", source);
        Checks.ascii("source", source);
        if (!UNC.matcher(source).matches() && !URL.matcher(source).matches()) {
            throw new IllegalArgumentException("source: '" + source
                    + "' is neither a UNC path like \\\\server\\share\\file.exe nor an http:// or https:// URL ending in a file name");
        }
        if (content == null) {
            throw new IllegalArgumentException("content: required (the package's bytes, as text)");
        }
        readers = readers == null ? DEFAULT_READERS : java.util.List.copyOf(readers);
        deny = deny == null ? java.util.List.of() : java.util.List.copyOf(deny);
        for (String r : readers) {
            Checks.required("readers", r);
            Checks.ascii("readers", r);
        }
        for (String d : deny) {
            Checks.required("deny", d);
            Checks.ascii("deny", d);
        }
    }

    /** True for an http:// or https:// source (downloaded), false for a UNC path (copied). */
    public boolean isUrl() {
        return source.regionMatches(true, 0, "http", 0, 4);
    }

    /** The file name at the end of the source: {@code WSUS3.0SP1-KB954960-x64.exe}. */
    public String fileName() {
        int cut = Math.max(source.lastIndexOf('\\'), source.lastIndexOf('/'));
        return source.substring(cut + 1);
    }

    /** The package's bytes: {@code content} in UTF-8. */
    public byte[] bytes() {
        return content.getBytes(StandardCharsets.UTF_8);
    }

    /** SHA-256 of {@link #bytes()}, 64 lowercase hex digits: the value an inventory pins for this package. */
    public String sha256() {
        return sha256Hex(bytes());
    }

    /** Whether {@code path} names this package's source (UNC paths compare case-insensitively, like Windows). */
    boolean isAt(String path) {
        return isUrl() ? source.equals(path) : source.toLowerCase(Locale.ROOT).equals(path.toLowerCase(Locale.ROOT));
    }

    /** SHA-256 of {@code bytes} as 64 lowercase hex digits. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** SHA-256 of {@code text} in UTF-8 (a simulated file's bytes), 64 lowercase hex digits. */
    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "package " + source + " (" + bytes().length + " bytes)";
    }
}
