package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.sql.ValidationException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A body that is the JSON literal null is a 422, never a null object for the handler. */
class JsonCodecNullBodyTest {
  record Pair(long a, long b) {}

  @Test
  void nullLiteralIsRefused() {
    for (String body : new String[] {"null", " null ", "\nnull"}) {
      assertThatThrownBy(() -> JsonCodec.read(body.getBytes(StandardCharsets.UTF_8), Pair.class))
          .as(body)
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("must be a JSON object");
    }
  }
}
