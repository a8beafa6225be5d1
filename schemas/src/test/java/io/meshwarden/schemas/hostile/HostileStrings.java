package io.meshwarden.schemas.hostile;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Strings a hostile or careless producer sends, for every input of the mesh: quotes of every kind
 * and markup that breaks out of HTML attributes and scripts, {@code javascript:} URLs, control
 * characters, ANSI escapes and forged log lines, right-to-left overrides, regular expressions that
 * backtrack catastrophically, deeply nested JSON, and very long strings; mixed with arbitrary
 * Unicode. Every module's hostile-input tests draw from here, so a new nasty string reaches all of them.
 */
public final class HostileStrings {
    /** The fixed corpus, each one a known attack or breakage. */
    public static final List<String> CORPUS = List.of(
            "evil.x\" onmouseover=\"document.title=1337\" data-x=\"",
            "evil.x' onmouseover='document.title=1337' data-x='",
            "`${alert(1)}`",
            "</script><script>window.canary=1</script>",
            "<img src=x onerror=\"window.canary=1\">",
            "<svg/onload=window.canary=1>",
            "javascript:window.canary=1",
            " JaVaScRiPt:window.canary=1",
            "data:text/html;base64,PHNjcmlwdD53aW5kb3cuY2FuYXJ5PTE8L3NjcmlwdD4=",
            "{{constructor.constructor('window.canary=1')()}}",
            "evil\n12:00:00.000 INFO  [main] forged - all fine",
            "evil\r\nSet-Cookie: session=stolen",
            "\u001b[2J\u001b[H\u001b]0;pwned\u0007",
            "id\u202egnp.exe",
            "\u2066admin\u2069\u2067",
            "\u0000\u0001\u0008\u007f\u0085",
            "(a+)+$",
            "(a|aa)+c",
            "a".repeat(50_000) + "b",
            "[".repeat(2_000) + "]".repeat(2_000),
            "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000),
            "'; DROP TABLE products; --",
            "../../../../etc/passwd",
            "%00%0d%0a",
            "\uD83D\uDE80\uD83D",
            "x".repeat(1_048_576));

    private HostileStrings() {
    }

    /** The corpus, arbitrary Unicode with control characters, and the two spliced together. */
    public static Arbitrary<String> any() {
        Arbitrary<String> corpus = Arbitraries.of(CORPUS);
        Arbitrary<String> unicode = Arbitraries.strings().all().ofMaxLength(200);
        Arbitrary<String> controls = Arbitraries.strings().withCharRange('\u0000', '\u001f').withChars('\u007f', '\u202e', '\u2028')
                .ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> spliced = net.jqwik.api.Combinators.combine(corpus, controls, unicode).as((a, b, c) -> c + b + a);
        return Arbitraries.oneOf(corpus, unicode, controls, spliced);
    }

    /** Hostile strings short enough to be a product id's or name's part (no megabyte ones). */
    public static Arbitrary<String> bounded() {
        return any().filter(s -> s.length() <= 10_000);
    }
}
