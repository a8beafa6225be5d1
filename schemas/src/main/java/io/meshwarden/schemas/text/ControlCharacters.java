package io.meshwarden.schemas.text;

/**
 * Text from contracts, events and policy sets, made safe to print on a terminal or in a log line:
 * every character that could move the cursor, recolour or clear the screen, end a line, or reorder
 * what follows is written as a visible escape instead. {@code \n}, {@code \r} and {@code \t} as
 * themselves escaped, ESC and every other C0 and C1 control, DEL, the Unicode line and paragraph
 * separators and the bidirectional overrides and isolates (U+202A..U+202E, U+2066..U+2069: the
 * "Trojan Source" characters) as {@code \}{@code uXXXX}. A backslash stays a backslash: the escape is
 * for the eye, not a format to decode. Text without such characters is returned as it is (no copy).
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder safe = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!unsafe(c)) {
                safe.append(c);
            } else if (c == '\n') {
                safe.append("\\n");
            } else if (c == '\r') {
                safe.append("\\r");
            } else if (c == '\t') {
                safe.append("\\t");
            } else {
                safe.append(String.format("\\u%04x", (int) c));
            }
        }
        return safe.toString();
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (unsafe(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    static boolean unsafe(char c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f || c == '\u2028' || c == '\u2029'
                || c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069';
    }
}
