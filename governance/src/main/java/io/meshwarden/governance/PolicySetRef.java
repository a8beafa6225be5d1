package io.meshwarden.governance;

/** Which policy set, at which version, an evaluation used; every violation names it. */
public record PolicySetRef(String id, String version) {

    @Override
    public String toString() {
        return id + "@" + version;
    }
}
