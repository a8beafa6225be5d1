package io.meshwarden.governance.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedMemoTest {
    @Test
    void computesEachTextOnceUntilFullThenStartsAfresh() {
        AtomicInteger calls = new AtomicInteger();
        BoundedMemo<Integer> lengths = new BoundedMemo<>(2, text -> {
            calls.incrementAndGet();
            return text.length();
        });

        assertThat(lengths.get("ab")).isEqualTo(2);
        assertThat(lengths.get("ab")).isEqualTo(2);
        assertThat(lengths.get("abc")).isEqualTo(3);
        assertThat(calls).hasValue(2);

        assertThat(lengths.get("abcd")).isEqualTo(4); // full: emptied, then holds "abcd" alone
        assertThat(lengths.get("ab")).isEqualTo(2);
        assertThat(calls).hasValue(4);
    }

    @Test
    void remembersNoFailure() {
        AtomicInteger calls = new AtomicInteger();
        BoundedMemo<Integer> failing = new BoundedMemo<>(8, text -> {
            calls.incrementAndGet();
            throw new IllegalArgumentException("bad " + text);
        });

        assertThatThrownBy(() -> failing.get("x")).hasMessage("bad x");
        assertThatThrownBy(() -> failing.get("x")).hasMessage("bad x");
        assertThat(calls).hasValue(2);
    }
}
