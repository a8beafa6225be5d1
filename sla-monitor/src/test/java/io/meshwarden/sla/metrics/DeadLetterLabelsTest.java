package io.meshwarden.sla.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.hostile.HostileStrings;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterLabelsTest {
    private final DeadLetterLabels labels = new DeadLetterLabels();

    @Test
    void aReasonMeshwardenNamesIsItsLabelAnyOtherTextIsOther() {
        assertThat(labels.reason(headers("unknown-product"))).isEqualTo("unknown-product");
        assertThat(labels.reason(headers("late"))).isEqualTo("late");
        assertThat(labels.reason(headers("</script>"))).isEqualTo(DeadLetterLabels.OTHER);
        assertThat(labels.reason(new RecordHeaders())).isEqualTo(DeadLetterLabels.OTHER);
    }

    @Test
    void theDomainIsTheKeysFirstSegmentWhenItIsDomainLike() {
        assertThat(labels.domain(bytes("paid-media.campaign-performance"))).isEqualTo("paid-media");
        assertThat(labels.domain(bytes("email"))).isEqualTo("email");
        assertThat(labels.domain(null)).isEqualTo(DeadLetterLabels.NONE);
        assertThat(labels.domain(bytes("Evil\u202E.x"))).isEqualTo(DeadLetterLabels.OTHER);
    }

    @Test
    void noHostileKeyBecomesALabelAndTheDomainsAreBounded() {
        for (String hostile : HostileStrings.CORPUS) {
            String domain = labels.domain(bytes(hostile));
            assertThat(domain.length()).isLessThanOrEqualTo(63);
            assertThat(domain).matches("[a-z][a-z0-9-]*");
        }
        for (int i = 0; i < 3 * DeadLetterLabels.MAX_DOMAINS; i++) {
            labels.domain(bytes("domain-" + i + ".product"));
        }
        assertThat(labels.domain(bytes("one-more.product"))).isEqualTo(DeadLetterLabels.OTHER);
    }

    private static RecordHeaders headers(String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetter.REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
