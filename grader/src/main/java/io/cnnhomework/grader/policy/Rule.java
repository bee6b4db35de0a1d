package io.cnnhomework.grader.policy;

import java.util.Arrays;
import java.util.Optional;

/**
 * The rules of the bytecode policy, each with a short stable id (what {@link
 * BytecodePolicy.Violation#rule()} holds, and what reports and translations key on) and the
 * English reason shown to students.
 *
 * <table>
 *   <caption>Rules and what breaks them</caption>
 *   <tr><th>id</th><th>what breaks it</th></tr>
 *   <tr><td>{@code filesystem}</td><td>{@code java.io} other than {@code PrintStream} (without its
 *       constructors), {@code Serializable}, {@code IOException}, {@code UncheckedIOException},
 *       {@code Closeable} and {@code Flushable}; {@code java.nio.file}; {@code java.nio.channels};
 *       a {@code java.util.Formatter} opened on a file name</td></tr>
 *   <tr><td>{@code network}</td><td>{@code java.net}, {@code javax.net}, the socket channels of
 *       {@code java.nio.channels}</td></tr>
 *   <tr><td>{@code process}</td><td>{@code ProcessBuilder}, {@code Process}, {@code
 *       ProcessHandle}, {@code Runtime.exec}</td></tr>
 *   <tr><td>{@code reflection}</td><td>{@code java.lang.reflect}; {@code Class} beyond naming and
 *       type tests ({@code forName}, {@code getDeclared*}, {@code getMethod}, {@code newInstance},
 *       {@code getClassLoader}, {@code getResource}, {@code getModule}, ...); {@code
 *       java.lang.invoke} and {@code java.lang.runtime} outside the bootstrap methods javac emits
 *       for lambdas, string concatenation and records; {@code Module}, {@code ModuleLayer}, {@code
 *       Package}, {@code StackWalker}, {@code ClassValue}</td></tr>
 *   <tr><td>{@code classloading}</td><td>{@code ClassLoader} and its JDK subclasses, {@code
 *       ServiceLoader}, {@code ResourceBundle}, {@code java.lang.instrument}</td></tr>
 *   <tr><td>{@code threads}</td><td>{@code Thread}, {@code ThreadGroup}, {@code ThreadLocal}, all
 *       of {@code java.util.concurrent} (including {@code ThreadLocalRandom}: {@code
 *       java.util.Random} does the same job on one thread), {@code Timer}, {@code StreamSupport},
 *       any {@code java.util} method whose name starts with {@code parallel} ({@code
 *       parallelStream()}, {@code parallel()}, {@code Arrays.parallelSort}, which run on the common
 *       fork-join pool), and declaring {@code finalize()}, which the JVM calls on its finalizer
 *       thread</td></tr>
 *   <tr><td>{@code exit}</td><td>the JVM's process-wide state: any member of {@code Runtime}
 *       ({@code exit}, {@code halt}, {@code addShutdownHook}, ...); {@code System} beyond {@code
 *       out}, {@code err}, {@code arraycopy}, {@code nanoTime}, {@code currentTimeMillis}, {@code
 *       identityHashCode} and {@code lineSeparator} ({@code exit}, {@code in}, {@code setOut},
 *       {@code getenv}, {@code getProperty}, {@code load}, {@code console}, {@code getLogger},
 *       ...); {@code System.Logger}; {@code SecurityManager}; {@code Integer.getInteger}, {@code
 *       Long.getLong} and {@code Boolean.getBoolean} (they read system properties); {@code
 *       Locale.setDefault}, {@code TimeZone.setDefault}; {@code PrintStream.close} called
 *       directly (through {@code AutoCloseable} it is not seen, and harmless: the child's streams
 *       are its own)</td></tr>
 *   <tr><td>{@code native}</td><td>a {@code native} method declared by the submission</td></tr>
 *   <tr><td>{@code unsafe}</td><td>{@code sun.*}, {@code jdk.*}, {@code com.sun.*}, {@code
 *       java.lang.foreign}</td></tr>
 *   <tr><td>{@code foreign-package}</td><td>a submission class outside package {@code homework}
 *       (or its subpackages), and references to such a class</td></tr>
 *   <tr><td>{@code other}</td><td>any other class outside the allowlist: {@code javax.*}, {@code
 *       java.sql}, {@code java.awt}, {@code java.beans}, {@code java.security}, {@code
 *       java.text}, {@code java.time}, {@code java.nio} buffers and charsets, {@code
 *       java.util.logging}, {@code java.util.zip}, {@code java.lang.ref}, {@code
 *       java.lang.management}, the grader's own classes, ...</td></tr>
 * </table>
 */
public enum Rule {

    FILESYSTEM("filesystem", "reaches the file system"),
    NETWORK("network", "reaches the network"),
    PROCESS("process", "starts or controls operating-system processes"),
    REFLECTION("reflection", "inspects or calls code reflectively, around these checks"),
    CLASSLOADING("classloading", "loads classes or services at run time"),
    THREADS("threads", "runs code on other threads"),
    EXIT("exit", "ends the JVM or reaches its process-wide state"),
    NATIVE("native", "native code runs outside the JVM's checks"),
    UNSAFE("unsafe", "reaches JDK internals"),
    FOREIGN_PACKAGE("foreign-package", "a submission may define classes only in package homework"),
    OTHER("other", "lies outside the packages a submission may use");

    private final String id;
    private final String reason;

    Rule(String id, String reason) {
        this.id = id;
        this.reason = reason;
    }

    /** @return the short stable id, such as {@code "exit"} or {@code "foreign-package"} */
    public String id() {
        return id;
    }

    /** @return why the rule exists, in English, as the end of a sentence about the reference */
    public String reason() {
        return reason;
    }

    /**
     * @param id a rule id, such as {@code "threads"}
     * @return the rule with that id, if there is one
     */
    public static Optional<Rule> ofId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }
}
