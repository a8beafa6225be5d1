package io.meshwarden.quality.observed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ObservedPatternTest {

    @Test
    void theSubscriptionIsTheOperatorsPatternOrTheOptedInTopicsQuoted() {
        assertThat(ObservedService.pattern(Optional.empty(), Set.of())).isEmpty();

        Pattern optedIn = ObservedService.pattern(Optional.empty(), Set.of("email.opens.v1", "paid-media.spend.v2")).orElseThrow();
        assertThat(optedIn.matcher("email.opens.v1").matches()).isTrue();
        assertThat(optedIn.matcher("emailXopens.v1").matches()).as("a dot is a dot").isFalse();
        assertThat(optedIn.matcher("paid-media.spend.v2").matches()).isTrue();

        Pattern both = ObservedService.pattern(Optional.of(Pattern.compile("social\\..*")), Set.of("email.opens.v1")).orElseThrow();
        assertThat(both.matcher("social.posts.v1").matches()).isTrue();
        assertThat(both.matcher("email.opens.v1").matches()).isTrue();
        assertThat(both.matcher("content.pages.v1").matches()).isFalse();
    }
}
