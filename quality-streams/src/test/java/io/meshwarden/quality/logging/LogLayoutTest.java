package io.meshwarden.quality.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The service's own logback.xml, as shipped: it loads cleanly and a hostile product id cannot forge a log line. */
class LogLayoutTest {

    @Test
    void theShippedLayoutEscapesControlCharactersInMessages() throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogLayoutTest.class.getResource("/logback.xml"));
        assertThat(new StatusUtil(context).getHighestLevel(0)).as("logback.xml loads without errors or warnings")
                .isLessThan(Status.WARN);

        ConsoleAppender<?> console = (ConsoleAppender<?>) context.getLogger("ROOT").getAppender("STDOUT");
        PatternLayoutEncoder encoder = (PatternLayoutEncoder) console.getEncoder();
        LoggingEvent event = new LoggingEvent(LogLayoutTest.class.getName(), context.getLogger("io.meshwarden.test"), Level.WARN,
                "Refused change for {}", null, new Object[] {"evil.x\n00:00:00.000 INFO  [main] forged - fine\u001b[2J"});
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(line).endsWith("Refused change for evil.x\\n00:00:00.000 INFO  [main] forged - fine\\u001b[2J" + System.lineSeparator());
        assertThat(line.strip().lines()).hasSize(1);
        context.stop();
    }
}
