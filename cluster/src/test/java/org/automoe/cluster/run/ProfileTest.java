package org.automoe.cluster.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.automoe.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileTest {
  @Test
  void thePackagedProfilesAreTheFilesInConfProfiles() {
    assertEquals(List.of("demo", "small"), Profile.packaged());
    Profile demo = Profile.load("demo");
    assertEquals("tiny", demo.space().name());
    assertEquals(2000, demo.bpeVocab());
    assertEquals(300, demo.supernetSteps());
    assertEquals(OptionalInt.of(200), demo.testSentences());
    Profile small = Profile.load("small");
    assertEquals("small", small.space().name());
    assertEquals(8000, small.bpeVocab());
    assertEquals(OptionalInt.empty(), small.testSentences(), "0 means every test sentence");
  }

  @Test
  void aUserAddsAProfileByWritingAFile(@TempDir Path dir) throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("quick.conf"),
            "include classpath(\"profiles/demo.conf\")\nsupernet-steps = 20\nsearch-budget = 9\n");
    Profile quick = Profile.load(file.toString());
    assertEquals("quick", quick.name());
    assertEquals(20, quick.supernetSteps());
    assertEquals(9, quick.searchBudget());
    assertEquals(2000, quick.bpeVocab(), "the rest comes from the included profile");
  }

  @Test
  void badProfilesAreNamedWithTheKey(@TempDir Path dir) throws IOException {
    InvalidInputException unknown =
        assertThrows(InvalidInputException.class, () -> Profile.load("huge"));
    assertTrue(unknown.getMessage().contains("'huge' is not one of [demo, small]"));
    Path bad =
        Files.writeString(
            dir.resolve("bad.conf"),
            "include classpath(\"profiles/demo.conf\")\nsearch-budget = 0\n");
    InvalidInputException zero =
        assertThrows(InvalidInputException.class, () -> Profile.load(bad.toString()));
    assertEquals("profile bad: search-budget must be at least 1, but was 0", zero.getMessage());
    Path missing = Files.writeString(dir.resolve("missing.conf"), "space = tiny\n");
    InvalidInputException key =
        assertThrows(InvalidInputException.class, () -> Profile.load(missing.toString()));
    assertTrue(key.getMessage().startsWith(missing + ": "), key.getMessage());
    assertTrue(
        key.getMessage().contains("No configuration setting found for key"), key.getMessage());
    assertTrue(
        !key.getMessage().substring(missing.toString().length()).contains(missing.toString()));
  }
}
