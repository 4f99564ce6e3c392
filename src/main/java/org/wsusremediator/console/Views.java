package org.wsusremediator.console;

import java.util.Locale;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The console's pages: Thymeleaf templates in {@code console/templates} on the class path, in HTML mode, where
 * {@code th:text} escapes every value (a host name, a reason, an audit detail is text, never markup). Templates are
 * parsed once and cached.
 */
final class Views {

    private final TemplateEngine engine = new TemplateEngine();

    Views() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(Views.class.getClassLoader());
        resolver.setPrefix("console/templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
    }

    String render(String template, Map<String, Object> model) {
        Context context = new Context(Locale.ROOT);
        context.setVariables(model);
        return engine.process(template, context);
    }
}
