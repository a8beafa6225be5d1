package io.meshwarden.sla.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.sla.api.RequestRejectedException;
import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import java.util.List;
import org.junit.jupiter.api.Test;

class DomainRolesTest {

    @Test
    void rolesImplyTheOnesBelowThemAndNothingElse() {
        assertThat(Roles.expand(List.of("admin"))).containsExactly("admin", "operator", "viewer");
        assertThat(Roles.expand(List.of("operator"))).containsExactly("operator", "viewer");
        assertThat(Roles.expand(List.of("owner:paid-media"))).containsExactly("owner:paid-media", "viewer");
        assertThat(Roles.expand(List.of("viewer"))).containsExactly("viewer");
        assertThat(Roles.expand(List.of())).isEmpty();
    }

    @Test
    void knowsTheRolesOfTheModelOnly() {
        assertThat(List.of("viewer", "operator", "admin", "owner:email", "steward:paid-media")).allMatch(Roles::isKnown);
        assertThat(List.of("root", "owner:", "Viewer", "steward")).noneMatch(Roles::isKnown);
    }

    @Test
    void theOwnerOrStewardOfADomainOrAnAdminApprovesForItAndNobodyElse() {
        Authentication otto = Authentication.build("otto", List.of("owner:paid-media"));
        Authentication stella = Authentication.build("stella", List.of("steward:email"));
        Authentication admin = Authentication.build("root", List.of("admin"));
        Authentication ana = Authentication.build("ana", List.of("operator"));
        assertThat(DomainRoles.requireApprover(otto, "paid-media")).isEqualTo("otto");
        assertThat(DomainRoles.requireApprover(stella, "Email")).isEqualTo("stella");
        assertThat(DomainRoles.mayApprove(admin, "anything")).isTrue();
        assertThat(DomainRoles.mayApprove(otto, "email")).isFalse();
        assertThat(DomainRoles.mayApprove(ana, "paid-media")).isFalse();
        assertThat(DomainRoles.mayApprove(null, "paid-media")).isFalse();
        assertThatThrownBy(() -> DomainRoles.requireApprover(otto, "email"))
                .isInstanceOfSatisfying(RequestRejectedException.class, e -> {
                    assertThat(e.status().getCode()).isEqualTo(HttpStatus.FORBIDDEN.getCode());
                    assertThat(e.role()).isEqualTo("owner:email");
                    assertThat(e.getMessage()).contains("otto", "steward:email");
                });
    }
}
