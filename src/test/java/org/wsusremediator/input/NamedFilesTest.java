package org.wsusremediator.input;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wsusremediator.plan.AdminDirectory;
import org.wsusremediator.recipe.RecipeReader;
import org.wsusremediator.simulator.FleetFile;
import org.wsusremediator.window.ScheduleFile;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Every file the product reads by name, besides the inventory and its CSV and secret files (inventory tests):
 * a FIFO or a device is refused at once instead of blocking or reading forever, and a file over its limit is
 * refused by its size, with a short message (issue 8, items 8 and 9). The timeout turns a regression into a
 * failure instead of a hung build.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NamedFilesTest {

    @TempDir
    Path dir;

    enum Reader {
        WINDOWS(ScheduleFile::read),
        RECIPE(file -> RecipeReader.read(file, "0".repeat(64))),
        ADMINS(AdminDirectory::read),
        FLEET(FleetFile::load);

        final Consumer<Path> read;

        Reader(Consumer<Path> read) {
            this.read = read;
        }

        String refusal(Path file) {
            Throwable e = catchThrowable(() -> read.accept(file));
            assertThat(e).as("%s reading %s", this, file).isInstanceOf(RuntimeException.class);
            assertThat(e.getMessage()).as("message").hasSizeLessThan(1_000);
            return e.getMessage();
        }
    }

    @ParameterizedTest
    @EnumSource(Reader.class)
    void aFifoIsRefusedAtOnce(Reader reader) throws Exception {
        Path fifo = dir.resolve("named.fifo");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0).as("mkfifo").isTrue();
        assertThat(reader.refusal(fifo)).contains("not a regular file");
    }

    @ParameterizedTest
    @EnumSource(Reader.class)
    void devZeroIsRefusedAtOnce(Reader reader) {
        assertThat(reader.refusal(Path.of("/dev/zero"))).contains("not a regular file");
    }

    @ParameterizedTest
    @EnumSource(Reader.class)
    void anOversizedFileIsRefusedBySizeWithoutQuotingIt(Reader reader) throws IOException {
        Path big = dir.resolve("big.yaml");
        try (Writer w = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
            w.write("name: ");
            char[] chunk = new char[1 << 16];
            java.util.Arrays.fill(chunk, 'x');
            for (int i = 0; i < 48; i++) {
                w.write(chunk);
            }
            w.write("\n");
        }
        assertThat(reader.refusal(big)).contains("bytes long", "at most").doesNotContain("xxxxxxxxxx");
    }

    @Test
    void aLongWindowValueIsQuotedAsAnExcerpt() throws IOException {
        Path windows = Files.writeString(dir.resolve("windows.yaml"), "windows:\n  - name: " + "w".repeat(3000)
                + "\n    start: \"0 0 22 ? * SAT\"\n    duration: 4h\n    timeZone: UTC\n");
        String message = Reader.WINDOWS.refusal(windows);
        assertThat(message).contains("w".repeat(60) + "…").doesNotContain("w".repeat(61));
    }
}
