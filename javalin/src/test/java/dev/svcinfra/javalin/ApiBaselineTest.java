package dev.svcinfra.javalin;

import dev.svcinfra.testing.ApiBaseline;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The public types of the javalin module are exactly those listed in {@code
 * javalin/api-baseline.txt}.
 */
class ApiBaselineTest {
  @Test
  void publicTypesMatchTheReviewedListing() throws IOException {
    ApiBaseline.check(SqlPlugin.class);
  }
}
