package org.automoe.cluster.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects the log events of a block of code, for tests that check what a command reported. */
public final class LogCapture implements AutoCloseable {
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final List<Logger> loggers;

  public LogCapture() {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    appender.setContext(ctx);
    appender.start();
    loggers = List.of(ctx.getLogger(Logger.ROOT_LOGGER_NAME), ctx.getLogger(Logging.AUTOMOE));
    loggers.forEach(l -> l.addAppender(appender));
  }

  /** Every message so far, formatted, in order. */
  public synchronized List<String> messages() {
    return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  /** True when some message contains {@code text}. */
  public boolean contains(String text) {
    return messages().stream().anyMatch(m -> m.contains(text));
  }

  @Override
  public void close() {
    loggers.forEach(l -> l.detachAppender(appender));
    appender.stop();
  }
}
