package com.marketplaceconnect.api;

import com.marketplaceconnect.accounts.AccountNotFoundException;
import com.marketplaceconnect.accounts.InvalidRequestException;
import com.marketplaceconnect.connectors.Connectors;
import com.marketplaceconnect.connectors.ConnectorNotConfiguredException;
import com.marketplaceconnect.connectors.UnsupportedMarketplaceOperationException;
import com.marketplaceconnect.sync.SyncAlreadyRunningException;
import com.marketplaceconnect.sync.SyncNotQueuedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every API error is a JSON problem (RFC 9457) with a clear detail and, where it applies, the field at fault. */
@RestControllerAdvice
public class ApiErrors {

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalid(InvalidRequestException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.status()), e.getMessage());
        p.setProperty("field", e.field());
        return p;
    }

    /** Every invalid field, not just the first: "field" names the first, "fields" all of them, in field order. */
    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalid(MethodArgumentNotValidException e) {
        var errors = e.getBindingResult().getFieldErrors().stream()
                .sorted(java.util.Comparator.comparing(org.springframework.validation.FieldError::getField))
                .toList();
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, errors.isEmpty() ? "invalid request"
                : errors.stream().map(f -> f.getField() + ": " + f.getDefaultMessage()).collect(java.util.stream.Collectors.joining("; ")));
        if (!errors.isEmpty()) {
            p.setProperty("field", errors.get(0).getField());
            p.setProperty("fields", errors.stream().map(org.springframework.validation.FieldError::getField).distinct().toList());
        }
        return p;
    }

    /** An unknown path answers in the same problem format as every other API error. */
    @ExceptionHandler(org.springframework.web.servlet.resource.NoResourceFoundException.class)
    ProblemDetail unknownPath(org.springframework.web.servlet.resource.NoResourceFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such path: /" + e.getResourcePath()
                + " (the API is described at /v3/api-docs)");
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request body is not valid JSON of the expected shape");
    }

    @ExceptionHandler({AccountNotFoundException.class, com.marketplaceconnect.sync.SyncRunNotFoundException.class})
    ProblemDetail notFound(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(ConnectorNotConfiguredException.class)
    ProblemDetail notConfigured(ConnectorNotConfiguredException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    @ExceptionHandler(UnsupportedMarketplaceOperationException.class)
    ProblemDetail unsupported(UnsupportedMarketplaceOperationException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        p.setProperty("field", e.field());
        return p;
    }

    @ExceptionHandler(Connectors.UnknownMarketplaceException.class)
    ProblemDetail unknownMarketplace(Connectors.UnknownMarketplaceException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
    }

    @ExceptionHandler(SyncNotQueuedException.class)
    ProblemDetail notQueued(SyncNotQueuedException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    @ExceptionHandler({SyncAlreadyRunningException.class, IllegalStateException.class})
    ProblemDetail conflict(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }
}
