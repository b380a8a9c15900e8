package org.automoe.cluster.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The one logging path, configured by {@code conf/logback.xml}: the level from {@code
 * --quiet}/{@code --verbose}, and a log file in a run's folder that keeps every line with its time.
 */
public final class Logging {
  /** AutoMoE's own loggers (console progress lines); they do not add to the root's. */
  static final String AUTOMOE = "org.automoe";

  private Logging() {}

  /** Warnings and errors only. */
  static void quiet() {
    level(Level.WARN);
  }

  /** Debug lines of AutoMoE's own code too. */
  static void verbose() {
    context().getLogger(AUTOMOE).setLevel(Level.DEBUG);
  }

  private static void level(Level level) {
    context().getLogger(Logger.ROOT_LOGGER_NAME).setLevel(level);
    context().getLogger(AUTOMOE).setLevel(level);
  }

  /** A log file of every line from now until closed (appended to, so reruns keep history). */
  public static LogFile toFile(Path file) {
    LoggerContext ctx = context();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(ctx);
    encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{24} - %msg%n");
    encoder.start();
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(ctx);
    appender.setName("file " + file);
    appender.setFile(file.toString());
    appender.setAppend(true);
    appender.setEncoder(encoder);
    appender.start();
    List<Logger> loggers = List.of(ctx.getLogger(Logger.ROOT_LOGGER_NAME), ctx.getLogger(AUTOMOE));
    loggers.forEach(l -> l.addAppender(appender));
    return () -> {
      loggers.forEach(l -> l.detachAppender(appender));
      appender.stop();
    };
  }

  /** An open log file; closing detaches it. */
  public interface LogFile extends AutoCloseable {
    @Override
    void close();
  }

  private static LoggerContext context() {
    return (LoggerContext) LoggerFactory.getILoggerFactory();
  }
}
