package io.cnnhomework.grader.isolation;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
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
    private final Map<String, String> properties;
    private final Locale locale;
    private final Locale formatLocale;
    private final Locale displayLocale;
    private final String timeZone;
    private final Charset charset;
    private final Set<Thread> threads;
    private final ThreadGroup group;

    private Pristine(Set<Thread> threads, ThreadGroup group) {
        this(threads, group, null);
    }

    private Pristine(Set<Thread> threads, ThreadGroup group, Pristine before) {
        this.out = System.out;
        this.err = System.err;
        this.in = System.in;
        if (before != null) {
            this.locale = before.locale;
            this.formatLocale = before.formatLocale;
            this.displayLocale = before.displayLocale;
            this.timeZone = before.timeZone;
            this.charset = before.charset;
            this.properties = before.properties;
            this.threads = before.threads;
            this.group = before.group;
            return;
        }
        this.locale = Locale.getDefault();
        this.formatLocale = Locale.getDefault(Locale.Category.FORMAT);
        this.displayLocale = Locale.getDefault(Locale.Category.DISPLAY);
        this.timeZone = TimeZone.getDefault().getID();
        this.charset = Charset.defaultCharset();
        // after the defaults: the first TimeZone.getDefault() sets user.timezone
        this.properties = copy(System.getProperties());
        this.threads = threads;
        this.group = group;
    }

    /**
     * @return the state now, taken on the child's main thread before any submission's class
     *     loads; its threads are those of the main thread's group, where every thread a
     *     submission starts lands (the JVM's own, such as the process reaper, live elsewhere)
     */
    static Pristine now() {
        return new Pristine(Set.copyOf(Thread.getAllStackTraces().keySet()), Thread.currentThread().getThreadGroup());
    }

    /**
     * @return the same state with the standard streams the child has just put in place for the
     *     next submission
     */
    Pristine withCurrentStreams() {
        return new Pristine(threads, group, this);
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
        Map<String, String> now = copy(System.getProperties());
        if (!now.equals(properties)) {
            Set<String> changed = new java.util.TreeSet<>(now.keySet());
            changed.addAll(properties.keySet());
            changed.removeIf(key -> java.util.Objects.equals(now.get(key), properties.get(key)));
            found.add("system properties changed: " + String.join(", ", changed));
        }
        if (!Locale.getDefault().equals(locale) || !Locale.getDefault(Locale.Category.FORMAT).equals(formatLocale)
                || !Locale.getDefault(Locale.Category.DISPLAY).equals(displayLocale)) {
            found.add("the default locale changed to " + Locale.getDefault());
        }
        if (!TimeZone.getDefault().getID().equals(timeZone)) {
            found.add("the default time zone changed to " + TimeZone.getDefault().getID());
        }
        if (!Charset.defaultCharset().equals(charset)) {
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
