package io.cnnhomework.grader.isolation;

import io.cnnhomework.grader.exercise.Deadline;
import io.cnnhomework.grader.exercise.InProcessRunner;
import io.cnnhomework.grader.exercise.Job;
import io.cnnhomework.grader.exercise.Outcome;
import io.cnnhomework.grader.exercise.SubmissionRunner;
import io.cnnhomework.grader.exercise.TimeLimitedRunner;
import io.cnnhomework.grader.submission.Homework;
import io.cnnhomework.grader.submission.StudentFailure;
import io.cnnhomework.tensor.Tensor;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The child JVM's entry point: {@code ChildMain [classes directory]}. Reads {@link Wire} requests
 * on its standard input, runs each with the ordinary {@link InProcessRunner}, and answers on its
 * standard output, until the input ends (exit status 0).
 *
 * <p>Without a classes directory the child serves one submission after another: an {@link
 * Wire.Open} names the submission the next requests are for, and its classes load in a class
 * loader of their own. Before switching, the child compares its state with how it was before any
 * submission ran ({@link Pristine}); when an earlier submission changed it, the child refuses
 * the switch and ends with {@value #EXIT_REFUSED}, and the grader starts a fresh one.
 *
 * <p>Before any student class loads, the real standard streams are claimed for the protocol and
 * {@code System.out}, {@code System.err} and {@code System.in} are replaced: what the submission
 * prints is captured (at most {@value #CAPTURE_BYTES} bytes of each stream per request, the rest
 * counted) and travels with the response, and it reads an empty input.
 *
 * <p>Each request runs on its own thread, watched by this one. When it overruns the request's
 * limit, the child reports a timeout naming the student method the thread was in, then ends
 * itself with {@value #EXIT_AFTER_TIMEOUT}, since the thread cannot be stopped. An {@code
 * OutOfMemoryError} ends the JVM at once with {@value #EXIT_OUT_OF_MEMORY} (the parent passes
 * {@code -XX:+ExitOnOutOfMemoryError}). Anything else a request throws becomes a failure in its
 * response.
 */
public final class ChildMain {

    /** Exit status when the requests cannot be read or the arguments are wrong. */
    public static final int EXIT_PROTOCOL = 2;
    /** Exit status of {@code -XX:+ExitOnOutOfMemoryError}. */
    public static final int EXIT_OUT_OF_MEMORY = 3;
    /** Exit status after a timeout was reported. */
    public static final int EXIT_AFTER_TIMEOUT = 4;
    /** Exit status after refusing to switch to another submission. */
    public static final int EXIT_REFUSED = 5;
    /** Bytes of each of {@code System.out} and {@code System.err} kept per request. */
    public static final int CAPTURE_BYTES = ValueCodec.MAX_STRING_BYTES;

    private final InputStream requests;
    private final OutputStream responses;
    private final CappedOutput stdout;
    private final CappedOutput stderr;
    private final PrintStream diagnostics;
    private final Opener opener;
    private Pristine pristine;
    private SubmissionRunner runner;

    /** Makes the runner of a submission's classes. */
    interface Opener {

        /**
         * @param classesDir the submission's compiled classes
         * @return the runner of its requests
         * @throws IOException if the directory cannot serve as a class path
         */
        SubmissionRunner open(Path classesDir) throws IOException;
    }

    /** A child of one submission. */
    ChildMain(InputStream requests, OutputStream responses, CappedOutput stdout, CappedOutput stderr, SubmissionRunner runner,
            PrintStream diagnostics) {
        this(requests, responses, stdout, stderr, runner, diagnostics, null, null);
    }

    /**
     * A child that serves one submission after another.
     *
     * @param runner the first submission's runner, or {@code null} until an {@link Wire.Open}
     * @param opener makes the runner of the submission an {@link Wire.Open} names
     * @param pristine the state before any submission ran, checked before each switch
     */
    ChildMain(InputStream requests, OutputStream responses, CappedOutput stdout, CappedOutput stderr, SubmissionRunner runner,
            PrintStream diagnostics, Opener opener, Pristine pristine) {
        this.requests = requests;
        this.responses = responses;
        this.stdout = stdout;
        this.stderr = stderr;
        this.runner = runner;
        this.diagnostics = diagnostics;
        this.opener = opener;
        this.pristine = pristine;
    }

    /**
     * @param args the submission's compiled classes directory, or none for a child that serves
     *     the submissions {@link Wire.Open} names
     */
    public static void main(String[] args) {
        // the protocol's streams, claimed before student code could replace or wrap them
        InputStream requests = new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16);
        OutputStream responses = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        PrintStream diagnostics = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        CappedOutput stdout = new CappedOutput(CAPTURE_BYTES);
        CappedOutput stderr = new CappedOutput(CAPTURE_BYTES);
        captureStreams(stdout, stderr);
        System.setIn(InputStream.nullInputStream());
        if (args.length > 1) {
            diagnostics.println("usage: ChildMain [classes directory]");
            Runtime.getRuntime().halt(EXIT_PROTOCOL);
            return;
        }
        // A child must never outlive its grader, even one killed with SIGKILL (no shutdown hook runs
        // then) while student code spins without reading the next request.
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(EXIT_PROTOCOL)));
        initialiseApiClasses(diagnostics);
        Pristine pristine = Pristine.now();
        SubmissionRunner runner = null;
        if (args.length == 1) {
            try {
                runner = open(Path.of(args[0]));
            } catch (IOException | RuntimeException e) {
                diagnostics.println("not a classes directory: " + args[0] + ": " + e);
                Runtime.getRuntime().halt(EXIT_PROTOCOL);
                return;
            }
        }
        Opener opener = classes -> {
            captureStreams(stdout, stderr);
            return open(classes);
        };
        int status = new ChildMain(requests, responses, stdout, stderr, runner, diagnostics, opener, pristine).serve();
        // halt, not exit: shutdown hooks and non-daemon threads of the submission must not keep it alive
        Runtime.getRuntime().halt(status);
    }

    /**
     * Points {@code System.out} and {@code System.err} at new streams into the captures. Each
     * submission gets its own: one the last submission closed (the policy refuses {@code
     * System.out.close()}, not a close through {@code Closeable}) or left a character half
     * written in stays with it.
     */
    private static void captureStreams(CappedOutput stdout, CappedOutput stderr) {
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    /**
     * Initialises every class of the student API before any submission runs. A class whose
     * initialiser fails (a submission that recurses until the stack is nearly full and then calls
     * a tensor method could make it overflow there) is unusable for the rest of the JVM's life, and
     * in a child that serves several submissions that would fail the later ones; a class already
     * initialised cannot fail so. Classes that cannot even be linked here (the Vector API's
     * kernels in a child without the incubator module) are left alone: no one can use them. The
     * JDK's classes that no API class initialises but its methods use are warmed up too; should a
     * request still meet a class broken so, the child says so ({@link Wire.Response#broken()}).
     */
    static void initialiseApiClasses(PrintStream diagnostics) {
        for (String name : apiClassNames(diagnostics)) {
            if (name.endsWith("package-info") || name.endsWith("module-info")) {
                continue;
            }
            try {
                Class.forName(name, true, ChildMain.class.getClassLoader());
            } catch (NoClassDefFoundError e) {
                if (!String.valueOf(e.getMessage()).startsWith("jdk/incubator/vector/")) {
                    diagnostics.println("cannot initialise " + name + ": " + e);
                }
            } catch (Throwable e) { // whatever an initialiser throws, the child goes on and says so
                diagnostics.println("cannot initialise " + name + ": " + e);
            }
        }
        // and the JDK's classes that the API's methods initialise on first use: formatting, the common pool
        try {
            Tensor.ones(2, 2).toString();
            ForkJoinPool.commonPool();
        } catch (RuntimeException e) {
            diagnostics.println("cannot warm up the student API: " + e);
        }
    }

    /** @return the binary names of the classes in the student API's jar or directory */
    static List<String> apiClassNames(PrintStream diagnostics) {
        List<String> names = new ArrayList<>();
        try {
            Path location = Path.of(Tensor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                try (var walk = Files.walk(location)) {
                    walk.filter(f -> f.toString().endsWith(".class"))
                            .forEach(f -> names.add(binaryName(location.relativize(f).toString().replace(File.separatorChar, '/'))));
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    jar.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class") && !n.contains("module-info"))
                            .forEach(n -> names.add(binaryName(n)));
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            diagnostics.println("cannot list the student API's classes: " + e);
        }
        return names;
    }

    private static String binaryName(String classFile) {
        return classFile.substring(0, classFile.length() - ".class".length()).replace('/', '.');
    }

    /** The runner of a submission's classes, in a class loader of their own below the grader's. */
    private static SubmissionRunner open(Path classesDir) throws IOException {
        if (!Files.isDirectory(classesDir)) {
            throw new IOException("no such directory");
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {classesDir.toUri().toURL()}, ChildMain.class.getClassLoader());
        return new InProcessRunner(new Homework(loader));
    }

    /**
     * Answers requests until the input ends.
     *
     * @return the exit status: 0 at the end of the input, {@value #EXIT_AFTER_TIMEOUT} after a
     *     timeout, {@value #EXIT_REFUSED} after refusing to switch submissions, {@value
     *     #EXIT_PROTOCOL} when a request cannot be read or the parent is gone
     */
    int serve() {
        while (true) {
            Wire.ToChild next;
            try {
                next = Wire.readRequest(requests);
            } catch (IOException e) {
                diagnostics.println("unreadable request: " + e.getMessage());
                return EXIT_PROTOCOL;
            }
            if (next == null) {
                return 0;
            }
            if (next instanceof Wire.Open open) {
                Wire.Opened opened = open(open);
                if (!answer(Wire.encode(opened))) {
                    return EXIT_PROTOCOL;
                }
                if (!opened.switched()) {
                    diagnostics.println("refused to serve another submission: " + opened.refusal());
                    return EXIT_REFUSED;
                }
                continue;
            }
            Wire.Request request = (Wire.Request) next;
            if (runner == null) {
                diagnostics.println("request " + request.sequence() + " before any submission was opened");
                return EXIT_PROTOCOL;
            }
            Wire.Response response = run(request);
            if (!answer(encode(request, response))) {
                return EXIT_PROTOCOL;
            }
            if (response.closing()) {
                return EXIT_AFTER_TIMEOUT;
            }
        }
    }

    private boolean answer(byte[] frame) {
        try {
            responses.write(frame);
            responses.flush();
            return true;
        } catch (IOException e) {
            diagnostics.println("cannot answer: " + e.getMessage());
            return false;
        }
    }

    /**
     * Switches to the submission an {@link Wire.Open} names, unless an earlier one changed what
     * the next would share, or this child serves one submission only.
     */
    private Wire.Opened open(Wire.Open open) {
        if (opener == null) {
            return new Wire.Opened(open.sequence(), "this child serves one submission");
        }
        List<String> changed = pristine.differences();
        if (!changed.isEmpty()) {
            return new Wire.Opened(open.sequence(), String.join("; ", changed));
        }
        try {
            runner = opener.open(Path.of(open.classesDir()));
        } catch (IOException | RuntimeException e) {
            return new Wire.Opened(open.sequence(), "not a classes directory: " + open.classesDir() + ": " + e.getMessage());
        }
        pristine = pristine.withCurrentStreams();
        return new Wire.Opened(open.sequence(), "");
    }

    /**
     * Runs one request on its own thread, within the request's limit.
     *
     * @param request the task or layer case
     * @return its response, with what the submission printed meanwhile
     */
    Wire.Response run(Wire.Request request) {
        Job job = request.job();
        String what = job.what();
        Deadline.Result<Outcome> result = Deadline.run("homework-" + what,
                TimeLimitedRunner.described(() -> runner.run(job), job::failed), request.limitMillis());
        Outcome outcome;
        boolean closing = false;
        if (result instanceof Deadline.Done<Outcome> done) {
            outcome = done.value() != null ? done.value()
                    : job.failed(StudentFailure.of(new NullPointerException("the runner returned nothing for " + what)));
        } else if (result instanceof Deadline.Overran<Outcome> overran) {
            outcome = job.failed(StudentFailure.timeout(request.limitMillis() / 1000.0, what, overran.stack()));
            closing = true;
        } else {
            // described() lets nothing escape but what describing the student's throwable threw;
            // it is named only, since asking it anything more would run student code again
            Throwable cause = ((Deadline.Threw<Outcome>) result).thrown();
            outcome = job.failed(StudentFailure.of(new IllegalStateException(cause.getClass().getName() + " escaped while running " + what)));
        }
        String unusable = closing ? null : unusableClass(outcome);
        if (unusable != null) {
            diagnostics.println(what + " failed on " + unusable + ", which this JVM can no longer initialise; the child ends");
        }
        return new Wire.Response(request.sequence(), closing || unusable != null, unusable != null, outcome, stdout.drain(),
                stderr.drain());
    }

    /** How the JVM words a class whose initialiser failed before. */
    private static final String NOT_INITIALISED = "Could not initialize class ";

    /**
     * @return the class outside the submission that the failure says could not be initialised,
     *     when this JVM indeed cannot initialise it; {@code null} otherwise, a failure that merely
     *     says so included
     */
    static String unusableClass(Outcome outcome) {
        if (outcome.failure() == null) {
            return null;
        }
        String text = outcome.failure().message().toString();
        int at = text.indexOf(NOT_INITIALISED);
        if (at < 0) {
            return null;
        }
        int from = at + NOT_INITIALISED.length();
        int end = from;
        while (end < text.length() && (Character.isJavaIdentifierPart(text.charAt(end)) || text.charAt(end) == '.')) {
            end++;
        }
        String name = text.substring(from, end);
        try {
            // the grader's class loader: a submission's own classes are not found there
            Class.forName(name, true, ChildMain.class.getClassLoader());
            return null;
        } catch (NoClassDefFoundError | ExceptionInInitializerError e) {
            return name;
        } catch (ClassNotFoundException | LinkageError | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Encodes a response; one whose values exceed the protocol's caps (a tensor of more than
     * {@value ValueCodec#MAX_TENSOR_ELEMENTS} elements, checked before it is materialised) becomes
     * a contract failure instead.
     */
    private static byte[] encode(Wire.Request request, Wire.Response response) {
        try {
            return Wire.encode(response);
        } catch (IllegalArgumentException e) {
            return Wire.encode(new Wire.Response(response.sequence(), response.closing(),
                    request.job().failed(StudentFailure.contract("contract.too-large-for-protocol", request.job().what(), e.getMessage())),
                    response.stdout(), response.stderr()));
        }
    }
}
