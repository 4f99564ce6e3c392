package org.wsusremediator.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Query strings and form bodies as the console reads them: decoded, repeated fields kept, bad escapes dropped, bounded. */
class FormsTest {

    @Test
    void fieldsAreDecodedAndRepeatedOnesKeptInOrder() {
        Forms f = Forms.parse("decision=approve&host=sp1-a&host=sp1-b&reason=change+4711%3A+ok%21&empty=&flag");
        assertThat(f.value("decision")).isEqualTo("approve");
        assertThat(f.values("host")).containsExactly("sp1-a", "sp1-b");
        assertThat(f.value("host")).isEqualTo("sp1-a");
        assertThat(f.value("reason")).isEqualTo("change 4711: ok!");
        assertThat(f.value("empty")).isEmpty();
        assertThat(f.value("flag")).as("a name without '='").isEmpty();
        assertThat(f.value("missing")).isNull();
        assertThat(f.values("missing")).isEmpty();
        assertThat(f.fields().keySet()).containsExactly("decision", "host", "reason", "empty", "flag");
    }

    @Test
    void utf8AndMarkupArriveAsText() {
        Forms f = Forms.parse("reason=%3Cscript%3Ealert(1)%3C%2Fscript%3E&name=J%C3%BCrgen&a%26b=c%3Dd");
        assertThat(f.value("reason")).isEqualTo("<script>alert(1)</script>");
        assertThat(f.value("name")).isEqualTo("Jürgen");
        assertThat(f.value("a&b")).isEqualTo("c=d");
    }

    @Test
    void nothingToParseIsAnEmptyForm() {
        assertThat(Forms.parse(null).fields()).isEmpty();
        assertThat(Forms.parse("").fields()).isEmpty();
        assertThat(Forms.parse("&&&").fields()).isEmpty();
    }

    @Test
    void aMalformedEscapeDropsThatFieldOnly() {
        Forms f = Forms.parse("a=%zz&b=ok&c=%&d%G1=x&e=%E2%82&csrf=t");
        assertThat(f.fields()).doesNotContainKeys("a", "c");
        assertThat(f.value("b")).isEqualTo("ok");
        assertThat(f.value("csrf")).isEqualTo("t");
        assertThat(f.fields().keySet()).noneMatch(k -> k.startsWith("d"));
    }

    @Test
    void pastMaxFieldsTheRestIsIgnored() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < Forms.MAX_FIELDS + 500; i++) {
            body.append(i == 0 ? "" : "&").append("f").append(i).append('=').append(i);
        }
        body.append("&csrf=late");
        Forms f = Forms.parse(body.toString());
        assertThat(f.fields()).hasSize(Forms.MAX_FIELDS);
        assertThat(f.value("f" + (Forms.MAX_FIELDS - 1))).isEqualTo(String.valueOf(Forms.MAX_FIELDS - 1));
        assertThat(f.value("f" + Forms.MAX_FIELDS)).isNull();
        assertThat(f.value("csrf")).as("a field past the bound").isNull();

        StringBuilder same = new StringBuilder("host=x");
        same.append("&host=x".repeat(Forms.MAX_FIELDS + 10));
        assertThat(Forms.parse(same.toString()).values("host")).as("repeats count too").hasSize(Forms.MAX_FIELDS);
        assertThat(new Forms(java.util.Map.of("a", List.of())).value("a")).isNull();
    }
}
