package io.cnnhomework.grader.submission;

import io.cnnhomework.tensor.Tensor;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a submission's sources with {@code javax.tools} against the student API alone, so that
 * a submission cannot even name a grader class.
 */
public final class SubmissionCompiler {

    private final Path studentApi;

    /** Compiles against the student API this grader itself runs with. */
    public SubmissionCompiler() {
        this(locationOf(Tensor.class));
    }

    /** @param studentApi the student API jar or classes directory */
    public SubmissionCompiler(Path studentApi) {
        this.studentApi = studentApi;
    }

    /**
     * @param submission the submission's directory
     * @return where its packages start, as {@link SourceTree#sourceRoot(Path)} finds it
     */
    public static Path sourceRoot(Path submission) {
        return SourceTree.sourceRoot(submission);
    }

    /**
     * Compiles the {@code .java} files of the submission's {@code homework} folder ({@link
     * SourceTree}).
     *
     * @param submission the submission's directory
     * @param classesDir where to write the classes (created if needed)
     * @return a loader for the compiled classes whose parent sees the student API
     * @throws CompilationException when the sources do not compile or there are none
     * @throws NoCompilerException when this Java runtime has no compiler
     */
    public URLClassLoader compile(Path submission, Path classesDir) {
        SourceTree tree = SourceTree.of(submission);
        compile(tree.root(), tree.sources(), classesDir);
        return loader(classesDir);
    }

    /**
     * @param classesDir compiled classes of a submission
     * @return a loader for them whose parent sees the student API
     */
    public static URLClassLoader loader(Path classesDir) {
        try {
            return new URLClassLoader(new URL[] {classesDir.toUri().toURL()}, Tensor.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(classesDir + " is not a valid URL", e);
        }
    }

    /**
     * Compiles the given files.
     *
     * @param root where the packages start, for the messages' file names
     * @param sources the files, as {@link SourceTree#sources()} lists them
     * @param classesDir where to write the classes (created if needed)
     * @throws CompilationException when the sources do not compile or there are none
     * @throws NoCompilerException when this Java runtime has no compiler
     */
    public void compile(Path root, List<Path> sources, Path classesDir) {
        if (sources.isEmpty()) {
            throw new CompilationException("no .java files in " + root.resolve(StudentFailure.STUDENT_PACKAGE), List.of());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new NoCompilerException("no Java compiler: run the grader with a JDK 17 or later, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            Files.createDirectories(classesDir);
            List<String> options = List.of("--release", "17", "-classpath", studentApi.toString(), "-d", classesDir.toString(),
                    "-proc:none", "-implicit:class", "-encoding", "UTF-8", "-nowarn", "-g");
            boolean ok;
            try {
                // javac's own chatter goes to this writer, not to the grader's console
                ok = compiler.getTask(new StringWriter(), files, diagnostics, options, null,
                        files.getJavaFileObjectsFromPaths(sources)).call();
            } catch (OutOfMemoryError e) {
                throw CompilationException.outOfMemory(Runtime.getRuntime().maxMemory() >> 20);
            } catch (RuntimeException | StackOverflowError e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new CompilationException("javac crashed on the sources: " + cause.getClass().getSimpleName(),
                        List.of("javac crashed on the sources: " + cause.getClass().getSimpleName()));
            }
            if (!ok) {
                List<String> messages = format(diagnostics, root);
                throw new CompilationException("does not compile: " + messages.size() + " error(s); first: "
                        + (messages.isEmpty() ? "(no message)" : messages.get(0)), messages);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compile " + root, e);
        }
    }

    private static List<String> format(DiagnosticCollector<JavaFileObject> diagnostics, Path root) {
        List<String> messages = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            // javac names sources by absolute URI; the root may be relative, as given on the command line
            String file = d.getSource() == null ? "?"
                    : root.toAbsolutePath().normalize().relativize(Path.of(d.getSource().toUri())).toString();
            // javac puts the useful part ("symbol: variable foo") on the following lines.
            String message = String.join("; ", d.getMessage(Locale.ROOT).lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
            messages.add(file + ":" + d.getLineNumber() + ": " + message);
        }
        return messages;
    }

    private static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + type.getName(), e);
        }
    }
}
