package io.meshwarden.sla.cluster;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Which instance holds each partition of one store, as the last assignment of the group says: its
 * active copy and its standby copies. A fan-out asks each active host for its partitions, then, for the
 * partitions of hosts that did not answer, a standby host.
 *
 * @param active   partition to the instance running its task
 * @param standbys partition to the instances keeping a standby copy of it
 */
record StorePlacement(String store, SortedMap<Integer, HostInfo> active, SortedMap<Integer, List<HostInfo>> standbys) {

    StorePlacement {
        active = new TreeMap<>(active);
        standbys = new TreeMap<>(standbys);
    }

    /** Every partition the assignment knows, active or standby. */
    SortedSet<Integer> partitions() {
        SortedSet<Integer> all = new TreeSet<>(active.keySet());
        all.addAll(standbys.keySet());
        return all;
    }

    /** Each active host and its partitions; a partition with only standby copies is not in here. */
    Map<HostInfo, SortedSet<Integer>> byActiveHost() {
        Map<HostInfo, SortedSet<Integer>> hosts = new LinkedHashMap<>();
        active.forEach((partition, host) -> hosts.computeIfAbsent(host, h -> new TreeSet<>()).add(partition));
        return hosts;
    }

    /** For each of these partitions, the first standby host not excluded; those without one are left out. */
    Map<HostInfo, SortedSet<Integer>> byStandbyHost(Collection<Integer> partitions, Collection<HostInfo> excluded) {
        Map<HostInfo, SortedSet<Integer>> hosts = new LinkedHashMap<>();
        for (int partition : partitions) {
            standbys.getOrDefault(partition, List.of()).stream().filter(host -> !excluded.contains(host)).findFirst()
                    .ifPresent(host -> hosts.computeIfAbsent(host, h -> new TreeSet<>()).add(partition));
        }
        return hosts;
    }
}
