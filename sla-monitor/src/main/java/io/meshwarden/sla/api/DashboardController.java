package io.meshwarden.sla.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;

/**
 * {@code GET /} sends a browser to the dashboard, a static page ({@code src/main/resources/dashboard},
 * served at {@code /dashboard/}, open to anyone: it holds no data and logs in itself) that polls this API.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
public class DashboardController {
    static final String DASHBOARD = "/dashboard/index.html";

    @Hidden
    @Get
    public HttpResponse<Void> root() {
        return HttpResponse.seeOther(URI.create(DASHBOARD));
    }
}
