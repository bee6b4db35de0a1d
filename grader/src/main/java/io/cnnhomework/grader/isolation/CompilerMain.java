package io.cnnhomework.grader.isolation;

import io.cnnhomework.grader.submission.CompilationException;
import io.cnnhomework.grader.submission.SubmissionCompiler;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The compiler process's entry point ({@link CompilerProcess} starts it): reads compile requests on
 * its standard input, compiles each with {@link SubmissionCompiler}, and answers on its standard
 * output, until the input ends. javac stays warm between requests, so a compilation costs what it
 * costs in the grader's own JVM; the process's heap limit bounds what one compilation may take.
 *
 * <p>A request: the source root, the classes directory, the number of files and their paths
 * ({@link ValueCodec} strings). A response: {@value #COMPILED} or {@value #NOT_COMPILED}, the
 * summary line and the compiler's messages. No student code runs here: annotation processing is
 * off ({@code -proc:none}).
 */
public final class CompilerMain {

    /** The sources compiled. */
    static final byte COMPILED = 0;
    /** They did not; a summary and the compiler's messages follow. */
    static final byte NOT_COMPILED = 1;
    /** Most files one request may name. */
    static final int MAX_FILES = 10_000;
    /** Most compiler messages one response carries. */
    static final int MAX_MESSAGES = 200;

    private CompilerMain() {
    }

    /** @param args none */
    public static void main(String[] args) {
        DataInputStream requests = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
        DataOutputStream responses = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        // nothing but responses on the protocol's stream
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(2)));
        SubmissionCompiler compiler = new SubmissionCompiler();
        int status = 0;
        try {
            while (true) {
                Path root;
                try {
                    root = Path.of(ValueCodec.readString(requests));
                } catch (EOFException e) {
                    break;
                }
                Path classes = Path.of(ValueCodec.readString(requests));
                int count = ValueCodec.readCount(requests, MAX_FILES, "files", false);
                List<Path> sources = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    sources.add(Path.of(ValueCodec.readString(requests)));
                }
                try {
                    compiler.compile(root, sources, classes);
                    responses.writeByte(COMPILED);
                } catch (CompilationException e) {
                    responses.writeByte(NOT_COMPILED);
                    ValueCodec.writeString(responses, ValueCodec.shortened(e.getMessage()));
                    List<String> messages = e.diagnostics().subList(0, Math.min(MAX_MESSAGES, e.diagnostics().size()));
                    responses.writeInt(messages.size());
                    for (String message : messages) {
                        ValueCodec.writeString(responses, ValueCodec.shortened(message));
                    }
                }
                responses.flush();
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("compiler process: " + e);
            status = 2;
        }
        Runtime.getRuntime().halt(status);
    }
}
