package io.meshwarden.sla.api;

import io.meshwarden.sla.cluster.InstancesUnavailableException;
import io.meshwarden.streams.StoreUnavailableException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Turns the API's exceptions into {@link ApiError} answers, for every controller of the service. */
public final class ApiErrorHandlers {
    private ApiErrorHandlers() {
    }

    /** 400, 404 or 409 naming the request field at fault; 403 naming the missing role. */
    @Produces
    @Singleton
    @Requires(classes = {RequestRejectedException.class, ExceptionHandler.class})
    public static class RequestRejected implements ExceptionHandler<RequestRejectedException, HttpResponse<ApiError>> {
        @Override
        @SuppressWarnings("rawtypes") // the interface's own signature
        public HttpResponse<ApiError> handle(HttpRequest request, RequestRejectedException exception) {
            return HttpResponse.<ApiError>status(exception.status())
                    .body(exception.role() != null ? ApiError.forbidden(exception.role(), exception.getMessage())
                            : ApiError.badField(exception.field(), exception.getMessage()));
        }
    }

    /** 503 while the stores cannot be queried; clients should retry. */
    @Produces
    @Singleton
    @Requires(classes = {StoreUnavailableException.class, ExceptionHandler.class})
    public static class StoreUnavailable implements ExceptionHandler<StoreUnavailableException, HttpResponse<ApiError>> {
        @Override
        @SuppressWarnings("rawtypes") // the interface's own signature
        public HttpResponse<ApiError> handle(HttpRequest request, StoreUnavailableException exception) {
            return HttpResponse.<ApiError>status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header("Retry-After", "1")
                    .body(ApiError.unavailable(exception.state().name(), exception.getMessage()));
        }
    }

    /** 503 when no instance holding a product's partition answered; the coverage headers name those asked. */
    @Produces
    @Singleton
    @Requires(classes = {InstancesUnavailableException.class, ExceptionHandler.class})
    public static class InstancesUnavailable
            implements ExceptionHandler<InstancesUnavailableException, HttpResponse<ApiError>> {
        @Override
        @SuppressWarnings("rawtypes") // the interface's own signature
        public HttpResponse<ApiError> handle(HttpRequest request, InstancesUnavailableException exception) {
            return exception.coverage().applyTo(HttpResponse.<ApiError>status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header("Retry-After", "1")
                    .body(ApiError.unavailable(null, exception.getMessage())));
        }
    }
}
