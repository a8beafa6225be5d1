package io.meshwarden.testkit;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts one {@link Mesh} per test class annotated {@link MeshwardenTest} and closes it when the
 * class's context ends (JUnit closes the stored value, after the class's own {@code @AfterAll}
 * methods): the topologies first, then the broker. {@code @Nested} classes share their outer class's mesh.
 */
public final class MeshwardenExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MeshwardenExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        meshOf(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Mesh.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return meshOf(context);
    }

    private static Mesh meshOf(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (!(classContext.getElement().orElse(null) instanceof Class<?>) && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        MeshwardenTest settings = classContext.getTestClass()
                .flatMap(type -> AnnotationSupport.findAnnotation(type, MeshwardenTest.class))
                .orElseThrow(() -> new IllegalStateException("the Meshwarden testkit needs @MeshwardenTest on the test class"));
        // getOrComputeIfAbsent looks in parent stores too, so a @Nested class reuses its outer class's mesh.
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(Mesh.class,
                type -> Mesh.start(Path.of(settings.contract()), Path.of(settings.policies()), settings.domain()), Mesh.class);
    }
}
