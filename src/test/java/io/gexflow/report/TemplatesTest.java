package io.gexflow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gg.jte.Content;
import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared page and figure templates: compiled at build time, escaped once, self-contained. */
class TemplatesTest {
    private static Map<String, Object> page(String title, Content sections) {
        Map<String, Object> p = new HashMap<>();
        p.put("title", title);
        p.put("heading", "Heading");
        p.put("track", "t");
        p.put("citation", "Someone et al.");
        p.put("sections", sections);
        return p;
    }

    @Test
    void templatesArePrecompiledClassesSoNoCompilerIsNeededAtRunTime() throws Exception {
        for (String t : new String[] {"page", "figure", "dgex", "svqvae"}) {
            Class.forName(Templates.PACKAGE + ".Jte" + t + "Generated");
        }
    }

    @Test
    void userTextIsEscapedOnceAndContentIsNot() {
        String h = Templates.render("page.jte", page("a <b> & \"c\" 'd'", out -> out.writeContent("<h2>S</h2>\n")));
        assertTrue(h.contains("<title>a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;</title>"), h);
        assertFalse(h.contains("&amp;lt;"), "not escaped twice");
        assertTrue(h.contains("reference: Someone et al.</p>\n<h2>S</h2>\n</body>\n</html>\n"), "sections as given, no footer");
        assertEquals(1, h.split("<style>", -1).length - 1, "one style sheet");
        assertFalse(h.contains("<script") || h.contains("<link") || h.contains("http"), "self-contained");
    }

    @Test
    void footerOnlyWhenGiven() {
        Map<String, Object> p = page("x", out -> {});
        p.put("footer", (Content) out -> out.writeUserContent("made by <me>"));
        assertTrue(Templates.render("page.jte", p).contains("<footer>made by &lt;me&gt;</footer>\n</body>"));
    }

    @Test
    void figuresAreNumberedInlinePngsWithTheirSizeWhenKnown() {
        Figures figures = new Figures();
        byte[] png = Charts.encodePng(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB));
        Map<String, Object> p = new HashMap<>();
        p.put("figures", figures);
        p.put("alt", "a \"b\"");
        p.put("png", png);
        p.put("caption", (Content) out -> out.writeContent("Cap &mdash; <code>x</code>."));
        String first = Templates.render("figure.jte", p);
        assertTrue(first.startsWith("<figure>\n<img alt=\"a &quot;b&quot;\" src=\"data:image/png;base64,"), first);
        assertTrue(first.endsWith("\">\n<figcaption><strong>Figure 1.</strong> Cap &mdash; <code>x</code>.</figcaption>\n</figure>\n"),
                first);
        p.put("width", 3);
        p.put("height", 2);
        String second = Templates.render("figure.jte", p);
        assertTrue(second.contains("<img alt=\"a &quot;b&quot;\" width=\"3\" height=\"2\" src=\"data:image/png;base64,"), second);
        assertTrue(second.contains("<strong>Figure 2.</strong>"));
    }
}
