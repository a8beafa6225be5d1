package io.meshwarden.sla.history;

import io.meshwarden.avro.AnomalyBand;
import io.meshwarden.avro.QualitySnapshot;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The current band of one detected metric ({@code volume}, {@code null-rate.<field>}, {@code arrival-gap},
 * {@code measure-sum.<field>}), as the product's latest quality snapshot carries it once read with its
 * bands ({@link io.meshwarden.sla.api.SlaReader#snapshot}): what the detector observed and expected over
 * the last judged period, its band, the period's end and its verdict. A non-finite value is null.
 */
@Serdeable
public record BandView(String metric, Double observed, Double expected, Double low, Double high, String periodEnd,
                       String state) {

    public static BandView of(String metric, AnomalyBand band) {
        return new BandView(metric, finite(band.getObserved()), finite(band.getExpected()), finite(band.getLow()),
                finite(band.getHigh()), band.getPeriodEnd() == null ? null : band.getPeriodEnd().toString(), band.getState());
    }

    /** The snapshot's bands by metric name; none without a snapshot. */
    public static List<BandView> of(QualitySnapshot snapshot) {
        Map<String, AnomalyBand> bands = snapshot == null || snapshot.getAnomalyBands() == null ? Map.of()
                : snapshot.getAnomalyBands();
        return bands.entrySet().stream().filter(entry -> entry.getValue() != null).map(entry -> of(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparing(BandView::metric)).toList();
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
