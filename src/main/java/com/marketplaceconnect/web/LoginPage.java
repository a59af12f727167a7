package com.marketplaceconnect.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The page's sign-in form; Spring Security checks the POST (/app/login) against the page's users. */
@Controller
@io.swagger.v3.oas.annotations.Hidden   // a page, not part of the API
class LoginPage {
    @GetMapping("/app/login")
    String login() {
        return "app/login";
    }
}
