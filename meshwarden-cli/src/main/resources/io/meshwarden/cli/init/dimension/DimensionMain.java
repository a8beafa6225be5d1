package {{package}};

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.AvroTrust;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Syncs the dimension table once: {@code java ... DimensionMain <snapshot.json>}, a JSON array of the
 * source table's rows. Publishes the contract, then writes what changed. Settings come from the
 * environment: MESHWARDEN_BOOTSTRAP_SERVERS, KAFKA_*.
 */
public final class DimensionMain {
    private DimensionMain() {
    }

    public static void main(String[] args) throws Exception {
        AvroTrust.ensure();
        if (args.length != 1) {
            System.err.println("usage: DimensionMain <snapshot.json>");
            System.exit(2);
        }
        List<Map<String, Object>> rows = new ObjectMapper().readValue(Path.of(args[0]).toFile(), new TypeReference<>() { });
        MeshwardenConfig config = MeshwardenConfig.load(System.getenv(), Map.of());
        ProductContract contract = ProductContract.load();
        try (DimensionTable table = DimensionTable.open(config, contract)) {
            DimensionTable.Changes changes = table.sync(rows);
            System.out.printf("%s: %d upserts, %d deletes in %s%n", contract.productId(), changes.upserts(), changes.deletes(),
                    contract.outputTopic());
        }
    }
}
