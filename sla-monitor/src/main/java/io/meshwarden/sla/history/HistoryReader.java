package io.meshwarden.sla.history;

import io.meshwarden.avro.Decision;
import io.meshwarden.sla.cluster.StoreView;
import io.meshwarden.sla.streams.ContractVersion;
import io.meshwarden.sla.streams.HistoryStores;
import io.meshwarden.sla.streams.QualityPoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The API's reads of the {@link HistoryStores} in one {@link StoreView}: a product's quality points,
 * its contract versions with the changelog between each and the one before, and decisions.
 *
 * @throws io.meshwarden.streams.StoreUnavailableException from every method while a store cannot be queried
 */
public class HistoryReader {
    private final StoreView view;

    public HistoryReader(StoreView view) {
        this.view = view;
    }

    /** The product's points of the range, oldest first. */
    public List<QualityPoint> points(String productId, HistoryRange range) {
        return view.prefixScan(HistoryStores.QUALITY, range.prefix(productId));
    }

    /** The product's accepted versions, newest first, each with its changes from the one before (all ADDED for the first kept). */
    public List<VersionView> versions(String productId) {
        List<ContractVersion> kept = view.prefixScan(HistoryStores.VERSIONS, HistoryStores.productPrefix(productId));
        List<VersionView> versions = new ArrayList<>();
        String before = null;
        for (ContractVersion version : kept) {
            versions.add(VersionView.of(version.version(), version.acceptedAt(),
                    ContractChangelog.between(before, version.contractJson())));
            before = version.contractJson();
        }
        Collections.reverse(versions);
        return versions;
    }

    /** The product's decisions, newest first. */
    public List<DecisionView> decisions(String productId) {
        List<Decision> decisions = view.prefixScan(HistoryStores.DECISIONS, HistoryStores.productPrefix(productId));
        return decisions.stream().map(DecisionView::of).sorted(DecisionView.NEWEST_FIRST).toList();
    }

    /** The rejected proposals of a domain among this view's partitions, newest first. */
    public List<DecisionView> rejected(String domain) {
        List<Decision> all = view.all(HistoryStores.DECISIONS);
        return all.stream().map(DecisionView::of).filter(d -> d.rejected() && domain.equals(d.domain()))
                .sorted(DecisionView.NEWEST_FIRST).toList();
    }
}
