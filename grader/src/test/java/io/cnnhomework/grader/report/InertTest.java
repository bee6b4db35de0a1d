package io.cnnhomework.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InertTest {

    @Test
    void markupBecomesText() {
        assertEquals("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&lt;b&gt;bold&lt;/b&gt; &amp; &#39;quoted&#39;",
                Inert.html("<img src=x onerror=\"alert(1)\"><b>bold</b> & 'quoted'"));
    }

    @Test
    void htmlKeepsLinesAndUnicodeAndShowsOtherControlCharactersAsTheirEscapes() {
        assertEquals("Домашнее задание\nline\t2 \\u001b[31mred\\u000d \\u0007", Inert.html("Домашнее задание\nline\t2 \u001b[31mred\r \u0007"));
    }

    @Test
    void markdownIsOneLineWithControlCharactersAsTheirEscapes() {
        assertEquals("a b \\u001b\\[31m \\*x\\*", Inert.markdown("a\nb \u001b[31m *x*"));
    }

    @Test
    void terminalShowsControlCharactersInsteadOfObeyingThem() {
        assertEquals("\\u001b[2J\\u001b[31mred\\u000d\\u000afake line \\u0007", Inert.terminal("\u001b[2J\u001b[31mred\r\nfake line \u0007"));
        assertEquals("café Иванов", Inert.terminal("café Иванов"));
    }

    @Test
    void asciiSpellsOutWhatLooksAlike() {
        assertEquals("caf\\u00e9 cafe\\u0301 \\u0430dmin \\u005c\\u001b \\u{1f600}", Inert.ascii("caf\u00e9 cafe\u0301 \u0430dmin \\\u001b \ud83d\ude00"));
        assertEquals("plain-id_1 (x)", Inert.ascii("plain-id_1 (x)"));
    }
}
