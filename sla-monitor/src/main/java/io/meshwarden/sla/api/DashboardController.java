package io.meshwarden.sla.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;

/**
 * {@code GET /} sends a browser to the dashboard, a static page ({@code src/main/resources/dashboard},
 * served at {@code /dashboard/}) that polls this API.
 */
@Controller
public class DashboardController {
    static final String DASHBOARD = "/dashboard/index.html";

    @Hidden
    @Get
    public HttpResponse<Void> root() {
        return HttpResponse.seeOther(URI.create(DASHBOARD));
    }
}
