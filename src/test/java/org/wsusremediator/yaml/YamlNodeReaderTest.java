package org.wsusremediator.yaml;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.input.InputLimits;
import org.wsusremediator.input.ProblemList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The one line-tracking YAML reader: where values were written, and what a plain readTree would hide. */
class YamlNodeReaderTest {

    @TempDir
    Path dir;

    private final ProblemList problems = new ProblemList();

    private YamlNode read(String yaml) throws IOException {
        Path file = dir.resolve("f.yaml");
        Files.writeString(file, yaml);
        return YamlNodeReader.read(file, problems);
    }

    private Path file() {
        return dir.resolve("f.yaml");
    }

    @Test
    void everyValueKnowsItsFileLineAndFieldPath() throws IOException {
        YamlNode.Mapping root = (YamlNode.Mapping) read("# a comment\nwindows:\n  - name: a\n    start: x\n");

        YamlNode.Sequence windows = (YamlNode.Sequence) root.get("windows");
        YamlNode.Mapping first = (YamlNode.Mapping) windows.items().get(0);
        YamlNode start = first.get("start");
        assertThat(start).isEqualTo(new YamlNode.Scalar(file(), 4, "windows[0].start", "x"));
        assertThat(windows.line()).isEqualTo(2);
        assertThat(first.path()).isEqualTo("windows[0]");
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void aKeyWrittenTwiceIsAProblemAtTheSecondAndTheFirstValueIsKept() throws IOException {
        YamlNode.Mapping root = (YamlNode.Mapping) read("a: 1\nb: 2\na: 3\n");

        assertThat(((YamlNode.Scalar) root.get("a")).text()).isEqualTo("1");
        assertThat(problems.sorted()).singleElement().asString()
                .isEqualTo(file() + ":3: a: written twice; already set at line 1");
    }

    @Test
    void anEmptyFileIsAnEmptyDocumentButAWrittenNullIsNot() throws IOException {
        assertThat(YamlNodeReader.isEmptyDocument(read("# only a comment\n"))).isTrue();
        assertThat(YamlNodeReader.isEmptyDocument(read("~\n"))).isFalse();
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void aSecondDocumentIsAProblemWhereItsContentStarts() throws IOException {
        read("a: 1\n---\nb: 2\n");

        assertThat(problems.sorted()).singleElement().asString()
                .isEqualTo(file() + ":3: a second YAML document ('---') is not allowed; the file is one document");
    }

    @Test
    void anOverlongValueIsAProblemAtItsLineAndNoTreeIsGiven() throws IOException {
        YamlNode top = read("a: 1\nb: " + "x".repeat(InputLimits.VALUE_CHARS + 1) + "\n");

        assertThat(top).isNull();
        assertThat(problems.sorted()).singleElement().asString().startsWith(file() + ":2: b: is 4097 characters long");
    }

    @Test
    void aMissingFileIsOneProblemWithoutALine() {
        assertThat(YamlNodeReader.read(dir.resolve("missing.yaml"), problems)).isNull();

        assertThat(problems.sorted()).singleElement().asString()
                .isEqualTo(dir.resolve("missing.yaml") + ": cannot be read: no such file");
    }
}
