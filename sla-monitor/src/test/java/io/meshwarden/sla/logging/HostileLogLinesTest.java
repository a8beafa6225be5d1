package io.meshwarden.sla.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import io.meshwarden.schemas.hostile.HostileStrings;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hostile-input suite at the logs: every string of {@link HostileStrings#CORPUS}, logged through the
 * SLA monitor's shipped {@code logback.xml} ({@code %escapedMsg}) as an argument and as the message
 * itself, gives exactly one line with no raw control character, line separator or bidi override in it.
 */
class HostileLogLinesTest {
    private LoggerContext context;
    private PatternLayoutEncoder encoder;

    @BeforeEach
    void shippedLayout() throws Exception {
        context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(HostileLogLinesTest.class.getResource("/logback.xml"));
        assertThat(new StatusUtil(context).getHighestLevel(0)).as("logback.xml loads cleanly").isLessThan(Status.WARN);
        encoder = (PatternLayoutEncoder) ((ConsoleAppender<?>) context.getLogger("ROOT").getAppender("STDOUT")).getEncoder();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void everyCorpusStringLogsAsOneLineWithoutRawControlCharacters() {
        for (int i = 0; i < HostileStrings.CORPUS.size(); i++) {
            String text = HostileStrings.CORPUS.get(i);
            for (LoggingEvent event : new LoggingEvent[] {
                    event("Alert opened for {} ({})", text, "naming.product-id"), event(text)}) {
                String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
                String body = line.substring(0, line.length() - System.lineSeparator().length());
                // Described by its index: the string itself may be a megabyte or drive the terminal.
                assertThat(line).as("corpus string %d ends its line with the separator", i).endsWith(System.lineSeparator());
                assertThat(body.chars().filter(HostileLogLinesTest::unsafe).count())
                        .as("raw control characters in the line of corpus string %d", i).isZero();
            }
        }
    }

    private LoggingEvent event(String message, Object... arguments) {
        return new LoggingEvent(HostileLogLinesTest.class.getName(), context.getLogger("io.meshwarden.test"), Level.WARN,
                message, null, arguments);
    }

    /** What could end a line, move the cursor or reorder text: C0, DEL, C1, line and paragraph separators, bidi controls. */
    private static boolean unsafe(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069);
    }
}
