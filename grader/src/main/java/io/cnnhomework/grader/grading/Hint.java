package io.cnnhomework.grader.grading;

import io.cnnhomework.grader.messages.Text;

/**
 * A recognised mistake: the usual cause of the error's shape, in one sentence.
 *
 * @param id stable identifier, e.g. {@code grad-not-divided}; the bundle key is {@code hint.<id>}
 * @param text the sentence, with the case's numbers
 */
public record Hint(String id, Text text) {

    /**
     * @param id the hint's identifier
     * @param args the sentence's arguments
     * @return the hint
     */
    public static Hint of(String id, Object... args) {
        return new Hint(id, Text.of("hint." + id, args));
    }
}
