package io.meshwarden.cli;

import io.meshwarden.schemas.text.ControlCharacters;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The CLI's human output: every argument of {@link #printf}/{@link #format} (product ids, file
 * names, messages, reasons: text that other teams wrote) is printed with its control characters
 * escaped ({@link ControlCharacters}), so a hostile product id can neither forge a line of output
 * nor rewrite the operator's terminal. The format itself is the CLI's own. Data is printed only
 * through format arguments; {@code println} is for the CLI's own text and for JSON, which escapes
 * control characters itself.
 */
final class TerminalWriter extends PrintWriter {

    private TerminalWriter(PrintWriter out) {
        super(out, true);
    }

    /** {@code out} made safe for human output; the same writer when it already is. */
    static TerminalWriter of(PrintWriter out) {
        return out instanceof TerminalWriter safe ? safe : new TerminalWriter(out);
    }

    /** A line of data, escaped. */
    void line(String data) {
        printf("%s%n", data);
    }

    @Override
    public PrintWriter format(String format, Object... args) {
        return super.format(format, escaped(args));
    }

    @Override
    public PrintWriter format(Locale locale, String format, Object... args) {
        return super.format(locale, format, escaped(args));
    }

    private static Object[] escaped(Object[] args) {
        Object[] safe = args.clone();
        for (int i = 0; i < safe.length; i++) {
            if (safe[i] != null && !(safe[i] instanceof Number) && !(safe[i] instanceof Boolean)) {
                safe[i] = ControlCharacters.escape(safe[i].toString());
            }
        }
        return safe;
    }
}
