package dev.svcinfra.cli;

import dev.svcinfra.testing.ApiBaseline;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The public types of the cli module are exactly those listed in {@code cli/api-baseline.txt}. */
class ApiBaselineTest {
  @Test
  void publicTypesMatchTheReviewedListing() throws IOException {
    ApiBaseline.check(Main.class);
  }
}
