package io.meshwarden.sla.security;

import io.meshwarden.sla.api.ApiError;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.web.router.RouteAttributes;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;

/**
 * Refusals in the API's own error body ({@link ApiError}) instead of Micronaut's: 401 names the
 * {@code Authorization} field, with {@code WWW-Authenticate: Bearer} (not {@code Basic}, which would
 * make a browser pop up its own login dialog over the dashboard's); 403 names the role the route's
 * {@code @Secured} asks for and the user's name.
 */
@Produces
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
public class AuthorizationErrorHandler implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {
    static final String CHALLENGE = "Bearer realm=\"meshwarden\"";

    @Override
    @SuppressWarnings("rawtypes") // the interface's own signature
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        if (!exception.isForbidden() || exception.getAuthentication() == null) {
            return HttpResponse.<ApiError>status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE)
                    .body(ApiError.badField(HttpHeaders.AUTHORIZATION, "authentication required: send a bearer token from"
                            + " POST /login, or basic credentials"));
        }
        List<String> required = requiredRoles(request);
        String role = required.isEmpty() ? "admin" : String.join(" or ", required);
        return HttpResponse.<ApiError>status(HttpStatus.FORBIDDEN).body(ApiError.forbidden(role,
                "user '" + exception.getAuthentication().getName() + "' lacks role '" + role + "' for "
                        + request.getMethodName() + " " + request.getPath()));
    }

    /** The roles the matched route's {@code @Secured} names, without Micronaut's keywords. */
    static List<String> requiredRoles(HttpRequest<?> request) {
        return RouteAttributes.getRouteMatch(request)
                // As Micronaut's SecuredAnnotationRule reads it: the method's @Secured, else the class's.
                .flatMap(route -> route.getAnnotationMetadata().getValue(Secured.class, String[].class))
                .map(roles -> Arrays.stream(roles)
                        .filter(role -> !role.equals(SecurityRule.IS_AUTHENTICATED) && !role.equals(SecurityRule.IS_ANONYMOUS)
                                && !role.equals(SecurityRule.DENY_ALL))
                        .toList())
                .orElse(List.of());
    }
}
