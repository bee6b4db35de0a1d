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
    void htmlKeepsLinesAndUnicodeAndDropsControlCharacters() {
        assertEquals("Домашнее задание\nline\t2 \uFFFD[31mred", Inert.html("Домашнее задание\nline\t2 \u001b[31mred"));
    }

    @Test
    void terminalShowsControlCharactersInsteadOfObeyingThem() {
        assertEquals("\\u001b[2J\\u001b[31mred\\u000d\\u000afake line \\u0007", Inert.terminal("\u001b[2J\u001b[31mred\r\nfake line \u0007"));
        assertEquals("café Иванов", Inert.terminal("café Иванов"));
    }
}
