package io.meshwarden.schemas.text;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ControlCharactersTest {

    @Test
    void writesLineBreaksAnsiEscapesAndBidiOverridesAsVisibleEscapes() {
        assertThat(ControlCharacters.escape("evil\n12:00:00 INFO forged line")).isEqualTo("evil\\n12:00:00 INFO forged line");
        assertThat(ControlCharacters.escape("a\rb\tc")).isEqualTo("a\\rb\\tc");
        assertThat(ControlCharacters.escape("\u001b[2J\u001b]0;pwned\u0007")).isEqualTo("\\u001b[2J\\u001b]0;pwned\\u0007");
        assertThat(ControlCharacters.escape("id\u202egnp.exe")).isEqualTo("id\\u202egnp.exe");
        assertThat(ControlCharacters.escape("x\u0085y\u2028z\u007f")).isEqualTo("x\\u0085y\\u2028z\\u007f");
        assertThat(ControlCharacters.escape(null)).isNull();
    }

    @Test
    void leavesPrintableTextAloneIncludingNonLatinScripts() {
        String text = "paid-media.campaign-performance \"quoted\" \\ é 東京 🚀";
        assertThat(ControlCharacters.escape(text)).isSameAs(text);
    }

    @Property
    void theEscapedTextHasNoUnsafeCharacterLeft(@ForAll String text) {
        String escaped = ControlCharacters.escape(text);
        assertThat(escaped.chars().noneMatch(c -> ControlCharacters.unsafe((char) c))).isTrue();
        if (text.chars().noneMatch(c -> ControlCharacters.unsafe((char) c))) {
            assertThat(escaped).isEqualTo(text);
        }
    }
}
