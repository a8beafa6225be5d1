package io.meshwarden.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How a transactional or client id names its process; the fencing itself runs in quality-streams' RecoveryIT. */
class AbandonedTransactionsTest {
    private static final String PROCESS = "86a25597-0568-49d9-9c77-218b2781a715";

    private final AbandonedTransactions transactions = new AbandonedTransactions(null, "mesh-quality", Duration.ofSeconds(6));

    @AfterEach
    void close() {
        transactions.close();
    }

    @Test
    void readsTheProcessIdOfStreamsTransactionalAndClientIds() {
        assertThat(transactions.processId("mesh-quality-" + PROCESS + "-1")).contains(PROCESS);
        assertThat(transactions.processId("mesh-quality-" + PROCESS + "-StreamThread-2-consumer")).contains(PROCESS);
    }

    @Test
    void ignoresIdsOfOtherApplicationsOrForms() {
        assertThat(transactions.processId("mesh-sla-" + PROCESS + "-1")).isEmpty();
        assertThat(transactions.processId("mesh-quality-extra-" + PROCESS + "-1")).isEmpty();
        assertThat(transactions.processId("mesh-quality-" + PROCESS)).isEmpty();
        assertThat(transactions.processId("my-client-StreamThread-1-consumer")).isEmpty();
    }
}
