package io.meshwarden.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class one embedded Kafka broker with the mesh's governance and quality topologies
 * running on it, the policy sets of {@link #policies()} in force, and the contract of
 * {@link #contract()} loaded. A test method or constructor takes a {@link Mesh} parameter to reach
 * them. Paths are relative to the working directory (a Maven module's base directory).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(MeshwardenExtension.class)
public @interface MeshwardenTest {
    /** The product's contract: an ODCS v3 document or Meshwarden YAML. */
    String contract() default "src/main/resources/contract.odcs.yaml";

    /** A directory of policy set files (global first, then domain sets), put in force before the first test. */
    String policies() default "policies";

    /** The domain of an ODCS document that names none. */
    String domain() default "";
}
