package io.meshwarden.sla.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void aHashMatchesItsPasswordOnlyAndEachHasItsOwnSalt() {
        String first = PasswordHash.hash("correct horse", 1_000);
        assertThat(PasswordHash.parse(first).matches("correct horse")).isTrue();
        assertThat(PasswordHash.parse(first).matches("correct hors")).isFalse();
        assertThat(PasswordHash.parse(first).matches("")).isFalse();
        assertThat(PasswordHash.hash("correct horse", 1_000)).isNotEqualTo(first);
    }

    @Test
    void readsWhatPythonsPbkdf2Writes() {
        // python3: hashlib.pbkdf2_hmac("sha256", b"demo", base64.b64decode("AAECAwQFBgcICQoLDA0ODw=="), 1000)
        String python = "pbkdf2-sha256$1000$AAECAwQFBgcICQoLDA0ODw==$" + PythonVector.DEMO_1000;
        assertThat(PasswordHash.parse(python).matches("demo")).isTrue();
    }

    @Test
    void aMalformedHashSaysWhatIsWrong() {
        assertThatThrownBy(() -> PasswordHash.parse("demo")).hasMessageContaining("pbkdf2-sha256$ITERATIONS$SALT$HASH");
        assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256$many$AA==$AA==")).hasMessageContaining("'many'");
        assertThatThrownBy(() -> PasswordHash.parse("bcrypt$10$AA==$AA==")).hasMessageContaining("pbkdf2-sha256");
    }

    /** The expected hash, computed once with Python's hashlib. */
    private static final class PythonVector {
        static final String DEMO_1000 = "60EwrXtmtbJdTV8bfMBG1p+8EQ1oDnkWA/Skda1JhVY=";
    }
}
