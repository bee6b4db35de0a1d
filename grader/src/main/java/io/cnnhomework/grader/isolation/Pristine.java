package io.cnnhomework.grader.isolation;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.TimeZone;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The state of a child JVM that one submission could leave behind for the next, as it was before
 * any submission ran: the standard streams, the system properties, the default locale and time
 * zone, and the live threads. A child that serves one submission after another checks it before
 * each switch and ends instead when anything differs.
 *
 * <p>This is the second line: the batch's bytecode policy already refuses code that names what
 * could change these (threads, {@code System.setProperty}, {@code Locale.setDefault}, reflection,
 * ...). The check sees what slipped past it through an allowed interface.
 */
final class Pristine {

    /** How long threads of the last request get to end before they count as left behind. */
    static final long THREAD_END_MS = 1_000;

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final Defaults defaults;
    private final Set<Thread> threads;
    private final ThreadGroup group;

    /** The JVM-wide defaults a submission could change. */
    private record Defaults(Map<String, String> properties, Locale locale, Locale formatLocale, Locale displayLocale, String timeZone,
                            Charset charset) {

        static Defaults now() {
            Locale locale = Locale.getDefault();
            Locale format = Locale.getDefault(Locale.Category.FORMAT);
            Locale display = Locale.getDefault(Locale.Category.DISPLAY);
            String zone = TimeZone.getDefault().getID();
            // after the defaults: the first TimeZone.getDefault() sets user.timezone
            return new Defaults(copy(System.getProperties()), locale, format, display, zone, Charset.defaultCharset());
        }
    }

    /** The state with the standard streams as they are now. */
    private Pristine(Defaults defaults, Set<Thread> threads, ThreadGroup group) {
        this.out = System.out;
        this.err = System.err;
        this.in = System.in;
        this.defaults = defaults;
        this.threads = threads;
        this.group = group;
    }

    /**
     * @return the state now, taken on the child's main thread before any submission's class
     *     loads; its threads are those of the main thread's group, where every thread a
     *     submission starts lands (the JVM's own, such as the process reaper, live elsewhere)
     */
    static Pristine now() {
        return new Pristine(Defaults.now(), Set.copyOf(Thread.getAllStackTraces().keySet()), Thread.currentThread().getThreadGroup());
    }

    /**
     * @return the same state with the standard streams the child has just put in place for the
     *     next submission
     */
    Pristine withCurrentStreams() {
        return new Pristine(defaults, threads, group);
    }

    /**
     * @return what differs from the state taken, one phrase per difference, empty when nothing
     *     does; waits up to {@link #THREAD_END_MS} for threads that are ending
     */
    List<String> differences() {
        List<String> found = new ArrayList<>();
        if (System.out != out) {
            found.add("System.out was replaced");
        }
        if (System.err != err) {
            found.add("System.err was replaced");
        }
        if (System.in != in) {
            found.add("System.in was replaced");
        }
        Defaults now = Defaults.now();
        if (!now.properties().equals(defaults.properties())) {
            Set<String> changed = new TreeSet<>(now.properties().keySet());
            changed.addAll(defaults.properties().keySet());
            changed.removeIf(key -> Objects.equals(now.properties().get(key), defaults.properties().get(key)));
            found.add("system properties changed: " + String.join(", ", changed));
        }
        if (!now.locale().equals(defaults.locale()) || !now.formatLocale().equals(defaults.formatLocale())
                || !now.displayLocale().equals(defaults.displayLocale())) {
            found.add("the default locale changed to " + now.locale());
        }
        if (!now.timeZone().equals(defaults.timeZone())) {
            found.add("the default time zone changed to " + now.timeZone());
        }
        if (!now.charset().equals(defaults.charset())) {
            found.add("the default charset changed");
        }
        List<Thread> left = strayThreads();
        if (!left.isEmpty()) {
            found.add("threads left running: " + left.stream().map(Thread::getName).sorted().collect(Collectors.joining(", ")));
        }
        return found;
    }

    /**
     * Threads of the main group started since, but the current one and the common pool's
     * workers (the tensor's matrix products).
     */
    private List<Thread> strayThreads() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(THREAD_END_MS);
        List<Thread> stray = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            ThreadGroup in = thread.getThreadGroup();
            if (threads.contains(thread) || thread == Thread.currentThread() || in == null || !group.parentOf(in)
                    || thread instanceof ForkJoinWorkerThread worker && worker.getPool() == ForkJoinPool.commonPool()) {
                continue;
            }
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                stray.add(thread);
            }
        }
        return stray;
    }

    private static Map<String, String> copy(Properties properties) {
        Map<String, String> copy = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            copy.put(name, properties.getProperty(name));
        }
        return copy;
    }
}
