package io.meshwarden.sla.history;

import io.meshwarden.sla.budget.Downtime;
import io.meshwarden.sla.budget.ErrorBudget;
import io.meshwarden.sla.budget.SlaStatus;
import io.meshwarden.sla.streams.QualityPoint;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A product's time series over one {@link HistoryRange}, in the columns a chart reads: {@code quality}
 * from its recorded snapshots (completeness and its target as ratios, the newest record's age and the
 * freshness deadline in minutes, records received and expected in the window), and {@code availability}
 * computed from its freshness outages of the last 30 days for each step of the range (availability as
 * a ratio, the burn rate of the step against the availability target, and the share of the 30-day
 * error budget left at the step's end; the last two null without a target), and {@code volumeBand}, the
 * volume detector's judgement of each period its points carry ({@link PeriodSeries}). Times are epoch
 * seconds (the step's start; a period's end for {@code volumeBand}), as uPlot takes them.
 */
@Serdeable
public record ProductHistory(String productId, String range, long stepSeconds, long from, long to, Series quality,
                             Series availability, Double availabilityTarget, PeriodSeries volumeBand) {

    /** Columns sharing one time axis; a null value is a gap. */
    @Serdeable
    public record Series(List<Long> times, Map<String, List<Double>> values) {
    }

    /**
     * The volume detector's periods (the product's completeness window, tumbling), one per period end
     * the range's points carry, oldest first: the records of the period ({@code observed}), the detector's
     * {@code expected} value and band ({@code low}, {@code high}), all in records per period, and
     * {@code anomalous} (the observed value where the period was judged anomalous, null elsewhere, to
     * mark those); {@code states} the verdict of each. A non-finite value is null.
     */
    @Serdeable
    public record PeriodSeries(List<Long> times, Map<String, List<Double>> values, List<String> states) {
    }

    private static final Map<String, Function<QualityPoint, Double>> QUALITY_COLUMNS = columns();
    private static final Map<String, Function<QualityPoint.Band, Double>> BAND_COLUMNS = bandColumns();

    public static ProductHistory of(String productId, HistoryRange range, List<QualityPoint> points, Downtime downtime,
                                    Double availabilityTarget, long now) {
        long step = range.step().toMillis();
        long to = now;
        long from = now - range.span().toMillis();
        List<QualityPoint> shown = points.stream().filter(point -> point.at() >= from - step && point.at() <= to).toList();
        List<Long> times = new ArrayList<>();
        Map<String, List<Double>> quality = new LinkedHashMap<>();
        Map<Long, QualityPoint.Band> periods = new TreeMap<>();
        QUALITY_COLUMNS.keySet().forEach(column -> quality.put(column, new ArrayList<>()));
        for (QualityPoint point : shown) {
            times.add(point.at() / 1000);
            QUALITY_COLUMNS.forEach((column, value) -> quality.get(column).add(value.apply(point)));
            if (point.volume() != null) {
                periods.put(point.volume().periodEnd(), point.volume());
            }
        }
        return new ProductHistory(productId, range.label(), step / 1000, from / 1000, to / 1000, new Series(times, quality),
                availability(downtime, availabilityTarget, Math.floorDiv(from, step) * step, to, step), availabilityTarget,
                periods(periods));
    }

    /** The latest band of each period end, points oldest first (a later point's band of the same period wins). */
    private static PeriodSeries periods(Map<Long, QualityPoint.Band> bands) {
        List<Long> times = new ArrayList<>();
        List<String> states = new ArrayList<>();
        Map<String, List<Double>> values = new LinkedHashMap<>();
        BAND_COLUMNS.keySet().forEach(column -> values.put(column, new ArrayList<>()));
        bands.forEach((end, band) -> {
            times.add(end / 1000);
            states.add(band.state());
            BAND_COLUMNS.forEach((column, value) -> values.get(column).add(finite(value.apply(band))));
        });
        return new PeriodSeries(times, values, states);
    }

    private static Series availability(Downtime downtime, Double target, long from, long to, long step) {
        ErrorBudget budget = target == null || !(target >= 0 && target < 100) ? null : new ErrorBudget(target);
        long month = SlaStatus.MONTH.toMillis();
        List<Long> times = new ArrayList<>();
        List<Double> availability = new ArrayList<>();
        List<Double> burn = new ArrayList<>();
        List<Double> left = new ArrayList<>();
        for (long start = from; start < to; start += step) {
            long end = Math.min(start + step, to);
            long down = downtime.downMs(start, end);
            times.add(start / 1000);
            availability.add(ErrorBudget.availability(down, end - start));
            burn.add(budget == null ? null : budget.burnRate(down, end - start));
            left.add(budget == null ? null : budget.remaining(downtime.downMs(to - month, end), month));
        }
        Map<String, List<Double>> values = new LinkedHashMap<>();
        values.put("availability", availability);
        values.put("burnRate", burn);
        values.put("budgetRemaining", left);
        return new Series(times, values);
    }

    private static Map<String, Function<QualityPoint, Double>> columns() {
        Map<String, Function<QualityPoint, Double>> columns = new LinkedHashMap<>();
        columns.put("completeness", QualityPoint::completeness);
        columns.put("completenessMin", QualityPoint::completenessMin);
        columns.put("completenessTarget", QualityPoint::target);
        columns.put("freshnessAgeMinutes", point -> minutes(point.freshnessAgeMs()));
        columns.put("freshnessDeadlineMinutes", point -> minutes(point.freshnessDeadlineMs()));
        columns.put("recordsReceived", QualityPoint::received);
        columns.put("recordsExpected", QualityPoint::expected);
        return columns;
    }

    private static Map<String, Function<QualityPoint.Band, Double>> bandColumns() {
        Map<String, Function<QualityPoint.Band, Double>> columns = new LinkedHashMap<>();
        columns.put("observed", QualityPoint.Band::observed);
        columns.put("expected", QualityPoint.Band::expected);
        columns.put("low", QualityPoint.Band::low);
        columns.put("high", QualityPoint.Band::high);
        columns.put("anomalous", band -> band.anomalous() ? band.observed() : null);
        return columns;
    }

    private static Double finite(Double value) {
        return value == null || !Double.isFinite(value) ? null : value;
    }

    private static Double minutes(Long millis) {
        return millis == null ? null : millis / 60_000.0;
    }
}
