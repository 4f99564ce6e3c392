package org.wsusremediator.console;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a console handler answers: a page (a template and its model, rendered once the page's common parts are
 * added), a redirect after a form (303, so a reload does not send the form again), JSON for the live views, or a
 * finished HTML document (a run's report) with its own Content-Security-Policy.
 */
sealed interface Response {

    record Page(int status, String template, Map<String, Object> model) implements Response {
    }

    record Redirect(String location, String cookie) implements Response {
    }

    record Json(int status, Object body) implements Response {
    }

    record Document(String html, String contentSecurityPolicy) implements Response {
    }

    /** A file of the console's own (its style sheet, its script), or a 404 as plain text. */
    record File(int status, String contentType, byte[] bytes) implements Response {
    }

    static Page page(String template, Map<String, Object> model) {
        return new Page(200, template, new LinkedHashMap<>(model));
    }

    static Page page(int status, String template, Map<String, Object> model) {
        return new Page(status, template, new LinkedHashMap<>(model));
    }

    static Redirect redirect(String location) {
        return new Redirect(location, null);
    }
}
