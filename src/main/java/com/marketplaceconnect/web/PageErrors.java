package com.marketplaceconnect.web;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.ui.Model;

/** The page's errors as pages (the API's JSON problems are for /api): 404 for anything not the user's, 400, 500. */
@ControllerAdvice(basePackageClasses = PageErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {
    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    @ExceptionHandler(PageNotFoundException.class)
    String notFound(PageNotFoundException e, Model model, HttpServletResponse response) {
        return page(404, "Not found", e.getMessage(), model, response);
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    String badRequest(Exception e, Model model, HttpServletResponse response) {
        return page(400, "Bad request", "The address is not one of this page's: " + e.getMessage(), model, response);
    }

    @ExceptionHandler(Exception.class)
    String failed(Exception e, Model model, HttpServletResponse response) {
        log.warn("Seller's page request failed: {}", e.toString());
        return page(500, "Something went wrong", "The page could not be shown; try again in a moment.", model, response);
    }

    private static String page(int status, String title, String message, Model model, HttpServletResponse response) {
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("title", title);
        model.addAttribute("message", message);
        return "app/error";
    }
}
