package io.meshwarden.sla.cluster;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The instances holding one key's partition of a store: the active one, then the standby ones.
 *
 * @param active null when no instance runs the partition's task now
 */
record KeyOwners(String store, int partition, HostInfo active, List<HostInfo> standbys) {

    KeyOwners {
        standbys = List.copyOf(standbys);
    }

    /** Whom to ask, in order: the active copy, fresh; then each standby copy, stale. */
    List<Candidate> candidates() {
        List<Candidate> candidates = new ArrayList<>();
        if (active != null) {
            candidates.add(new Candidate(active, false));
        }
        standbys.forEach(host -> candidates.add(new Candidate(host, true)));
        return candidates;
    }

    /** Every instance holding a copy, active first. */
    List<HostInfo> hosts() {
        return candidates().stream().map(Candidate::host).toList();
    }

    /** One instance to ask and whether it answers from a standby copy. */
    record Candidate(HostInfo host, boolean stale) {
    }
}
