package org.wsusremediator.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class LogSignaturesTest {

    private static final String ITEM = "2008-06-14 02:59:57.642 UTC Error  w3wp.12  ClientImplementation.SyncUpdates  "
            + "System.ArgumentException: Item has already been added. Key in dictionary: '8862'  Key being added: '8862'";
    private static final String SYNC = "   at Microsoft.UpdateServices.Internal.ClientImplementation.GetSyncInfo(DataAccess dataAccess)";

    private static LogSignatures scan(List<String> lines) {
        LogSignatures s = new LogSignatures();
        for (int i = 0; i < lines.size(); i++) {
            s.line(i + 1, lines.get(i));
        }
        return s;
    }

    @Test
    void theAdvisorysLinesAreOneSignature() {
        LogSignatures s = scan(List.of(ITEM, "   at System.Collections.Hashtable.Insert(...)", "   at System.Collections.Hashtable.Add(...)", SYNC));
        assertThat(s.count()).isEqualTo(1);
        assertThat(s.last()).isEqualTo("2008-06-14 02:59:57.642");
    }

    @Test
    void getSyncInfoMustComeWithinTenLines() {
        List<String> filler = java.util.Collections.nCopies(9, "filler");
        assertThat(scan(concat(List.of(ITEM), filler, List.of(SYNC))).count()).as("10 lines after").isEqualTo(1);
        assertThat(scan(concat(List.of(ITEM), filler, List.of("one more"), List.of(SYNC))).count()).as("11 lines after").isZero();
        assertThat(scan(List.of(SYNC, ITEM)).count()).as("before").isZero();
        assertThat(scan(List.of(ITEM.replace("8862", "x") + " GetSyncInfo")).count()).as("same line").isZero();
    }

    @Test
    void eachItemLineCountsOnceAndTheLastOneGivesTheTime() {
        LogSignatures s = scan(List.of(ITEM, ITEM.replace("57.642", "58,001"), SYNC, SYNC, ITEM.replace("57.642", "59.999")));
        assertThat(s.count()).isEqualTo(2);
        assertThat(s.last()).isEqualTo("2008-06-14 02:59:58,001");
    }

    @Test
    void matchingIgnoresCaseAsPowerShellsLikeDoes() {
        assertThat(scan(List.of(ITEM.toUpperCase(), SYNC.toLowerCase())).count()).isEqualTo(1);
    }

    @Test
    void shortLinesGiveTheirWholeText() {
        LogSignatures s = scan(List.of("Item has already been added", "GetSyncInfo"));
        assertThat(s.last()).isEqualTo("Item has already been a");
        assertThat(scan(List.of("x")).last()).isNull();
    }

    @Test
    void lineNumbersMustIncrease() {
        LogSignatures s = new LogSignatures();
        s.line(5, ITEM);
        assertThatThrownBy(() -> s.line(5, SYNC)).isInstanceOf(IllegalArgumentException.class);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
    }
}
