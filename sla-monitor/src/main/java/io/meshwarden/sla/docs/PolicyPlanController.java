package io.meshwarden.sla.docs;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.governance.policy.InvalidPolicyException;
import io.meshwarden.governance.policy.PolicyLayers;
import io.meshwarden.governance.policy.PolicyPlan;
import io.meshwarden.governance.policy.PolicySetYaml;
import io.meshwarden.governance.yaml.YamlFileException;
import io.meshwarden.sla.api.InvalidParameterException;
import io.meshwarden.sla.api.LiveCatalog;
import io.meshwarden.sla.api.RequestRejectedException;
import io.meshwarden.sla.cluster.Answer;
import io.meshwarden.sla.security.Roles;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.apache.kafka.common.KafkaException;

/**
 * {@code POST /api/policies/plan}: the dry run of a proposed policy set (the YAML of one set, as a file
 * of policies/ holds it): every product of the live catalog judged by the sets in force and by them with
 * the proposed set admitted, and per owner what would newly fail, warn or pass ({@link PolicyPlan}).
 * Publishes nothing. 400 names the line and path at fault in a set that does not read, or why the
 * layering refuses it.
 */
@Controller("/api/policies")
@Secured(Roles.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
public class PolicyPlanController {
    static final String BODY = "body";

    private final LiveCatalog catalog;
    private final PoliciesInForce policies;

    public PolicyPlanController(LiveCatalog catalog, PoliciesInForce policies) {
        this.catalog = catalog;
        this.policies = policies;
    }

    @Operation(summary = "Dry run of a proposed policy set (YAML body) against the live catalog and the sets in force")
    @Post("/plan")
    @Consumes({MediaType.TEXT_PLAIN, "application/yaml", "application/x-yaml", "text/yaml"})
    public HttpResponse<PlanView> plan(@Body String yaml) {
        PolicySet proposed;
        try {
            proposed = PolicySetYaml.parse(BODY, yaml == null ? "" : yaml);
        } catch (YamlFileException e) {
            throw new InvalidParameterException(BODY, "line " + e.line() + ": " + e.problem());
        }
        PolicyLayers inForce;
        try {
            inForce = PolicyPlan.inForce(policies.read());
        } catch (IllegalStateException | KafkaException e) {
            throw new RequestRejectedException(HttpStatus.SERVICE_UNAVAILABLE, null, "the policy sets in force could not be read: "
                    + e.getMessage());
        }
        PolicyLayers after;
        try {
            after = PolicyPlan.withProposed(inForce, List.of(proposed));
        } catch (InvalidPolicyException e) {
            throw new InvalidParameterException(BODY, "the set would not go in force: " + e.getMessage());
        }
        Answer<List<DataProductContract>> contracts = catalog.contracts();
        List<PolicyPlan.Change> changes = PolicyPlan.of(inForce, after, contracts.body());
        PlanView view = PlanView.of(inForce, proposed.getId() + "@" + proposed.getVersion(), contracts.body().size(), changes);
        return new Answer<>(view, contracts.coverage()).respond();
    }
}
