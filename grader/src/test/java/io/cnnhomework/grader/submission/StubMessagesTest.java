package io.cnnhomework.grader.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.grader.messages.Messages;
import io.cnnhomework.grader.messages.Text;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Every stub of the template is reported in the student's language; anything else as written. */
class StubMessagesTest {

    @Test
    void everyStubOfTheTemplateHasItsMessageInBothLanguages() throws IOException {
        List<String> stubs = TemplateStubTexts.all();
        assertTrue(stubs.size() >= 30, "stubs found: " + stubs.size());
        for (String stub : stubs) {
            String key = StubMessages.key(stub);
            assertNotNull(key, "no message stub.* says exactly: " + stub);
            assertEquals(stub, Text.of(key).render(Locale.ENGLISH), key);
            String russian = Text.of(key).render(Messages.RUSSIAN);
            String name = stub.substring(0, stub.indexOf(": "));
            assertTrue(russian.startsWith(name + ": "), key + " names its method first: " + russian);
            String words = russian.substring(name.length() + 2);
            assertTrue(words.chars().anyMatch(c -> Character.UnicodeBlock.of(c) == Character.UnicodeBlock.CYRILLIC),
                    key + " is not Russian: " + russian);
        }
    }

    @Test
    void aStubsFailureReadsInRussianUnderRussianAndAsTheStubSaysInEnglish() {
        String stub = "Conv.forward: convolve X with every filter W[c], add b[c], cache X";
        StudentFailure failure = StudentFailure.of(new UnsupportedOperationException(stub));

        assertEquals(FailureKind.NOT_IMPLEMENTED, failure.kind());
        assertEquals("not implemented: " + stub, failure.message().render(Locale.ENGLISH));
        assertEquals("не реализовано: Conv.forward: сверните X с каждым фильтром W[c], прибавьте b[c], сохраните X",
                failure.message().render(Messages.RUSSIAN));
    }

    @Test
    void aStudentsOwnMessageStaysAsWrittenEvenWhenItStartsLikeAStub() {
        assertNull(StubMessages.key("Conv.forward: TODO after the exam"));
        assertNull(StubMessages.key("Nothing.here: at all"));
        assertNull(StubMessages.key("no leading method"));
        StudentFailure failure = StudentFailure.of(new UnsupportedOperationException("Conv.forward: TODO after the exam"));
        assertEquals("не реализовано: Conv.forward: TODO after the exam", failure.message().render(Messages.RUSSIAN));
    }

    @Test
    void aConstructorStubIsKnownByItsClassName() {
        String stub = "SGD(params, lr, momentum, dampening, weightDecay, nesterov): keep the hyperparameters and a momentum "
                + "buffer per parameter";
        assertEquals("stub.SGD", StubMessages.key(stub));
    }
}
