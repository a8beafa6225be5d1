package io.meshwarden.cli;

/**
 * Writes GitHub Actions workflow commands ({@code ::error file=F,line=L,title=T::message}), with
 * the escaping GitHub's runner applies: {@code %}, CR and LF in the message, and also {@code :}
 * and {@code ,} in property values. No library writes these; the format is four rules.
 */
final class GithubAnnotations {
    private GithubAnnotations() {
    }

    static String command(String level, String file, int line, String title, String message) {
        return "::" + level + " file=" + property(file) + ",line=" + line + ",title=" + property(title) + "::" + data(message);
    }

    private static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
