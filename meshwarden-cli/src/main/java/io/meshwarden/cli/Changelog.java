package io.meshwarden.cli;

import io.meshwarden.governance.diff.Change;
import io.meshwarden.governance.diff.ChangeKind;
import io.meshwarden.governance.diff.Impact;
import io.meshwarden.governance.diff.VersionCheck;
import io.meshwarden.schemas.text.ControlCharacters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A changelog entry in the sections of keepachangelog.com, from a version check: breaking changes
 * first, then what was added, what else changed compatibly, and the patch-only changes
 * (documentation and metadata) as "Fixed". Product ids and reasons are printed with their control
 * characters escaped: the changelog lands on terminals and in CI logs.
 */
final class Changelog {
    private static final Set<ChangeKind> ADDED = Set.of(ChangeKind.SCHEMA_ADDED, ChangeKind.FIELD_ADDED, ChangeKind.PORT_ADDED,
            ChangeKind.GUARANTEE_ADDED, ChangeKind.QUALITY_RULE_ADDED);

    private Changelog() {
    }

    static String markdown(String productId, VersionCheck check) {
        StringBuilder md = new StringBuilder("## ").append(ControlCharacters.escape(productId)).append(' ').append(check.next()).append("\n\n");
        md.append("Changes since ").append(check.previous()).append("; ").append(DiffPrinter.verdict(check)).append(".\n");
        Map<String, List<Change>> sections = new LinkedHashMap<>();
        sections.put("Breaking", check.changes().stream().filter(Change::breaking).toList());
        sections.put("Added", check.changes().stream().filter(c -> ADDED.contains(c.kind())).toList());
        sections.put("Changed", check.changes().stream()
                .filter(c -> c.impact() == Impact.COMPATIBLE && !ADDED.contains(c.kind())).toList());
        sections.put("Fixed", check.changes().stream().filter(c -> c.impact() == Impact.PATCH).toList());
        if (check.changes().isEmpty()) {
            md.append("\nNo changes.\n");
        }
        sections.forEach((title, changes) -> {
            if (!changes.isEmpty()) {
                md.append("\n### ").append(title).append("\n\n");
                changes.forEach(c -> md.append("- ").append(ControlCharacters.escape(capitalised(c.reason()))).append('\n'));
            }
        });
        return md.toString();
    }

    private static String capitalised(String sentence) {
        return sentence.isEmpty() ? sentence : Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }
}
