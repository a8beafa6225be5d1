package io.meshwarden.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.Violation;
import io.meshwarden.governance.Evaluation;
import io.meshwarden.governance.Finding;
import io.meshwarden.governance.Verdict;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints verdicts and decisions for people (one block per contract) or as JSON lines for scripts. */
final class VerdictPrinter {
    enum Format { human, json }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;
    private final Format format;

    VerdictPrinter(PrintWriter out, Format format) {
        this.out = format == Format.json ? out : TerminalWriter.of(out);
        this.format = format;
    }

    void print(ContractFiles.Loaded loaded, Verdict verdict) {
        if (format == Format.json) {
            ObjectNode line = JSON.createObjectNode().put("file", loaded.file().toString())
                    .put("productId", loaded.contract().getId()).put("version", loaded.contract().getVersion())
                    .put("outcome", verdict.outcome().name());
            verdict.policySets().forEach(line.putArray("policySets")::add);
            ArrayNode findings = line.putArray("violations");
            for (Evaluation evaluation : verdict.evaluations()) {
                for (Finding f : evaluation.findings()) {
                    findings.addObject().put("ruleId", f.ruleId()).put("category", f.category().name())
                            .put("severity", f.severity().name()).put("message", f.message())
                            .put("policySet", evaluation.policySet().toString());
                }
            }
            loaded.warnings().forEach(line.putArray("importWarnings")::add);
            out.println(line);
        } else {
            out.printf("%s  %s@%s  (%s; policy sets %s)%n", verdict.outcome(), loaded.contract().getId(),
                    loaded.contract().getVersion(), loaded.file(), String.join(", ", verdict.policySets()));
            for (Evaluation evaluation : verdict.evaluations()) {
                evaluation.findings().forEach(f -> out.printf("  %-8s %s [%s]: %s%n", f.severity().name().toLowerCase(Locale.ROOT),
                        f.ruleId(), evaluation.policySet(), f.message()));
            }
            loaded.warnings().forEach(w -> out.printf("  import   %s%n", w));
        }
        out.flush();
    }

    void print(Decision decision) {
        if (format == Format.json) {
            out.println(io.meshwarden.schemas.EventCodec.of(Decision.class).toJson(decision));
        } else {
            out.printf("%s  %s@%s  (change %s; policy sets %s)%n", decision.getOutcome(), decision.getProductId(),
                    decision.getContractVersion(), decision.getChangeId(), String.join(", ", decision.getPolicySets()));
            for (Violation v : decision.getViolations()) {
                out.printf("  %-8s %s [%s@%s]: %s%n", v.getSeverity().name().toLowerCase(Locale.ROOT), v.getRuleId(),
                        v.getPolicySetId(), v.getPolicySetVersion(), v.getMessage());
            }
            if (decision.getRetirementOverride() != null) {
                out.printf("  override retired over consumer groups %s by %s: %s%n", decision.getRetirementOverride().getConsumerGroups(),
                        decision.getRetirementOverride().getOverriddenBy(), decision.getRetirementOverride().getReason());
            }
            if (decision.getOutcome() == io.meshwarden.avro.DecisionOutcome.REJECTED) {
                out.printf("  not in force: the version in force stays; this is feedback to the publisher, not an operations"
                        + " incident (meshwarden proposals --domain %s lists the domain's rejected proposals)%n",
                        Proposals.domainOf(decision));
            }
        }
        out.flush();
    }
}
