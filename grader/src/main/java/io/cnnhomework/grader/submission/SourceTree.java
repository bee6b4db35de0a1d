package io.cnnhomework.grader.submission;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What of a submission's directory is compiled: the {@code .java} files directly in the
 * {@code homework} folder of its source root, and nothing else. What people's tools add beside
 * the sources is left out and listed: macOS Finder's {@code __MACOSX/} tree and {@code ._*}
 * AppleDouble files, {@code .DS_Store}, {@code Thumbs.db}, IDE and build folders, symbolic links,
 * and any other {@code .java} file (a test, a copy in another folder).
 *
 * @param root where the packages start (see {@link #sourceRoot(Path)})
 * @param sources the files to compile, sorted
 * @param ignored what was left out, relative to the submission with {@code /} separators, sorted:
 *     a folder once (ending in {@code /}), files one by one
 */
public record SourceTree(Path root, List<Path> sources, List<String> ignored) {

    /** Most entries {@link #listed(List)} names one by one. */
    public static final int MAX_LISTED = 50;

    /** Folders of IDEs, version control and build tools: never sources, often large. */
    private static final Set<String> TOOL_FOLDERS = Set.of("__MACOSX", ".idea", ".vscode", ".settings", ".git", ".svn", ".hg",
            ".gradle", ".metadata", "nbproject", "target", "build", "out", "bin");

    /** Files operating systems and IDEs leave beside sources. */
    private static final Set<String> TOOL_FILES = Set.of(".ds_store", "thumbs.db", "ehthumbs.db", "desktop.ini", ".classpath",
            ".project");

    /** Copies of the lists: a tree is a value. */
    public SourceTree {
        sources = List.copyOf(sources);
        ignored = List.copyOf(ignored);
    }

    /**
     * @param relativePath a path inside a submission, folders separated by {@code /}
     * @return the part of it that makes it something tools left behind ({@code __MACOSX/},
     *     {@code .idea/}, {@code ._Conv.java}, {@code .DS_Store}), or {@code null} when it is not
     */
    public static String toolLeftover(String relativePath) {
        String[] parts = relativePath.split("/");
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            prefix.append(part);
            if (!last && TOOL_FOLDERS.contains(part)) {
                return prefix + "/";
            }
            if (last && (part.startsWith("._") || TOOL_FILES.contains(part.toLowerCase(Locale.ROOT))
                    || part.toLowerCase(Locale.ROOT).endsWith(".iml"))) {
                return prefix.toString();
            }
            prefix.append('/');
        }
        return null;
    }

    /**
     * Finds where the {@code homework} package starts inside a submission: the directory itself,
     * its {@code src/main/java}, a template repository's {@code student-template/src/main/java}, or
     * the same below a single top-level folder (as archives often have; folders tools leave, such
     * as {@code __MACOSX}, do not count). Without a {@code homework} directory anywhere there, the
     * submission's directory itself.
     *
     * @param submission the submission's directory
     * @return where its packages start
     */
    public static Path sourceRoot(Path submission) {
        Path dir = submission;
        try {
            for (int depth = 0; depth < 3; depth++) {
                for (Path candidate : List.of(dir, dir.resolve("src/main/java"), dir.resolve("student-template/src/main/java"))) {
                    if (Files.isDirectory(candidate.resolve(StudentFailure.STUDENT_PACKAGE), LinkOption.NOFOLLOW_LINKS)) {
                        return candidate;
                    }
                }
                List<Path> children;
                try (Stream<Path> list = Files.list(dir)) {
                    children = list.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                            .filter(p -> !p.getFileName().toString().startsWith("."))
                            .filter(p -> !TOOL_FOLDERS.contains(p.getFileName().toString())).toList();
                }
                if (children.size() != 1) {
                    break;
                }
                dir = children.get(0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return submission;
    }

    /**
     * @param submission the submission's directory
     * @return its sources and what is left out
     * @throws UncheckedIOException if the directory cannot be listed
     */
    public static SourceTree of(Path submission) {
        Path root = sourceRoot(submission);
        Path homework = root.resolve(StudentFailure.STUDENT_PACKAGE);
        List<Path> sources = new ArrayList<>();
        Set<String> ignored = new TreeSet<>();
        try {
            Files.walkFileTree(submission, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    String leftover = dir.equals(submission) ? null : toolLeftover(relative(submission, dir) + "/x");
                    if (leftover != null) {
                        ignored.add(leftover);
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String relative = relative(submission, file);
                    String leftover = toolLeftover(relative);
                    if (attributes.isSymbolicLink()) {
                        ignored.add(relative);
                    } else if (leftover != null) {
                        ignored.add(leftover);
                    } else if (file.getFileName().toString().endsWith(".java")) {
                        if (file.getParent().equals(homework) && attributes.isRegularFile()) {
                            sources.add(file);
                        } else {
                            ignored.add(relative);
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    ignored.add(relative(submission, file));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + submission, e);
        }
        sources.sort(null);
        return new SourceTree(root, sources, new ArrayList<>(ignored));
    }

    /**
     * @param ignored what was left out
     * @return the first {@value #MAX_LISTED} for a report, and a count of the rest
     */
    public static List<String> listed(List<String> ignored) {
        if (ignored.size() <= MAX_LISTED) {
            return ignored;
        }
        List<String> kept = new ArrayList<>(ignored.subList(0, MAX_LISTED));
        kept.add("… " + (ignored.size() - MAX_LISTED) + " more");
        return kept;
    }

    /**
     * @param other what else was left out, e.g. entries of an archive never unpacked
     * @return this tree listing those too
     */
    public SourceTree withIgnored(List<String> other) {
        Set<String> all = new TreeSet<>(other);
        all.addAll(ignored);
        return new SourceTree(root, sources, new ArrayList<>(all));
    }

    private static String relative(Path base, Path path) {
        return base.relativize(path).toString().replace('\\', '/');
    }
}
