package io.meshwarden.governance.diff;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Pattern;

/** A semantic version MAJOR.MINOR.PATCH (pre-release and build suffixes are not part of contract versions). */
public record SemVer(int major, int minor, int patch) implements Comparable<SemVer> {
    private static final Pattern FORMAT = Pattern.compile("(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})");
    private static final Comparator<SemVer> ORDER =
            Comparator.comparingInt(SemVer::major).thenComparingInt(SemVer::minor).thenComparingInt(SemVer::patch);

    public static Optional<SemVer> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        var matcher = FORMAT.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SemVer(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3))));
    }

    @Override
    public int compareTo(SemVer other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
