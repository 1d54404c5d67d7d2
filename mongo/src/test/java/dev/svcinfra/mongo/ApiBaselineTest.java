package dev.svcinfra.mongo;

import dev.svcinfra.testing.ApiBaseline;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The public types of the mongo module are exactly those listed in {@code mongo/api-baseline.txt}.
 */
class ApiBaselineTest {
  @Test
  void publicTypesMatchTheReviewedListing() throws IOException {
    ApiBaseline.check(Mongo.class);
  }
}
