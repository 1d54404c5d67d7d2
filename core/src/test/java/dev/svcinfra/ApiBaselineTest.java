package dev.svcinfra;

import dev.svcinfra.testing.ApiBaseline;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The public types of core are exactly those listed in {@code core/api-baseline.txt}. */
class ApiBaselineTest {
  @Test
  void publicTypesMatchTheReviewedListing() throws IOException {
    ApiBaseline.check(ErrorCode.class);
  }
}
