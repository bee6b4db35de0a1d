package io.cnnhomework.grader.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What a submission could leave behind for the next one in the same child JVM, and what it may. */
class PristineTest {

    @Test
    void nothingDiffersRightAfterwardsNorAfterTheTensorsThreadsAndEndedThreads() throws InterruptedException {
        Pristine pristine = Pristine.now();
        Thread ended = new Thread(() -> { }, "homework-task1");
        ended.start();
        ended.join();
        // the common pool's workers are the matrix products', not the submission's
        IntStream.range(0, 1000).parallel().map(i -> i * i).sum();

        assertEquals(List.of(), pristine.differences());
    }

    @Test
    void aThreadLeftRunningIsNamedAfterItHadItsChanceToEnd() throws InterruptedException {
        Pristine pristine = Pristine.now();
        CountDownLatch release = new CountDownLatch(1);
        Thread spinning = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "left-by-a-submission");
        Thread ending = new Thread(() -> {
            try {
                Thread.sleep(Pristine.THREAD_END_MS / 4);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ending-soon");
        spinning.start();
        ending.start();
        try {
            long start = System.nanoTime();
            assertEquals(List.of("threads left running: left-by-a-submission"), pristine.differences());
            assertTrue((System.nanoTime() - start) / 1e6 >= Pristine.THREAD_END_MS * 0.9, "waited for the threads to end");
        } finally {
            release.countDown();
            spinning.join();
        }
        assertEquals(List.of(), pristine.differences());
    }

    @Test
    void replacedStreamsChangedPropertiesLocaleAndTimeZoneAreEachNamed() {
        Pristine pristine = Pristine.now();
        PrintStream out = System.out;
        Locale locale = Locale.getDefault();
        TimeZone zone = TimeZone.getDefault();
        try {
            System.setOut(new PrintStream(out, true));
            System.setProperty("pristine.test", "changed");
            Locale.setDefault(Locale.forLanguageTag("tr"));
            TimeZone.setDefault(TimeZone.getTimeZone(zone.getID().equals("Asia/Tokyo") ? "UTC" : "Asia/Tokyo"));

            List<String> found = pristine.differences();

            assertEquals(4, found.size(), found.toString());
            assertEquals("System.out was replaced", found.get(0));
            assertEquals("system properties changed: pristine.test", found.get(1));
            assertEquals("the default locale changed to tr", found.get(2));
            assertTrue(found.get(3).startsWith("the default time zone changed to "), found.get(3));
        } finally {
            System.setOut(out);
            System.clearProperty("pristine.test");
            Locale.setDefault(locale);
            TimeZone.setDefault(zone);
        }
        assertEquals(List.of(), pristine.differences());
    }
}
