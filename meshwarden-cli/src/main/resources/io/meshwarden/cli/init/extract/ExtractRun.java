package {{package}};

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwarden.avro.MetricEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One extraction run: reads every page of the source under the contract's rate limit, writes each
 * row to the product topic (JSON, keyed by campaign_id) and returns the run's metric event: records
 * loaded, the sums of the contract's accuracy measures and the source's control totals for them.
 */
public final class ExtractRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProductContract contract;
    private final RateLimit rateLimit;
    private final List<String> measures;

    public ExtractRun(ProductContract contract) {
        this.contract = contract;
        this.rateLimit = RateLimit.parse(contract.property("api-rate-limit"));
        this.measures = Arrays.stream(contract.property("accuracy.measures").split(",")).map(String::strip).toList();
    }

    public MetricEvent run(SourceClient source, Producer<String, String> producer) throws IOException, InterruptedException {
        Instant started = Instant.now();
        long loaded = 0;
        Map<String, Double> loadedTotals = new HashMap<>();
        Map<String, Double> controlTotals = Map.of();
        String cursor = null;
        do {
            rateLimit.acquire();
            SourceClient.Page page = source.fetch(cursor);
            for (Map<String, Object> row : page.rows()) {
                producer.send(new ProducerRecord<>(contract.outputTopic(), String.valueOf(row.get("campaign_id")), json(row)));
                measures.forEach(measure -> loadedTotals.merge(measure, number(row.get(measure)), Double::sum));
                loaded++;
            }
            if (!page.controlTotals().isEmpty()) {
                controlTotals = page.controlTotals();
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        producer.flush();
        Instant now = Instant.now();
        return MetricEvent.newBuilder().setProductId(contract.productId()).setPipelineRunId(UUID.randomUUID().toString())
                .setSourcePlatform(contract.contract().getSourcePlatform()).setRecordsLoaded(loaded)
                .setLoadedTotals(loadedTotals).setControlTotals(controlTotals)
                .setControlPeriodStart(started).setNewestRecordTime(now).setEventTime(now).build();
    }

    private static double number(Object value) {
        return value instanceof Number number ? number.doubleValue() : 0;
    }

    private static String json(Map<String, Object> row) throws JsonProcessingException {
        return JSON.writeValueAsString(row);
    }
}
