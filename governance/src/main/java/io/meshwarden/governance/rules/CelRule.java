package io.meshwarden.governance.rules;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.checker.CelStandardDeclarations;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.governance.ContractContext;
import io.meshwarden.governance.Finding;
import io.meshwarden.governance.ContextRule;
import java.util.List;
import java.util.Map;

/**
 * A rule written in CEL over the contract ({@code contract.fields.all(f, has(f.description))}):
 * true means compliant. Compiled once, when its policy set is compiled; a rule that does not
 * compile rejects its set, a rule that fails at evaluation yields a finding naming the rule.
 */
public final class CelRule implements ContextRule {
    private static final Cel CEL = CelFactory.standardCelBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .setStandardEnvironmentEnabled(false)
            .setStandardDeclarations(CelStandardDeclarations.newBuilder().build())
            .setStandardFunctions(CelMatches.standardFunctionsWithout())
            .addFunctionBindings(CelMatches.bindings())
            .addVar("contract", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .setResultType(SimpleType.BOOL)
            .build();

    private final String id;
    private final Severity severity;
    private final ViolationCategory category;
    private final String message;
    private final CelRuntime.Program program;

    private CelRule(String id, Severity severity, ViolationCategory category, String message, CelRuntime.Program program) {
        this.id = id;
        this.severity = severity;
        this.category = category;
        this.message = message;
        this.program = program;
    }

    /** @throws IllegalArgumentException naming the CEL problem when the expression does not compile */
    public static CelRule compile(String id, Severity severity, ViolationCategory category, String message, String expression) {
        try {
            return new CelRule(id, severity, category, message, CEL.createProgram(CEL.compile(expression).getAst()));
        } catch (CelValidationException e) {
            throw new IllegalArgumentException("CEL expression does not compile: " + e.getMessage(), e);
        } catch (CelEvaluationException e) {
            throw new IllegalArgumentException("CEL expression cannot be planned: " + e.getMessage(), e);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Severity severity() {
        return severity;
    }

    @Override
    public List<Finding> check(ContractContext context) {
        Object result;
        try {
            result = program.eval(Map.of("contract", context.celView()));
        } catch (CelEvaluationException e) {
            return List.of(new Finding(id, ViolationCategory.POLICY, severity,
                    "rule " + id + " could not be evaluated on " + context.contract().getId() + ": " + e.getMessage()));
        }
        if (Boolean.TRUE.equals(result)) {
            return List.of();
        }
        return List.of(finding(category, message + " (" + context.contract().getId() + ")"));
    }
}
