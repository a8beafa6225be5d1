package io.meshwarden.sla.security;

import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.core.order.Ordered;

/**
 * Browser hardening headers on every response of the service, API, dashboard, refusals and errors
 * alike: a Content-Security-Policy that runs only the service's own scripts and styles (no inline
 * script, so an injected {@code <script>} or {@code onmouseover} cannot run), refuses plugins and
 * framing; {@code nosniff}, so a JSON answer holding HTML is never rendered as a page; and no
 * referrer, so a link out of the dashboard does not leak its URL. docs/security.md says why each.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SecurityHeadersFilter implements Ordered {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    @ResponseFilter
    public void addHeaders(MutableHttpResponse<?> response) {
        response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Referrer-Policy", "no-referrer");
        response.header("X-Frame-Options", "DENY");
    }

    @Override
    public int getOrder() {
        // Last to see the response (after the security filter's refusals), first to see the request.
        return ServerFilterPhase.FIRST.order();
    }
}
