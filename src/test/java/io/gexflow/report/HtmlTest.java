package io.gexflow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void escapesMarkupCharacters() {
        assertEquals("a &amp; b &lt;i&gt; &quot;q&quot; &#39;s&#39;", Html.esc("a & b <i> \"q\" 's'"));
        assertEquals("", Html.esc(null));
    }

    @Test
    void numberFormats() {
        assertEquals("0.3421", Html.f4(0.34205001));
        assertEquals("0.3421 &plusmn; 0.0858", Html.meanSd(0.3421, 0.0858));
        assertEquals("26.8%", Html.pct1(0.268));
        assertEquals("97.0%", Html.pct1(0.97));
        assertEquals("-5.0%", Html.pct1(-0.05));
        assertEquals("15.33%", Html.pct2(0.1533));
    }

    @Test
    void percentNeverRoundsToAllOrNone() {
        assertEquals("100.0%", Html.pct1(1.0));
        assertEquals("0.0%", Html.pct1(0.0));
        assertEquals("99.97%", Html.pct1(0.9997));
        assertEquals("99.997%", Html.pct1(0.99997));
        assertEquals("0.03%", Html.pct1(0.0003));
        assertEquals("99.9%", Html.pct1(0.999));
    }
}
