package io.meshwarden.governance.diff;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.governance.diff.Change.Element;
import io.meshwarden.governance.diff.Change.Part;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The changes that promise consumers nothing new: descriptions, links, owners, tags, lineage and
 * free-form properties (patch-only), and the lifecycle status (compatible: a deprecation is news,
 * the lifecycle rule judges a retirement).
 */
final class MetadataDiff {
    private record Entry(String name, Function<DataProductContract, Object> value) {
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry("name", DataProductContract::getName),
            new Entry("description", DataProductContract::getDescription),
            new Entry("documentation", DataProductContract::getDocumentationUrl),
            new Entry("owner.team", c -> c.getOwner().getTeam()),
            new Entry("owner.steward", c -> c.getOwner().getSteward()),
            new Entry("sourcePlatform", DataProductContract::getSourcePlatform),
            new Entry("upstream", DataProductContract::getUpstreamProducts),
            new Entry("tags", DataProductContract::getTags),
            new Entry("sunsetDate", DataProductContract::getSunsetDate),
            new Entry("successor", DataProductContract::getSuccessor));

    private MetadataDiff() {
    }

    static void compare(DataProductContract previous, DataProductContract next, List<Change> changes) {
        if (previous.getStatus() != next.getStatus()) {
            changes.add(new Change(ChangeKind.STATUS_CHANGED, Element.of(Part.STATUS),
                    "status changed from " + previous.getStatus() + " to " + next.getStatus()));
        }
        for (Entry entry : ENTRIES) {
            Object before = entry.value().apply(previous);
            Object after = entry.value().apply(next);
            if (!Objects.equals(before, after)) {
                changes.add(new Change(ChangeKind.METADATA_CHANGED, new Element(Part.METADATA, entry.name()),
                        entry.name() + " changed from " + shown(before) + " to " + shown(after)));
            }
        }
        Map<String, String> before = previous.getProperties();
        Map<String, String> after = next.getProperties();
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            if (!Objects.equals(before.get(key), after.get(key))) {
                changes.add(new Change(ChangeKind.METADATA_CHANGED, new Element(Part.METADATA, "properties." + key),
                        "property '" + key + "' changed from " + shown(before.get(key)) + " to " + shown(after.get(key))));
            }
        }
    }

    private static String shown(Object value) {
        return value == null ? "none" : "'" + value + "'";
    }
}
