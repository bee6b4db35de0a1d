package io.cnnhomework.grader.isolation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Class-data sharing for the child JVMs of one batch: HotSpot's dynamic archive of the classes
 * a child loaded from the JDK and the grader's class path, so that the next hundred children map
 * them instead of loading, parsing and verifying them again (a batch of 100 with
 * {@code --optional off} spent about a tenth less time in its children).
 *
 * <p>The first child records the archive when it exits ({@code -XX:ArchiveClassesAtExit}).
 * Only a child that ended normally leaves one behind, and only an archive that a JVM of the same
 * options then maps with {@code -Xshare:on} is handed to the others: HotSpot crashes on a
 * truncated archive rather than ignoring it, so nothing half-written may reach a child. Until an
 * archive is ready, and for good after {@link #ATTEMPTS} failed recordings, children start as
 * before. Classes of a submission come from its own class loader and are never archived; the
 * archive lives in a directory of its own that {@link #close()} deletes.
 *
 * <pre>{@code
 * try (SharedClasses shared = SharedClasses.inTemporaryDirectory()) {
 *     new ChildJvmRunner(classes, limits, shared) ...   // one per submission
 * }
 * }</pre>
 */
public final class SharedClasses implements AutoCloseable {

    /** Recordings tried before the batch goes on without an archive. */
    static final int ATTEMPTS = 3;

    /** How long the recording child may take to write the archive as it exits. */
    static final long RECORDING_EXIT_MS = 20_000;

    /** How long the check of a recorded archive may take. */
    private static final long CHECK_MS = 30_000;

    /**
     * The JVM's messages about the archive stay out of the children's output: unified logging
     * writes to standard output, the child's protocol channel.
     */
    private static final String QUIET = "-Xlog:cds*=off";

    /** The option that makes a JVM record the archive as it exits. */
    private static final String RECORD = "-XX:ArchiveClassesAtExit=";

    private enum State { IDLE, RECORDING, READY, OFF }

    private final Path directory;
    private final Path archive;
    private final Path recording;
    private State state;
    private int attempts;

    private SharedClasses(Path directory, State state) {
        this.directory = directory;
        this.archive = directory == null ? null : directory.resolve("children.jsa");
        this.recording = directory == null ? null : directory.resolve("recording.jsa");
        this.state = state;
    }

    /**
     * @return sharing for one batch, in a new temporary directory
     * @throws UncheckedIOException if the directory cannot be made
     */
    public static SharedClasses inTemporaryDirectory() {
        try {
            return new SharedClasses(Files.createTempDirectory("grader-shared-classes"), State.IDLE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a directory for the children's shared classes", e);
        }
    }

    /** @return no sharing: every child loads its classes itself */
    public static SharedClasses none() {
        return new SharedClasses(null, State.OFF);
    }

    /**
     * The options of the next child: the archive once it is ready, else the recording of it if no
     * other child is recording, else none.
     *
     * @return options to put before the class path; a recording child's runner must report its
     *     end to {@link #recorded}
     */
    synchronized List<String> optionsForNextChild() {
        switch (state) {
            case READY:
                return List.of("-XX:SharedArchiveFile=" + archive, QUIET);
            case IDLE:
                state = State.RECORDING;
                attempts++;
                return List.of(RECORD + recording, QUIET);
            default:
                return List.of();
        }
    }

    /** @return whether these options make their child record the archive */
    static boolean records(List<String> options) {
        return options.stream().anyMatch(option -> option.startsWith(RECORD));
    }

    /**
     * The recording child has exited: its archive is checked and, if a JVM maps it, shared.
     *
     * @param normally whether the child ended at the end of its input (status 0), not killed
     * @param childCommand the recording child's command: the check runs its JVM options and
     *     class path, the recording option left out, with the archive and {@code -version}
     */
    synchronized void recorded(boolean normally, List<String> childCommand) {
        if (state != State.RECORDING) {
            return;
        }
        List<String> checkCommand = childCommand.stream().filter(option -> !option.startsWith(RECORD)).toList();
        boolean usable = normally && Files.isRegularFile(recording) && maps(checkCommand);
        if (usable) {
            try {
                Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE);
                state = State.READY;
                return;
            } catch (IOException e) {
                usable = false;
            }
        }
        try {
            Files.deleteIfExists(recording);
        } catch (IOException e) {
            // the next recording overwrites it
        }
        state = attempts < ATTEMPTS ? State.IDLE : State.OFF;
    }

    /** Whether a JVM with the children's options maps the recorded archive (-Xshare:on fails if not). */
    private boolean maps(List<String> checkCommand) {
        List<String> command = new ArrayList<>();
        int classPath = checkCommand.indexOf("-cp");
        command.addAll(checkCommand.subList(0, classPath < 0 ? checkCommand.size() : classPath));
        command.addAll(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + recording, QUIET));
        if (classPath >= 0) {
            command.addAll(checkCommand.subList(classPath, Math.min(classPath + 2, checkCommand.size())));
        }
        command.add("-version");
        try {
            // A crash on a broken archive writes its hs_err file into the working directory: ours.
            Process check = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!check.waitFor(CHECK_MS, TimeUnit.MILLISECONDS)) {
                check.destroyForcibly();
                return false;
            }
            return check.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @return where this batch's archive is, once ready */
    Path archive() {
        return archive;
    }

    /** @return where the recording child writes it */
    Path recording() {
        return recording;
    }

    /** @return the directory of the archive, deleted by {@link #close()}; {@code null} for none */
    Path directory() {
        return directory;
    }

    /** @return whether children now get the archive */
    synchronized boolean ready() {
        return state == State.READY;
    }

    /** Deletes the archive and its directory. Children still running keep their mapping. */
    @Override
    public synchronized void close() {
        state = State.OFF;
        if (directory == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the system cleans it eventually
        }
    }
}
