package io.cnnhomework.grader.reference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads the files of one reference set, each checked against its manifest entry first, so that a
 * changed, truncated or unlisted file is named before anything parses it.
 */
final class ReferenceFiles {

    private final Path root;
    private final Manifest manifest;

    ReferenceFiles(Path root, Manifest manifest) {
        this.root = root;
        this.manifest = manifest;
    }

    Path root() {
        return root;
    }

    Manifest manifest() {
        return manifest;
    }

    Path path(String relative) {
        return root.resolve(relative);
    }

    /**
     * The manifest entry of a file.
     *
     * @throws ReferenceDataException if the manifest does not list it
     */
    Manifest.FileEntry entry(String relative) {
        Manifest.FileEntry entry = manifest.files().get(relative);
        if (entry == null) {
            throw new ReferenceDataException(path(relative), "not listed in " + Manifest.FILE_NAME);
        }
        Path file = path(relative).normalize();
        Path set = root.normalize();
        if (!file.startsWith(set) && !file.startsWith(set.resolve(manifest.digitsDir()).normalize())) {
            throw new ReferenceDataException(root.resolve(Manifest.FILE_NAME), "lists " + relative
                    + ", which is neither in the set nor in its digits directory " + manifest.digitsDir());
        }
        return entry;
    }

    /**
     * Reads a whole file after checking its size and sha256 against the manifest.
     *
     * @throws ReferenceDataException if it is missing, unlisted or differs from the manifest
     */
    byte[] read(String relative) {
        Manifest.FileEntry entry = entry(relative);
        Path file = path(relative);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ReferenceDataException(file, "missing (listed in " + Manifest.FILE_NAME + ")");
        } catch (IOException e) {
            throw new ReferenceDataException(file, "cannot be read: " + e.getMessage(), e);
        }
        if (bytes.length != entry.bytes()) {
            throw new ReferenceDataException(file, "has " + bytes.length + " bytes but " + Manifest.FILE_NAME
                    + " says " + entry.bytes() + " (truncated or replaced?)");
        }
        String actual = sha256(bytes);
        if (!actual.equalsIgnoreCase(entry.sha256())) {
            throw new ReferenceDataException(file, "sha256 " + actual + " differs from " + Manifest.FILE_NAME
                    + " (" + entry.sha256() + "); the file was changed after export");
        }
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
