package io.gexflow.report;

import gg.jte.Content;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.TemplateOutput;
import gg.jte.html.HtmlTemplateOutput;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * Renders the reports' jte templates ({@code src/main/jte}). jte-maven-plugin compiles them into classes
 * of this package at build time, so rendering needs no Java compiler at run time (the container image
 * has a JRE only) and no template files beside the jar.
 *
 * <p>Every {@code ${...}} of a template is escaped by {@link Html#esc} ({@code & < > " '}), in element
 * content and in (double-quoted) attributes alike: one escaping for the whole report, the one the reports
 * have always used. Text that is already HTML (an entity, a {@code <code>} inside a caption) is written
 * in the template itself or passed as {@link Content}, never as a String, so nothing is escaped twice.
 */
final class Templates {
    /** The package jte-maven-plugin writes the templates' classes into (pom.xml, {@code packageName}). */
    static final String PACKAGE = "io.gexflow.report";

    private static final TemplateEngine ENGINE =
            TemplateEngine.createPrecompiled(null, ContentType.Html, Templates.class.getClassLoader(), PACKAGE);

    private Templates() {}

    /** The text of template {@code name} (e.g. "page.jte") for the given parameters. */
    static String render(String name, Map<String, Object> params) {
        StringOutput out = new StringOutput(1 << 20);
        ENGINE.render(name, params, new Escaping(out));
        return out.toString();
    }

    /** jte's HTML output with {@link Html#esc} as its one escaping of user content. */
    private record Escaping(TemplateOutput out) implements HtmlTemplateOutput {
        @Override
        public void setContext(String tagName, String attributeName) {
            // one escaping everywhere: Html.esc is safe in element content and in double-quoted attributes
        }

        @Override
        public void writeContent(String value) {
            out.writeContent(value);
        }

        @Override
        public void writeContent(String value, int beginIndex, int endIndex) {
            out.writeContent(value, beginIndex, endIndex);
        }

        @Override
        public void writeUserContent(String value) {
            if (value != null) {
                out.writeContent(Html.esc(value));
            }
        }

        @Override
        public void writeUserContent(Content content) {
            if (content != null) {
                content.writeTo(this);
            }
        }
    }
}
