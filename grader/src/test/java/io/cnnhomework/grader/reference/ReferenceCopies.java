package io.cnnhomework.grader.reference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnnhomework.grader.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Copies of the shipped reference set with one file damaged, to test what the loader says. */
final class ReferenceCopies {

    private ReferenceCopies() {
    }

    /**
     * Copies the reference set and replaces one file's content, leaving the manifest as it was
     * (so the checksum check is what catches it).
     */
    static Path withFile(Path tmp, String relative, byte[] content) throws IOException {
        Path copy = tmp.resolve("reference");
        Fixtures.copyTree(Fixtures.referenceDir(), copy);
        Files.write(copy.resolve(relative), content);
        return copy;
    }

    /**
     * As {@link #withFile}, and updates the manifest's size and sha256 for that file, so that the
     * parser is what must catch the damage.
     */
    static Path withResignedFile(Path tmp, String relative, byte[] content) throws IOException {
        Path copy = withFile(tmp, relative, content);
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(copy.resolve(Manifest.FILE_NAME).toFile());
        ObjectNode entry = (ObjectNode) manifest.get("files").get(relative);
        entry.put("sha256", ReferenceFiles.sha256(content));
        entry.put("bytes", content.length);
        json.writeValue(copy.resolve(Manifest.FILE_NAME).toFile(), manifest);
        return copy;
    }

    /**
     * Copies the reference set and edits its manifest (which no checksum covers).
     */
    static Path withManifest(Path tmp, Consumer<ObjectNode> edit) throws IOException {
        Path copy = tmp.resolve("reference");
        Fixtures.copyTree(Fixtures.referenceDir(), copy);
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(copy.resolve(Manifest.FILE_NAME).toFile());
        edit.accept(manifest);
        json.writeValue(copy.resolve(Manifest.FILE_NAME).toFile(), manifest);
        return copy;
    }

    /**
     * As {@link #withResignedFile}, for a JSON file edited in place.
     */
    static Path withEditedJson(Path tmp, String relative, Consumer<ObjectNode> edit) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode node = (ObjectNode) json.readTree(original(relative));
        edit.accept(node);
        return withResignedFile(tmp, relative, json.writeValueAsBytes(node));
    }

    static byte[] original(String relative) throws IOException {
        return Files.readAllBytes(Fixtures.referenceDir().resolve(relative));
    }
}
