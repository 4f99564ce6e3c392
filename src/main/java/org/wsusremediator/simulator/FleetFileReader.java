package org.wsusremediator.simulator;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.LoaderOptions;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Objects;
import java.util.stream.Collectors;

/** Reads fleet files with Jackson, rejecting unknown fields, and turns every failure into a located message. */
final class FleetFileReader {

    /** A fleet of thousands of hosts is a few hundred kilobytes. */
    static final long MAX_BYTES = 2L << 20;
    private static final ObjectMapper MAPPER = newMapper();

    private FleetFileReader() {
    }

    /**
     * Only a regular file of at most {@link #MAX_BYTES} is read: a FIFO would block the simulator's start, a
     * device never end. (Checked here rather than with the product's input readers: the simulator stays apart.)
     */
    static FleetFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new FleetFileException(file.toString(), "", Files.exists(file)
                    ? "is not a regular file (a FIFO, device, socket or directory is never read)" : "cannot read: not found", null);
        }
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new FleetFileException(file.toString(), "", "is " + size + " bytes long; at most " + MAX_BYTES
                        + " bytes are read", null);
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FleetFileException(file.toString(), "", "cannot read: " + e.getClass().getSimpleName(), e);
        }
        if (text.length() > MAX_BYTES) {
            throw new FleetFileException(file.toString(), "", "grew while it was read; at most " + MAX_BYTES + " bytes are read", null);
        }
        Path directory = file.toAbsolutePath().getParent();
        return parse(text, file.toString()).resolvedAgainst(directory);
    }

    static FleetFile parse(String yaml, String source) {
        if (yaml == null || yaml.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("#"))) {
            throw new FleetFileException(source, "", "the file is empty", null);
        }
        FleetFile fleet;
        try {
            fleet = MAPPER.readValue(yaml, FleetFile.class);
        } catch (JsonMappingException e) {
            throw located(source, treeOrNull(yaml), e);
        } catch (JsonProcessingException e) {
            throw new FleetFileException(source, "", "not valid YAML" + lineOf(e) + ": " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new FleetFileException(source, "", e.getMessage(), e);
        }
        if (fleet == null) {
            throw new FleetFileException(source, "", "the file is empty", null);
        }
        return fleet;
    }

    private static JsonNode treeOrNull(String yaml) {
        try {
            return MAPPER.readTree(yaml);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String lineOf(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ")";
    }

    private static FleetFileException located(String source, JsonNode tree, JsonMappingException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MarkedYAMLException y) {
                String line = y.getProblemMark() == null ? "" : " (line " + (y.getProblemMark().getLine() + 1) + ")";
                return new FleetFileException(source, "", "not valid YAML" + line + ": " + y.getProblem(), e);
            }
        }
        String path = pathOf(tree, e.getPath());
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return new FleetFileException(source, path, "unknown field" + lineOf(e) + " (known fields: " + known + ")", e);
        }
        // Our own checks throw IllegalArgumentException("field: problem"); Jackson wraps them with the location.
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root instanceof IllegalArgumentException || root instanceof JsonMappingException
                ? (root instanceof JsonMappingException j ? j.getOriginalMessage() : root.getMessage())
                : e.getOriginalMessage();
        int colon = message == null ? -1 : message.indexOf(": ");
        if (colon > 0 && !message.substring(0, colon).contains(" ")) {
            String field = message.substring(0, colon);
            String joined = path.isEmpty() ? field : path + (field.startsWith("[") ? "" : ".") + field;
            return new FleetFileException(source, joined, message.substring(colon + 2) + lineOf(e), e);
        }
        return new FleetFileException(source, path, simplify(message) + lineOf(e), e);
    }

    /** {@code hosts[3] (sp1-fixed-2008).os.version}: the host's name makes the index easy to find. */
    private static String pathOf(JsonNode tree, Collection<JsonMappingException.Reference> refs) {
        StringBuilder out = new StringBuilder();
        JsonNode node = tree;
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
                node = node == null ? null : node.get(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
                node = node == null ? null : node.get(ref.getIndex());
                JsonNode name = node == null ? null : node.get("name");
                if (name != null && name.isTextual()) {
                    out.append(" (").append(name.asText()).append(')');
                }
            }
        }
        return out.toString();
    }

    private static String simplify(String jacksonMessage) {
        return Objects.toString(jacksonMessage, "invalid value")
                .replaceAll("`(?:[a-z0-9_]+\\.)+([A-Za-z0-9_$]+)`", "$1");
    }

    private static ObjectMapper newMapper() {
        SimpleModule types = new SimpleModule("wsus-simulator-types");
        types.addDeserializer(WindowsVersion.class, new TextDeserializer<>(WindowsVersion::parse));
        types.addDeserializer(WindowsArchitecture.class, new TextDeserializer<>(WindowsArchitecture::parse));
        LoaderOptions limits = new LoaderOptions();
        limits.setCodePointLimit((int) MAX_BYTES);
        return new ObjectMapper(YAMLFactory.builder().loaderOptions(limits)
                        .streamReadConstraints(StreamReadConstraints.builder().maxDocumentLength(MAX_BYTES).build())
                        .build())
                .registerModule(types)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    }

    /** Reads a scalar as its source text (so YAML's 2.0 stays "2.0") and parses it with our own parsers. */
    private static final class TextDeserializer<T> extends JsonDeserializer<T> {
        private final java.util.function.Function<String, T> parser;

        TextDeserializer(java.util.function.Function<String, T> parser) {
            this.parser = parser;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.currentToken().isScalarValue()) {
                throw JsonMappingException.from(p, "expected a single value, not " + p.currentToken());
            }
            try {
                return parser.apply(p.getText());
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, e.getMessage());
            }
        }
    }
}
