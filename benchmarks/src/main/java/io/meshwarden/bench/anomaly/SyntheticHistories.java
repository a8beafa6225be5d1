package io.meshwarden.bench.anomaly;

import io.meshwarden.bench.anomaly.Incident.Kind;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generates labelled product histories as marketing pipelines produce them: hourly loads with a business-day
 * curve (each product its own peak hour and depth), quieter weekends, a trend, counting noise and noise of
 * the source, a public holiday that looks like a Sunday and a month-end peak (both labelled as
 * non-incidents), one product in ten tiny (5 to 50 records an hour); then injected incidents, labelled, from
 * the second week on: drops of 30 to 100 %, spikes, null bursts, slow drifts and stalls. Deterministic for a
 * seed.
 */
final class SyntheticHistories {
    /** Monday 5 January 2026, so that the history spans two month ends and a holiday (16 February). */
    static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 5);
    static final LocalDate HOLIDAY = LocalDate.of(2026, 2, 16);
    private static final int HOURS_PER_WEEK = 168;

    private final SplittableRandom random;

    SyntheticHistories(long seed) {
        this.random = new SplittableRandom(seed);
    }

    List<ProductHistory> generate(int products, int weeks) {
        List<ProductHistory> histories = new ArrayList<>(products);
        for (int p = 0; p < products; p++) {
            histories.add(product(String.format(Locale.ROOT, "bench.product-%04d", p), p % 10 == 9, weeks));
        }
        return histories;
    }

    private ProductHistory product(String id, boolean tiny, int weeks) {
        int steps = weeks * HOURS_PER_WEEK;
        long first = FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        double base = tiny ? uniform(5, 50) : Math.exp(uniform(Math.log(200), Math.log(20_000)));
        double peakHour = uniform(10, 17);
        double depth = uniform(0.3, 0.8);
        double weekend = uniform(0.45, 0.85);
        double trend = uniform(-0.2, 0.25);
        double noise = uniform(0.02, 0.06);
        double nullRate = uniform(0.002, 0.03);
        double monthEndPeak = uniform(0.15, 0.3);
        List<Incident> labels = new ArrayList<>(calendar(steps, first, monthEndPeak));
        labels.addAll(incidents(steps, labels));
        long[] records = new long[steps];
        long[] nulls = new long[steps];
        double[] normal = new double[steps];
        for (int step = 0; step < steps; step++) {
            ZonedDateTime at = Instant.ofEpochMilli(first + step * ProductHistory.STEP_MS).atZone(ZoneOffset.UTC);
            double daily = 1 - depth + depth * Math.exp(-Math.pow(circular(at.getHour() - peakHour), 2) / (2 * 3.5 * 3.5));
            boolean restDay = at.getDayOfWeek() == DayOfWeek.SATURDAY || at.getDayOfWeek() == DayOfWeek.SUNDAY
                    || at.toLocalDate().equals(HOLIDAY);
            double expected = base * daily * (restDay ? weekend : 1.0) * (1 + trend * step / steps);
            if (at.toLocalDate().equals(at.toLocalDate().withDayOfMonth(at.toLocalDate().lengthOfMonth()))) {
                expected *= 1 + monthEndPeak;
            }
            normal[step] = expected;
            double rate = nullRate;
            for (Incident incident : labels) {
                if (incident.covers(step, 0)) {
                    switch (incident.kind()) {
                        case DROP -> expected *= 1 - incident.magnitude();
                        case SPIKE -> expected *= 1 + incident.magnitude();
                        case STALL -> expected = 0;
                        case DRIFT -> expected *= 1 - incident.magnitude()
                                * Math.min(1.0, (step - incident.start() + 1) / (double) ((incident.end() - incident.start()) / 2));
                        case NULL_BURST -> rate = incident.magnitude();
                        default -> { }
                    }
                }
            }
            double loaded = expected * (1 + noise * random.nextGaussian());
            loaded += Math.sqrt(Math.max(loaded, 0)) * random.nextGaussian();
            records[step] = Math.max(0, Math.round(loaded));
            double meanNulls = records[step] * rate;
            nulls[step] = Math.max(0, Math.min(records[step],
                    Math.round(meanNulls + Math.sqrt(meanNulls * (1 - rate)) * random.nextGaussian())));
        }
        return new ProductHistory(id, tiny, first, records, nulls, List.copyOf(labels),
                new ProductHistory.Truth(normal, noise, nullRate));
    }

    /** The holiday and the month ends, as non-incidents. */
    private static List<Incident> calendar(int steps, long first, double monthEndPeak) {
        List<Incident> labels = new ArrayList<>();
        for (int day = 0; day * 24 < steps; day++) {
            LocalDate date = FIRST_DAY.plusDays(day);
            if (date.equals(HOLIDAY)) {
                labels.add(new Incident(Kind.HOLIDAY, day * 24, day * 24 + 24, 0));
            } else if (date.getDayOfMonth() == date.lengthOfMonth()) {
                labels.add(new Incident(Kind.MONTH_END, day * 24, day * 24 + 24, monthEndPeak));
            }
        }
        return labels;
    }

    /** Three incidents in the weeks after warm-up, apart from each other and from the labelled calendar days. */
    private List<Incident> incidents(int steps, List<Incident> calendar) {
        List<Incident> incidents = new ArrayList<>();
        int attempts = 0;
        while (incidents.size() < 3 && attempts++ < 100) {
            Kind kind = Kind.values()[random.nextInt(5)];
            int length = switch (kind) {
                case DROP -> 1 + random.nextInt(8);
                case SPIKE -> 1 + random.nextInt(4);
                case NULL_BURST -> 1 + random.nextInt(6);
                case DRIFT -> 48 + random.nextInt(49);
                default -> 2 + random.nextInt(7);
            };
            double magnitude = switch (kind) {
                case DROP -> uniform(0.3, 1.0);
                case SPIKE -> uniform(0.5, 2.0);
                case NULL_BURST -> uniform(0.15, 0.5);
                case DRIFT -> uniform(0.3, 0.6);
                default -> 1.0;
            };
            int start = 8 * 24 + random.nextInt(steps - 8 * 24 - length - 24);
            Incident candidate = new Incident(kind, start, start + length, magnitude);
            boolean apart = incidents.stream().noneMatch(other -> overlaps(other, candidate, 48))
                    && calendar.stream().noneMatch(other -> overlaps(other, candidate, 24));
            if (apart) {
                incidents.add(candidate);
            }
        }
        return incidents;
    }

    private static boolean overlaps(Incident a, Incident b, int gap) {
        return a.start() < b.end() + gap && b.start() < a.end() + gap;
    }

    private static double circular(double hours) {
        double h = ((hours % 24) + 24) % 24;
        return h > 12 ? h - 24 : h;
    }

    private double uniform(double low, double high) {
        return low + (high - low) * random.nextDouble();
    }
}
