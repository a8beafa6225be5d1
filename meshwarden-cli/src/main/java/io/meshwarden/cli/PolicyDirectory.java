package io.meshwarden.cli;

import io.meshwarden.governance.policy.Admission;
import io.meshwarden.governance.policy.PolicyLayers;
import io.meshwarden.governance.policy.PolicySetYaml;
import io.meshwarden.governance.yaml.YamlFileException;
import java.nio.file.Path;

/**
 * Puts a directory of policy files in force offline, exactly as the running topology admits them
 * (same compiler, same layering check), so that `validate` judges as the pipeline does.
 */
final class PolicyDirectory {
    private PolicyDirectory() {
    }

    /**
     * The built-in global set when {@code directory} is null. The directory's sets are what the user
     * asks to judge by, so a global set looser than the built-in one is taken as approved (in the
     * running pipeline it would be held for stewards' approval).
     */
    static PolicyLayers layers(Path directory) {
        PolicyLayers layers = PolicyLayers.builtIn();
        if (directory == null) {
            return layers;
        }
        for (PolicySetYaml.PolicyFile file : PolicySetYaml.readDirectory(directory)) {
            Admission admission = layers.admitApproved(file.set());
            if (admission instanceof Admission.Rejected rejected) {
                throw new YamlFileException(file.file().toString(), 1, rejected.reason());
            }
            layers = ((Admission.Accepted) admission).layers();
        }
        return layers;
    }
}
