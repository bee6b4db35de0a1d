package io.cnnhomework.grader.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only the homework folder's sources are compiled; what tools leave and other Java files are listed. */
class SourceTreeTest {

    @TempDir
    Path tmp;

    private void write(String relative) throws IOException {
        Path file = tmp.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "class X {}");
    }

    @Test
    void aFinderCopyOfAnIdeProjectCompilesTheHomeworkFolderAlone() throws IOException {
        write("Мой проект/src/main/java/homework/Conv.java");
        write("Мой проект/src/main/java/homework/._Conv.java");
        write("Мой проект/src/main/java/homework/util/Helper.java");
        write("Мой проект/src/test/java/homework/MyTest.java");
        write("Мой проект/.idea/workspace.xml");
        write("Мой проект/out/production/homework/Conv.java");
        write("Мой проект/Мой проект.iml");
        write("Мой проект/.DS_Store");
        write("__MACOSX/Мой проект/._src");

        SourceTree tree = SourceTree.of(tmp);

        assertEquals(tmp.resolve("Мой проект/src/main/java"), tree.root());
        assertEquals(List.of(tmp.resolve("Мой проект/src/main/java/homework/Conv.java")), tree.sources());
        assertEquals(List.of("__MACOSX/", "Мой проект/.DS_Store", "Мой проект/.idea/", "Мой проект/out/",
                "Мой проект/src/main/java/homework/._Conv.java", "Мой проект/src/main/java/homework/util/Helper.java",
                "Мой проект/src/test/java/homework/MyTest.java", "Мой проект/Мой проект.iml"), tree.ignored());
    }

    @Test
    void aSymbolicLinkAmongTheSourcesIsNotFollowed() throws IOException {
        write("homework/Conv.java");
        Files.createSymbolicLink(tmp.resolve("homework/Secret.java"), Path.of("/etc/hostname"));

        SourceTree tree = SourceTree.of(tmp);

        assertEquals(List.of(tmp.resolve("homework/Conv.java")), tree.sources());
        assertEquals(List.of("homework/Secret.java"), tree.ignored());
    }

    @Test
    void toolLeftoversAreRecognisedByTheirNames() {
        assertEquals("__MACOSX/", SourceTree.toolLeftover("__MACOSX/hw/._Conv.java"));
        assertEquals("hw/._Conv.java", SourceTree.toolLeftover("hw/._Conv.java"));
        assertEquals("hw/Thumbs.db", SourceTree.toolLeftover("hw/Thumbs.db"));
        assertEquals("hw/.git/", SourceTree.toolLeftover("hw/.git/config"));
        assertNull(SourceTree.toolLeftover("hw/homework/Conv.java"));
        assertNull(SourceTree.toolLeftover("hw/builder/Conv.java"));
    }

    @Test
    void aLongListIsCutForTheReport() {
        List<String> many = java.util.stream.IntStream.range(0, 60).mapToObj(i -> "f" + i).toList();

        List<String> listed = SourceTree.listed(many);

        assertEquals(SourceTree.MAX_LISTED + 1, listed.size());
        assertEquals("… 10 more", listed.get(SourceTree.MAX_LISTED));
    }
}
