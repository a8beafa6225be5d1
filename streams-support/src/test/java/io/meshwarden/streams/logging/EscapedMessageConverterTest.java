package io.meshwarden.streams.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

/** A hostile product id logged by a service stays on its own line and cannot send escapes to a terminal. */
class EscapedMessageConverterTest {

    @Test
    void escapesTheControlCharactersOfTheFormattedMessage() {
        Logger logger = new LoggerContext().getLogger("test");
        LoggingEvent event = new LoggingEvent(EscapedMessageConverterTest.class.getName(), logger, Level.WARN,
                "Refused change for {}", null, new Object[] {"evil.x\n12:00:00.000 INFO  forged - all fine\u001b[2J"});

        String line = new EscapedMessageConverter().convert(event);

        assertThat(line).isEqualTo("Refused change for evil.x\\n12:00:00.000 INFO  forged - all fine\\u001b[2J");
    }
}
