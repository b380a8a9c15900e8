package org.automoe.cluster.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.automoe.cluster.cli.Cli;
import org.automoe.cluster.cli.JsonShape;
import org.automoe.core.arch.Extremes;
import org.automoe.core.arch.HatYamlCodec;
import org.automoe.core.latency.DriftCorrection;
import org.automoe.core.latency.LatencyCsv;
import org.automoe.core.space.BuiltInSpaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyCommandsTest {
  @TempDir Path dir;

  @Test
  void trainsOnHatsFileAndPredictsWithTheSavedModel() throws Exception {
    Path model = dir.resolve("xeon.predictor");
    Cli.Result r =
        Cli.run(
            "latency",
            "train",
            "--data",
            Cli.hatXeonLatency().toString(),
            "--steps",
            "40",
            "--out",
            model.toString(),
            "--json");
    assertEquals(0, r.exitCode(), r.err());
    String scores =
        "{rmse:float,mae:float,mape:float,kendallTau:float,within5:float,within10:float,count:int}";
    assertEquals(
        "{mlp:"
            + scores
            + ",linear:"
            + scores
            + ",features:string,recipe:string,driftCorrected:bool,"
            + "rows:{train:int,valid:int,test:int},predictor:string}",
        JsonShape.of(r.out()),
        "HAT's file states no qkv width and vocabulary: no flops baseline");
    JsonObject json = JsonParser.parseString(r.out().strip()).getAsJsonObject();
    for (String m : List.of("mlp", "linear")) {
      JsonObject metrics = json.getAsJsonObject(m);
      for (String key : List.of("rmse", "mae", "mape", "kendallTau", "within5", "within10")) {
        assertTrue(metrics.has(key), m + "." + key + " in " + json);
      }
      double within10 = metrics.get("within10").getAsDouble();
      assertTrue(
          within10 >= metrics.get("within5").getAsDouble() && within10 <= 1, json.toString());
    }
    assertEquals(200, json.getAsJsonObject("rows").get("test").getAsInt());
    assertTrue(Files.isRegularFile(model));

    Cli.Result p =
        Cli.run(
            "latency",
            "predict",
            "--model",
            model.toString(),
            "--arch",
            Cli.hat("HAT_wmt14ende_xeon@137.9ms_bleu@25.8.yml").toString(),
            "--space",
            "paper",
            "--json");
    assertEquals(0, p.exitCode(), p.err());
    assertEquals("{predictedLatencyMs:float,arch:string,features:string}", JsonShape.of(p.out()));
    double ms =
        JsonParser.parseString(p.out().strip())
            .getAsJsonObject()
            .get("predictedLatencyMs")
            .getAsDouble();
    assertTrue(ms > 10 && ms < 2000, "HAT's Xeon data lie between about 80 and 500 ms: " + ms);

    Path arch = dir.resolve("arch.yml");
    Files.writeString(arch, HatYamlCodec.write(Extremes.smallest(BuiltInSpaces.tiny())));
    Cli.Result v =
        Cli.run(
            "latency",
            "verify",
            "--model",
            model.toString(),
            "--arch",
            arch.toString(),
            "--space",
            "tiny",
            "--corpus",
            Cli.corpus(dir, 300).toString(),
            "--runs",
            "2",
            "--json");
    assertEquals(0, v.exitCode(), v.err());
    assertEquals(
        "{predictedLatencyMs:float,measuredLatencyMs:float,encoderMs:float,decoderMs:float,"
            + "relativeError:float,arch:string}",
        JsonShape.of(v.out()),
        "HAT's predictor has no reference architecture: no reference keys");
  }

  @Test
  void measurementResumesKeepingMeasuredRowsAndRefusesOtherOptions() throws Exception {
    Path corpus = Cli.corpus(dir, 300);
    Path csv = dir.resolve("tiny.csv");
    String[] args = {
      "latency",
      "measure",
      "--space",
      "tiny",
      "--corpus",
      corpus.toString(),
      "--samples",
      "4",
      "--runs",
      "2",
      "--out",
      csv.toString()
    };
    Cli.Result first = Cli.run(args);
    assertEquals(0, first.exitCode(), first.err());
    List<String> lines = Files.readAllLines(csv);
    List<String> rows = lines.stream().filter(l -> !l.startsWith("#")).skip(1).toList();
    assertEquals(4, rows.size());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("# hardware: ")), lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.equals("# space: tiny")), lines.toString());
    assertTrue(
        DriftCorrection.applies(LatencyCsv.read(csv).rows()),
        "every row carries the reference timed before it");

    // An interrupted run: the last two rows are lost; a rerun measures only those.
    Files.write(csv, lines.subList(0, lines.size() - 2));
    Cli.Result again = Cli.run(args);
    assertEquals(0, again.exitCode(), again.err());
    List<String> after = Files.readAllLines(csv);
    assertEquals(lines.subList(0, lines.size() - 2), after.subList(0, lines.size() - 2));
    assertEquals(lines.size(), after.size());
    assertTrue(again.out().contains("(2 new)"), again.out());

    args[args.length - 3] = "3"; // --runs 3: another protocol
    Cli.Result other = Cli.run(args);
    assertEquals(2, other.exitCode());
    assertTrue(other.err().contains("measured with protocol"), other.err());

    Cli.Result tooFew =
        Cli.run("latency", "train", "--data", csv.toString(), "--out", dir.resolve("p").toString());
    assertEquals(2, tooFew.exitCode());
    assertTrue(
        tooFew.err().contains("a latency dataset needs at least 10 rows, but has 4"), tooFew.err());
  }

  @Test
  void verifyComparesThePredictionWithTheMeasurementAtTypicalSpeed() throws Exception {
    Path corpus = Cli.corpus(dir, 300);
    Path csv = dir.resolve("tiny.csv");
    Path model = dir.resolve("tiny.predictor");
    Cli.Result measured =
        Cli.run(
            "latency",
            "measure",
            "--space",
            "tiny",
            "--corpus",
            corpus.toString(),
            "--samples",
            "12",
            "--runs",
            "2",
            "--out",
            csv.toString());
    assertEquals(0, measured.exitCode(), measured.err());
    Cli.Result trained =
        Cli.run(
            "latency",
            "train",
            "--data",
            csv.toString(),
            "--steps",
            "20",
            "--out",
            model.toString(),
            "--json");
    assertEquals(0, trained.exitCode(), trained.err());
    assertEquals(
        List.of(
            "mlp", "linear", "flops", "features", "recipe", "driftCorrected", "rows", "predictor"),
        List.copyOf(JsonParser.parseString(trained.out()).getAsJsonObject().keySet()),
        "our files name architectures, qkv width and vocabulary: a flops baseline");
    assertTrue(
        JsonParser.parseString(trained.out().strip())
            .getAsJsonObject()
            .get("driftCorrected")
            .getAsBoolean());
    Path arch = dir.resolve("arch.yml");
    Files.writeString(arch, HatYamlCodec.write(Extremes.largest(BuiltInSpaces.tiny(), false)));
    Cli.Result v =
        Cli.run(
            "latency",
            "verify",
            "--model",
            model.toString(),
            "--arch",
            arch.toString(),
            "--space",
            "tiny",
            "--corpus",
            corpus.toString(),
            "--runs",
            "5",
            "--json");
    assertEquals(0, v.exitCode(), v.err());
    assertEquals(
        "{predictedLatencyMs:float,measuredLatencyMs:float,encoderMs:float,decoderMs:float,"
            + "referenceMs:float,typicalSpeedLatencyMs:float,relativeError:float,arch:string}",
        JsonShape.of(v.out()));
    JsonObject json = JsonParser.parseString(v.out().strip()).getAsJsonObject();
    double raw = json.get("measuredLatencyMs").getAsDouble();
    double typical = json.get("typicalSpeedLatencyMs").getAsDouble();
    double reference = json.get("referenceMs").getAsDouble();
    double trainingReference = DriftCorrection.medianReferenceMs(LatencyCsv.read(csv).rows());
    assertEquals(raw * trainingReference / reference, typical, 1e-6 * typical);
    double predicted = json.get("predictedLatencyMs").getAsDouble();
    assertEquals((predicted - typical) / typical, json.get("relativeError").getAsDouble(), 1e-9);
  }

  @Test
  void aFileWithoutLatencyColumnsIsRejectedInOneLine() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.csv"), "a,b,c\n1,2,3\n");
    Cli.Result r =
        Cli.run("latency", "train", "--data", bad.toString(), "--out", dir.resolve("p").toString());
    assertEquals(2, r.exitCode());
    assertEquals(
        "automoe: " + bad + ": missing column 'encoder_embed_dim' in the header line",
        r.err().strip());
  }
}
