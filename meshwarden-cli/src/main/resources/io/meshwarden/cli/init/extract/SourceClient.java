package {{package}};

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The marketing platform's API, one page at a time. {@link HttpSourceClient} reads a plain JSON
 * pager; plug the platform's own client (its SDK, its authentication) in here.
 */
public interface SourceClient {
    /** The page after {@code cursor} (null: the first page). */
    Page fetch(String cursor) throws IOException, InterruptedException;

    /**
     * One page: its rows (field name to value, as the contract's schema names them), the cursor of the
     * next page (null on the last one), and the platform's control totals for the whole period, per measure.
     */
    record Page(List<Map<String, Object>> rows, String nextCursor, Map<String, Double> controlTotals) {
    }
}
