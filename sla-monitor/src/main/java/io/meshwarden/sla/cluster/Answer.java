package io.meshwarden.sla.cluster;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;

/**
 * A read's result and how much of the cluster it covers ({@link Coverage}, sent as response headers).
 *
 * @param body null only where the read allows it (a missing optional part of a composed answer)
 */
public record Answer<T>(T body, Coverage coverage) {

    /** 200 with the body and the coverage headers. */
    public MutableHttpResponse<T> respond() {
        return respond(body);
    }

    /** 200 with another rendering of the body (e.g. text already serialized) and the coverage headers. */
    public <R> MutableHttpResponse<R> respond(R rendered) {
        return coverage.applyTo(HttpResponse.ok(rendered));
    }
}
