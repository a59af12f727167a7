package com.marketplaceconnect.web;

/** Not there, or not this user's: the page answers 404 either way. */
public class PageNotFoundException extends RuntimeException {
    public PageNotFoundException(String message) {
        super(message);
    }
}
