package dev.svcinfra.spring;

import dev.svcinfra.testing.ApiBaseline;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The public types of the starter are exactly those listed in {@code spring-boot/api-baseline.txt}.
 */
class ApiBaselineTest {
  @Test
  void publicTypesMatchTheReviewedListing() throws IOException {
    ApiBaseline.check(SvcInfraProperties.class);
  }
}
