package io.cnnhomework.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.grader.submission.SubmissionCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionsTest {

    @TempDir
    Path tmp;

    @Test
    void directoriesAndZipsAreSubmissionsNamedByTheirFile() throws IOException {
        Files.createDirectories(tmp.resolve("bob/homework"));
        Files.write(tmp.resolve("alice.zip"), new byte[0]);
        Files.writeString(tmp.resolve("notes.txt"), "not a submission");
        Files.createDirectories(tmp.resolve(".hidden"));

        List<Submissions.Submission> found = Submissions.list(tmp);

        assertEquals(List.of("alice", "bob"), found.stream().map(Submissions.Submission::id).toList());
        assertTrue(found.get(0).isArchive());
        assertFalse(found.get(1).isArchive());
    }

    @Test
    void zipEntryLeavingTheTargetIsRefused() throws IOException {
        Path archive = tmp.resolve("evil.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(archive))) {
            zip.putNextEntry(new ZipEntry("../../escaped.txt"));
            zip.write(1);
            zip.closeEntry();
        }

        IOException e = assertThrows(IOException.class, () -> Submissions.unzip(archive, tmp.resolve("out")));

        assertEquals("evil.zip has an entry outside the archive: ../../escaped.txt", e.getMessage());
        assertFalse(Files.exists(tmp.resolve("escaped.txt")));
    }

    @Test
    void zipBombIsStoppedAtTheSizeLimit() throws IOException {
        Path archive = tmp.resolve("bomb.zip");
        byte[] zeros = new byte[1024 * 1024];
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(archive))) {
            zip.putNextEntry(new ZipEntry("big.bin"));
            for (int i = 0; i < 60; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }

        IOException e = assertThrows(IOException.class, () -> Submissions.unzip(archive, tmp.resolve("out")));

        assertEquals("bomb.zip unpacks to more than 50 MB", e.getMessage());
    }

    @Test
    void sourceRootIsFoundInTheUsualLayouts() throws IOException {
        Path plain = Files.createDirectories(tmp.resolve("plain/homework"));
        Path maven = Files.createDirectories(tmp.resolve("maven/src/main/java/homework"));
        Path repo = Files.createDirectories(tmp.resolve("repo/student-template/src/main/java/homework"));
        Path wrapped = Files.createDirectories(tmp.resolve("wrapped/my-homework/src/main/java/homework"));

        assertEquals(plain.getParent(), SubmissionCompiler.sourceRoot(tmp.resolve("plain")));
        assertEquals(maven.getParent(), SubmissionCompiler.sourceRoot(tmp.resolve("maven")));
        assertEquals(repo.getParent(), SubmissionCompiler.sourceRoot(tmp.resolve("repo")));
        assertEquals(wrapped.getParent(), SubmissionCompiler.sourceRoot(tmp.resolve("wrapped")));
    }
}
