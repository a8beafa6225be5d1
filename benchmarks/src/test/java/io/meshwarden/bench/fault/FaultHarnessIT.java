package io.meshwarden.bench.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short fault harness of every build: three brokers, two quality-streams and two SLA monitor
 * instances, each its own process started from the jars the reactor just packaged, kcat as the
 * producer, and every fault of the full run ({@code kill -9} of a quality-streams instance, of a
 * broker, of an SLA monitor, then a rolling restart of every service instance). The comparisons are
 * exact; the timings only have to stay under a generous bound, since the machine is shared.
 */
class FaultHarnessIT {
    /** Output resumes much faster than this; the bound only catches a stuck pipeline. */
    private static final Duration RESUMES_WITHIN = Duration.ofSeconds(30);

    @TempDir
    Path work;

    @Test
    void killsAndRestartsOfSeparateProcessesLoseAndDuplicateNothingAndOpenOneAlertPerEpisode() {
        FaultReport report = FaultHarness.run("--short", "--modules",
                System.getProperty("meshwarden.repository.root", ".."), "--work-dir", work.toString());

        assertThat(report.comparison().sent()).as("changes sent").isGreaterThan(300);
        assertThat(report.lost()).as("changes without a decision").isZero();
        assertThat(report.duplicated()).as("changes decided twice").isZero();
        assertThat(report.comparison().duplicateViolationIds()).as("violation ids seen twice").isZero();
        assertThat(report.comparison().poisonMissing()).as("poison records not dead-lettered").isZero();
        assertThat(report.comparison().otherDeadLetters()).as("other dead letters").isZero();
        assertThat(report.comparison().episodes()).as("alert episodes").isPositive();
        assertThat(report.alertIdsWithoutOneOpenPerEpisode()).as("alert ids without one OPEN per episode").isZero();
        assertThat(report.probe().tookOver()).as("the survivor answers for every product: " + report.probe()).isTrue();
        assertThat(report.probe().answeredEveryProduct()).as("every read of the survivor answered: " + report.probe()).isTrue();
        assertThat(report.faults()).hasSize(7).allSatisfy(pause -> assertThat(pause.nextDecisionMs()).as(pause.fault())
                .isBetween(0L, RESUMES_WITHIN.toMillis()));
        assertThat(report.mismatches()).isEmpty();
    }
}
