package io.meshwarden.cli;

import io.meshwarden.schemas.text.ControlCharacters;

/**
 * Writes GitHub Actions workflow commands ({@code ::error file=F,line=L,title=T::message}), with
 * the escaping GitHub's runner applies: {@code %}, CR and LF in the message, and also {@code :}
 * and {@code ,} in property values; any other control character (an ANSI escape, which the runner
 * would render) is written as a visible escape. No library writes these; the format is four rules.
 */
final class GithubAnnotations {
    private GithubAnnotations() {
    }

    static String command(String level, String file, int line, String title, String message) {
        return "::" + level + " file=" + property(file) + ",line=" + line + ",title=" + property(title) + "::" + data(message);
    }

    private static String data(String text) {
        return ControlCharacters.escape(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"));
    }

    private static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
