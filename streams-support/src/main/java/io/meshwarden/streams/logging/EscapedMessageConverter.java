package io.meshwarden.streams.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.meshwarden.schemas.text.ControlCharacters;

/**
 * The log message with its control characters escaped ({@link ControlCharacters}): the services
 * log product ids, reasons and messages that other teams wrote, and a newline or an ANSI escape in
 * one of them must not forge a log line or drive the terminal of whoever tails the log. Used as
 * {@code %escapedMsg} in the services' {@code logback.xml}; stack traces stay as Logback prints them.
 */
public final class EscapedMessageConverter extends ClassicConverter {
    public static final String CONVERSION_WORD = "escapedMsg";

    @Override
    public String convert(ILoggingEvent event) {
        return ControlCharacters.escape(event.getFormattedMessage());
    }
}
