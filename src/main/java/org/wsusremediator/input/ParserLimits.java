package org.wsusremediator.input;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The parsers' own limits, set to {@link InputLimits}: Jackson's {@link StreamReadConstraints} (document and
 * string length, nesting), SnakeYAML's {@link LoaderOptions} (code points, aliases, nesting), and Jackson's
 * {@link ErrorReportConfiguration} so that its messages quote at most an excerpt of a token. The byte limit of
 * {@link InputFiles} comes first; these hold for text that does not come from a file, and for what a byte
 * count does not see (nesting, alias expansion).
 */
public final class ParserLimits {

    private static final int MAX_NESTING = 64;

    private ParserLimits() {
    }

    public static StreamReadConstraints constraints(long maxChars) {
        return StreamReadConstraints.builder()
                .maxDocumentLength(maxChars)
                .maxStringLength(InputLimits.VALUE_CHARS)
                .maxNameLength(InputLimits.VALUE_CHARS)
                .maxNumberLength(64)
                .maxNestingDepth(MAX_NESTING)
                .build();
    }

    public static ErrorReportConfiguration errorReports() {
        return ErrorReportConfiguration.builder()
                .maxErrorTokenLength(Excerpt.MAX_CHARS)
                .maxRawContentLength(0)
                .build();
    }

    public static LoaderOptions loaderOptions(long maxChars) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, maxChars));
        options.setNestingDepthLimit(MAX_NESTING);
        options.setMaxAliasesForCollections(50);
        options.setAllowRecursiveKeys(false);
        return options;
    }

    /** A YAML factory builder with every limit set for a document of at most {@code maxChars}. */
    public static YAMLFactoryBuilder yaml(long maxChars) {
        return YAMLFactory.builder()
                .loaderOptions(loaderOptions(maxChars))
                .streamReadConstraints(constraints(maxChars))
                .errorReportConfiguration(errorReports());
    }

    /**
     * The limit that stopped a parser, as a sentence fragment without Jackson's method names, or null when
     * {@code e} was not caused by a limit.
     */
    public static String limitHit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InputFileException input) {
                return input.reason();
            }
            if (t instanceof StreamConstraintsException limit) {
                String m = String.valueOf(limit.getOriginalMessage());
                if (m.startsWith("String value length") || m.startsWith("Name length")) {
                    return "a value is longer than the limit; at most " + InputLimits.VALUE_CHARS + " characters are read";
                }
                if (m.startsWith("Document length")) {
                    return "is longer than the limit";
                }
                if (m.contains("nesting depth")) {
                    return "nests deeper than " + MAX_NESTING + " levels";
                }
                return "exceeds a parser limit";
            }
            String m = t.getMessage();
            if (m != null && m.contains("The incoming YAML document exceeds the limit")) {
                return "is longer than the limit";
            }
        }
        return null;
    }
}
