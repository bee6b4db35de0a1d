package io.cnnhomework.grader.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StudentFailureTest {

    @Test
    void notImplementedNamesTheFirstStudentFrame() {
        UnsupportedOperationException thrown = new UnsupportedOperationException("Conv.forward: do it");
        thrown.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("io.cnnhomework.tensor.Tensor", "add", "Tensor.java", 10),
            new StackTraceElement("homework.Conv", "forward", "Conv.java", 42)});

        StudentFailure failure = StudentFailure.of(thrown);

        assertEquals("not-implemented", failure.kind().id());
        assertEquals("not implemented: Conv.forward: do it (at homework.Conv.forward(Conv.java:42))", failure.message().toString());
    }

    @Test
    void otherExceptionsGiveTypeMessageAndFrameOnOneLine() {
        IllegalArgumentException thrown = new IllegalArgumentException("cannot broadcast [2, 3] and [4]\nsecond line");
        thrown.setStackTrace(new StackTraceElement[] {new StackTraceElement("homework.Fc", "forward", "Fc.java", 7)});

        assertEquals("IllegalArgumentException: cannot broadcast [2, 3] and [4] (at homework.Fc.forward(Fc.java:7))",
                StudentFailure.of(thrown).message().toString());
    }

    @Test
    void messageThatThrowsIsReportedNotPropagated() {
        RuntimeException hostile = new RuntimeException() {
            private static final long serialVersionUID = 1L;

            @Override
            public String getMessage() {
                throw new IllegalStateException("no");
            }
        };
        hostile.setStackTrace(new StackTraceElement[0]);

        StudentFailure failure = StudentFailure.of(hostile);

        assertEquals("exception", failure.kind().id());
        String message = failure.message().toString();
        assertEquals(": (its message could not be read: IllegalStateException)", message.substring(message.indexOf(':')));
    }

    @Test
    void aStackTraceThatThrowsAndACauseThatThrowsGiveNoFrameAndNoException() {
        RuntimeException hostile = new IllegalStateException("where am I") {
            private static final long serialVersionUID = 1L;

            @Override
            public StackTraceElement[] getStackTrace() {
                throw new IllegalStateException("nowhere") {
                    private static final long serialVersionUID = 1L;

                    @Override
                    public StackTraceElement[] getStackTrace() {
                        throw new AssertionError("must not be asked");
                    }
                };
            }
        };

        StudentFailure failure = StudentFailure.of(hostile);

        assertEquals("exception", failure.kind().id());
        assertEquals("where am I", failure.message().toString().substring(failure.message().toString().indexOf(": ") + 2));
    }
}
