package io.meshwarden.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwarden.avro.ImpactReport;
import io.meshwarden.governance.diff.Change;
import io.meshwarden.governance.diff.VersionCheck;
import io.meshwarden.schemas.EventCodec;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Prints the version check of a contract pair: for people ({@code text}), as one JSON object
 * ({@code json}, the shape docs/cli.md documents), or as GitHub Actions workflow commands
 * ({@code github}): {@code ::error} for a breaking change, {@code ::warning} for a compatible one,
 * {@code ::notice} for a patch-only one, each at its line in the new file, then the verdict on the
 * version at the line of {@code version}.
 */
final class DiffPrinter {
    enum Format { text, json, github }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;
    private final Format format;

    DiffPrinter(PrintWriter out, Format format) {
        this.out = format == Format.text ? TerminalWriter.of(out) : out;
        this.format = format;
    }

    void print(ContractPair pair, VersionCheck check) {
        print(pair, check, Optional.empty());
    }

    /** With who the change hits, when the cluster was asked ({@code json}: an {@code impact} member). */
    void print(ContractPair pair, VersionCheck check, Optional<ImpactReport> impact) {
        switch (format) {
            case text -> {
                text(pair, check);
                impact.ifPresent(this::text);
            }
            case json -> {
                ObjectNode root = json(pair, check);
                impact.ifPresent(report -> root.set("impact", EventCodec.of(ImpactReport.class).toJson(report)));
                out.println(root);
            }
            case github -> {
                github(pair, check);
                impact.ifPresent(report -> out.println(GithubAnnotations.command("warning", pair.next().file().toString(),
                        pair.locator().lineOfVersion(), "impact", summary(report))));
            }
        }
        out.flush();
    }

    static String summary(ImpactReport report) {
        return name(report.getKind()) + " of " + report.getProductId() + " hits " + report.getDownstreamProducts().size()
                + " downstream product(s), " + report.getConsumerGroups().size() + " consumer group(s), "
                + report.getReadGrants().size() + " read grant(s); owners notified: "
                + (report.getOwners().isEmpty() ? "none" : String.join(", ", report.getOwners()));
    }

    private void text(ImpactReport report) {
        out.printf("IMPACT     %s%n", summary(report));
        report.getDownstreamProducts().forEach(p -> out.printf("  downstream %-40s %s%n", p.getProductId(),
                owner(p.getOwnerTeam(), p.getSteward())));
        report.getConsumerGroups().forEach(g -> out.printf("  group      %-40s on %s, lag %d  %s%n", g.getGroupId(), g.getTopic(),
                g.getLag(), owner(g.getOwnerTeam(), g.getSteward())));
        report.getReadGrants().forEach(g -> out.printf("  grant      %-40s on %s (%s)  %s%n", g.getPrincipal(), g.getTopic(),
                g.getRequestId(), owner(g.getOwnerTeam(), g.getSteward())));
    }

    private static String owner(String team, String steward) {
        return "owner " + (team == null ? "unknown" : team) + (steward == null ? "" : ", steward " + steward);
    }

    static String verdict(VersionCheck check) {
        String bumps = "required bump " + name(check.required()) + ", actual bump " + name(check.actual());
        if (check.tooSmall()) {
            return bumps + ": version " + check.next() + " is too small, the lowest allowed is " + check.lowestAllowed();
        }
        return bumps + ": version " + check.next() + " is fine";
    }

    private void text(ContractPair pair, VersionCheck check) {
        out.printf("%s  %s -> %s  (%s -> %s)%n", pair.next().contract().getId(), check.previous(), check.next(),
                pair.previous().file(), pair.next().file());
        if (check.changes().isEmpty()) {
            out.println("  no changes");
        }
        for (Change change : check.changes()) {
            out.printf("  %-10s %-34s %s  (line %d)%n", name(change.impact()), change.kind().label(), change.reason(),
                    pair.locator().lineOf(change.element()));
        }
        importWarnings(pair).forEach(w -> out.printf("  import     %s%n", w));
        out.printf("%s%s%n", check.tooSmall() ? "TOO SMALL  " : "OK         ", verdict(check));
    }

    private ObjectNode json(ContractPair pair, VersionCheck check) {
        ObjectNode root = JSON.createObjectNode().put("productId", pair.next().contract().getId());
        root.putObject("previous").put("file", pair.previous().file().toString()).put("version", check.previous().toString());
        root.putObject("next").put("file", pair.next().file().toString()).put("version", check.next().toString());
        root.put("requiredBump", name(check.required())).put("actualBump", name(check.actual()))
                .put("bumpTooSmall", check.tooSmall()).put("lowestAllowedVersion", check.lowestAllowed().toString());
        ArrayNode changes = root.putArray("changes");
        for (Change change : check.changes()) {
            changes.addObject().put("impact", name(change.impact())).put("kind", change.kind().label())
                    .put("part", name(change.element().part())).put("element", change.element().name())
                    .put("reason", change.reason()).put("line", pair.locator().lineOf(change.element()));
        }
        importWarnings(pair).forEach(root.putArray("importWarnings")::add);
        return root;
    }

    private void github(ContractPair pair, VersionCheck check) {
        String file = pair.next().file().toString();
        for (Change change : check.changes()) {
            String level = switch (change.impact()) {
                case BREAKING -> "error";
                case COMPATIBLE -> "warning";
                case PATCH -> "notice";
            };
            out.println(GithubAnnotations.command(level, file, pair.locator().lineOf(change.element()),
                    name(change.impact()) + " change (" + change.kind().label() + ")", change.reason()));
        }
        out.println(GithubAnnotations.command(check.tooSmall() ? "error" : "notice", file, pair.locator().lineOfVersion(),
                "contract version", verdict(check)));
    }

    private static List<String> importWarnings(ContractPair pair) {
        return java.util.stream.Stream.concat(
                pair.previous().warnings().stream().map(w -> pair.previous().file() + ": " + w),
                pair.next().warnings().stream().map(w -> pair.next().file() + ": " + w)).toList();
    }

    static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
