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

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalid(MethodArgumentNotValidException e) {
        var error = e.getBindingResult().getFieldErrors().stream().findFirst();
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                error.map(f -> f.getField() + ": " + f.getDefaultMessage()).orElse("invalid request"));
        error.ifPresent(f -> p.setProperty("field", f.getField()));
        return p;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request body is not valid JSON of the expected shape");
    }

    @ExceptionHandler(AccountNotFoundException.class)
    ProblemDetail notFound(AccountNotFoundException e) {
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
