package io.meshwarden.sla.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersFileTest {
    private static final String HASH = PasswordHash.hash("s3cret", 1_000);

    @Test
    void theDemoUsersLogInWithPasswordDemo() {
        UsersFile demo = UsersFile.load("classpath:meshwarden/demo-users.yml");
        assertThat(demo.size()).isEqualTo(5);
        for (String name : new String[] {"ana", "vera", "otto", "stella", "admin"}) {
            assertThat(demo.user(name)).as(name).hasValueSatisfying(user -> assertThat(user.password().matches("demo")).isTrue());
        }
        assertThat(demo.user("ana").orElseThrow().roles()).containsExactly("operator");
        assertThat(demo.user("otto").orElseThrow().roles()).containsExactly("owner:paid-media");
    }

    @Test
    void readsAFile(@TempDir Path dir) throws Exception {
        Path file = write(dir, "users:\n  - name: zoe\n    password: " + HASH + "\n    roles: [viewer, steward:email]\n");
        UsersFile users = UsersFile.load(file.toString());
        assertThat(users.user("zoe").orElseThrow().roles()).containsExactlyInAnyOrder("viewer", "steward:email");
        assertThat(users.user("nobody")).isEmpty();
        assertThat(UsersFile.load("").size()).isZero();
    }

    @Test
    void aBadEntryStopsStartUpNamingTheUserAndTheField(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> UsersFile.load(write(dir, "users:\n  - name: zoe\n    password: plain\n    roles: [viewer]\n").toString()))
                .hasMessageContaining("user 'zoe'").hasMessageContaining("password");
        assertThatThrownBy(() -> UsersFile.load(write(dir, "users:\n  - name: zoe\n    password: " + HASH + "\n    roles: [root]\n")
                .toString())).hasMessageContaining("user 'zoe'").hasMessageContaining("unknown role 'root'");
        assertThatThrownBy(() -> UsersFile.load(write(dir, "users:\n  - name: zoe\n    password: " + HASH + "\n").toString()))
                .hasMessageContaining("roles");
        assertThatThrownBy(() -> UsersFile.load(write(dir, "users:\n  - password: " + HASH + "\n    roles: [viewer]\n").toString()))
                .hasMessageContaining("users[0].name");
        String twice = "  - name: zoe\n    password: " + HASH + "\n    roles: [viewer]\n";
        assertThatThrownBy(() -> UsersFile.load(write(dir, "users:\n" + twice + twice).toString())).hasMessageContaining("twice");
        assertThatThrownBy(() -> UsersFile.load(dir.resolve("missing.yml").toString())).hasMessageContaining("cannot read");
    }

    private static Path write(Path dir, String yaml) throws Exception {
        return Files.writeString(Files.createTempFile(dir, "users", ".yml"), yaml);
    }
}
