package io.cnnhomework.grader.handout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Maven repository laid out on disk ({@code group/path/artifact/version/artifact-version.ext}),
 * which a pom reaches through a {@code file:} URL.
 *
 * <p>Every file gets its {@code .sha1} and {@code .md5} beside it: Maven verifies downloads
 * against them and, without them, warns on every build that the checksums are missing. Snapshots
 * are stored under their base version with no {@code maven-metadata.xml}; Maven then takes the
 * file as it is, which keeps the handout byte-for-byte reproducible (no deployment timestamp).
 */
final class FileRepository {

    private final Path root;

    FileRepository(Path root) {
        this.root = root;
    }

    /**
     * Writes one artifact file and its checksums.
     *
     * @param classifier {@code null} for the main artifact
     * @param extension {@code jar} or {@code pom}
     * @return the file written
     */
    Path put(String groupId, String artifactId, String version, String classifier, String extension, byte[] content)
            throws IOException {
        Path directory = root.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version);
        Files.createDirectories(directory);
        String name = artifactId + "-" + version + (classifier == null ? "" : "-" + classifier) + "." + extension;
        Path file = directory.resolve(name);
        Files.write(file, content);
        Files.writeString(directory.resolve(name + ".sha1"), digest("SHA-1", content));
        Files.writeString(directory.resolve(name + ".md5"), digest("MD5", content));
        return file;
    }

    static String digest(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
